"""Checks for exercises/04_mnist/02_normalize.py: per-channel normalization by broadcasting.

Corners: every floating dtype (float16 and bfloat16 must stay themselves: float32 constants
would widen them), an empty batch (N = 0), size-1 sides, a single image and a batch, inputs that
are transposed, strided or a window into a larger buffer (written through in place, the caller's
buffer would show it), inputs that require grad, negative values; mean and std as lists or
tuples.
"""

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch04_mnist._helpers import seeded_rand
from grader.mistakes import mistake

DTYPES = (torch.float32, torch.float64, torch.float16, torch.bfloat16)
CORNERS = ("empty", "size_one", "noncontiguous", "view_of_buffer", "requires_grad",
           "negative")


@st.composite
def image_shapes(draw, channels):
    shape = (channels, draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    if draw(st.booleans()):
        shape = (draw(st.integers(0, 3)),) + shape
    return shape


@st.composite
def normalize_args(draw):
    c = draw(st.sampled_from([1, 2, 3]))
    mean = [draw(st.floats(0, 1, width=32)) for _ in range(c)]
    std = [draw(st.floats(0.125, 1, width=32)) for _ in range(c)]
    if draw(st.booleans()):
        mean, std = tuple(mean), tuple(std)
    x = draw(corners.tensors(image_shapes(c), DTYPES, -2, 2, corners=CORNERS))
    return {"x": x, "mean": mean, "std": std}


def test_normalize_channels(kata):
    kata.compare("normalize_channels", normalize_args(), max_examples=20, examples=[
        {"x": seeded_rand(1, 28, 28, seed=0), "mean": [0.1307], "std": [0.3081]},
        {"x": seeded_rand(3, 3, 3, seed=1), "mean": [0.1, 0.5, 0.9], "std": [0.2, 0.4, 0.8]},
        {"x": seeded_rand(2, 3, 4, 5, seed=2), "mean": [0.4914, 0.4822, 0.4465],
         "std": [0.247, 0.243, 0.261]},
        {"x": torch.ones(3, 1, 2, 2, dtype=torch.float64), "mean": [0.5], "std": [0.25]},
        {"x": torch.ones(1, 2, 2, dtype=torch.float16), "mean": [0.5], "std": [0.25]},
    ])


def _stats(x, mean, std):
    m = torch.as_tensor(mean, dtype=x.dtype).view(-1, 1, 1)
    s = torch.as_tensor(std, dtype=x.dtype).view(-1, 1, 1)
    return m, s


@mistake("normalize_channels", diagnosis="x.sub_(...).div_(...) changes the caller's tensor "
         "in place. Return a new tensor: (x - mean) / std.")
def in_place(x, mean, std):
    m, s = _stats(x, mean, std)
    return x.sub_(m).div_(s)


@mistake("normalize_channels", diagnosis="a (C,) tensor broadcasts against the *last* axis "
         "(the width), not the channels. View mean and std as (C, 1, 1).")
def broadcast_over_width(x, mean, std):
    return (x - torch.tensor(mean, dtype=x.dtype)) / torch.tensor(std, dtype=x.dtype)


@mistake("normalize_channels", diagnosis="normalizing divides by the std: (x - mean) / std.")
def multiplies_by_std(x, mean, std):
    m, s = _stats(x, mean, std)
    return (x - m) * s


@mistake("normalize_channels", diagnosis="every channel was normalized with mean[0] and std[0]; "
         "each channel c has its own mean[c] and std[c].")
def first_channel_only(x, mean, std):
    return (x - mean[0]) / std[0]


@mistake("normalize_channels", diagnosis="mean and std became float32 tensors (torch.tensor(mean) "
         "without dtype=), so a float16 or bfloat16 x is promoted and the result is float32. "
         "Build them with dtype=x.dtype.")
def float32_constants(x, mean, std):
    m = torch.tensor(mean).view(-1, 1, 1)
    s = torch.tensor(std).view(-1, 1, 1)
    return (x - m) / s


@mistake("normalize_channels", diagnosis="x.float() converts x to float32 first (like "
         "tf.cast(x, tf.float32)), so a float64, float16 or bfloat16 input comes back as "
         "float32. Keep x's dtype: make mean and std tensors with dtype=x.dtype.")
def casts_to_float32(x, mean, std):
    x = x.float()
    m = torch.tensor(mean).view(-1, 1, 1)
    s = torch.tensor(std).view(-1, 1, 1)
    return (x - m) / s


@mistake("normalize_channels", diagnosis="mean and std were viewed as (1, C, 1, 1), which only "
         "fits a batch: a single (C, H, W) image comes back with an extra leading axis. "
         "(C, 1, 1) broadcasts over both.")
def batch_shaped_statistics(x, mean, std):
    m = torch.tensor(mean, dtype=x.dtype).view(1, -1, 1, 1)
    s = torch.tensor(std, dtype=x.dtype).view(1, -1, 1, 1)
    return (x - m) / s


@mistake("normalize_channels", diagnosis="zip(x, mean, std) walks x's *first* axis, which is "
         "the batch for an (N, C, H, W) input (and stops at the shorter of the two). Broadcast "
         "mean and std viewed as (C, 1, 1) instead of looping.")
def zip_over_first_axis(x, mean, std):
    out = x.clone()
    for t, m, s in zip(out, mean, std):
        t.sub_(m).div_(s)
    return out


@mistake("normalize_channels", diagnosis="the channel count was taken from x.shape[0], which is "
         "the batch size for an (N, C, H, W) input. Use len(mean), or view(-1, 1, 1).")
def channels_from_first_axis(x, mean, std):
    c = x.shape[0]
    m = torch.tensor(mean, dtype=x.dtype).reshape(c, 1, 1)
    s = torch.tensor(std, dtype=x.dtype).reshape(c, 1, 1)
    return (x - m) / s


@mistake("normalize_channels", diagnosis="an epsilon was added to std (as "
         "keras.layers.Normalization does): Normalize computes exactly (x - mean) / std.")
def epsilon_in_denominator(x, mean, std):
    m, s = _stats(x, mean, std)
    return (x - m) / (s + 1e-7)
