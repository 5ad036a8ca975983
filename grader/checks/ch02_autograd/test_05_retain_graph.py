"""Checks for exercises/02_autograd/05_retain_graph.py: retain_graph and accumulation."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake


def repeat_args():
    return ts.kwargs(x=ts.tensors(ts.shapes(min_side=1), torch.float64, -10, 10),
                     times=st.integers(1, 4))


def test_accumulated_grad(kata):
    kata.compare("accumulated_grad", repeat_args(), max_examples=10,
                 examples=[{"x": torch.tensor([1.0, 2.0], dtype=torch.float64), "times": 2}])


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
