"""Checks for exercises/01_tensors/08_squeeze.py: unsqueeze and squeeze(dim)."""

import torch
from hypothesis import strategies as st

from grader import corners
from grader import strategies as ts
from grader.checks.ch01_tensors._common import EVERY, examples
from grader.mistakes import mistake

VIEW_CORNERS = ("noncontiguous", "view_of_buffer", "requires_grad")


def test_add_batch_dim(kata):
    shapes = corners.shapes(max_dims=5, max_side=3)
    kata.compare("add_batch_dim", ts.kwargs(x=corners.tensors(shapes, dtypes=EVERY,
                                                              corners=VIEW_CORNERS)),
                 exact=True, max_examples=12, examples=examples(
                     {"x": torch.arange(60.0).reshape(3, 4, 5)},
                     {"x": torch.tensor(2.0)},
                     {"x": torch.arange(6).reshape(2, 3).T},
                     {"x": torch.zeros(2, 3, 4, 5, dtype=torch.float64)},
                     {"x": torch.ones(2, dtype=torch.bfloat16)},
                     {"x": torch.arange(3.0).requires_grad_()}))


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


@mistake("add_batch_dim", diagnosis="x.unsqueeze_(0) changed the caller's tensor itself (the "
         "trailing underscore works in place): x.unsqueeze(0) returns a new view and leaves x "
         "as it was.")
def in_place(x):
    return x.unsqueeze_(0)


@mistake("add_batch_dim", diagnosis=".contiguous() copies a non-contiguous sample (a transpose, a "
         "slice), so the result is no longer a view of x: x.unsqueeze(0) alone is a view "
         "whatever x's layout.")
def contiguous_copy(x):
    return x.unsqueeze(0).contiguous()


@mistake("add_batch_dim", diagnosis="a sample with 4 or more dimensions was taken for a batch "
         "already and returned as it was: the sample may have any shape, always add the "
         "leading 1, x.unsqueeze(0).")
def already_batched_guard(x):
    if x.dim() >= 4:
        return x
    return x.unsqueeze(0)


@st.composite
def channel_args(draw):
    n, h, w = draw(st.tuples(st.integers(0, 3), st.integers(1, 3), st.integers(1, 3)))
    shape = corners.record_shape((n, 1, h, w))
    return {"x": draw(corners.tensors(shape, dtypes=EVERY, corners=VIEW_CORNERS))}


def test_drop_channel_dim(kata):
    kata.compare("drop_channel_dim", channel_args(), exact=True, max_examples=12,
                 examples=examples(
                     {"x": torch.arange(6).reshape(2, 1, 3, 1)},
                     {"x": torch.zeros(1, 1, 4, 5)},
                     {"x": torch.arange(6.0).reshape(2, 1, 3, 1)},
                     {"x": torch.zeros(2, 1, 1, 5, dtype=torch.float64)}))


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


@mistake("drop_channel_dim", diagnosis="squeeze(-1) removes the last dimension, W in NCHW (where "
         "TensorFlow keeps channels): the channel dimension here is 1, x.squeeze(1).")
def squeezes_last(x):
    return x.squeeze(-1)


@mistake("drop_channel_dim", diagnosis="squeeze() then re-adding a batch axis patches N == 1 but "
         "not H == 1 or W == 1, which squeeze() drops too: remove only dimension 1, "
         "x.squeeze(1).")
def squeeze_then_fix_batch(x):
    y = x.squeeze()
    if y.dim() == 2:
        y = y.unsqueeze(0)
    return y


@mistake("drop_channel_dim", diagnosis="x.squeeze_(1) changed the caller's tensor itself (the "
         "trailing underscore works in place): x.squeeze(1) returns a new view and leaves x as "
         "it was.")
def squeezes_in_place(x):
    return x.squeeze_(1)


@mistake("drop_channel_dim", diagnosis="x.mean(dim=1) computes a new tensor (not a view of x) and "
         "fails on integer images: with a single channel there is nothing to average, "
         "x.squeeze(1) just drops the dimension.")
def mean_over_channels(x):
    return x.mean(dim=1)
