"""Checks for exercises/01_tensors/05_indexing.py: basic indexing returns a view."""

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch01_tensors._common import EVERY, examples
from grader.mistakes import mistake


@st.composite
def column_args(draw):
    rows, cols = draw(st.tuples(st.integers(0, 4), st.integers(1, 4)).map(corners.record_shape))
    t = draw(corners.tensors((rows, cols), dtypes=EVERY, corners=(
        "noncontiguous", "view_of_buffer", "requires_grad", "negative")))
    return {"t": t, "j": draw(st.integers(-cols, cols - 1))}


def test_take_column(kata):
    kata.compare("take_column", column_args(), exact=True, max_examples=12, examples=examples(
        {"t": torch.arange(6.0).reshape(2, 3), "j": 1},
        {"t": torch.arange(6.0).reshape(2, 3), "j": -1},
        {"t": torch.arange(3).reshape(1, 3), "j": 0},
        {"t": torch.arange(6.0).reshape(3, 2).requires_grad_(), "j": 1}))


@mistake("take_column", diagnosis="the values are right but the column is a copy: basic "
         "indexing t[:, j] already returns a view sharing t's memory, so drop the "
         ".clone()/.contiguous()/index_select/tensor-index and keep t[:, j].")
def copies_column(t, j):
    return t.index_select(1, torch.tensor([j % t.shape[1]])).squeeze(1)


@mistake("take_column", diagnosis="t[j] is row j, not column j: use t[:, j] (every row, column j).")
def takes_row(t, j):
    return t[j]


@mistake("take_column", diagnosis="t[:, j:j+1] keeps the column dimension (shape (rows, 1)), and "
         "for j = -1 the slice -1:0 is empty: an integer index t[:, j] drops the dimension and "
         "counts negative j from the end.")
def keeps_dim(t, j):
    return t[:, j:j + 1]


@mistake("take_column", diagnosis=".contiguous() copies the column whenever t has more than one "
         "column (a column of such a t is strided), so the result no longer shares t's memory: "
         "drop it, t[:, j] is the view.")
def contiguous_column(t, j):
    return t[:, j].contiguous()


@mistake("take_column", covered_by="copies_column")  # a copy too
def through_numpy(t, j):
    return torch.tensor(t.numpy()[:, j])


@mistake("take_column", diagnosis="squeeze() without a dimension also drops the row dimension when "
         "t has a single row: squeeze only dimension 1 (squeeze(1)), or index with t[:, j].")
def squeezes_all(t, j):
    return t.narrow(1, j % t.shape[1], 1).squeeze()


@mistake("take_column", diagnosis="a negative j was turned into a column number with the number of "
         "rows (t.shape[0]); columns are counted by t.shape[1]. t[:, j] handles negative j "
         "itself.")
def negative_by_rows(t, j):
    if j < 0:
        j = t.shape[0] + j
    return t[:, j]
