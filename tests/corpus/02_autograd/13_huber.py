"""Realistic learner answers for exercises/02_autograd/13_huber.py (huber_loss)."""
import torch
import torch.nn.functional as F


# --------------------------------------------------------------------------- right answers

def right__huber_loss__clamp_decomposition(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """alternative | branch-free form: q = min(|d|, delta), loss = 0.5 q² + delta (|d| - q), no torch.where"""
    d = pred - target
    a = d.abs()
    q = a.clamp(max=delta)
    per_elem = 0.5 * q ** 2 + delta * (a - q)
    return per_elem.mean()


def right__huber_loss__reversed_difference(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """alternative | uses target - pred (the loss is symmetric), a boolean mask and masked_fill for the two branches, sum / numel for the mean"""
    e = target - pred
    small = e.abs() <= delta
    quad = (0.5 * e * e).masked_fill(~small, 0)
    lin = (delta * (e.abs() - 0.5 * delta)).masked_fill(small, 0)
    return (quad + lin).sum() / e.numel()


def right__huber_loss__where_mean_method(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """alternative | torch.where with the linear branch as the "condition true" case (|d| > delta) and torch.mean"""
    d = torch.sub(pred, target)
    abs_d = torch.abs(d)
    per_elem = torch.where(abs_d > delta, delta * abs_d - 0.5 * delta * delta, 0.5 * torch.square(d))
    return torch.mean(per_elem)


# --------------------------------------------------------------------------- wrong answers

def wrong__huber_loss__clip_error_forward(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """examples | the classic DQN "error clipping" bug: clamps d in the forward pass and squares it, so large errors cost a constant and get zero gradient | differs when: pred = torch.tensor([0.5, 3.0]), target = torch.zeros(2), delta = 1.0 (0.3125 instead of 1.3125; gradient 0 for the 3.0)"""
    d = (pred - target).clamp(-delta, delta)
    return (0.5 * d ** 2).mean()


def wrong__huber_loss__smooth_l1_unscaled(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """old-api | uses F.smooth_l1_loss(beta=delta) as "the Huber loss" (as older DQN code did): it equals Huber divided by delta, so it is only right for delta = 1 | differs when: pred = torch.tensor([0.5, 3.0]), target = torch.zeros(2), delta = 2.0 (1.03 instead of 2.06)"""
    return F.smooth_l1_loss(pred, target, beta=delta)


def wrong__huber_loss__no_half(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """beginner | quadratic branch d**2 without the 0.5: the two branches do not even meet at |d| = delta | differs when: pred = torch.tensor([0.5, 3.0]), target = torch.zeros(2), delta = 1.0 (1.375 instead of 1.3125)"""
    d = pred - target
    return torch.where(d.abs() <= delta, d ** 2, delta * (d.abs() - 0.5 * delta)).mean()


def wrong__huber_loss__linear_offset_slip(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """subtle | linear branch written delta * |d| - 0.5 * delta (delta² lost): correct only when delta = 1 | differs when: pred = torch.tensor([3.0]), target = torch.zeros(1), delta = 2.0 (5.0 instead of 4.0)"""
    d = pred - target
    return torch.where(d.abs() <= delta, 0.5 * d ** 2, delta * d.abs() - 0.5 * delta).mean()


def wrong__huber_loss__sum_reduction(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """beginner | sums the element costs instead of averaging them | differs when: pred = torch.tensor([0.5, 3.0]), target = torch.zeros(2), delta = 1.0 (2.625 instead of 1.3125)"""
    d = pred - target
    return torch.where(d.abs() <= delta, 0.5 * d ** 2, delta * (d.abs() - 0.5 * delta)).sum()


def wrong__huber_loss__mask_multiply_overflow(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """subtle | blends the branches by multiplying with a 0/1 mask: when the unused quadratic branch overflows to inf, 0 * inf gives NaN | differs when: pred = torch.tensor([300.0], dtype=torch.float16), target = torch.zeros(1, dtype=torch.float16), delta = 1.0 (NaN instead of 299.5), or pred = torch.tensor([1e20]) in float32"""
    d = pred - target
    m = (d.abs() <= delta).to(d.dtype)
    return (m * 0.5 * d ** 2 + (1 - m) * delta * (d.abs() - 0.5 * delta)).mean()


def wrong__huber_loss__detached_abs(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """subtle | computes |d| on d.detach() to build the mask and reuses it in the linear branch: the value is right but the linear branch gets no gradient | differs when: pred = torch.tensor([3.0], requires_grad=True), target = torch.zeros(1), delta = 1.0 (pred.grad 0 instead of 1)"""
    d = pred - target
    a = d.detach().abs()
    return torch.where(a <= delta, 0.5 * d ** 2, delta * (a - 0.5 * delta)).mean()


def wrong__huber_loss__sqrt_abs_nan_grad(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """subtle | writes |d| as sqrt(d**2): inside torch.where the unused branch's backward still runs, and sqrt's derivative at d = 0 is inf, so 0 * inf makes the gradient NaN | differs when: pred = torch.tensor([0.0, 3.0], requires_grad=True), target = torch.zeros(2), delta = 1.0 (pred.grad[0] NaN instead of 0)"""
    d = pred - target
    a = torch.sqrt(d ** 2)
    return torch.where(a <= delta, 0.5 * d ** 2, delta * (a - 0.5 * delta)).mean()


def wrong__huber_loss__keeps_elementwise(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """tf-habit | returns the per-element losses (like a Keras loss with reduction=NONE) instead of their mean: not a 0-dim tensor | differs when: pred = torch.tensor([0.5, 3.0]), target = torch.zeros(2), delta = 1.0 (tensor([0.125, 2.5]))"""
    d = pred - target
    return torch.where(d.abs() <= delta, 0.5 * d ** 2, delta * (d.abs() - 0.5 * delta))


def wrong__huber_loss__float32_upcast(pred: torch.Tensor, target: torch.Tensor, delta: float = 1.0) -> torch.Tensor:
    """subtle | casts the error with .float() "for stability": the loss comes back float32 whatever the input dtype | differs when: pred = torch.tensor([0.5, 3.0], dtype=torch.float64), target = torch.zeros(2, dtype=torch.float64), delta = 1.0"""
    d = (pred - target).float()
    return torch.where(d.abs() <= delta, 0.5 * d ** 2, delta * (d.abs() - 0.5 * delta)).mean()
