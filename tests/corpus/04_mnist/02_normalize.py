"""Realistic learner answers for 04_mnist/02_normalize.py (normalize_channels)."""
from typing import Sequence

import torch


# ----------------------------------------------------------------------------- right

def right__normalize_channels__inplace_on_fresh_copy(x: torch.Tensor, mean: Sequence[float],
                                                     std: Sequence[float]) -> torch.Tensor:
    """alternative | subtracts out of place (a fresh tensor) and then divides that fresh tensor in place with div_, never touching x"""
    m = x.new_tensor(list(mean)).view(-1, 1, 1)
    s = x.new_tensor(list(std)).view(-1, 1, 1)
    out = torch.sub(x, m)
    return out.div_(s)


def right__normalize_channels__channels_last_broadcast(x: torch.Tensor, mean: Sequence[float],
                                                       std: Sequence[float]) -> torch.Tensor:
    """alternative | moves the channel axis last so a plain (C,) vector broadcasts, then moves it back (contiguous copy)"""
    m = torch.tensor(list(mean), dtype=x.dtype, device=x.device)
    s = torch.tensor(list(std), dtype=x.dtype, device=x.device)
    moved = x.movedim(-3, -1)
    return ((moved - m) / s).movedim(-1, -3).contiguous()


def right__normalize_channels__per_channel_loop(x: torch.Tensor, mean: Sequence[float],
                                                std: Sequence[float]) -> torch.Tensor:
    """alternative | loops over the channel axis (dim -3), normalizes each slice with 0-d tensors of x's dtype, and stacks them back"""
    parts = []
    for c, plane in enumerate(x.unbind(dim=-3)):
        m = torch.tensor(mean[c], dtype=x.dtype, device=x.device)
        s = torch.tensor(std[c], dtype=x.dtype, device=x.device)
        parts.append(torch.div(torch.sub(plane, m), s))
    if not parts:
        return x.clone()
    return torch.stack(parts, dim=-3)


def right__normalize_channels__reshape_shape_list(x: torch.Tensor, mean: Sequence[float],
                                                  std: Sequence[float]) -> torch.Tensor:
    """alternative | as_tensor + reshape to (C, 1, 1) built from len(mean), then sub/div out of place"""
    c = len(mean)
    m = torch.as_tensor(mean, dtype=x.dtype, device=x.device).reshape(c, 1, 1)
    s = torch.as_tensor(std, dtype=x.dtype, device=x.device).reshape(c, 1, 1)
    return x.sub(m).div(s)


# ----------------------------------------------------------------------------- wrong

def wrong__normalize_channels__broadcast_on_width(x: torch.Tensor, mean: Sequence[float],
                                                  std: Sequence[float]) -> torch.Tensor:
    """beginner | uses mean/std as (C,) tensors without viewing them as (C, 1, 1), so they broadcast along the width instead of the channels | differs when: x = torch.zeros(2, 2, 2), mean = [0.0, 1.0], std = [1.0, 1.0]: x[0, 0, 1] becomes -1 instead of 0"""
    m = torch.tensor(mean, dtype=x.dtype)
    s = torch.tensor(std, dtype=x.dtype)
    return (x - m) / s


def wrong__normalize_channels__float32_constants(x: torch.Tensor, mean: Sequence[float],
                                                 std: Sequence[float]) -> torch.Tensor:
    """subtle | builds mean/std as default float32 tensors, so a float16/bfloat16 x is promoted and the result is float32, not x's dtype | differs when: x = torch.ones(1, 2, 2, dtype=torch.float16), mean = [0.5], std = [0.25]: result dtype float32 instead of float16"""
    m = torch.tensor(mean).view(-1, 1, 1)
    s = torch.tensor(std).view(-1, 1, 1)
    return (x - m) / s


def wrong__normalize_channels__in_place(x: torch.Tensor, mean: Sequence[float],
                                        std: Sequence[float]) -> torch.Tensor:
    """subtle | normalizes with sub_/div_ on x itself (like Normalize(inplace=True)), so the caller's tensor is changed | differs when: x = torch.ones(1, 2, 2), mean = [0.5], std = [0.25]: after the call x is all 2.0 instead of all 1.0"""
    m = torch.as_tensor(mean, dtype=x.dtype).view(-1, 1, 1)
    s = torch.as_tensor(std, dtype=x.dtype).view(-1, 1, 1)
    return x.sub_(m).div_(s)


def wrong__normalize_channels__zip_first_axis(x: torch.Tensor, mean: Sequence[float],
                                              std: Sequence[float]) -> torch.Tensor:
    """old-api | the old torchvision Normalize loop `for t, m, s in zip(tensor, mean, std): t.sub_(m).div_(s)` walks the first axis, which is the batch for a 4-D input | differs when: x = torch.ones(2, 1, 1, 1), mean = [0.5], std = [0.25]: x[1] stays 1.0 instead of 2.0"""
    out = x.clone()
    for t, m, s in zip(out, mean, std):
        t.sub_(m).div_(s)
    return out


def wrong__normalize_channels__always_batched_view(x: torch.Tensor, mean: Sequence[float],
                                                   std: Sequence[float]) -> torch.Tensor:
    """subtle | written for batches: views mean/std as (1, C, 1, 1), so a single (C, H, W) image comes back with an extra leading axis | differs when: x = torch.ones(1, 2, 2), mean = [0.5], std = [0.25]: shape (1, 1, 2, 2) instead of (1, 2, 2)"""
    m = torch.tensor(mean, dtype=x.dtype).view(1, -1, 1, 1)
    s = torch.tensor(std, dtype=x.dtype).view(1, -1, 1, 1)
    return (x - m) / s


def wrong__normalize_channels__cast_to_float32(x: torch.Tensor, mean: Sequence[float],
                                               std: Sequence[float]) -> torch.Tensor:
    """tf-habit | starts with x.float() like tf.cast(x, tf.float32), so a float64 (or half) input comes back as float32 | differs when: x = torch.ones(1, 2, 2, dtype=torch.float64), mean = [0.5], std = [0.25]: result dtype float32 instead of float64"""
    x = x.float()
    m = torch.tensor(mean).view(-1, 1, 1)
    s = torch.tensor(std).view(-1, 1, 1)
    return (x - m) / s


def wrong__normalize_channels__epsilon_in_denominator(x: torch.Tensor, mean: Sequence[float],
                                                      std: Sequence[float]) -> torch.Tensor:
    """tf-habit | adds Keras's epsilon (1e-7) to std like keras.layers.Normalization does, which is not (x - mean) / std | differs when: x = torch.ones(1, 1, 1, dtype=torch.float64), mean = [0.0], std = [1e-6]: 909090.9 instead of 1000000.0"""
    m = torch.tensor(mean, dtype=x.dtype).view(-1, 1, 1)
    s = torch.tensor(std, dtype=x.dtype).view(-1, 1, 1)
    return (x - m) / (s + 1e-7)


def wrong__normalize_channels__channel_count_from_shape0(x: torch.Tensor, mean: Sequence[float],
                                                         std: Sequence[float]) -> torch.Tensor:
    """beginner | takes the channel count from x.shape[0], which is the batch size for a 4-D input, so the reshape fails | differs when: x = torch.ones(3, 1, 2, 2), mean = [0.5], std = [0.25]: raises RuntimeError instead of returning a (3, 1, 2, 2) tensor"""
    c = x.shape[0]
    m = torch.tensor(mean, dtype=x.dtype).reshape(c, 1, 1)
    s = torch.tensor(std, dtype=x.dtype).reshape(c, 1, 1)
    return (x - m) / s
