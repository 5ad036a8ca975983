"""Checks for exercises/01_tensors/03_item.py: a Python number out of a one-element tensor."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake

ONE_ELEMENT = st.sampled_from([(), (1,), (1, 1), (1, 1, 1)])


@st.composite
def item_args(draw):
    shape = draw(ONE_ELEMENT if draw(st.integers(0, 3)) else ts.shapes())
    dtype = draw(st.sampled_from(ts.FLOAT_DTYPES + ts.INT_DTYPES + (torch.bool,)))
    return {"t": draw(ts.tensors(shape, dtype))}


def test_to_python_number(kata):
    kata.compare("to_python_number", item_args(), exact=True, max_examples=15, examples=[
        {"t": torch.tensor([[7]])},
        {"t": torch.tensor(2.5)},
        {"t": torch.tensor([True])},
        {"t": torch.tensor([1.0, 2.0])},
        {"t": torch.zeros(0)},
    ])


@mistake("to_python_number", diagnosis="float(t) turns every number into a float (and raises "
         "RuntimeError, not ValueError, for many elements): t.item() keeps ints as int and bools "
         "as bool; check t.numel() first.")
def float_of_tensor(t):
    return float(t)


@mistake("to_python_number", diagnosis="a one-element tensor is still a Tensor: return t.item(), "
         "a plain Python number.")
def returns_tensor(t):
    if t.numel() != 1:
        raise ValueError("not one element")
    return t.reshape(())


@mistake("to_python_number", diagnosis="tolist() keeps the nesting ([7] or [[7]]) of shaped "
         "tensors: use t.item(), which works for every one-element shape.")
def uses_tolist(t):
    if t.numel() != 1:
        raise ValueError("not one element")
    return t.tolist()


@mistake("to_python_number", diagnosis="a tensor with several elements is not a number: raise "
         "ValueError when t.numel() != 1 instead of reducing it (sum, first element...).")
def sums_everything(t):
    return t.sum().item()


@mistake("to_python_number", diagnosis="t.item() alone raises RuntimeError on a tensor with "
         "several (or zero) elements; the exercise asks for ValueError: check t.numel() first.")
def no_check(t):
    return t.item()
