"""Realistic learner answers for exercises/01_tensors/09_cat_stack.py (stack_samples, concat_batches)."""
import functools

import torch


# ====================================================================== stack_samples
# --------------------------------------------------------------------------- right


def right__stack_samples__cat_of_unsqueezed(samples: list[torch.Tensor]) -> torch.Tensor:
    """alternative | unsqueezes every sample to (1, *S) and concatenates along dimension 0"""
    return torch.cat([s.unsqueeze(0) for s in samples], dim=0)


def right__stack_samples__preallocate_and_fill(samples: list[torch.Tensor]) -> torch.Tensor:
    """alternative | allocates the (len(samples), *S) batch with new_empty on the first sample and copies each sample into its row"""
    first = samples[0]
    batch = first.new_empty((len(samples), *first.shape))
    for i, s in enumerate(samples):
        batch[i] = s
    return batch


def right__stack_samples__stack_tuple_keyword(samples: list[torch.Tensor]) -> torch.Tensor:
    """alternative | torch.stack on a tuple copy of the list with the dim named explicitly"""
    return torch.stack(tuple(samples), dim=0)


# --------------------------------------------------------------------------- wrong


def wrong__stack_samples__cat_instead(samples: list[torch.Tensor]) -> torch.Tensor:
    """beginner | torch.cat joins along the existing first dimension instead of making a new one | differs when: samples=[torch.zeros(28, 28), torch.ones(28, 28)] gives shape (56, 28) instead of (2, 28, 28)"""
    return torch.cat(samples)


def wrong__stack_samples__tensor_of_list(samples: list[torch.Tensor]) -> torch.Tensor:
    """tf-habit | torch.tensor(list_of_tensors), as tf.convert_to_tensor packs a list of tensors; torch only converts one-element tensors | differs when: samples=[torch.zeros(2), torch.ones(2)] raises ValueError instead of returning shape (2, 2)"""
    return torch.tensor(samples)


def wrong__stack_samples__vstack(samples: list[torch.Tensor]) -> torch.Tensor:
    """subtle | torch.vstack (np.vstack habit) is right for 1-d feature vectors but concatenates rows of 2-d samples and turns 0-d samples into a column | differs when: samples=[torch.zeros(28, 28), torch.ones(28, 28)] gives shape (56, 28) instead of (2, 28, 28)"""
    return torch.vstack(samples)


def wrong__stack_samples__cat_then_view(samples: list[torch.Tensor]) -> torch.Tensor:
    """subtle | torch.cat(samples).view(len(samples), *S): right for samples with at least one dimension, but torch.cat refuses 0-d tensors | differs when: samples=[torch.tensor(1.), torch.tensor(2.)] raises RuntimeError instead of tensor([1., 2.])"""
    return torch.cat(samples).view(len(samples), *samples[0].shape)


def wrong__stack_samples__legacy_float_buffer(samples: list[torch.Tensor]) -> torch.Tensor:
    """old-api | preallocates with the legacy torch.Tensor(n, *size) constructor and copies rows in: the batch is always float32 on the CPU | differs when: samples=[torch.tensor([1, 2]), torch.tensor([3, 4])] gives float32 instead of int64"""
    batch = torch.Tensor(len(samples), *samples[0].size())
    for i, s in enumerate(samples):
        batch[i].copy_(s)
    return batch


def wrong__stack_samples__stack_last_dim(samples: list[torch.Tensor]) -> torch.Tensor:
    """beginner | torch.stack(samples, dim=-1) puts the new axis last (features-as-columns habit) instead of first | differs when: samples=[torch.zeros(3), torch.ones(3)] gives shape (3, 2) instead of (2, 3)"""
    return torch.stack(samples, dim=-1)


# ===================================================================== concat_batches
# --------------------------------------------------------------------------- right


def right__concat_batches__concatenate_alias(batches: list[torch.Tensor]) -> torch.Tensor:
    """alternative | torch.concatenate(batches, axis=0), the NumPy-named alias of torch.cat"""
    return torch.concatenate(batches, axis=0)


