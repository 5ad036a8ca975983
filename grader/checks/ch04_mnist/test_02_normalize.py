"""Checks for exercises/04_mnist/02_normalize.py: per-channel normalization by broadcasting."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake


@st.composite
def normalize_args(draw):
    c = draw(st.sampled_from([1, 3]))
    shape = (c, draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    if draw(st.booleans()):
        shape = (draw(st.integers(1, 3)),) + shape
    dtype = draw(st.sampled_from([torch.float32, torch.float64]))
    mean = [draw(st.floats(0, 1, width=32)) for _ in range(c)]
    std = [draw(st.floats(0.125, 1, width=32)) for _ in range(c)]
    return {"x": draw(ts.tensors(shape, dtype, 0, 1)), "mean": mean, "std": std}


def test_normalize_channels(kata):
    g = torch.Generator().manual_seed(0)
    kata.compare("normalize_channels", normalize_args(), max_examples=12, examples=[
        {"x": torch.rand(1, 28, 28, generator=g), "mean": [0.1307], "std": [0.3081]},
        {"x": torch.rand(3, 3, 3, generator=g), "mean": [0.1, 0.5, 0.9], "std": [0.2, 0.4, 0.8]},
        {"x": torch.rand(2, 3, 4, 5, generator=g), "mean": [0.4914, 0.4822, 0.4465],
         "std": [0.247, 0.243, 0.261]},
    ])


@mistake("normalize_channels", diagnosis="x.sub_(...).div_(...) changes the caller's tensor "
         "in place. Return a new tensor: (x - mean) / std.")
def in_place(x, mean, std):
    m = torch.as_tensor(mean, dtype=x.dtype).view(-1, 1, 1)
    s = torch.as_tensor(std, dtype=x.dtype).view(-1, 1, 1)
    return x.sub_(m).div_(s)


@mistake("normalize_channels", diagnosis="a (C,) tensor broadcasts against the *last* axis "
         "(the width), not the channels. View mean and std as (C, 1, 1).")
def broadcast_over_width(x, mean, std):
    return (x - torch.tensor(mean, dtype=x.dtype)) / torch.tensor(std, dtype=x.dtype)


@mistake("normalize_channels", diagnosis="normalizing divides by the std: (x - mean) / std.")
def multiplies_by_std(x, mean, std):
    m = torch.as_tensor(mean, dtype=x.dtype).view(-1, 1, 1)
    s = torch.as_tensor(std, dtype=x.dtype).view(-1, 1, 1)
    return (x - m) * s


@mistake("normalize_channels", diagnosis="every channel was normalized with mean[0] and std[0]; "
         "each channel c has its own mean[c] and std[c].")
def first_channel_only(x, mean, std):
    return (x - mean[0]) / std[0]
