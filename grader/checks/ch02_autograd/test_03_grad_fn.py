"""Checks for exercises/02_autograd/03_grad_fn.py: walking grad_fn.next_functions."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake

OPS = {
    "add": lambda t: t + 7,
    "mul": lambda t: t * 3,
    "square": lambda t: t ** 2,
    "exp": torch.exp,
    "sigmoid": torch.sigmoid,
    "relu": torch.relu,
    "flatten": lambda t: t.reshape(-1),
    "sum": lambda t: t.sum(),
    "mean": lambda t: t.mean(),
}


def chain_of(grad_fn_chain, x, ops, tracked):
    """builds t from a leaf x (tracked or not) with the listed ops, then walks t's graph"""
    t = x.clone().requires_grad_(tracked)
    for op in ops:
        t = OPS[op](t)
    return grad_fn_chain(t)


def chain_args():
    return ts.kwargs(x=ts.tensors(ts.shapes(min_side=1, max_dims=2), min_value=-3, max_value=3),
                     ops=st.lists(st.sampled_from(sorted(OPS)), max_size=5),
                     tracked=st.booleans())


def test_grad_fn_chain(kata):
    kata.compare("grad_fn_chain", chain_args(), probe=chain_of, max_examples=12, examples=[
        {"x": torch.ones(2), "ops": ["add", "mul", "sum"], "tracked": True},
        {"x": torch.ones(2), "ops": [], "tracked": True},
        {"x": torch.ones(2), "ops": ["add", "mean"], "tracked": False},
    ])


@mistake("grad_fn_chain", diagnosis="the names still end in digits (\"AddBackward0\"): strip "
         "them with .rstrip(\"0123456789\").")
def keeps_digits(t):
    names, node = [], t.grad_fn
    while node is not None:
        names.append(type(node).__name__)
        node = node.next_functions[0][0] if node.next_functions else None
    return names


@mistake("grad_fn_chain", diagnosis="a leaf has no grad_fn (it is None), so the walk crashed on "
         "it: check for None first and return [] for a leaf.")
def assumes_grad_fn(t):
    node, names = t.grad_fn, []
    while True:
        names.append(type(node).__name__.rstrip("0123456789"))
        if not node.next_functions:
            return names
        node = node.next_functions[0][0]


@mistake("grad_fn_chain", diagnosis="the chain stopped one node early: a leaf that requires grad "
         "appears as an AccumulateGrad node (it has no next_functions). Include it.")
def stops_before_leaf(t):
    names, node = [], t.grad_fn
    while node is not None and node.next_functions:
        names.append(type(node).__name__.rstrip("0123456789"))
        node = node.next_functions[0][0]
    return names


@mistake("grad_fn_chain", diagnosis="node.name() spells the leaf's node "
         "\"torch::autograd::AccumulateGrad\": use the class name, type(node).__name__.")
def uses_node_name(t):
    names, node = [], t.grad_fn
    while node is not None:
        names.append(node.name().rstrip("0123456789"))
        node = node.next_functions[0][0] if node.next_functions else None
    return names
