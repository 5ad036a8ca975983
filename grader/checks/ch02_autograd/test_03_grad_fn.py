"""Checks for exercises/02_autograd/03_grad_fn.py: walking grad_fn.next_functions."""

import re

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch02_autograd._inputs import literal, made_by
from grader.mistakes import mistake

OPS = {  # what the probe does to t, written as the learner would write it
    "t + 7": lambda t: t + 7,
    "t * 3": lambda t: t * 3,
    "t ** 2": lambda t: t ** 2,
    "1 - t": lambda t: 1 - t,  # RsubBackward1: not every name ends in 0
    "torch.exp(t)": torch.exp,
    "torch.log1p(t.abs())": lambda t: torch.log1p(t.abs()),  # Log1PBackward0: a digit inside
    "torch.sigmoid(t)": torch.sigmoid,
    "torch.relu(t)": torch.relu,
    "torch.ones_like(t) + t": lambda t: torch.ones_like(t) + t,  # first input needs no grad
    "t.reshape(-1)": lambda t: t.reshape(-1),
    "t.sum()": lambda t: t.sum(),
    "t.mean()": lambda t: t.mean(),
}
CORNERS = ("zero_dim", "size_one", "requires_grad", "negative")


def chain_of(grad_fn_chain, x, ops):
    """t = x, then t = op(t) for each op listed in ops; calls grad_fn_chain(t)"""
    t = x
    for op in ops:
        t = OPS[op](t)
    return grad_fn_chain(t)


def chain_args():
    return st.fixed_dictionaries({
        "x": corners.tensors(dtypes=(torch.float32, torch.float64), min_value=-3, max_value=3,
                             corners=CORNERS),
        "ops": st.lists(st.sampled_from(sorted(OPS)), max_size=5)})


def tracked(*values):
    return literal(list(values), requires_grad=True)


def test_grad_fn_chain(kata):
    kata.compare("grad_fn_chain", chain_args(), probe=chain_of, max_examples=14, examples=[
        # first the inputs that tell the known mistakes apart
        {"x": tracked(1.0, 2.0), "ops": ["t + 7", "t * 3", "t.sum()"]},
        {"x": tracked(1.0, 2.0), "ops": ["torch.log1p(t.abs())", "t.sum()"]},
        {"x": tracked(1.0, 2.0), "ops": ["1 - t"]},
        {"x": tracked(1.0, 2.0), "ops": ["t * 3", "torch.ones_like(t) + t"]},
        {"x": tracked(1.0, 2.0), "ops": []},
        {"x": made_by("torch.ones(2)"), "ops": ["t + 7", "t.mean()"]},
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


@mistake("grad_fn_chain", diagnosis="every digit was removed, also those inside a name "
         "(\"Log1PBackward0\" became \"LogPBackward\"): remove only the trailing ones, "
         "with .rstrip(\"0123456789\").")
def drops_every_digit(t):
    names, node = [], t.grad_fn
    while node is not None:
        names.append(re.sub(r"\d", "", type(node).__name__))
        node = node.next_functions[0][0] if node.next_functions else None
    return names


@mistake("grad_fn_chain", diagnosis="only a trailing \"0\" was removed: other nodes end in "
         "other digits (1 - t gives \"RsubBackward1\"). Remove every trailing digit with "
         ".rstrip(\"0123456789\").")
def strips_only_zero(t):
    names, node = [], t.grad_fn
    while node is not None:
        names.append(type(node).__name__.replace("Backward0", "Backward"))
        node = node.next_functions[0][0] if node.next_functions else None
    return names


@mistake("grad_fn_chain", diagnosis="the walk skipped over an input that needs no gradient "
         "(shown as None in next_functions) and went on to the next one: always follow the "
         "first input, node.next_functions[0][0], and stop when it is None.")
def skips_missing_inputs(t):
    names, node = [], t.grad_fn
    while node is not None:
        names.append(type(node).__name__.rstrip("0123456789"))
        node = next((fn for fn, _ in node.next_functions if fn is not None), None)
    return names


@mistake("grad_fn_chain", diagnosis="the walk followed the last input, next_functions[-1]: "
         "follow the first one, node.next_functions[0][0].")
def follows_last_input(t):
    names, node = [], t.grad_fn
    while node is not None:
        names.append(type(node).__name__.rstrip("0123456789"))
        node = node.next_functions[-1][0] if node.next_functions else None
    return names


@mistake("grad_fn_chain", diagnosis="the last character of every name was cut, but not every "
         "name ends in a digit (\"AccumulateGrad\" became \"AccumulateGra\"): remove only "
         "trailing digits, with .rstrip(\"0123456789\").")
def cuts_last_character(t):
    names, node = [], t.grad_fn
    while node is not None:
        names.append(type(node).__name__[:-1])
        node = node.next_functions[0][0] if node.next_functions else None
    return names
