"""Realistic learner answers for exercises/02_autograd/10_manual_step.py (manual_gd_step)."""
import torch


# --------------------------------------------------------------------------- right answers

def right__manual_gd_step__sub_and_zero(w: torch.Tensor, lr: float) -> None:
    """alternative | w.sub_(lr * w.grad) under no_grad, then clears with w.grad.zero_() instead of setting None"""
    with torch.no_grad():
        w.sub_(lr * w.grad)
    w.grad.zero_()


def right__manual_gd_step__copy_new_value(w: torch.Tensor, lr: float) -> None:
    """alternative | computes the new value out of place and writes it back with copy_ inside set_grad_enabled(False)"""
    with torch.set_grad_enabled(False):
        new_value = w - lr * w.grad
        w.copy_(new_value)
    w.grad = None


def right__manual_gd_step__detached_alias(w: torch.Tensor, lr: float) -> None:
    """alternative | updates through w.detach(), which shares storage and version counter with w, so autograd still sees the change"""
    w.detach().sub_(lr * w.grad)
    w.grad = None


def right__manual_gd_step__sgd_style_add(w: torch.Tensor, lr: float) -> None:
    """alternative | the way torch.optim.SGD writes it: w.add_(w.grad, alpha=-lr) (may differ from w - lr * w.grad in the last bit)"""
    with torch.no_grad():
        w.add_(w.grad, alpha=-lr)
    w.grad = None


# --------------------------------------------------------------------------- wrong answers

def wrong__manual_gd_step__rebinds_name(w: torch.Tensor, lr: float) -> None:
    """beginner | `w = w - lr * w.grad` under no_grad only rebinds the local name to a new tensor: the caller's w keeps its old values and its gradient | differs when: w = torch.tensor([1.0, 2.0], requires_grad=True) with w.grad = [2., 4.], lr = 0.1 (w stays [1, 2])"""
    with torch.no_grad():
        w = w - lr * w.grad
    w.grad = None


def wrong__manual_gd_step__no_no_grad(w: torch.Tensor, lr: float) -> None:
    """beginner | updates in place outside torch.no_grad(): raises "a leaf Variable that requires grad is being used in an in-place operation" | differs when: w = torch.tensor([1.0, 2.0], requires_grad=True) with w.grad = [2., 4.], lr = 0.1"""
    w -= lr * w.grad
    w.grad = None


def wrong__manual_gd_step__keeps_gradient(w: torch.Tensor, lr: float) -> None:
    """tf-habit | updates correctly but never clears the gradient (tape.gradient returns fresh values each time, so a TF user does not think of it): the next backward adds to it | differs when: w = torch.tensor([1.0, 2.0], requires_grad=True) with w.grad = [2., 4.], lr = 0.1 (w.grad still [2, 4])"""
    with torch.no_grad():
        w -= lr * w.grad


def wrong__manual_gd_step__data_idiom(w: torch.Tensor, lr: float) -> None:
    """old-api | the old `w.data -= lr * w.grad.data` idiom: values are right but the change bypasses autograd's version counter, so a graph that saved w silently uses the new values instead of raising | differs when: w = torch.tensor([1.0, 2.0], requires_grad=True), keep = w * w, (w ** 2).sum().backward(), then the step (w._version unchanged; a later keep.sum().backward() succeeds with wrong values)"""
    w.data -= lr * w.grad.data
    w.grad.data.zero_()


def wrong__manual_gd_step__zero_before_update(w: torch.Tensor, lr: float) -> None:
    """subtle | clears the gradient first ("zero_grad at the start", as in a training loop) and then steps with the zeroed gradient: w does not move | differs when: w = torch.tensor([1.0, 2.0], requires_grad=True) with w.grad = [2., 4.], lr = 0.1 (w stays [1, 2])"""
    w.grad.zero_()
    with torch.no_grad():
        w -= lr * w.grad


def wrong__manual_gd_step__returns_w(w: torch.Tensor, lr: float) -> None:
    """subtle | does the step correctly but returns w (functional habit) although the function must return nothing | differs when: w = torch.tensor([1.0, 2.0], requires_grad=True) with w.grad = [2., 4.], lr = 0.1 (returns w instead of None)"""
    with torch.no_grad():
        w -= lr * w.grad
    w.grad = None
    return w


def wrong__manual_gd_step__gradient_ascent(w: torch.Tensor, lr: float) -> None:
    """beginner | adds the gradient instead of subtracting it (w += lr * w.grad): a step uphill | differs when: w = torch.tensor([1.0, 2.0], requires_grad=True) with w.grad = [2., 4.], lr = 0.1 (w becomes [1.2, 2.4])"""
    with torch.no_grad():
        w += lr * w.grad
    w.grad = None


def wrong__manual_gd_step__replace_data(w: torch.Tensor, lr: float) -> None:
    """subtle | assigns w.data = w - lr * w.grad: w now points at new storage, so other holders of the old storage (views, an optimizer's buffers, w.detach() aliases) keep the old values, and autograd is bypassed | differs when: w = torch.tensor([1.0, 2.0], requires_grad=True), alias = w.detach() taken before the step, w.grad = [2., 4.], lr = 0.1 (alias stays [1, 2])"""
    with torch.no_grad():
        w.data = w - lr * w.grad
    w.grad = None
