"""Checks for exercises/02_autograd/11_linear_regression.py: gradient descent, by hand and SGD.

Both fits start from w = [0, 0] on the same data, in float64 and in float32 (w must take x's
dtype). The SGD fit must equal the reference's bit for bit (same arithmetic). The hand-written
loop may write its update as `w.add_(w.grad, alpha=-lr)` (SGD's own arithmetic: the same bits) or
as `w -= lr * w.grad` (the product rounded separately: it can differ in the last bit), so in
float64 it is compared with the reference and with torch.optim.SGD run here within 1e-12, far
tighter than any real mistake (in float32 within 1e-5); after many steps it must reach the
least-squares line.
"""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch02_autograd._inputs import shown_as
from grader.compare import Tolerance, first_difference
from grader.mistakes import mistake


def line_data(n, seed, slope=14.4, intercept=7.5, noise=2.5, dtype=torch.float64):
    """x uniform in [-5, 5), y = slope * x + intercept + normal noise; shown as the code that
    makes them again."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.rand(n, dtype=torch.float64, generator=gen) * 10 - 5
    y = slope * x + intercept + noise * torch.randn(n, dtype=torch.float64, generator=gen)
    cast = "" if dtype == torch.float64 else f".to({dtype})"
    x = shown_as(x.to(dtype), f"(torch.rand({n}, dtype=torch.float64, generator=g) * 10 - 5)"
                 f"{cast}  with g = torch.Generator().manual_seed({seed})")
    y = shown_as(y.to(dtype), f"({slope!r} * x + {intercept!r} + {noise!r} * torch.randn({n}, "
                 f"dtype=torch.float64, generator=g)){cast}  with x as float64 and g after x")
    return x, y


def fit_args(dtype=torch.float64):
    @st.composite
    def draw_fit(draw):
        if dtype == torch.float64:
            corners.reach("float64")
        x, y = line_data(draw(st.integers(5, 60)), draw(st.integers(0, 10_000)),
                         draw(st.floats(-20, 20)), draw(st.floats(-10, 10)), dtype=dtype)
        return {"x": x, "y": y, "lr": draw(st.sampled_from([1e-3, 5e-4, 1e-4])),
                "steps": draw(st.integers(1, 25))}

    return draw_fit()


def sgd_fit(_target, x, y, lr, steps):
    """torch.optim.SGD on the line's sum of squared errors (a probe: it runs in the trusted
    worker, never in the grader's process, whose forked workers would lose autograd)."""
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
    expected = kata.call(target, x=x, y=y, lr=1e-3, steps=10, side="reference", probe=sgd_fit)
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
FLOAT32 = dict(zip(("x", "y"), line_data(30, seed=3, dtype=torch.float32)))


def test_fit_line_manual(kata):
    kata.compare("fit_line_manual", fit_args(), rtol=1e-12, atol=1e-12, max_examples=6,
                 examples=[DEFAULTS])
    kata.compare("fit_line_manual", fit_args(torch.float32), rtol=1e-5, atol=1e-6,
                 max_examples=3, examples=[FLOAT32])
    expect_like_sgd_and_least_squares(kata, "fit_line_manual")


def test_fit_line_sgd(kata):
    kata.compare("fit_line_sgd", fit_args(), exact=True, max_examples=6, examples=[DEFAULTS])
    kata.compare("fit_line_sgd", fit_args(torch.float32), exact=True, max_examples=3,
                 examples=[FLOAT32])
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


@mistake("fit_line_manual", diagnosis="w was made with the default dtype (float32), not x's: "
         "a float64 fit is computed partly in float32 and returns a float32 w. Make it with "
         "torch.zeros(2, dtype=x.dtype, requires_grad=True).")
def float32_weights(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad = None
    return w.detach(), losses


@mistake("fit_line_manual", diagnosis="each recorded loss was measured after the update, so the "
         "list is shifted by one step: record loss.item() of the loss you backpropagate, before "
         "updating w.")
def loss_after_update(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            losses.append(((y - (w[1] * x + w[0])) ** 2).sum().item())
        w.grad = None
    return w.detach(), losses


@mistake("fit_line_manual", diagnosis="the loss was F.smooth_l1_loss (as in pytorch/examples' "
         "regression script), not line_sse, the sum of squared errors: use line_sse(w, x, y) as "
         "given.")
def smooth_l1_loss(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        output = F.smooth_l1_loss(w[1] * x + w[0], y)
        losses.append(output.item())
        w.grad = None
        output.backward()
        w.data.add_(-lr * w.grad)
    return w.detach(), losses


@mistake("fit_line_manual", diagnosis="w itself was returned, still requiring grad: return "
         "w.detach(), the values without the autograd tracking.")
def returns_tracked_w(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad = None
    return w, losses


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


@mistake("fit_line_sgd", diagnosis="SGD was given momentum (as in pytorch/examples' MNIST "
         "script): that is no longer plain gradient descent. Use torch.optim.SGD([w], lr=lr).")
def with_momentum(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr, momentum=0.5)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.detach(), losses


@mistake("fit_line_sgd", diagnosis="an optimizer takes an iterable of tensors (\"params argument "
         "given to the optimizer should be an iterable of Tensors or dicts\"): pass a list, "
         "torch.optim.SGD([w], lr=lr).")
def tensor_not_list(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD(w, lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.detach(), losses


@mistake("fit_line_sgd", diagnosis="torch.optim.SGD calls the learning rate lr (Keras says "
         "learning_rate): torch.optim.SGD([w], lr=lr).")
def keras_learning_rate(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], learning_rate=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.detach(), losses


@mistake("fit_line_sgd", diagnosis="w was made with the default dtype (float32), not x's: a "
         "float64 fit returns a float32 w with float32 rounding. Make it with "
         "torch.zeros(2, dtype=x.dtype, requires_grad=True) (or nn.Parameter of that).")
def float32_parameter(x, y, lr=1e-3, steps=10):
    w = torch.nn.Parameter(torch.zeros(2))
    optimizer = torch.optim.SGD([w], lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.detach(), losses


@mistake("fit_line_sgd", diagnosis="a loss was also recorded after the last step: losses must "
         "hold one value per step, the loss each step backpropagated.")
def extra_final_loss(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        losses.append(((y - (w[1] * x + w[0])) ** 2).sum().item())
    return w.detach(), losses
