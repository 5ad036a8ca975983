"""Checks for exercises/01_tensors/05_indexing.py: basic indexing returns a view."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake


@st.composite
def column_args(draw):
    rows, cols = draw(st.integers(0, 4)), draw(st.integers(1, 4))
    t = draw(ts.tensors((rows, cols), ts.dtypes(), noncontiguous=True))
    return {"t": t, "j": draw(st.integers(-cols, cols - 1))}


def test_take_column(kata):
    kata.compare("take_column", column_args(), exact=True, max_examples=10, examples=[
        {"t": torch.arange(6.0).reshape(2, 3), "j": 1},
        {"t": torch.arange(6.0).reshape(2, 3), "j": -1}])


@mistake("take_column", diagnosis="the values are right but the column is a copy: basic "
         "indexing t[:, j] already returns a view sharing t's memory, so drop the "
         ".clone()/index_select/tensor-index and keep t[:, j].")
def copies_column(t, j):
    return t.index_select(1, torch.tensor([j % t.shape[1]])).squeeze(1)


@mistake("take_column", diagnosis="t[j] is row j, not column j: use t[:, j] (every row, column j).")
def takes_row(t, j):
    return t[j]


@mistake("take_column", diagnosis="t[:, j:j+1] keeps the column dimension (shape (rows, 1)): an "
         "integer index t[:, j] drops it.")
def keeps_dim(t, j):
    return t[:, j:j + 1] if j != -1 else t[:, j:]


@mistake("take_column", covered_by="copies_column")  # a copy too
def through_numpy(t, j):
    return torch.tensor(t.numpy()[:, j])
