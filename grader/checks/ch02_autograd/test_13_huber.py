"""Checks for exercises/02_autograd/13_huber.py: the Huber loss and its gradient.

Beside the differential check, value and gradient on fixed examples are compared with
torch.nn.functional.huber_loss run in the grader. The learner must write the formula: the probe
watches F.huber_loss (and the function behind it, which nn.HuberLoss calls too) during the call.
Inputs reach every float dtype, 0-d and empty tensors, non-contiguous ones, errors of exactly 0
and magnitudes whose square overflows; float16 and bfloat16 are compared more loosely (equally
right formulas round differently there).
"""

import contextlib

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import corners
from grader.checks._patch import namespaces_of, patched
from grader.checks.ch02_autograd._inputs import literal
from grader.compare import first_difference
from grader.mistakes import mistake

CORNERS = ("zero_dim", "empty", "size_one", "noncontiguous", "requires_grad", "negative",
           "extreme")
LOW = (torch.float16, torch.bfloat16)


@contextlib.contextmanager
def library_watched(target):
    """Records every call of F.huber_loss (or of the function behind it) while the block runs."""
    used = []
    functional, native = F.huber_loss, torch._C._nn.huber_loss

    def watched_functional(*args, **kwargs):
        used.append("F.huber_loss")
        return functional(*args, **kwargs)

    def watched_native(*args, **kwargs):
        used.append("huber_loss")
        return native(*args, **kwargs)

    with patched((F, "huber_loss", watched_functional),
                 (torch._C._nn, "huber_loss", watched_native), reaching=namespaces_of(target)):
        yield used


def loss_and_grad(huber_loss, pred, target, delta):
    """calls huber_loss(pred, target, delta) with pred a leaf that requires grad, then backward"""
    pred = pred.detach().requires_grad_(True)
    with library_watched(huber_loss) as used:
        loss = huber_loss(pred, target, delta)
    loss.backward()
    return {"loss": loss.detach(), "loss.requires_grad": loss.requires_grad, "pred.grad": pred.grad,
            "F.huber_loss or nn.HuberLoss was used": bool(used)}


def loss_and_grad_default_delta(huber_loss, pred, target):
    """calls huber_loss(pred, target) without delta (its default, 1.0), then backward"""
    pred = pred.detach().requires_grad_(True)
    loss = huber_loss(pred, target)
    loss.backward()
    return {"loss": loss.detach(), "pred.grad": pred.grad}


def huber_args(dtypes, extreme=False):
    """Extreme magnitudes only in float16/bfloat16: in float32 the mean of several values near
    the dtype's limit overflows in some right ways of summing and not in others."""
    drawn = CORNERS if extreme else tuple(c for c in CORNERS if c != "extreme")

    @st.composite
    def draw_huber(draw):
        shape = draw(corners.shapes(max_dims=2, corners=drawn))
        dtype = draw(st.sampled_from(dtypes))
        return {"pred": draw(corners.tensors(shape, (dtype,), -6, 6, corners=drawn)),
                "target": draw(corners.tensors(shape, (dtype,), -6, 6, corners=drawn)),
                "delta": draw(st.sampled_from([0.5, 1.0, 2.0]) | st.floats(0.1, 4.0))}

    return draw_huber()


def tensor(values, dtype=torch.float64):
    return literal(values, dtype)


FIXED = {"pred": tensor([0.5, 3.0, -2.5, 0.1]), "target": tensor([0.0, 0.0, 0.0, -0.1])}
EXAMPLES = [  # first the inputs that tell the known mistakes apart
    {**FIXED, "delta": 2.0},
    {"pred": tensor([0.0, 3.0]), "target": tensor([0.0, 0.0]), "delta": 1.0},  # d = 0 exactly
    {"pred": tensor([300.0, 0.5], torch.float16), "target": tensor([0.0, 0.0], torch.float16),
     "delta": 1.0},  # d ** 2 overflows float16
]


def test_huber_loss(kata):
    kata.compare("huber_loss", huber_args((torch.float32, torch.float64)), probe=loss_and_grad,
                 max_examples=12, examples=EXAMPLES[:2])
    kata.compare("huber_loss", huber_args(LOW, extreme=True), probe=loss_and_grad, max_examples=6,
                 examples=EXAMPLES[2:], rtol=2e-2, atol=1e-2)
    kata.compare("huber_loss", FIXED, probe=loss_and_grad_default_delta)
    for delta in (0.5, 1.0, 2.0):
        got = kata.call("huber_loss", FIXED["pred"], FIXED["target"], delta, probe=loss_and_grad)
        want = kata.call("huber_loss", FIXED["pred"], FIXED["target"], delta, side="reference",
                         probe=torch_huber)
        kata.expect(first_difference([want["loss"], want["pred.grad"]],
                                     [got["loss"], got["pred.grad"]]) is None,
                    f"huber_loss(delta={delta}) should agree with F.huber_loss: expected loss "
                    f"{want['loss'].item()} and gradient {want['pred.grad'].tolist()}, got "
                    f"{got['loss']} and {got['pred.grad']}.")


