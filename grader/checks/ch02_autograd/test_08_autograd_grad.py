"""Checks for exercises/02_autograd/08_autograd_grad.py: torch.autograd.grad, twice."""

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch02_autograd._inputs import literal, shown_as
from grader.mistakes import mistake

FUNCTIONS = {  # the fn handed to derivatives, written out (none is linear: see the docstring)
    "lambda t: t ** 3": lambda t: t ** 3,
    "torch.sin": torch.sin,
    "torch.exp": torch.exp,
    "torch.tanh": torch.tanh,
    "lambda t: t * torch.sigmoid(t)": lambda t: t * torch.sigmoid(t),
    "lambda t: torch.log1p(t * t)": lambda t: torch.log1p(t * t),
}
CORNERS = ("zero_dim", "empty", "size_one", "noncontiguous", "requires_grad", "negative")


def two_derivatives(derivatives, fn, x):
    """calls derivatives(fn, x) with fn written out and x a leaf that requires grad"""
    leaf = x.detach().requires_grad_(True)
    first, second = derivatives(FUNCTIONS[fn], leaf)
    return {"first": first.detach(), "second": second.detach(), "x.grad afterwards": leaf.grad}


def derivative_args():
    return st.fixed_dictionaries({
        "fn": st.sampled_from(sorted(FUNCTIONS)),
        "x": corners.tensors(dtypes=corners.FLOATS, min_value=-2, max_value=2,
                             corners=CORNERS).map(_with_grad)})


def _with_grad(x):
    """x as the function receives it: a leaf that requires grad (so shown)."""
    if not x.requires_grad:
        made = corners.made(x) + "  (requires_grad=True)"
        x = shown_as(x.detach().requires_grad_(True), made)
    return x


EXAMPLES = [  # first the inputs that tell the known mistakes apart
    {"fn": "lambda t: t ** 3", "x": literal([0.0, 1.0], torch.float64, requires_grad=True)},
    {"fn": "torch.sin", "x": literal(0.5, requires_grad=True)},
]


def test_derivatives(kata):
    kata.compare("derivatives", derivative_args(), probe=two_derivatives, max_examples=14,
                 examples=EXAMPLES,
                 notes={"result['x.grad afterwards']": "torch.autograd.grad returns gradients "
                        "without writing x.grad; .backward() writes (adds into) x.grad."})


@mistake("derivatives", diagnosis="the first gradient was computed without create_graph=True, "
         "so it has no graph to differentiate again (\"element 0 of tensors does not require "
         "grad\"): pass create_graph=True to the first torch.autograd.grad call.")
def no_create_graph(fn, x):
    (first,) = torch.autograd.grad(fn(x).sum(), x)
    (second,) = torch.autograd.grad(first.sum(), x)
    return first, second


@mistake("derivatives", diagnosis="backward() was used, which leaves its result in x.grad: "
         "torch.autograd.grad(out, x) returns the gradient and leaves x.grad untouched.")
def backward_fills_grad(fn, x):
    fn(x).sum().backward(create_graph=True)
    first = x.grad.clone()
    (second,) = torch.autograd.grad(first.sum(), x)
    return first, second


@mistake("derivatives", diagnosis="torch.autograd.grad(first, x) needs a one-element output "
         "(\"grad can be implicitly created only for scalar outputs\"): differentiate "
         "first.sum(), or pass grad_outputs=torch.ones_like(first).")
def grad_of_non_scalar(fn, x):
    (first,) = torch.autograd.grad(fn(x).sum(), x, create_graph=True)
    (second,) = torch.autograd.grad(first, x)
    return first, second


@mistake("derivatives", diagnosis="x.grad was used for the gradients (backward, then "
         "x.grad.data.zero_()): x.grad is left as a tensor of zeros instead of None. "
         "torch.autograd.grad returns the gradients and never touches x.grad.")
def backward_twice_zeroing(fn, x):
    fn(x).sum().backward(create_graph=True)
    first = x.grad.clone()
    x.grad.data.zero_()
    first.sum().backward()
    second = x.grad.clone()
    x.grad.data.zero_()
    return first, second


@mistake("derivatives", diagnosis="the outputs were averaged (.mean()), which divides the "
         "derivatives by the number of elements: differentiate the sum, fn(x).sum(), whose "
         "gradient is the elementwise derivative.")
def mean_reduction(fn, x):
    (first,) = torch.autograd.grad(fn(x).mean(), x, create_graph=True)
    (second,) = torch.autograd.grad(first.mean(), x)
    return first, second


@mistake("derivatives", diagnosis="torch.ones(len(x)) fits only a 1-D x (len() of a 0-dim "
         "tensor raises, and a 2-D x gets a seed of the wrong shape): use torch.ones_like(y), "
         "or differentiate y.sum().")
def ones_of_len(fn, x):
    seed = torch.ones(len(x), dtype=x.dtype)
    (first,) = torch.autograd.grad(fn(x), x, grad_outputs=seed, create_graph=True)
    (second,) = torch.autograd.grad(first, x, grad_outputs=seed)
    return first, second


@mistake("derivatives", diagnosis="the whole Hessian was returned (shape x.shape + x.shape): "
         "for an elementwise fn the second derivatives are its diagonal, the gradient of "
         "first.sum().")
def full_hessian(fn, x):
    (first,) = torch.autograd.grad(fn(x).sum(), x, create_graph=True)
    second = torch.autograd.functional.hessian(lambda t: fn(t).sum(), x.detach())
    return first, second


@mistake("derivatives", diagnosis="finite differences only approximate the derivatives (and "
         "the second difference loses most digits to cancellation): use torch.autograd.grad, "
         "which is exact.")
def finite_differences(fn, x):
    h = 1e-3
    with torch.no_grad():
        f0, fp, fm = fn(x), fn(x + h), fn(x - h)
        first = (fp - fm) / (2 * h)
        second = (fp - 2 * f0 + fm) / (h * h)
    return first, second
