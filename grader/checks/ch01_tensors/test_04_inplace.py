"""Checks for exercises/01_tensors/04_inplace.py: out= and in-place methods."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake


@st.composite
def add_args(draw):
    shape = draw(ts.shapes())
    return {"x": draw(ts.tensors(shape)), "y": draw(ts.tensors(shape)),
            "out": torch.full(shape, -7.5)}


def test_add_into(kata):
    kata.compare("add_into", add_args(), max_examples=10, examples=[
        {"x": torch.ones(2), "y": torch.ones(2), "out": torch.zeros(2)}])


@mistake("add_into", diagnosis="`x + y` makes a new tensor and leaves `out` untouched (assigning "
         "to the name out only rebinds it): write into it with torch.add(x, y, out=out) and "
         "return out.")
def returns_new_tensor(x, y, out):
    out = x + y
    return out


@mistake("add_into", diagnosis="x.add_(y) writes the sum into x, changing the caller's x: write "
         "into out instead, with torch.add(x, y, out=out).")
def writes_into_x(x, y, out):
    return x.add_(y)


@mistake("add_into", diagnosis="the sum is in out, but the function must return out itself: "
         "torch.add(x, y, out=out) returns it.")
def returns_a_copy(x, y, out):
    torch.add(x, y, out=out)
    return out.clone()


@st.composite
def accumulate_args(draw):
    shape = draw(ts.shapes())
    acc_dtype, x_dtype = draw(st.sampled_from([(torch.float32, torch.float32),
                                               (torch.float64, torch.float64),
                                               (torch.float64, torch.float32),
                                               (torch.int64, torch.int64)]))
    return {"acc": draw(ts.tensors(shape, acc_dtype)), "x": draw(ts.tensors(shape, x_dtype))}


def test_accumulate_(kata):
    kata.compare("accumulate_", accumulate_args(), max_examples=10, examples=[
        {"acc": torch.zeros(2), "x": torch.ones(2)}])


@mistake("accumulate_", diagnosis="`acc + x` (or `acc = acc + x`) makes a new tensor; the "
         "caller's acc keeps its old values. Use the in-place acc.add_(x) (or acc += x), which "
         "returns acc itself.")
def out_of_place(acc, x):
    acc = acc + x
    return acc


@mistake("accumulate_", diagnosis="x.add_(acc) changes x, not acc: the trailing underscore "
         "modifies the tensor the method is called on. Call acc.add_(x).")
def wrong_receiver(acc, x):
    return x.add_(acc)


@mistake("accumulate_", diagnosis="acc was updated, but a copy was returned: return acc itself "
         "(add_ returns it).")
def returns_clone(acc, x):
    acc.add_(x)
    return acc.clone()