def torch_huber(_huber_loss, pred, target, delta):
    """F.huber_loss and its gradient (a probe: backward passes run in workers, never in the
    grader's process, whose forked workers would lose autograd)."""
    pred = pred.detach().clone().requires_grad_(True)
    loss = F.huber_loss(pred, target, delta=delta)
    loss.backward()
    return {"loss": loss.detach(), "pred.grad": pred.grad}


@mistake("huber_loss", diagnosis="the error was clipped in the forward pass, so the loss is flat "
         "beyond delta and large errors get a zero gradient (the classic DQN bug). Huber clips "
         "the *gradient*: keep the linear branch delta * (|d| - 0.5 * delta).")
def clips_error_in_forward(pred, target, delta=1.0):
    d = (pred - target).clamp(-delta, delta)
    return (0.5 * d ** 2).mean()


@mistake("huber_loss", diagnosis="that is the squared loss: its gradient grows with the error, "
         "so outliers dominate. Beyond |d| > delta Huber is linear: delta * (|d| - 0.5 * delta).")
def squared_loss(pred, target, delta=1.0):
    return (0.5 * (pred - target) ** 2).mean()


@mistake("huber_loss", diagnosis="smooth_l1_loss with beta=delta equals Huber divided by delta "
         "(they agree only for delta = 1). Write the Huber formula itself.")
def smooth_l1_confusion(pred, target, delta=1.0):
    import torch.nn.functional as F

    return F.smooth_l1_loss(pred, target, beta=delta)


@mistake("huber_loss", diagnosis="the per-element losses were summed, not averaged: loss and "
         "gradient are n times too large. Use .mean().")
def sum_not_mean(pred, target, delta=1.0):
    d = pred - target
    return torch.where(d.abs() <= delta, 0.5 * d ** 2, delta * (d.abs() - 0.5 * delta)).sum()


@mistake("huber_loss", diagnosis="F.huber_loss (or nn.HuberLoss) is what this exercise asks you "
         "to write yourself, with tensor operations: torch.where(|d| <= delta, 0.5 * d ** 2, "
         "delta * (|d| - 0.5 * delta)).mean().")
def uses_library_huber(pred, target, delta=1.0):
    import torch.nn.functional as F

    return F.huber_loss(pred, target, delta=delta)


@mistake("huber_loss", diagnosis="the quadratic branch lost its 0.5: Huber is 0.5 * d ** 2 where "
         "|d| <= delta (so that the two branches meet at |d| = delta).")
def no_half(pred, target, delta=1.0):
    d = pred - target
    return torch.where(d.abs() <= delta, d ** 2, delta * (d.abs() - 0.5 * delta)).mean()


@mistake("huber_loss", diagnosis="the linear branch was written delta * |d| - 0.5 * delta: it "
         "is delta * (|d| - 0.5 * delta), i.e. minus 0.5 * delta ** 2 (the two agree only for "
         "delta = 1).")
def linear_offset_slip(pred, target, delta=1.0):
    d = pred - target
    return torch.where(d.abs() <= delta, 0.5 * d ** 2, delta * d.abs() - 0.5 * delta).mean()


@mistake("huber_loss", diagnosis="the branches were blended by multiplying with a 0/1 mask: "
         "where the unused quadratic branch overflows to inf, 0 * inf gives NaN. Pick per "
         "element with torch.where.")
def mask_multiply(pred, target, delta=1.0):
    d = pred - target
    m = (d.abs() <= delta).to(d.dtype)
    return (m * 0.5 * d ** 2 + (1 - m) * delta * (d.abs() - 0.5 * delta)).mean()


@mistake("huber_loss", diagnosis="|d| was taken from d.detach(), and the linear branch uses it: "
         "the value is right but large errors get no gradient. Use d.abs() on d itself (detach "
         "nothing).")
def detached_abs(pred, target, delta=1.0):
    d = pred - target
    a = d.detach().abs()
    return torch.where(a <= delta, 0.5 * d ** 2, delta * (a - 0.5 * delta)).mean()


@mistake("huber_loss", diagnosis="|d| written as sqrt(d ** 2) has an infinite derivative at "
         "d = 0, and torch.where still runs the unused branch's backward: 0 * inf makes the "
         "gradient NaN (and d ** 2 can overflow). Use d.abs().")
def sqrt_of_square(pred, target, delta=1.0):
    d = pred - target
    a = torch.sqrt(d ** 2)
    return torch.where(a <= delta, 0.5 * d ** 2, delta * (a - 0.5 * delta)).mean()


@mistake("huber_loss", diagnosis="the per-element losses were returned: the loss is their "
         "mean, a 0-dim tensor (.mean()).")
def keeps_elementwise(pred, target, delta=1.0):
    d = pred - target
    return torch.where(d.abs() <= delta, 0.5 * d ** 2, delta * (d.abs() - 0.5 * delta))


@mistake("huber_loss", diagnosis=".float() made the loss float32 whatever the inputs' dtype: "
         "compute in the inputs' dtype.")
def float32_upcast(pred, target, delta=1.0):
    d = (pred - target).float()
    return torch.where(d.abs() <= delta, 0.5 * d ** 2, delta * (d.abs() - 0.5 * delta)).mean()
