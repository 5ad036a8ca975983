"""Checks for exercises/02_autograd/02_backward.py: backward, .grad and retain_grad."""

import torch
from torch.autograd import Variable

from grader import corners, strategies as ts
from grader.checks.ch02_autograd._inputs import literal, made_by
from grader.mistakes import mistake

CORNERS = ("zero_dim", "empty", "size_one", "noncontiguous", "view_of_buffer", "requires_grad",
           "negative")


def backward_args():
    return ts.kwargs(x=corners.tensors(dtypes=corners.FLOATS, min_value=-50, max_value=50,
                                       corners=CORNERS))


EXAMPLES = [  # first the inputs that tell the known mistakes apart
    {"x": literal([[1.0, -2.0], [0.5, 3.0]], torch.float64)},
    {"x": literal([1.0, 2.0], requires_grad=True)},
    {"x": made_by("torch.ones(2, 2)")},
]


def test_mean_square_grads(kata):
    kata.compare("mean_square_grads", backward_args(), max_examples=14, examples=EXAMPLES,
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


@mistake("mean_square_grads", diagnosis="the gradients themselves were returned, as "
         "tape.gradient would give them: return the tensors w and z (the caller reads w.grad "
         "and z.grad).")
def returns_gradients(x):
    w = x.detach().clone().requires_grad_(True)
    z = 3 * (w + 7) * (w + 7)
    z.retain_grad()
    z.mean().backward()
    return w.grad, z.grad


@mistake("mean_square_grads", diagnosis="w.detach() and z.detach() are new tensor objects "
         "without .grad: return w and z themselves.")
def returns_detached(x):
    w = x.detach().clone().requires_grad_(True)
    z = 3 * (w + 7) * (w + 7)
    z.retain_grad()
    z.mean().backward()
    return w.detach(), z.detach()


@mistake("mean_square_grads", diagnosis="y = w + 2 is the official tutorial's example: this "
         "exercise uses y = w + 7.")
def tutorial_plus_two(x):
    w = x.detach().clone().requires_grad_(True)
    z = 3 * (w + 2) * (w + 2)
    z.retain_grad()
    z.mean().backward()
    return w, z


@mistake("mean_square_grads", diagnosis="w shares memory with x (Variable(x) and "
         "x.detach() make a view of x, not a copy), so changing w would change x: add .clone(): "
         "w = x.detach().clone().requires_grad_(True).")
def leaf_shares_memory(x):
    w = x.detach().requires_grad_(True)
    z = 3 * (w + 7) * (w + 7)
    z.retain_grad()
    z.mean().backward()
    return w, z


@mistake("mean_square_grads", covered_by="leaf_shares_memory")
def variable_alias(x):
    w = Variable(x, requires_grad=True)
    z = 3 * (w + 7) * (w + 7)
    z.retain_grad()
    z.mean().backward()
    return w, z


@mistake("mean_square_grads", diagnosis="x.clone() of an x that already requires grad stays in "
         "x's graph: w is not a leaf, so w.grad stays None and the gradient lands in x.grad. "
         "Detach first: w = x.detach().clone().requires_grad_(True).")
def clone_not_leaf(x):
    w = x.clone().requires_grad_(True)
    z = 3 * (w + 7) * (w + 7)
    z.retain_grad()
    z.mean().backward()
    return w, z


@mistake("mean_square_grads", diagnosis=".float() made w float32 whatever x's dtype (and, for a "
         "float32 x, returned x's own memory, not a copy): copy with x.detach().clone().")
def float_leaf(x):
    w = x.detach().float().requires_grad_(True)
    z = 3 * (w + 7) * (w + 7)
    z.retain_grad()
    z.mean().backward()
    return w, z
