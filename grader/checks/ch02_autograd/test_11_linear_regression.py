"""Checks for exercises/02_autograd/11_linear_regression.py: gradient descent, by hand and SGD.

Both fits start from w = [0, 0] on the same data. The SGD fit must equal the reference's bit
for bit (same arithmetic). The hand-written loop may write its update as
`w.add_(w.grad, alpha=-lr)` (SGD's own arithmetic: the same bits) or as `w -= lr * w.grad` (the
product rounded separately: it can differ in the last bit), so it is compared with the
reference and with torch.optim.SGD run here within 1e-12, far tighter than any real mistake;
after many steps it must reach the least-squares line.
"""

import torch
from hypothesis import strategies as st

from grader.compare import Tolerance, first_difference
from grader.mistakes import mistake


def line_data(n, seed, slope=14.4, intercept=7.5, noise=2.5):
    """x uniform in [-5, 5), y = slope * x + intercept + normal noise, float64."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.rand(n, dtype=torch.float64, generator=gen) * 10 - 5
    y = slope * x + intercept + noise * torch.randn(n, dtype=torch.float64, generator=gen)
    return x, y


@st.composite
def fit_args(draw):
    x, y = line_data(draw(st.integers(5, 60)), draw(st.integers(0, 10_000)),
                     draw(st.floats(-20, 20)), draw(st.floats(-10, 10)))
    return {"x": x, "y": y, "lr": draw(st.sampled_from([1e-3, 5e-4, 1e-4])),
            "steps": draw(st.integers(1, 25))}


def sgd_fit(x, y, lr, steps):
    """torch.optim.SGD on the line's sum of squared errors, run in the grader."""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        ((y - (w[1] * x + w[0])) ** 2).sum().backward()
        optimizer.step()
    return w.detach()


def least_squares(x, y):
    a = torch.stack([torch.ones_like(x), x], dim=1)  # (N, 2)
    return torch.linalg.lstsq(a, y[:, None]).solution[:, 0]


TIGHT = Tolerance(rtol=1e-12, atol=1e-12)


def expect_like_sgd_and_least_squares(kata, target):
    x, y = line_data(40, seed=7)
    w, _ = kata.call(target, x=x, y=y, lr=1e-3, steps=10)
    expected = sgd_fit(x, y, 1e-3, 10)
    kata.expect(first_difference(expected, w, TIGHT) is None,
                f"{target} after 10 steps should equal torch.optim.SGD(lr=1e-3): "
                f"expected {expected.tolist()}, got {w.tolist()}.")
    w, losses = kata.call(target, x=x, y=y, lr=1e-3, steps=1000)
    best = least_squares(x, y)
    kata.expect(first_difference(best, w, Tolerance(atol=1e-6, rtol=0)) is None,
                f"{target} after 1000 steps should reach the least-squares line w = "
                f"{best.tolist()}, got {w.tolist()}.")
    kata.expect(losses[-1] < losses[0], f"{target}: the loss should go down.")


DEFAULTS = dict(zip(("x", "y"), line_data(30, seed=3)))
"""No lr and no steps: the defaults the docstring promises (1e-3, 10) must be the ones used."""


def test_fit_line_manual(kata):
    kata.compare("fit_line_manual", fit_args(), rtol=1e-12, atol=1e-12, max_examples=6,
                 examples=[DEFAULTS])
    expect_like_sgd_and_least_squares(kata, "fit_line_manual")


def test_fit_line_sgd(kata):
    kata.compare("fit_line_sgd", fit_args(), exact=True, max_examples=6, examples=[DEFAULTS])
    expect_like_sgd_and_least_squares(kata, "fit_line_sgd")


@mistake("fit_line_manual", diagnosis="the gradient was never cleared, so each backward added "
         "to the old gradients and the steps kept growing. Set w.grad = None (or "
         "w.grad.zero_()) after each update.")
def forgets_to_clear(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
    return w.detach(), losses


@mistake("fit_line_manual", diagnosis="the loss was a mean, not the sum line_sse gives: the "
         "gradient shrinks by the number of points, like an N times smaller learning rate. "
         "Use line_sse(w, x, y).")
def mean_not_sum(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((y - (w[1] * x + w[0])) ** 2).mean()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad = None
    return w.detach(), losses


@mistake("fit_line_manual", diagnosis="`w = w - lr * w.grad` made w a new, non-leaf tensor, "
         "whose .grad autograd does not fill: the next step found w.grad = None. Update in "
         "place: `with torch.no_grad(): w -= lr * w.grad`.")
def rebinds_w(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        w = w - lr * w.grad
    return w.detach(), losses


@mistake("fit_line_manual", diagnosis="an in-place update of a leaf that requires grad was "
         "recorded by autograd (\"a leaf Variable that requires grad is being used in an "
         "in-place operation\"): do it inside `with torch.no_grad():`.")
def inplace_outside_no_grad(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        w -= lr * w.grad
        w.grad = None
    return w.detach(), losses


@mistake("fit_line_manual", diagnosis="the losses list holds tensors: loss.item() turns the "
         "0-dim loss into a Python float (and lets the graph go).")
def keeps_loss_tensors(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss)
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad = None
    return w.detach(), losses


@mistake("fit_line_sgd", diagnosis="optimizer.zero_grad() was never called, so the gradients "
         "of all earlier steps were added again at every step. Call it at the start of each "
         "step.")
def forgets_zero_grad(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    losses = []
    for _ in range(steps):
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.detach(), losses


@mistake("fit_line_sgd", diagnosis="zero_grad() ran between backward() and step(), wiping the "
         "fresh gradient, so step() had nothing to apply. Order: zero_grad, forward, backward, "
         "step.")
def zero_grad_before_step(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    losses = []
    for _ in range(steps):
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
    return w.detach(), losses
