"""Realistic learner answers for exercises/06_pytorch2/02_graph_breaks.py (clip_norm_no_break)."""
import torch


# --------------------------------------------------------------------------- right


def right__clip_norm_no_break__where_select(x: torch.Tensor, max_norm: float) -> torch.Tensor:
    """alternative | chooses with torch.where between the scaled tensor and x itself (the unused branch may hold inf/nan for a zero norm, where never picks it)"""
    norm = torch.linalg.vector_norm(x)
    return torch.where(norm > max_norm, x * (max_norm / norm), x)


def right__clip_norm_no_break__divide_by_larger(x: torch.Tensor, max_norm: float) -> torch.Tensor:
    """alternative | factor max_norm / max(norm, max_norm) with clamp_min on the norm: exactly 1 when the norm is small, no division by zero"""
    norm = x.norm(p=2)
    factor = max_norm / norm.clamp_min(max_norm)
    return x * factor


# --------------------------------------------------------------------------- wrong


def wrong__clip_norm_no_break__tensor_if(x: torch.Tensor, max_norm: float) -> torch.Tensor:
    """tf-habit | drops .item() but keeps the Python if on the norm, as AutoGraph would turn it into tf.cond; Dynamo does not, it breaks the graph on the data-dependent branch | differs when: torch.compile(clip_norm_no_break, fullgraph=True)(torch.tensor([3.0, 4.0]), 1.0) raises (Unsupported) instead of returning tensor([0.6, 0.8])"""
    norm = torch.linalg.vector_norm(x)
    if norm > max_norm:
        x = x * (max_norm / norm)
    return x


def wrong__clip_norm_no_break__no_min_with_one(x: torch.Tensor, max_norm: float) -> torch.Tensor:
    """beginner | always rescales to norm max_norm (factor max_norm / norm, not clamped to at most 1): short vectors are scaled up and a zero norm divides by zero | differs when: x=torch.tensor([0.3, 0.4]), max_norm=1.0 returns tensor([0.6, 0.8]) instead of x unchanged"""
    norm = torch.linalg.vector_norm(x)
    return x * (max_norm / norm)


def wrong__clip_norm_no_break__in_place(x: torch.Tensor, max_norm: float) -> torch.Tensor:
    """beginner | scales with x.mul_(...) to save memory: the caller's tensor is changed | differs when: x=torch.tensor([3.0, 4.0]), max_norm=1.0 leaves x equal to tensor([0.6, 0.8]) after the call instead of [3.0, 4.0]"""
    norm = torch.linalg.vector_norm(x)
    return x.mul_(torch.clamp(max_norm / norm, max=1.0))


def right__clip_norm_no_break__eps_in_denominator(x: torch.Tensor, max_norm: float) -> torch.Tensor:
    """alternative | clip_grad_norm_'s coefficient max_norm / (norm + 1e-6), clamped to 1: the norm comes out at most max_norm, as asked; the epsilon shows only for norms near 1e-6 (first written as wrong, judged right: the docstring asks for a norm at most max_norm, and this is torch's own clipping)"""
    norm = torch.linalg.vector_norm(x)
    coef = torch.clamp(max_norm / (norm + 1e-6), max=1.0)
    return x * coef


def wrong__clip_norm_no_break__unit_then_scale(x: torch.Tensor, max_norm: float) -> torch.Tensor:
    """subtle | normalises to a unit vector first, then multiplies by min(norm, max_norm): x / 0 for an all-zero x gives nan | differs when: x=torch.zeros(3), max_norm=1.0 returns tensor([nan, nan, nan]) instead of zeros"""
    norm = torch.linalg.vector_norm(x)
    return x / norm * torch.clamp(norm, max=max_norm)