def right__concat_batches__preallocate_slices(batches: list[torch.Tensor]) -> torch.Tensor:
    """alternative | allocates the (sum n_i, *S) result with new_empty and copies every batch into its slice"""
    first = batches[0]
    total = sum(b.shape[0] for b in batches)
    out = first.new_empty((total, *first.shape[1:]))
    start = 0
    for b in batches:
        out[start:start + b.shape[0]] = b
        start += b.shape[0]
    return out


def right__concat_batches__pairwise_reduce(batches: list[torch.Tensor]) -> torch.Tensor:
    """alternative | folds the list with functools.reduce, concatenating two at a time starting from a clone of the first batch"""
    return functools.reduce(lambda a, b: torch.cat((a, b), 0), batches[1:], batches[0].clone())


# --------------------------------------------------------------------------- wrong


def wrong__concat_batches__stack_instead(batches: list[torch.Tensor]) -> torch.Tensor:
    """beginner | torch.stack needs equal shapes and adds a new axis; batches of different lengths raise | differs when: batches=[torch.zeros(3, 2), torch.zeros(5, 2)] raises RuntimeError instead of shape (8, 2)"""
    return torch.stack(batches)


def wrong__concat_batches__last_axis(batches: list[torch.Tensor]) -> torch.Tensor:
    """tf-habit | torch.cat(batches, dim=-1), the tf.concat(..., axis=-1) habit for features; only right when the batches are 1-d | differs when: batches=[torch.zeros(3, 2), torch.zeros(5, 2)] raises RuntimeError instead of shape (8, 2)"""
    return torch.cat(batches, dim=-1)


def wrong__concat_batches__vstack(batches: list[torch.Tensor]) -> torch.Tensor:
    """subtle | torch.vstack equals cat along 0 for batches of 2 or more dims, but promotes 1-d batches (S = ()) to rows | differs when: batches=[torch.zeros(3), torch.zeros(3)] gives shape (2, 3) instead of (6,)"""
    return torch.vstack(batches)


def wrong__concat_batches__cast_to_float(batches: list[torch.Tensor]) -> torch.Tensor:
    """subtle | calls .float() on each batch 'so cat does not complain', which changes the dtype of integer (label) batches and float64 data | differs when: batches=[torch.tensor([1, 2]), torch.tensor([3])] gives float32 instead of int64"""
    return torch.cat([b.float() for b in batches], dim=0)


def wrong__concat_batches__view_two_dims(batches: list[torch.Tensor]) -> torch.Tensor:
    """examples | adapted from example code that assumes (n, features) batches: torch.cat(...).view(-1, batches[0].size(1)) fails on 1-d batches and flattens 3-d ones | differs when: batches=[torch.zeros(3, 2, 2), torch.zeros(1, 2, 2)] gives shape (8, 2) instead of (4, 2, 2)"""
    return torch.cat(batches, 0).view(-1, batches[0].size(1))


def wrong__concat_batches__legacy_float_buffer(batches: list[torch.Tensor]) -> torch.Tensor:
    """old-api | preallocates with torch.Tensor(total, *rest) (always float32, CPU) and copies slices in | differs when: batches=[torch.tensor([1, 2]), torch.tensor([3])] gives float32 instead of int64"""
    total = sum(b.size(0) for b in batches)
    out = torch.Tensor(total, *batches[0].size()[1:])
    i = 0
    for b in batches:
        out[i:i + b.size(0)].copy_(b)
        i += b.size(0)
    return out


def wrong__concat_batches__single_batch_shortcut(batches: list[torch.Tensor]) -> torch.Tensor:
    """subtle | shortcut 'nothing to join' returns the only batch itself: torch.cat always builds a new tensor, here the result aliases the input, so writing into it changes the caller's batch | differs when: batches=[torch.zeros(2, 2)]: result is batches[0] (same object), writing result[0, 0] = 1 changes the input"""
    if len(batches) == 1:
        return batches[0]
    return torch.cat(batches, dim=0)
