"""Checks for exercises/02_autograd/02_backward.py: backward, .grad and retain_grad."""

import torch

from grader import strategies as ts
from grader.mistakes import mistake


def backward_args():
    return ts.kwargs(x=ts.tensors(ts.shapes(min_side=1), dtype=ts.float_dtypes(),
                                  min_value=-50, max_value=50))


def test_mean_square_grads(kata):
    kata.compare("mean_square_grads", backward_args(), max_examples=10,
                 examples=[{"x": torch.ones(2, 2)}],
                 notes={"result[1].grad": "z is not a leaf: call z.retain_grad() before "
                                          "out.backward() to keep its gradient."})


@mistake("mean_square_grads", diagnosis="out was a sum, not a mean: every gradient is n times "
         "too large (n = number of elements). Use z.mean(), as the spec says.")
def sum_not_mean(x):
    w = x.detach().clone().requires_grad_(True)
    z = 3 * (w + 7) * (w + 7)
    z.retain_grad()
    z.sum().backward()
    return w, z


@mistake("mean_square_grads", diagnosis="z.grad is None: autograd frees the gradients of "
         "non-leaf tensors. Call z.retain_grad() before out.backward().")
def no_retain_grad(x):
    w = x.detach().clone().requires_grad_(True)
    z = 3 * (w + 7) * (w + 7)
    z.mean().backward()
    return w, z


@mistake("mean_square_grads", diagnosis="requires_grad_() was set on the caller's x (and its "
         ".grad filled): the caller's tensor changed. Work on a copy: "
         "w = x.detach().clone().requires_grad_(True).")
def tracks_callers_tensor(x):
    w = x.requires_grad_(True)
    z = 3 * (w + 7) * (w + 7)
    z.retain_grad()
    z.mean().backward()
    return w, z
