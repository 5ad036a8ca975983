"""Checks for exercises/01_tensors/08_squeeze.py: unsqueeze and squeeze(dim)."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake


def test_add_batch_dim(kata):
    kata.compare("add_batch_dim", ts.kwargs(x=ts.tensors(ts.shapes(min_dims=0), ts.dtypes())),
                 exact=True, max_examples=10,
                 examples=[{"x": torch.zeros(3, 4, 5)}, {"x": torch.tensor(2.0)}])


@mistake("add_batch_dim", diagnosis="unsqueeze(-1) adds the new dimension at the end: the batch "
         "dimension goes in front, x.unsqueeze(0).")
def appends_dim(x):
    return x.unsqueeze(-1)


@mistake("add_batch_dim", diagnosis="reshape(1, -1) flattens the sample into one row: "
         "x.unsqueeze(0) keeps its shape and adds a leading 1.")
def flattens(x):
    return x.reshape(1, -1)


@mistake("add_batch_dim", diagnosis="the shape is right but the result is a copy: "
         "x.unsqueeze(0) (or x[None]) returns a view; torch.stack([x]) and clone() copy.")
def stacks(x):
    return torch.stack([x])


@st.composite
def channel_args(draw):
    n, h, w = (draw(st.integers(1, 3)) for _ in range(3))
    return {"x": draw(ts.tensors((n, 1, h, w), ts.dtypes()))}


def test_drop_channel_dim(kata):
    kata.compare("drop_channel_dim", channel_args(), exact=True, max_examples=10, examples=[
        {"x": torch.zeros(1, 1, 4, 5)}, {"x": torch.arange(6.0).reshape(2, 1, 3, 1)}])


@mistake("drop_channel_dim", diagnosis="squeeze() without a dimension drops every size-1 "
         "dimension, so a batch of one image (N=1) or a 1-pixel side disappears too: name the "
         "dimension, x.squeeze(1).")
def squeezes_all(x):
    return x.squeeze()


@mistake("drop_channel_dim", diagnosis="squeeze(0) removes the batch dimension (when N is 1) "
         "instead of the channel dimension: it is dimension 1, x.squeeze(1).")
def wrong_dim(x):
    return x.squeeze(0)


@mistake("drop_channel_dim", diagnosis="the values and shape are right but the result is a copy: "
         "x.squeeze(1) (or x[:, 0]) returns a view.")
def copies(x):
    return x[:, 0].clone()
