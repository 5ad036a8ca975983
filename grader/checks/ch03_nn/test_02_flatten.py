"""Checks for exercises/03_nn/02_flatten.py: flatten everything but the batch."""

import torch

from grader import strategies as ts
from grader.mistakes import mistake

_g = torch.Generator().manual_seed(3)
EXAMPLES = [
    {"x": torch.randn(2, 64, 12, 12, generator=_g)},   # MnistNet's feature map
    {"x": torch.randn(4, 32, 12, 12, generator=_g)},   # same numel per 2 rows: folds with -1
    {"x": torch.randn(1, 64, 12, 12, generator=_g)},   # a batch of one
    {"x": torch.randn(3, 4, 5, 2, generator=_g).permute(0, 3, 1, 2)},  # non-contiguous
    {"x": torch.randn(3, 5, generator=_g)},            # already flat
]


def test_flatten_batch(kata):
    # Whether the result is a view of x or a copy is not part of the task.
    kata.compare("flatten_batch",
                 ts.kwargs(x=ts.tensors(ts.shapes(min_dims=2, max_dims=5, min_side=1, max_side=4),
                                        noncontiguous=True)),
                 examples=EXAMPLES, aliasing=False, exact=True, max_examples=20)


@mistake("flatten_batch", diagnosis="view needs memory laid out contiguously and raises on a "
         "permuted or transposed tensor: use torch.flatten(x, 1) or x.reshape(x.size(0), -1), "
         "which copy only when they must.")
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
