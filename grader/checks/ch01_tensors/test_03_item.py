"""Checks for exercises/01_tensors/03_item.py: a Python number out of a one-element tensor."""

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks._errors import asked_value_error
from grader.checks.ch01_tensors._common import EVERY, examples
from grader.mistakes import mistake

ONE_ELEMENT = st.sampled_from([(), (1,), (1, 1), (1, 1, 1)]).map(corners.record_shape)


@st.composite
def item_args(draw):
    shape = draw(ONE_ELEMENT if draw(st.integers(0, 3)) else corners.shapes(max_dims=3))
    dtype = draw(st.sampled_from(EVERY))
    return {"t": draw(corners.tensors(shape, dtypes=(dtype,),
                                      corners=("requires_grad", "extreme", "negative")))}


def number_in(to_python_number, t):
    """to_python_number(t); a ValueError asked for (t.numel() != 1) is compared by its type only."""
    with asked_value_error(f"t has {t.numel()} elements, not one", asked=t.numel() != 1):
        return to_python_number(t)


def test_to_python_number(kata):
    kata.compare("to_python_number", item_args(), probe=number_in, exact=True, max_examples=15,
                 examples=examples(
                     {"t": torch.tensor([[7]])},
                     {"t": torch.tensor(2.5)},
                     {"t": torch.tensor([1.0, 2.0])},
                     {"t": torch.zeros(0)},
                     {"t": torch.tensor([True])},
                     {"t": torch.tensor(2.5, requires_grad=True)},
                     {"t": torch.tensor([-1.5], dtype=torch.bfloat16)},
                     {"t": torch.tensor(0.1, dtype=torch.float64)}))  # digits float32 lacks


@mistake("to_python_number", diagnosis="float(t) turns every number into a float: t.item() keeps "
         "ints as int and bools as bool.")
def float_of_tensor(t):
    if t.numel() != 1:
        raise ValueError("not one element")
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


@mistake("to_python_number", diagnosis="only float and int were told apart, so a bool tensor came "
         "back as the int 1 or 0: t.item() returns True/False for a bool tensor (and keeps every "
         "kind of number).")
def bool_as_int(t):
    if t.numel() != 1:
        raise ValueError("not one element")
    if t.is_floating_point():
        return float(t.item())
    return int(t.item())


@mistake("to_python_number", diagnosis="len(t) is the size of the first dimension, not the number "
         "of elements (and a 0-d tensor has no len(): TypeError): check t.numel() != 1.")
def len_check(t):
    if len(t) != 1:
        raise ValueError("not one element")
    return t.item()


@mistake("to_python_number", diagnosis="the check t.numel() > 1 lets an empty tensor through, and "
         ".item() then raises RuntimeError: an empty tensor is no number either, check "
         "t.numel() != 1.")
def allows_empty(t):
    if t.numel() > 1:
        raise ValueError("more than one element")
    return t.item()


@mistake("to_python_number", diagnosis="t.data[0] (the pre-0.4 idiom) indexes the first "
         "dimension: it fails on a 0-d tensor and gives a tensor, not a number, otherwise. Use "
         "t.item().")
def data_index(t):
    if t.numel() != 1:
        raise ValueError("not one element")
    return t.data[0]


@mistake("to_python_number", diagnosis="t.numpy() refuses tensors that require grad (and bfloat16, "
         "which NumPy lacks): t.item() needs no detour through NumPy.")
def via_numpy(t):
    if t.numel() != 1:
        raise ValueError("not one element")
    return t.numpy().item()
