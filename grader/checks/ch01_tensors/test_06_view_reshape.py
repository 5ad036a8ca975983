"""Checks for exercises/01_tensors/06_view_reshape.py: reshape works where view cannot."""

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks._errors import asked_value_error
from grader.checks.ch01_tensors._common import EVERY, examples
from grader.mistakes import mistake


@st.composite
def rows_args(draw):
    t = draw(corners.tensors(dtypes=EVERY, corners=(
        "zero_dim", "empty", "size_one", "noncontiguous", "view_of_buffer", "requires_grad")))
    n = t.numel()
    divisors = [w for w in range(1, max(n, 1) + 1) if n % w == 0] if n else list(range(1, 5))
    width = draw(st.sampled_from(divisors) if draw(st.integers(0, 4)) else st.integers(1, 7))
    return {"t": t, "width": width}


def rows_and_view(reshape_rows, t, width):
    """The rows, and whether they share t's memory when t is contiguous (then no copy is needed).

    For a non-contiguous t a copy is fine: reshape may copy, and so may t.contiguous().view().
    A ValueError asked for (t.numel() not a multiple of width) is compared by its type only.
    """
    with asked_value_error(f"{t.numel()} elements do not make rows of {width}",
                           asked=t.numel() % width != 0):
        rows = reshape_rows(t, width)
    if not torch.is_tensor(rows):
        return rows
    shares = rows.untyped_storage().data_ptr() == t.untyped_storage().data_ptr()
    return {"rows": rows, "a view of t (when t is contiguous)": shares if t.is_contiguous() else None}


def test_reshape_rows(kata):
    kata.compare("reshape_rows", rows_args(), probe=rows_and_view, exact=True, aliasing=False,
                 max_examples=15, examples=examples(
                     {"t": torch.arange(6).reshape(2, 3).T, "width": 3},
                     {"t": torch.arange(12.0).reshape(3, 4), "width": 6},
                     {"t": torch.arange(5.0), "width": 2},
                     {"t": torch.arange(6).reshape(2, 3).T, "width": 2},
                     {"t": torch.zeros(0, 3, dtype=torch.float64), "width": 2}))


@mistake("reshape_rows", diagnosis="view cannot reshape a non-contiguous tensor such as a "
         "transpose (\"view size is not compatible with input tensor's size and stride\"): use "
         "reshape, which views when it can and copies when it must.")
def uses_view(t, width):
    if t.numel() % width:
        raise ValueError("does not divide")
    return t.view(-1, width)


@mistake("reshape_rows", diagnosis="when width does not divide t.numel(), reshape raises "
         "RuntimeError; check t.numel() % width first and raise ValueError.")
def no_check(t, width):
    return t.reshape(-1, width)


@mistake("reshape_rows", diagnosis="an assert raises AssertionError (and checks nothing under "
         "python -O); the exercise asks for ValueError: if t.numel() % width: raise ValueError(...).")
def asserts(t, width):
    assert t.numel() % width == 0, "numel must be a multiple of width"
    return t.reshape(-1, width)


@mistake("reshape_rows", diagnosis="reshape(width, -1) makes width rows, not rows of width: "
         "the -1 goes first, reshape(-1, width).")
def swapped(t, width):
    if t.numel() % width:
        raise ValueError("does not divide")
    return t.reshape(width, -1)


@mistake("reshape_rows", diagnosis="the values are right, but the result is a copy even of a "
         "contiguous tensor: t.reshape(-1, width) returns a view when the layout allows it; do "
         "not build the rows from a copy (clone, stack, cat...).")
def always_copies(t, width):
    if t.numel() % width:
        raise ValueError("does not divide")
    return t.clone().reshape(-1, width)


@mistake("reshape_rows", diagnosis="torch.stack(torch.split(...)) always copies (never a view of "
         "a contiguous t), and an empty t comes out as one empty row, shape (1, 0): "
         "t.reshape(-1, width) views when it can and keeps (0, width).")
def split_and_stack(t, width):
    if t.numel() % width:
        raise ValueError("does not divide")
    return torch.stack(torch.split(t.flatten(), width))


@mistake("reshape_rows", diagnosis="the check looked at the last dimension (t.shape[-1] % width) "
         "instead of the number of elements: rows of width may cross the last dimension. Check "
         "t.numel() % width.")
def checks_last_dim(t, width):
    if t.shape[-1] % width:
        raise ValueError("last dimension must be a multiple of width")
    return t.reshape(-1, width)


@mistake("reshape_rows", diagnosis="clone() then resize_(...) lays the elements out in memory "
         "order, not in t's row-major order (a transposed t comes out scrambled), and copies even "
         "a contiguous t: t.reshape(-1, width) reads t in order and views when it can.")
def resize_copy(t, width):
    if t.numel() % width:
        raise ValueError("does not divide")
    out = t.clone()
    out.resize_(t.numel() // width, width)
    return out
