"""Realistic learner answers for exercises/05_cifar10_gpu/10_best_snapshot.py (snapshot_weights)."""
import copy
import itertools
from collections import OrderedDict

import torch
from torch import nn


# ---------------------------------------------------------------------------------------------
# right answers
# ---------------------------------------------------------------------------------------------

def right__snapshot_weights__deepcopy_state_dict(model: nn.Module) -> dict[str, torch.Tensor]:
    """alternative | copy.deepcopy(model.state_dict()), which also keeps the OrderedDict's _metadata"""
    return copy.deepcopy(model.state_dict())


def right__snapshot_weights__ordered_clone_detach(model: nn.Module) -> dict[str, torch.Tensor]:
    """alternative | an OrderedDict built with clone().detach() (clone first, then detach) in a loop"""
    snap = OrderedDict()
    for name, tensor in model.state_dict().items():
        snap[name] = tensor.clone().detach()
    return snap


def right__snapshot_weights__empty_like_copy(model: nn.Module) -> dict[str, torch.Tensor]:
    """alternative | allocates with torch.empty_like and copies the values in with copy_ (under no_grad, from keep_vars=True tensors)"""
    with torch.no_grad():
        return {k: torch.empty_like(v).copy_(v) for k, v in model.state_dict(keep_vars=True).items()}


def right__snapshot_weights__deepcopy_model(model: nn.Module) -> dict[str, torch.Tensor]:
    """alternative | deep-copies the whole module and returns the copy's state_dict (nothing else references those tensors)"""
    return copy.deepcopy(model).state_dict()


# ---------------------------------------------------------------------------------------------
# wrong answers
# ---------------------------------------------------------------------------------------------

def wrong__snapshot_weights__live_state_dict(model: nn.Module) -> dict[str, torch.Tensor]:
    """beginner | returns model.state_dict() itself: its tensors share memory with the parameters, so optimizer.step() changes the "best" weights too | differs when: nn.Linear(2, 2), snapshot, then an in-place update (optimizer.step() or p.add_(1)): the snapshot changes with the model"""
    return model.state_dict()


def wrong__snapshot_weights__shallow_dict_copy(model: nn.Module) -> dict[str, torch.Tensor]:
    """subtle | model.state_dict().copy() copies the dict, not the tensors: the values still alias the live parameters and buffers | differs when: nn.Linear(2, 2), snapshot, then weight.data.add_(1) / optimizer.step(): the snapshot changes"""
    return model.state_dict().copy()


def wrong__snapshot_weights__dot_data(model: nn.Module) -> dict[str, torch.Tensor]:
    """old-api | 0.4-era `{k: v.data ...}`: .data is a view of the same storage, not a copy | differs when: snapshot of nn.Linear(2, 2) followed by an in-place parameter update: the snapshot changes"""
    return {k: v.data for k, v in model.state_dict().items()}


def wrong__snapshot_weights__numpy_like_get_weights(model: nn.Module) -> dict[str, torch.Tensor]:
    """tf-habit | imitates Keras' get_weights() with .numpy(): NumPy arrays (not tensors) that share memory with the CPU tensors, so training changes them anyway; load_state_dict cannot take them | differs when: nn.Linear(2, 2): the values are np.ndarray, and a p.add_(1) afterwards shows up in them"""
    return {k: v.numpy() for k, v in model.state_dict().items()}


def wrong__snapshot_weights__parameters_only(model: nn.Module) -> dict[str, torch.Tensor]:
    """subtle | clones named_parameters() only: buffers (BatchNorm running_mean, running_var, num_batches_tracked) are missing, so load_state_dict(best) fails or keeps the latest statistics | differs when: nn.BatchNorm1d(3) (keys running_mean/running_var/num_batches_tracked missing)"""
    return {name: p.detach().clone() for name, p in model.named_parameters()}


def wrong__snapshot_weights__cpu_is_not_a_copy(model: nn.Module) -> dict[str, torch.Tensor]:
    """subtle | `.detach().cpu()` to "copy the weights off the GPU": on a CPU tensor .cpu() returns the very same tensor, so nothing is copied | differs when: a model on the CPU, e.g. nn.Linear(2, 2) followed by an in-place update: the snapshot changes (it works by accident on CUDA)"""
    return {k: v.detach().cpu() for k, v in model.state_dict().items()}


def wrong__snapshot_weights__clones_with_autograd(model: nn.Module) -> dict[str, torch.Tensor]:
    """subtle | clones named_parameters() and named_buffers() without detach: parameter clones are non-leaf tensors with requires_grad=True and a grad_fn (they keep the graph), the keys come in another order than state_dict(), and non-persistent buffers sneak in | differs when: nn.Linear(2, 2) (snapshot["weight"].requires_grad is True); nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2)) (key order differs)"""
    return {name: t.clone() for name, t in itertools.chain(model.named_parameters(), model.named_buffers())}
