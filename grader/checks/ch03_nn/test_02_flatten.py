"""Checks for exercises/03_nn/02_flatten.py: flatten everything but the batch.

Inputs have at least two dimensions and any sizes, 0 included (an empty batch too), any dtype,
and any layout (transposed, strided, a window into a larger buffer); some require grad. The
named examples run first, ordered so that each known mistake fails on its own example.
"""

import torch

from grader import corners
from grader import strategies as ts
from grader.checks.ch03_nn._nets import example
from grader.mistakes import mistake

CORNERS = ("empty", "size_one", "noncontiguous", "view_of_buffer", "requires_grad",
           "low_precision", "float64", "integer", "bool", "negative")
DTYPES = (torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.uint8,
          torch.bool)

SEED = "generator=torch.Generator().manual_seed(0)"


def named_examples():
    return [
        {"x": example(f"torch.randn(2, 64, 12, 12, {SEED})")},   # MnistNet's feature map
        {"x": example(f"torch.randn(4, 32, 12, 12, {SEED})")},   # same numel per 2 rows
        {"x": example(f"torch.randn(1, 64, 12, 12, {SEED})")},   # a batch of one
        {"x": example(f"torch.randn(3, 4, 5, 2, {SEED}).permute(0, 3, 1, 2)")},  # transposed
        {"x": example("torch.zeros(0, 3, 4)")},                  # an empty batch
        {"x": example(f"torch.randn(3, 5, {SEED})")},            # already flat
    ]


def test_flatten_batch(kata):
    x = corners.tensors(corners.shapes(min_dims=2, max_dims=5, max_side=4, corners=CORNERS),
                        dtypes=DTYPES, corners=CORNERS)
    # Whether the result is a view of x or a copy is not part of the task.
    kata.compare("flatten_batch", ts.kwargs(x=x), examples=named_examples(), aliasing=False,
                 exact=True, max_examples=20)


@mistake("flatten_batch", diagnosis="view needs memory laid out contiguously and raises on a "
         "permuted or transposed tensor: use torch.flatten(x, 1) or reshape, which copy only "
         "when they must.")
def view_batch(x):
    return x.view(x.size(0), -1)


@mistake("flatten_batch", diagnosis="a hard-coded size in view(-1, 9216) only fits one input "
         "size: otherwise it raises, or it folds part of the batch into the features ((4, 32, 12, "
         "12) becomes (2, 9216)). Keep the batch and infer the rest: torch.flatten(x, 1).")
def hardcoded_view(x):
    return x.view(-1, 64 * 12 * 12)


@mistake("flatten_batch", diagnosis="torch.flatten(x) (or x.flatten()) starts at dimension 0 and "
         "merges the batch too: pass start_dim=1, as Keras' Flatten keeps the batch axis.")
def flattens_everything(x):
    return torch.flatten(x)


@mistake("flatten_batch", diagnosis="squeeze() also removes a batch dimension of size 1, so "
         "a batch of one loses its batch axis: flatten from dimension 1 without squeezing.")
def squeeze_first(x):
    return torch.flatten(x.squeeze(), 1)


@mistake("flatten_batch", diagnosis="the features came out in channels-last (H, W, C) order, as "
         "Keras flattens: PyTorch's layers expect torch.flatten(x, 1) of the (N, C, H, W) map, "
         "in (C, H, W) order. Do not permute before flattening.")
def channels_last_order(x):
    if x.dim() == 4:
        x = x.permute(0, 2, 3, 1)
    return x.reshape(x.shape[0], -1)


@mistake("flatten_batch", diagnosis="unpacking n, c, h, w = x.shape works for 4-D input only: "
         "flatten_batch takes any number of dimensions after the batch. Use torch.flatten(x, 1).")
def four_dims_only(x):
    n, c, h, w = x.shape
    return x.reshape(n, c * h * w)


@mistake("flatten_batch", diagnosis="reshape(N, -1) cannot infer the -1 for an empty batch (N = "
         "0: any size fits 0 elements) and raises: torch.flatten(x, 1) handles it, or give the "
         "feature count itself, math.prod(x.shape[1:]).")
def reshape_minus_one(x):
    return x.reshape(len(x), -1)
