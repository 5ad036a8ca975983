"""Realistic learner answers for exercises/02_autograd/01_requires_grad.py (trainable_copy)."""
import copy

import torch
from torch.autograd import Variable


# --------------------------------------------------------------------------- right answers

def right__trainable_copy__clone_then_detach_(x: torch.Tensor) -> torch.Tensor:
    """alternative | clones first, then cuts the clone from the graph in place with detach_() before flipping the flag"""
    w = x.clone()
    w.detach_()
    w.requires_grad_(True)
    return w


def right__trainable_copy__clone_under_no_grad(x: torch.Tensor) -> torch.Tensor:
    """alternative | clones inside torch.no_grad() (so no CloneBackward is recorded) and sets the attribute requires_grad = True"""
    with torch.no_grad():
        w = x.clone()
    w.requires_grad = True
    return w


def right__trainable_copy__empty_like_copy(x: torch.Tensor) -> torch.Tensor:
    """alternative | allocates with empty_like and fills it with copy_ under no_grad, then enables grad"""
    w = torch.empty_like(x)
    with torch.no_grad():
        w.copy_(x)
    return w.requires_grad_()


def right__trainable_copy__data_clone(x: torch.Tensor) -> torch.Tensor:
    """alternative | 0.4-era spelling: x.data.clone() is a fresh untracked copy, then requires_grad_()"""
    return x.data.clone().requires_grad_()


# --------------------------------------------------------------------------- wrong answers

def wrong__trainable_copy__flip_flag_in_place(x: torch.Tensor) -> torch.Tensor:
    """beginner | flips requires_grad on the caller's tensor and returns it: x is modified and the result is x itself, not a copy | differs when: x = torch.tensor([1.0, 2.0]) (x.requires_grad becomes True and the result is x)"""
    x.requires_grad_(True)
    return x


def wrong__trainable_copy__clone_keeps_history(x: torch.Tensor) -> torch.Tensor:
    """beginner | clone() without detach records CloneBackward when x is tracked: the result is not a leaf (grad_fn set) and gradients flow back into x | differs when: x = torch.ones(2, requires_grad=True) * 3 or x = torch.ones(2, requires_grad=True)"""
    return x.clone().requires_grad_(True)


def wrong__trainable_copy__variable_wrapper(x: torch.Tensor) -> torch.Tensor:
    """old-api | Variable(x, requires_grad=True) is now a detached alias, not a copy: the result shares memory with x, so updating it changes x | differs when: x = torch.tensor([1.0, 2.0]) (result.data_ptr() == x.data_ptr())"""
    return Variable(x, requires_grad=True)


def wrong__trainable_copy__deepcopy(x: torch.Tensor) -> torch.Tensor:
    """beginner | copy.deepcopy refuses non-leaf tensors ("Only Tensors created explicitly by the user support the deepcopy protocol"), so a tracked intermediate x raises | differs when: x = torch.ones(2, requires_grad=True) * 2"""
    w = copy.deepcopy(x)
    return w.requires_grad_(True)


def wrong__trainable_copy__float_cast(x: torch.Tensor) -> torch.Tensor:
    """subtle | habitual .float() casts the copy to float32, so the dtype of x is not kept | differs when: x = torch.tensor([1.0, 2.0], dtype=torch.float64)"""
    return x.detach().clone().float().requires_grad_()


def wrong__trainable_copy__tolist_roundtrip(x: torch.Tensor) -> torch.Tensor:
    """subtle | rebuilds through Python lists with torch.tensor(x.tolist(), dtype=x.dtype): an empty leading dimension collapses the shape | differs when: x = torch.empty(0, 3) (result shape (0,) instead of (0, 3))"""
    return torch.tensor(x.tolist(), dtype=x.dtype, requires_grad=True)


def wrong__trainable_copy__contiguous_as_copy(x: torch.Tensor) -> torch.Tensor:
    """subtle | assumes .contiguous() copies: it returns the same storage for an already contiguous x, so the result aliases x (only non-contiguous inputs get copied) | differs when: x = torch.tensor([1.0, 2.0]) (result.data_ptr() == x.data_ptr())"""
    return x.detach().contiguous().requires_grad_(True)
