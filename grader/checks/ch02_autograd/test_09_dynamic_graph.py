"""Checks for exercises/02_autograd/09_dynamic_graph.py: a data-dependent loop."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake


def doubling_args():
    nonzero = ts.tensors(ts.shapes(min_side=1, max_dims=2), min_value=-10, max_value=10).filter(
        lambda t: float(t.norm()) > 0.01)
    return ts.kwargs(x=nonzero, threshold=st.floats(0.01, 1e5))


def test_double_until(kata):
    kata.compare("double_until", doubling_args(), exact=True, max_examples=12, examples=[
        {"x": torch.tensor([1.0, 0.0]), "threshold": 5.0},
        {"x": torch.tensor([1.0, 0.0]), "threshold": 4.0},  # lands exactly on the threshold
        {"x": torch.tensor([3.0, -4.0]), "threshold": 1000.0},
        {"x": torch.tensor([100.0, 0.0]), "threshold": 5.0},
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
