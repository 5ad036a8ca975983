"""Realistic learner answers for exercises/02_autograd/02_backward.py (mean_square_grads)."""
import torch
from torch.autograd import Variable


# --------------------------------------------------------------------------- right answers

def right__mean_square_grads__autograd_backward(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """alternative | calls torch.autograd.backward(out) instead of out.backward(), leaf made with detach().clone()"""
    w = x.detach().clone()
    w.requires_grad_(True)
    y = w + 7
    z = 3 * y * y
    z.retain_grad()
    out = z.mean()
    torch.autograd.backward(out)
    return w, z


def right__mean_square_grads__retain_late_explicit_seed(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """alternative | retain_grad() called after building out (still before backward) and backward seeded with ones_like(out)"""
    with torch.no_grad():
        w = x.clone()
    w.requires_grad = True
    y = w + 7
    z = 3 * y * y
    out = z.mean()
    z.retain_grad()
    out.backward(torch.ones_like(out))
    return w, z


def right__mean_square_grads__method_calls(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """alternative | y built with w.add(7), leaf copied via empty_like + copy_ under no_grad, tensors kept in a dict"""
    w = torch.empty_like(x)
    with torch.no_grad():
        w.copy_(x)
    w.requires_grad_()
    t = {}
    t["y"] = w.add(7)
    t["z"] = 3 * t["y"] * t["y"]
    t["z"].retain_grad()
    t["z"].mean().backward()
    return w, t["z"]


# --------------------------------------------------------------------------- wrong answers

def wrong__mean_square_grads__no_retain_grad(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """beginner | forgets z.retain_grad(): z is not a leaf, so z.grad stays None after backward | differs when: x = torch.ones(2, 2) (z.grad is None instead of 0.25 everywhere)"""
    w = x.detach().clone().requires_grad_()
    y = w + 7
    z = 3 * y * y
    out = z.mean()
    out.backward()
    return w, z


def wrong__mean_square_grads__tape_gradient_habit(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """tf-habit | returns the gradients themselves, as tape.gradient(out, [w, z]) would, instead of the tensors w and z that hold them | differs when: x = torch.ones(2, 2) (first item holds 12s, not the values of w, and its .grad is None)"""
    w = x.detach().clone().requires_grad_()
    y = w + 7
    z = 3 * y * y
    z.retain_grad()
    out = z.mean()
    out.backward()
    return w.grad, z.grad


def wrong__mean_square_grads__tutorial_plus_two(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """examples | copied from the official "Autograd" tutorial, which uses y = x + 2, not + 7: w.grad is 6 (w + 2) / n | differs when: x = torch.ones(2, 2) (w.grad 4.5 instead of 12)"""
    w = x.detach().clone().requires_grad_()
    y = w + 2
    z = y * y * 3
    z.retain_grad()
    out = z.mean()
    out.backward()
    return w, z


def wrong__mean_square_grads__variable_alias(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """old-api | Variable(x, requires_grad=True) does not copy any more: w shares memory with x, so later updates of w change x | differs when: x = torch.ones(2, 2) (w.data_ptr() == x.data_ptr())"""
    w = Variable(x, requires_grad=True)
    y = w + 7
    z = 3 * y * y
    z.retain_grad()
    out = z.mean()
    out.backward()
    return w, z


def wrong__mean_square_grads__clone_not_leaf(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """subtle | w = x.clone().requires_grad_() is not a leaf when x already requires grad: w.grad stays None and the gradient lands in x.grad, changing x | differs when: x = torch.ones(2, 2, requires_grad=True)"""
    w = x.clone().requires_grad_()
    y = w + 7
    z = 3 * y * y
    z.retain_grad()
    out = z.mean()
    out.backward()
    return w, z


def wrong__mean_square_grads__float_leaf(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """subtle | makes the leaf with .float(), so w, z and the gradients are float32 whatever the dtype of x | differs when: x = torch.ones(2, 2, dtype=torch.float64)"""
    w = x.detach().float().requires_grad_()
    y = w + 7
    z = 3 * y * y
    z.retain_grad()
    out = z.mean()
    out.backward()
    return w, z


def wrong__mean_square_grads__return_detached(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """subtle | returns w.detach() and z.detach() "to be clean": detach gives new tensor objects whose .grad is None | differs when: x = torch.ones(2, 2) (returned w.grad and z.grad are None)"""
    w = x.detach().clone().requires_grad_()
    y = w + 7
    z = 3 * y * y
    z.retain_grad()
    out = z.mean()
    out.backward()
    return w.detach(), z.detach()


def wrong__mean_square_grads__sum_not_mean(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """beginner | out = z.sum() instead of z.mean(): the gradients are n times too large | differs when: x = torch.ones(2, 2) (w.grad 48, z.grad 1)"""
    w = x.detach().clone().requires_grad_()
    y = w + 7
    z = 3 * y * y
    z.retain_grad()
    z.sum().backward()
    return w, z
