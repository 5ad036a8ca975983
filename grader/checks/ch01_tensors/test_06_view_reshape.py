"""Checks for exercises/01_tensors/06_view_reshape.py: reshape works where view cannot."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake


@st.composite
def rows_args(draw):
    t = draw(ts.tensors(ts.shapes(min_dims=1, max_dims=3, min_side=1), ts.dtypes(),
                        noncontiguous=True))
    n = t.numel()
    divisors = [w for w in range(1, n + 1) if n % w == 0]
    width = draw(st.sampled_from(divisors) if draw(st.integers(0, 4)) else st.integers(1, 7))
    return {"t": t, "width": width}


def rows_and_view(reshape_rows, t, width):
    """The rows, and whether they share t's memory when t is contiguous (then no copy is needed).

    For a non-contiguous t a copy is fine: reshape may copy, and so may t.contiguous().view().
    """
    rows = reshape_rows(t, width)
    if not torch.is_tensor(rows):
        return rows
    shares = rows.untyped_storage().data_ptr() == t.untyped_storage().data_ptr()
    return {"rows": rows, "view_when_t_is_contiguous": shares if t.is_contiguous() else None}


def test_reshape_rows(kata):
    transposed = torch.arange(6).reshape(2, 3).T
    kata.compare("reshape_rows", rows_args(), probe=rows_and_view, exact=True, aliasing=False,
                 max_examples=15, examples=[
        {"t": transposed, "width": 2},
        {"t": torch.arange(12.0).reshape(3, 4), "width": 6},
        {"t": torch.arange(6.0), "width": 4}])


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


@mistake("reshape_rows", diagnosis="reshape(width, -1) makes width rows, not rows of width: "
         "the -1 goes first, reshape(-1, width).")
def swapped(t, width):
    if t.numel() % width:
        raise ValueError("does not divide")
    return t.reshape(width, -1)


@mistake("reshape_rows", diagnosis="the values are right, but the result is a copy even of a "
         "contiguous tensor: reshape returns a view when the layout allows it; drop the clone.")
def always_copies(t, width):
    if t.numel() % width:
        raise ValueError("does not divide")
    return t.clone().reshape(-1, width)
