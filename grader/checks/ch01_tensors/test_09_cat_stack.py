"""Checks for exercises/01_tensors/09_cat_stack.py: stack adds a dimension, cat joins along one."""

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch01_tensors._common import EVERY, dtypes, examples
from grader.mistakes import mistake

LAYOUTS = ("noncontiguous", "requires_grad")


@st.composite
def samples_args(draw):
    shape = draw(corners.shapes(max_dims=2, max_side=3))
    dtype = draw(dtypes(EVERY))
    count = draw(st.integers(1, 4))
    sample = corners.tensors(shape, dtypes=(dtype,), corners=LAYOUTS)
    return {"samples": [draw(sample) for _ in range(count)]}


def test_stack_samples(kata):
    kata.compare("stack_samples", samples_args(), exact=True, max_examples=12, examples=examples(
        {"samples": [torch.tensor([1, 2, 3]), torch.tensor([4, 5, 6])]},
        {"samples": [torch.zeros(2, 3), torch.ones(2, 3)]},
        {"samples": [torch.tensor(1.0), torch.tensor(2.0), torch.tensor(3.0)]},
        {"samples": [torch.arange(4.0, dtype=torch.float64).reshape(2, 2)]},
        {"samples": [torch.tensor([True, False]), torch.tensor([False, False])]}))


@mistake("stack_samples", diagnosis="torch.cat joins along the samples' existing first "
         "dimension, so no batch dimension is added (and 0-d samples cannot be joined): "
         "torch.stack(samples) adds the new dimension.")
def concatenates(samples):
    return torch.cat(samples)


@mistake("stack_samples", diagnosis="stack(..., dim=-1) puts the new dimension last: the batch "
         "dimension comes first, dim=0 (the default).")
def stacks_last(samples):
    return torch.stack(samples, dim=-1)


@mistake("stack_samples", diagnosis="torch.tensor(list of tensors) converts only one-element "
         "tensors (it reads them as Python numbers): torch.stack(samples) joins tensors of any "
         "shape.")
def tensor_of_list(samples):
    return torch.tensor(samples)


@mistake("stack_samples", diagnosis="torch.cat(samples).view(...) is right for samples with a "
         "dimension, but cat refuses 0-d samples: torch.stack(samples) handles every shape.")
def cat_then_view(samples):
    return torch.cat(samples).view(len(samples), *samples[0].shape)


@mistake("stack_samples", diagnosis="torch.vstack makes rows: right for 1-d samples, but it "
         "concatenates 2-d samples along their first dimension and turns 0-d ones into a "
         "column. torch.stack(samples) adds the batch dimension for every shape.")
def vstack(samples):
    return torch.vstack(samples)


@mistake("stack_samples", diagnosis="the batch was preallocated with the legacy torch.Tensor(...) "
         "constructor, which is always float32 on the CPU: torch.stack(samples) keeps the "
         "samples' dtype (or allocate with samples[0].new_empty(...)).")
def legacy_float_buffer(samples):
    batch = torch.Tensor(len(samples), *samples[0].size())
    for i, s in enumerate(samples):
        batch[i].copy_(s)
    return batch


@st.composite
def batches_args(draw):
    tail = draw(corners.shapes(max_dims=2, max_side=3))
    dtype = draw(dtypes(EVERY))
    lengths = draw(st.lists(st.integers(0, 3), min_size=1, max_size=4))
    for n in lengths:
        corners.record_shape((n, *tail))
    return {"batches": [draw(corners.tensors((n, *tail), dtypes=(dtype,), corners=LAYOUTS))
                        for n in lengths]}


def test_concat_batches(kata):
    kata.compare("concat_batches", batches_args(), exact=True, max_examples=12, examples=examples(
        {"batches": [torch.tensor([[1, 2], [3, 4]]), torch.tensor([[5, 6]])]},
        {"batches": [torch.arange(3.0), torch.arange(3.0)]},
        {"batches": [torch.zeros(3, 2, 2), torch.zeros(1, 2, 2)]},
        {"batches": [torch.arange(4.0).reshape(2, 2)]},
        {"batches": [torch.zeros(0, 2, dtype=torch.float64),
                     torch.ones(2, 2, dtype=torch.float64)]}))


@mistake("concat_batches", diagnosis="torch.stack adds a new dimension (and needs equal "
         "lengths): batches already have one, so join them along it with torch.cat(batches).")
def stacks(batches):
    return torch.stack(batches)


@mistake("concat_batches", diagnosis="dim=-1 joins along the last dimension: batches are joined "
         "along the first one, torch.cat(batches, dim=0).")
def joins_last_dim(batches):
    return torch.cat(batches, dim=-1)


@mistake("concat_batches", diagnosis="torch.vstack equals cat along dimension 0 for batches of 2 "
         "or more dimensions, but turns 1-d batches into rows: torch.cat(batches, dim=0) keeps "
         "every shape.")
def vstack_batches(batches):
    return torch.vstack(batches)


@mistake("concat_batches", diagnosis=".view(-1, batches[0].size(1)) assumes (n, features) "
         "batches: it fails on 1-d batches and flattens batches of 3 or more dimensions. "
         "torch.cat(batches, dim=0) already has the right shape.")
def view_two_dims(batches):
    return torch.cat(batches, 0).view(-1, batches[0].size(1))


@mistake("concat_batches", diagnosis="the result is float32 whatever the batches' dtype (.float() "
         "on each batch, or a buffer made with the legacy torch.Tensor(...), which is always "
         "float32): torch.cat(batches) keeps their dtype.")
def float32_result(batches):
    return torch.cat([b.float() for b in batches], dim=0)


@mistake("concat_batches", covered_by="float32_result")  # float32 too
def legacy_buffer(batches):
    total = sum(b.size(0) for b in batches)
    out = torch.Tensor(total, *batches[0].size()[1:])
    i = 0
    for b in batches:
        out[i:i + b.size(0)].copy_(b)
        i += b.size(0)
    return out


@mistake("concat_batches", diagnosis="a single batch was returned as it is: the result must be a "
         "new tensor (torch.cat always copies), or writing into it changes the caller's batch. "
         "torch.cat(batches) handles one batch too.")
def single_batch_shortcut(batches):
    if len(batches) == 1:
        return batches[0]
    return torch.cat(batches, dim=0)
