"""Checks for exercises/02_autograd/04_vjp.py: backward(v) on a non-scalar output."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake

FUNCTIONS = {
    "square": lambda t: t * t,
    "sin": torch.sin,
    "affine": lambda t: 3 * t + 1,
    "cumsum": lambda t: t.cumsum(-1),
    "scaled_by_sum": lambda t: t * t.sum(),
    "softmax": lambda t: torch.softmax(t, -1),
}


def vjp_of(vector_jacobian_product, fn, x, v):
    """calls vector_jacobian_product(FUNCTIONS[fn], x, v)"""
    return vector_jacobian_product(FUNCTIONS[fn], x, v)


@st.composite
def vjp_args(draw):
    shape = draw(ts.shapes(min_side=1, max_dims=2))
    return {"fn": draw(st.sampled_from(sorted(FUNCTIONS))),
            "x": draw(ts.tensors(shape, torch.float64, -3, 3)),
            "v": draw(ts.tensors(shape, torch.float64, -3, 3))}


def test_vector_jacobian_product(kata):
    kata.compare("vector_jacobian_product", vjp_args(), probe=vjp_of, max_examples=12,
                 aliasing=False,  # autograd may hand back v itself as the gradient: fine
                 examples=[{"fn": "square", "x": torch.tensor([1.0, 2.0], dtype=torch.float64),
                            "v": torch.tensor([1.0, 10.0], dtype=torch.float64)}])


@mistake("vector_jacobian_product", diagnosis="a bare y.backward() only works for a one-element "
         "y (\"grad can be implicitly created only for scalar outputs\"): pass the weights, "
         "y.backward(v).")
def backward_without_gradient(fn, x, v):
    leaf = x.detach().clone().requires_grad_(True)
    fn(leaf).backward()
    return leaf.grad


@mistake("vector_jacobian_product", diagnosis="y.sum().backward() weights every output by 1 and "
         "ignores v: call y.backward(v) (or (y * v).sum().backward()).")
def sums_instead_of_weighting(fn, x, v):
    leaf = x.detach().clone().requires_grad_(True)
    fn(leaf).sum().backward()
    return leaf.grad
