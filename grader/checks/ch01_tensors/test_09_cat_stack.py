"""Checks for exercises/01_tensors/09_cat_stack.py: stack adds a dimension, cat joins along one."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake


@st.composite
def samples_args(draw):
    shape = draw(ts.shapes(min_dims=0, max_dims=2))
    count = draw(st.integers(1, 4))
    return {"samples": [draw(ts.tensors(shape)) for _ in range(count)]}


def test_stack_samples(kata):
    kata.compare("stack_samples", samples_args(), exact=True, max_examples=10, examples=[
        {"samples": [torch.zeros(2, 3), torch.ones(2, 3)]},
        {"samples": [torch.tensor(1.0), torch.tensor(2.0), torch.tensor(3.0)]}])


@mistake("stack_samples", diagnosis="torch.cat joins along the samples' existing first "
         "dimension, so no batch dimension is added (and 0-d samples cannot be joined): "
         "torch.stack(samples) adds the new dimension.")
def concatenates(samples):
    return torch.cat(samples)


@mistake("stack_samples", diagnosis="stack(..., dim=-1) puts the new dimension last: the batch "
         "dimension comes first, dim=0 (the default).")
def stacks_last(samples):
    return torch.stack(samples, dim=-1)


@st.composite
def batches_args(draw):
    tail = draw(ts.shapes(min_dims=0, max_dims=2))
    lengths = draw(st.lists(st.integers(0, 4), min_size=1, max_size=4))
    return {"batches": [draw(ts.tensors((n, *tail))) for n in lengths]}


def test_concat_batches(kata):
    kata.compare("concat_batches", batches_args(), exact=True, max_examples=10, examples=[
        {"batches": [torch.zeros(2, 2), torch.ones(2, 2)]},
        {"batches": [torch.zeros(3, 2), torch.ones(5, 2)]}])


@mistake("concat_batches", diagnosis="torch.stack adds a new dimension (and needs equal "
         "lengths): batches already have one, so join them along it with torch.cat(batches).")
def stacks(batches):
    return torch.stack(batches)


@mistake("concat_batches", diagnosis="dim=-1 joins along the last dimension: batches are joined "
         "along the first one, torch.cat(batches, dim=0).")
def joins_last_dim(batches):
    return torch.cat(batches, dim=-1)
