"""Realistic learner answers for exercises/06_pytorch2/11_gradient_hooks.py (clip_grad_hooks)."""
import functools

import torch
from torch import nn
from torch.utils.hooks import RemovableHandle


# --------------------------------------------------------------------------- right


def right__clip_grad_hooks__partial_clamp(model: nn.Module, clip_value: float) -> list[RemovableHandle]:
    """alternative | the hook is functools.partial(torch.clamp, min=-c, max=c), one shared callable, registered in a list comprehension"""
    clip = functools.partial(torch.clamp, min=-clip_value, max=clip_value)
    return [p.register_hook(clip) for p in model.parameters() if p.requires_grad]


def right__clip_grad_hooks__where_sign(model: nn.Module, clip_value: float) -> list[RemovableHandle]:
    """alternative | a named inner function that clips with torch.where(|g| > c, c * sign(g), g) instead of clamp; frozen parameters skipped in an explicit loop"""
    def clip(grad: torch.Tensor) -> torch.Tensor:
        return torch.where(grad.abs() > clip_value, grad.sign() * clip_value, grad)

    handles = []
    for param in model.parameters():
        if not param.requires_grad:
            continue
        handles.append(param.register_hook(clip))
    return handles


# --------------------------------------------------------------------------- wrong


def wrong__clip_grad_hooks__clip_by_norm(model: nn.Module, clip_value: float) -> list[RemovableHandle]:
    """tf-habit | mixes up Keras' clipvalue with clipnorm: each hook rescales the gradient to L2 norm at most c instead of clamping each element | differs when: the docstring example (grad [[5, 5, 5]], c=0.1) gives about [[0.0577, 0.0577, 0.0577]] instead of [[0.1, 0.1, 0.1]]"""
    def hook(grad):
        norm = grad.norm()
        return grad * torch.clamp(clip_value / norm, max=1.0)

    return [p.register_hook(hook) for p in model.parameters() if p.requires_grad]


def wrong__clip_grad_hooks__no_return(model: nn.Module, clip_value: float) -> list[RemovableHandle]:
    """beginner | the hook computes grad.clamp(-c, c) but does not return it; a hook that returns None leaves the gradient unchanged | differs when: the docstring example leaves net.weight.grad at [[5, 5, 5]] instead of [[0.1, 0.1, 0.1]]"""
    def hook(grad):
        grad.clamp(-clip_value, clip_value)

    return [p.register_hook(hook) for p in model.parameters() if p.requires_grad]


def wrong__clip_grad_hooks__upper_only(model: nn.Module, clip_value: float) -> list[RemovableHandle]:
    """beginner | clamps with max=c only, forgetting the lower bound -c: large negative gradients pass | differs when: the docstring example with the input torch.full((1, 3), -5.0) leaves net.weight.grad at [[-5, -5, -5]] instead of [[-0.1, -0.1, -0.1]]"""
    return [p.register_hook(lambda g: g.clamp(max=clip_value)) for p in model.parameters() if p.requires_grad]


def wrong__clip_grad_hooks__post_accumulate(model: nn.Module, clip_value: float) -> list[RemovableHandle]:
    """subtle | register_post_accumulate_grad_hook clamping p.grad in place: it clips the accumulated .grad, earlier passes' gradient included, not this pass's gradient | differs when: the docstring example backpropagated twice without zero_grad gives [[0.1, 0.1, 0.1]] instead of [[0.2, 0.2, 0.2]]"""
    def hook(param):
        param.grad.clamp_(-clip_value, clip_value)

    return [p.register_post_accumulate_grad_hook(hook) for p in model.parameters() if p.requires_grad]


def wrong__clip_grad_hooks__frozen_too(model: nn.Module, clip_value: float) -> list[RemovableHandle]:
    """subtle | hooks every parameter, without skipping frozen ones: register_hook on a tensor that does not require grad raises | differs when: nn.Linear(3, 1) with its bias frozen (requires_grad_(False)) raises RuntimeError instead of returning one handle"""
    return [p.register_hook(lambda g: torch.clamp(g, -clip_value, clip_value)) for p in model.parameters()]
