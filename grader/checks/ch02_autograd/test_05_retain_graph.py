"""Checks for exercises/02_autograd/05_retain_graph.py: retain_graph and accumulation."""

import torch
from hypothesis import strategies as st

from grader import corners, strategies as ts
from grader.checks.ch02_autograd._inputs import literal
from grader.mistakes import mistake

CORNERS = ("zero_dim", "empty", "size_one", "noncontiguous", "view_of_buffer", "requires_grad",
           "negative")


def repeat_args():
    return ts.kwargs(x=corners.tensors(dtypes=corners.FLOATS, min_value=-8, max_value=8,
                                       corners=CORNERS),
                     times=st.integers(1, 4))


EXAMPLES = [  # first the inputs that tell the known mistakes apart
    {"x": literal([1.0, 2.0], torch.float64), "times": 2},
    {"x": literal([1.0, -2.0], requires_grad=True), "times": 2},
    {"x": literal([1.0, 2.0]), "times": 1},
]


def test_accumulated_grad(kata):
    kata.compare("accumulated_grad", repeat_args(), max_examples=12, examples=EXAMPLES)


@mistake("accumulated_grad", diagnosis="the first backward freed the graph, so the second one "
         "failed (\"Trying to backward through the graph a second time\"): pass "
         "retain_graph=True to every backward call that another one follows.")
def no_retain_graph(x, times):
    w = x.detach().clone().requires_grad_(True)
    loss = (w ** 3).sum()
    for _ in range(times):
        loss.backward()
    return w.grad


@mistake("accumulated_grad", diagnosis="the gradient was reset between the calls, so only the "
         "last one is left. backward() adds into .grad (unlike TensorFlow's tape.gradient): "
         "here the sum of all the passes is wanted, so leave .grad alone.")
def resets_between_calls(x, times):
    w = x.detach().clone().requires_grad_(True)
    loss = (w ** 3).sum()
    for _ in range(times):
        w.grad = None
        loss.backward(retain_graph=True)
    return w.grad


@mistake("accumulated_grad", diagnosis="backward() takes no retain_variables any more (that was "
         "PyTorch 0.3): the keyword is retain_graph=True.")
def old_retain_variables(x, times):
    w = x.detach().clone().requires_grad_(True)
    loss = (w ** 3).sum()
    for _ in range(times):
        loss.backward(retain_variables=True)
    return w.grad


@mistake("accumulated_grad", diagnosis="backward ran times + 1 times (one call before the loop "
         "and `times` in it): run it exactly `times` times.")
def one_backward_too_many(x, times):
    w = x.detach().clone().requires_grad_(True)
    loss = (w ** 3).sum()
    loss.backward(retain_graph=True)
    for _ in range(times):
        loss.backward(retain_graph=True)
    return w.grad


@mistake("accumulated_grad", diagnosis="create_graph=True (not retain_graph) recorded the "
         "backward pass itself, so the returned gradient is part of a graph (it requires grad): "
         "pass retain_graph=True.")
def create_graph_instead(x, times):
    w = x.detach().clone().requires_grad_(True)
    loss = (w ** 3).sum()
    for _ in range(times):
        loss.backward(create_graph=True)
    return w.grad


@mistake("accumulated_grad", diagnosis="x.clone() of an x that already requires grad stays in "
         "x's graph: w is not a leaf, so w.grad stays None and the gradients land in x.grad. "
         "Detach first: w = x.detach().clone().requires_grad_(True).")
def clone_not_leaf(x, times):
    w = x.clone().requires_grad_(True)
    loss = (w ** 3).sum()
    for _ in range(times):
        loss.backward(retain_graph=True)
    return w.grad


@mistake("accumulated_grad", diagnosis="torch.tensor(x.tolist()) makes a new tensor of the "
         "default dtype (float32), not x's (and loses the shape of an empty x): copy the tensor "
         "itself, x.detach().clone().")
def rebuilds_from_list(x, times):
    w = torch.tensor(x.tolist(), requires_grad=True)
    loss = (w ** 3).sum()
    for _ in range(times):
        loss.backward(retain_graph=True)
    return w.grad
