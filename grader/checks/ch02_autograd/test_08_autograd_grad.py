"""Checks for exercises/02_autograd/08_autograd_grad.py: torch.autograd.grad, twice."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake

FUNCTIONS = {
    "cube": lambda t: t ** 3,
    "sin": torch.sin,
    "exp": torch.exp,
    "tanh": torch.tanh,
    "silu": lambda t: t * torch.sigmoid(t),
    "log1p_square": lambda t: torch.log1p(t * t),
}


def two_derivatives(derivatives, fn, x):
    """calls derivatives(FUNCTIONS[fn], x) on a tracked leaf x; reports both and x.grad"""
    leaf = x.clone().requires_grad_(True)
    first, second = derivatives(FUNCTIONS[fn], leaf)
    return {"first": first.detach(), "second": second.detach(), "x_grad_after": leaf.grad}


def derivative_args():
    return ts.kwargs(fn=st.sampled_from(sorted(FUNCTIONS)),
                     x=ts.tensors(ts.shapes(min_side=1, max_dims=2), torch.float64, -2, 2))


def test_derivatives(kata):
    kata.compare("derivatives", derivative_args(), probe=two_derivatives, max_examples=10,
                 examples=[{"fn": "cube", "x": torch.tensor([0.0, 1.0], dtype=torch.float64)}],
                 notes={"result['x_grad_after']": "torch.autograd.grad returns gradients "
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
