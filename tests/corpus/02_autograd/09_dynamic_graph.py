"""Realistic learner answers for exercises/02_autograd/09_dynamic_graph.py (double_until)."""
import torch


# --------------------------------------------------------------------------- right answers

def right__double_until__count_then_scale(x: torch.Tensor, threshold: float) -> tuple[torch.Tensor, int]:
    """alternative | finds k with an untracked doubling loop, then records a single multiplication by 2 ** k (exact: powers of two)"""
    w = x.detach().clone().requires_grad_(True)
    with torch.no_grad():
        probe = w * 2
        k = 1
        while probe.norm() < threshold:
            probe = probe * 2
            k += 1
    y = w * (2.0 ** k)
    y.backward(torch.ones_like(y))
    return w.grad, k


def right__double_until__vector_norm_do_while(x: torch.Tensor, threshold: float) -> tuple[torch.Tensor, int]:
    """alternative | a do-while style `while True` loop with torch.linalg.vector_norm and .mul(2); seed from torch.ones(y.shape, dtype=y.dtype)"""
    w = x.detach().clone()
    w.requires_grad = True
    y = w
    k = 0
    while True:
        y = y.mul(2)
        k += 1
        if not torch.linalg.vector_norm(y) < threshold:
            break
    y.backward(torch.ones(y.shape, dtype=y.dtype))
    return w.grad, k


def _double(y, k, threshold):
    if y.norm() < threshold:
        return _double(y * 2, k + 1, threshold)
    return y, k


def right__double_until__recursive(x: torch.Tensor, threshold: float) -> tuple[torch.Tensor, int]:
    """alternative | recursion instead of a while loop, backward through the weighted sum (y * ones).sum()"""
    with torch.no_grad():
        w = x.clone()
    w.requires_grad_()
    y, k = _double(w * 2, 1, threshold)
    (y * torch.ones_like(y)).sum().backward()
    return w.grad, k


# --------------------------------------------------------------------------- wrong answers

def wrong__double_until__k_misses_first(x: torch.Tensor, threshold: float) -> tuple[torch.Tensor, int]:
    """beginner | counts only the doublings made inside the loop, not the first y = w * 2: k is one too small | differs when: x = torch.tensor([1.0, 0.0]), threshold = 5.0 (k = 2 instead of 3)"""
    w = x.detach().clone().requires_grad_()
    y = w * 2
    k = 0
    while y.norm() < threshold:
        y = y * 2
        k += 1
    y.backward(torch.ones_like(y))
    return w.grad, k


def wrong__double_until__less_or_equal(x: torch.Tensor, threshold: float) -> tuple[torch.Tensor, int]:
    """subtle | loops while y.norm() <= threshold: when the norm lands exactly on the threshold it doubles once more ("reaches" means >=) | differs when: x = torch.tensor([1.0, 0.0]), threshold = 4.0 (k = 3, grad 8 instead of k = 2, grad 4)"""
    w = x.detach().clone().requires_grad_()
    y = w * 2
    k = 1
    while y.norm() <= threshold:
        y = y * 2
        k += 1
    y.backward(torch.ones_like(y))
    return w.grad, k


def wrong__double_until__no_first_doubling(x: torch.Tensor, threshold: float) -> tuple[torch.Tensor, int]:
    """subtle | starts from y = w and only doubles inside the loop: when x is already at or above the threshold it never doubles at all | differs when: x = torch.tensor([10.0, 0.0]), threshold = 5.0 (grad 1, k = 0 instead of grad 2, k = 1)"""
    w = x.detach().clone().requires_grad_()
    y = w
    k = 0
    while y.norm() < threshold:
        y = y * 2
        k += 1
    y.backward(torch.ones_like(y))
    return w.grad, k


def wrong__double_until__bare_backward(x: torch.Tensor, threshold: float) -> tuple[torch.Tensor, int]:
    """beginner | calls y.backward() without a gradient argument: raises "grad can be implicitly created only for scalar outputs" for any x with more than one element | differs when: x = torch.tensor([1.0, 0.0]), threshold = 5.0"""
    w = x.detach().clone().requires_grad_()
    y = w * 2
    k = 1
    while y.norm() < threshold:
        y = y * 2
        k += 1
    y.backward()
    return w.grad, k


def wrong__double_until__loop_under_no_grad(x: torch.Tensor, threshold: float) -> tuple[torch.Tensor, int]:
    """beginner | runs the data-dependent loop under torch.no_grad() "because it is only control flow": the doublings are not recorded, so y has no graph and backward raises once the loop has run | differs when: x = torch.tensor([1.0, 0.0]), threshold = 5.0 (raises "element 0 of tensors does not require grad")"""
    w = x.detach().clone().requires_grad_()
    y = w * 2
    k = 1
    with torch.no_grad():
        while y.norm() < threshold:
            y = y * 2
            k += 1
    y.backward(torch.ones_like(y))
    return w.grad, k


def wrong__double_until__tracks_x_itself(x: torch.Tensor, threshold: float) -> tuple[torch.Tensor, int]:
    """tf-habit | "watches" the input by flipping x.requires_grad_() instead of making a copy (tape.watch(x) habit): x is changed and the gradient is added into x.grad | differs when: x = torch.tensor([1.0, 0.0]), threshold = 5.0 (x.requires_grad is True afterwards)"""
    x.requires_grad_()
    y = x * 2
    k = 1
    while y.norm() < threshold:
        y = y * 2
        k += 1
    y.backward(torch.ones_like(y))
    return x.grad, k


def wrong__double_until__clone_not_leaf(x: torch.Tensor, threshold: float) -> tuple[torch.Tensor, int]:
    """subtle | copies with x.clone().requires_grad_(), not a leaf when x already requires grad: the returned grad is None and x.grad gets the gradient | differs when: x = torch.tensor([1.0, 0.0], requires_grad=True), threshold = 5.0"""
    w = x.clone().requires_grad_()
    y = w * 2
    k = 1
    while y.norm() < threshold:
        y = y * 2
        k += 1
    y.backward(torch.ones_like(y))
    return w.grad, k
