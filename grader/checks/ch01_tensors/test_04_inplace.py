"""Checks for exercises/01_tensors/04_inplace.py: out= and in-place methods."""

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch01_tensors._common import dtypes, examples
from grader.mistakes import mistake

SHAPES = corners.shapes(max_dims=3, corners=("zero_dim", "empty", "size_one"))
ADD_DTYPES = (torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64,
              torch.int32)


@st.composite
def add_args(draw):
    shape, dtype = draw(SHAPES), draw(dtypes(ADD_DTYPES))
    operand = corners.tensors(shape, dtypes=(dtype,), corners=("noncontiguous", "negative"))
    out = corners.tensors(shape, dtypes=(dtype,),
                          corners=("noncontiguous", "view_of_buffer", "negative"))
    return {"x": draw(operand), "y": draw(operand), "out": draw(out)}


def test_add_into(kata):
    kata.compare("add_into", add_args(), max_examples=12, examples=examples(
        {"x": torch.ones(2), "y": torch.ones(2), "out": torch.full((2,), 5.0)},
        {"x": torch.tensor(1.0), "y": torch.tensor(2.0), "out": torch.tensor(0.0)}))


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


@mistake("add_into", diagnosis="out.add_(x + y) adds the sum to what out already held; out must "
         "hold x + y alone: torch.add(x, y, out=out) (or out.copy_(x + y)) overwrites it.")
def adds_to_out(x, y, out):
    return out.add_(x + y)


@mistake("add_into", diagnosis="out holds the right sum, but x was changed on the way (an "
         "in-place x.add_(y) or x += y): x and y must stay as they were; compute the sum into "
         "out with torch.add(x, y, out=out).")
def sum_built_in_x(x, y, out):
    x.add_(y)
    out.copy_(x)
    return out


@mistake("add_into", diagnosis="out was given new memory (out.data = ... or out.set_(...)) "
         "instead of being written: the caller's buffer, and every view of it, keeps its old "
         "values. Write into out's own memory: torch.add(x, y, out=out) or out.copy_(x + y).")
def new_memory(x, y, out):
    out.data = x + y
    return out


@mistake("add_into", diagnosis="out[:] = ... fails on a 0-d out (a slice needs a dimension): "
         "out[...] = x + y, out.copy_(x + y) or torch.add(x, y, out=out) work for every shape.")
def slice_assign(x, y, out):
    out[:] = x + y
    return out


# -- accumulate_ ------------------------------------------------------------------------------
PAIRS = [(torch.float32, torch.float32), (torch.float64, torch.float64),
         (torch.float64, torch.float32), (torch.float16, torch.float16),
         (torch.bfloat16, torch.bfloat16), (torch.float16, torch.float32),
         (torch.float32, torch.int64), (torch.int64, torch.int64), (torch.int64, torch.int32)]


@st.composite
def accumulate_args(draw):
    shape = draw(SHAPES)
    acc_dtype, x_dtype = draw(st.sampled_from(PAIRS))
    for dtype in (acc_dtype, x_dtype):
        draw(dtypes((dtype,)))  # records the dtype's corner
    acc = corners.tensors(shape, dtypes=(acc_dtype,),
                          corners=("noncontiguous", "view_of_buffer", "negative"))
    x = corners.tensors(shape, dtypes=(x_dtype,), corners=("noncontiguous", "negative"))
    return {"acc": draw(acc), "x": draw(x)}


def test_accumulate_(kata):
    kata.compare("accumulate_", accumulate_args(), max_examples=12, examples=examples(
        {"acc": torch.zeros(2), "x": torch.ones(2)},
        {"acc": torch.zeros(2, dtype=torch.float64), "x": torch.ones(2, dtype=torch.float64)},
        {"acc": torch.tensor(0.0), "x": torch.tensor(1.0)},
        {"acc": torch.zeros(2, dtype=torch.float16), "x": torch.ones(2)}))


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


@mistake("accumulate_", diagnosis="acc.data = acc + x gives acc new memory (of the promoted dtype "
         "when x's is wider) instead of adding into its own: the caller's buffer keeps its old "
         "values. acc.add_(x) (or acc += x) adds in place and keeps acc's dtype.")
def data_rebind(acc, x):
    acc.data = acc.data + x
    return acc


@mistake("accumulate_", diagnosis="acc[:] += x fails on a 0-d acc (a slice needs a dimension), "
         "the usual case for a running loss: acc.add_(x) or acc += x work for every shape.")
def slice_iadd(acc, x):
    acc[:] += x
    return acc


@mistake("accumulate_", diagnosis="acc was updated, but .float() on the result returned a float32 "
         "copy whenever acc is not float32: return acc itself, with its own dtype.")
def returns_float(acc, x):
    return acc.add_(x).float()


@mistake("accumulate_", diagnosis="acc ends right, but x was changed on the way (the sum was "
         "built in x and copied back): x must stay as it was; add into acc alone, acc.add_(x).")
def sum_built_in_x_then_copied(acc, x):
    x.add_(acc)
    acc.copy_(x)
    return acc
