"""Checks for exercises/02_autograd/09_dynamic_graph.py: a data-dependent loop."""

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch02_autograd._inputs import literal
from grader.mistakes import mistake

CORNERS = ("zero_dim", "size_one", "noncontiguous", "view_of_buffer", "requires_grad",
           "negative")


@st.composite
def doubling_args(draw):
    dtype = draw(st.sampled_from(corners.FLOATS))
    low = dtype in (torch.float16, torch.bfloat16)  # 2 ** k must stay finite: k <= 15
    x = draw(corners.tensors(dtypes=(dtype,), min_value=-10, max_value=10, corners=CORNERS)
             .filter(lambda t: float(t.detach().double().norm()) > (0.1 if low else 0.01)))
    return {"x": x, "threshold": draw(st.floats(0.01, 100.0 if low else 1e5))}


def test_double_until(kata):
    kata.compare("double_until", doubling_args(), exact=True, max_examples=14, examples=[
        # first the inputs that tell the known mistakes apart
        {"x": literal([1.0, 0.0]), "threshold": 5.0},
        {"x": literal([1.0, 0.0]), "threshold": 4.0},  # lands exactly on the threshold
        {"x": literal([100.0, 0.0]), "threshold": 5.0},
        {"x": literal([1.0, 0.0], requires_grad=True), "threshold": 5.0},
        {"x": literal([3.0, -4.0]), "threshold": 1000.0},
    ])


@mistake("double_until", diagnosis="the norm was tested before the first doubling, so an x "
         "that is already large enough is never doubled. Double once first (y = w * 2, k = 1), "
         "then loop.")
def checks_norm_before_doubling(x, threshold):
    w = x.detach().clone().requires_grad_(True)
    y, k = w, 0
    while y.norm() < threshold:
        y, k = y * 2, k + 1
    y.backward(torch.ones_like(y))
    return w.grad, k


@mistake("double_until", diagnosis="k is one short: it counts only the loop's doublings. The "
         "first doubling, y = w * 2, counts too (the gradient is 2 ** k).")
def forgets_first_doubling(x, threshold):
    w = x.detach().clone().requires_grad_(True)
    y, k = w * 2, 0
    while y.norm() < threshold:
        y, k = y * 2, k + 1
    y.backward(torch.ones_like(y))
    return w.grad, k


@mistake("double_until", diagnosis="the loop went on while the norm was <= threshold, so a norm "
         "landing exactly on the threshold was doubled once more: \"reaches\" means >=, so "
         "loop while y.norm() < threshold.")
def loops_while_at_most(x, threshold):
    w = x.detach().clone().requires_grad_(True)
    y, k = w * 2, 1
    while y.norm() <= threshold:
        y, k = y * 2, k + 1
    y.backward(torch.ones_like(y))
    return w.grad, k


@mistake("double_until", diagnosis="a bare y.backward() only works for a one-element y "
         "(\"grad can be implicitly created only for scalar outputs\"): pass the weights, "
         "y.backward(torch.ones_like(y)).")
def bare_backward(x, threshold):
    w = x.detach().clone().requires_grad_(True)
    y, k = w * 2, 1
    while y.norm() < threshold:
        y, k = y * 2, k + 1
    y.backward()
    return w.grad, k


@mistake("double_until", diagnosis="the loop ran under torch.no_grad(), so its doublings were "
         "not recorded and y lost its graph (\"element 0 of tensors does not require grad\"): "
         "a Python loop records as it runs, keep it outside no_grad.")
def loop_under_no_grad(x, threshold):
    w = x.detach().clone().requires_grad_(True)
    y, k = w * 2, 1
    with torch.no_grad():
        while y.norm() < threshold:
            y, k = y * 2, k + 1
    y.backward(torch.ones_like(y))
    return w.grad, k


@mistake("double_until", diagnosis="requires_grad_() was switched on for the caller's x itself "
         "(tape.watch style) and its .grad filled: x changed. Work on a copy: "
         "w = x.detach().clone().requires_grad_(True).")
def tracks_callers_x(x, threshold):
    x.requires_grad_(True)
    y, k = x * 2, 1
    while y.norm() < threshold:
        y, k = y * 2, k + 1
    y.backward(torch.ones_like(y))
    return x.grad, k


@mistake("double_until", diagnosis="x.clone() of an x that already requires grad stays in x's "
         "graph: w is not a leaf, so w.grad stays None and the gradient lands in x.grad. Detach "
         "first: w = x.detach().clone().requires_grad_(True).")
def clone_not_leaf(x, threshold):
    w = x.clone().requires_grad_(True)
    y, k = w * 2, 1
    while y.norm() < threshold:
        y, k = y * 2, k + 1
    y.backward(torch.ones_like(y))
    return w.grad, k
