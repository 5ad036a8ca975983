"""Realistic learner answers for exercises/02_autograd/06_no_grad.py (predict_no_grad)."""
import torch
from torch.autograd import Variable


# --------------------------------------------------------------------------- right answers

def right__predict_no_grad__detach_both(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """alternative | no context manager: multiplies detached views of both operands, so nothing is recorded even if x is tracked"""
    return x.detach() @ w.detach()


def right__predict_no_grad__set_grad_enabled_block(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """alternative | uses torch.set_grad_enabled(False) as a context manager (scoped, restores the previous mode) and torch.matmul"""
    with torch.set_grad_enabled(False):
        out = torch.matmul(x, w)
    return out


def right__predict_no_grad__save_and_restore(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """alternative | switches grad mode off by hand and restores the saved previous mode in a finally block"""
    previous = torch.is_grad_enabled()
    torch.set_grad_enabled(False)
    try:
        return x @ w
    finally:
        torch.set_grad_enabled(previous)


def right__predict_no_grad__decorated_helper(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """alternative | torch.no_grad() used as a decorator on a small inner function"""
    @torch.no_grad()
    def _forward(weight, batch):
        return batch.mm(weight)
    return _forward(w, x)


def right__predict_no_grad__detach_result(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """alternative | computes with the graph and cuts the result loose in place with detach_() (works: the product is not a view)"""
    out = x @ w
    out.detach_()
    return out


# --------------------------------------------------------------------------- wrong answers

def wrong__predict_no_grad__global_switch_off(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """tf-habit | calls torch.set_grad_enabled(False) on its own, like a global setting, and never turns it back on: autograd stays off for all later code | differs when: any input, e.g. w = torch.ones(3, 2, requires_grad=True), x = torch.ones(4, 3) (torch.is_grad_enabled() is False afterwards)"""
    torch.set_grad_enabled(False)
    return x @ w


def wrong__predict_no_grad__reenable_unconditionally(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """subtle | switches grad off and then back ON instead of restoring the previous mode: called inside a torch.no_grad() block it turns autograd on for the caller | differs when: called under torch.no_grad() (torch.is_grad_enabled() is True afterwards instead of False)"""
    torch.set_grad_enabled(False)
    out = x @ w
    torch.set_grad_enabled(True)
    return out


def wrong__predict_no_grad__freeze_weight(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """beginner | turns requires_grad off on w itself: the output is untracked but the caller's weight is no longer trainable | differs when: w = torch.ones(3, 2, requires_grad=True), x = torch.ones(4, 3) (w.requires_grad is False afterwards)"""
    w.requires_grad_(False)
    return x @ w


def wrong__predict_no_grad__detach_weight_in_place(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """beginner | w.detach_() detaches the caller's weight in place instead of returning a detached view: w stops requiring grad | differs when: w = torch.ones(3, 2, requires_grad=True), x = torch.ones(4, 3) (w.requires_grad is False afterwards)"""
    w.detach_()
    return x @ w


def wrong__predict_no_grad__volatile(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """old-api | wraps the input in Variable(x, volatile=True), a flag that has no effect since 0.4: the product is recorded (grad_fn MmBackward, requires_grad True) | differs when: w = torch.ones(3, 2, requires_grad=True), x = torch.ones(4, 3)"""
    x = Variable(x, volatile=True)
    return x @ w


def wrong__predict_no_grad__set_flag_on_result(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """beginner | computes x @ w and then sets out.requires_grad = False, which raises on a non-leaf ("you can only change requires_grad flags of leaf variables") | differs when: w = torch.ones(3, 2, requires_grad=True), x = torch.ones(4, 3)"""
    out = x @ w
    out.requires_grad = False
    return out


def wrong__predict_no_grad__no_grad_too_late(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """subtle | computes the product before entering the block and only returns inside torch.no_grad(): the result was already recorded (has grad_fn, requires_grad True) | differs when: w = torch.ones(3, 2, requires_grad=True), x = torch.ones(4, 3)"""
    out = x @ w
    with torch.no_grad():
        return out


def wrong__predict_no_grad__detach_weight_only(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """subtle | detaches only w: if the batch x is itself tracked (output of an earlier layer), x @ w.detach() is still recorded | differs when: w = torch.ones(3, 2, requires_grad=True), x = torch.ones(4, 3, requires_grad=True) (result has grad_fn)"""
    return x @ w.detach()
