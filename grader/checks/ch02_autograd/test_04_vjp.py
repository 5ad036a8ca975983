"""Checks for exercises/02_autograd/04_vjp.py: backward(v) on a non-scalar output."""

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch02_autograd._inputs import literal, made_by
from grader.mistakes import mistake

FUNCTIONS = {  # the fn handed to vector_jacobian_product, written out
    "lambda t: t * t": lambda t: t * t,
    "torch.sin": torch.sin,
    "lambda t: 3 * t + 1": lambda t: 3 * t + 1,
    "lambda t: t.cumsum(-1)": lambda t: t.cumsum(-1),  # a Jacobian that is not diagonal
    "lambda t: t * t.sum()": lambda t: t * t.sum(),  # nor symmetric
    "lambda t: torch.softmax(t, -1)": lambda t: torch.softmax(t, -1),
}
CORNERS = ("zero_dim", "empty", "size_one", "noncontiguous", "view_of_buffer", "requires_grad",
           "negative")


def vjp_of(vector_jacobian_product, fn, x, v):
    """calls vector_jacobian_product(fn, x, v) with the function fn written out"""
    return vector_jacobian_product(FUNCTIONS[fn], x, v)


@st.composite
def vjp_args(draw):
    shape = draw(corners.shapes(max_dims=2, corners=CORNERS))
    dtype = draw(st.sampled_from(corners.FLOATS))
    return {"fn": draw(st.sampled_from(sorted(FUNCTIONS))),
            "x": draw(corners.tensors(shape, (dtype,), -3, 3, corners=CORNERS)),
            "v": draw(corners.tensors(shape, (dtype,), -3, 3, corners=("negative",)))}


def f64(*values):
    return literal(list(values), torch.float64)


EXAMPLES = [  # first the inputs that tell the known mistakes apart
    {"fn": "lambda t: t.cumsum(-1)", "x": f64(1.0, 2.0), "v": f64(1.0, 10.0)},
    {"fn": "lambda t: t * t", "x": made_by("torch.empty(0)"), "v": made_by("torch.empty(0)")},
    {"fn": "lambda t: t * t", "x": literal([1.0, 2.0], requires_grad=True),
     "v": literal([1.0, 10.0])},
    {"fn": "lambda t: t * t", "x": f64(1.0, 2.0), "v": f64(1.0, 10.0)},
]


def test_vector_jacobian_product(kata):
    kata.compare("vector_jacobian_product", vjp_args(), probe=vjp_of, max_examples=14,
                 aliasing=False,  # autograd may hand back v itself as the gradient: fine
                 examples=EXAMPLES)


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


@mistake("vector_jacobian_product", diagnosis="(y * v).mean() divides the product by the number "
         "of outputs: the weighted sum is (y * v).sum(), or simply y.backward(v).")
def mean_weighted(fn, x, v):
    leaf = x.detach().clone().requires_grad_(True)
    (fn(leaf) * v).mean().backward()
    return leaf.grad


@mistake("vector_jacobian_product", diagnosis="requires_grad_() was switched on for the caller's "
         "x itself (and its .grad filled): x changed. Work on a copy: "
         "leaf = x.detach().clone().requires_grad_(True).")
def tracks_callers_x(fn, x, v):
    x.requires_grad_(True)
    fn(x).backward(v)
    return x.grad


@mistake("vector_jacobian_product", diagnosis="x.clone() of an x that already requires grad "
         "stays in x's graph: the copy is not a leaf, its .grad stays None and the product "
         "lands in x.grad. Detach first: x.detach().clone().requires_grad_(True).")
def clone_not_leaf(fn, x, v):
    leaf = x.clone().requires_grad_(True)
    fn(leaf).backward(v)
    return leaf.grad


@mistake("vector_jacobian_product", diagnosis="the gradient of y.sum() multiplied by v "
         "afterwards is vᵀJ only when J is diagonal (an elementwise fn): weight the outputs "
         "before backward, y.backward(v).")
def scales_gradient_by_v(fn, x, v):
    leaf = x.detach().clone().requires_grad_(True)
    fn(leaf).sum().backward()
    return leaf.grad * v


@mistake("vector_jacobian_product", diagnosis="a forward-mode product (jvp) gives J v, not vᵀ J: "
         "the two agree only when J is symmetric. Backward mode is y.backward(v).")
def forward_mode_jvp(fn, x, v):
    _, jv = torch.autograd.functional.jvp(fn, x.detach(), v)
    return jv


@mistake("vector_jacobian_product", diagnosis="the full Jacobian was built and reshaped with -1, "
         "which fails for an empty x (-1 cannot be inferred from 0 elements); it also costs "
         "n times a backward pass. y.backward(v) gives vᵀJ directly.")
def full_jacobian(fn, x, v):
    jac = torch.autograd.functional.jacobian(fn, x.detach())
    return (v.reshape(-1) @ jac.reshape(v.numel(), -1)).reshape(x.shape)


@mistake("vector_jacobian_product", diagnosis=".float() made the copy float32 whatever x's "
         "dtype: copy with x.detach().clone(), which keeps it.")
def float_leaf(fn, x, v):
    leaf = x.detach().float().requires_grad_(True)
    fn(leaf).backward(v)
    return leaf.grad
