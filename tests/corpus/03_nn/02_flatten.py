"""Corpus for exercises/03_nn/02_flatten.py: flatten_batch."""
import functools
import math
import operator

import torch
import torch.nn as nn


def right__flatten_batch__nn_flatten(x: torch.Tensor) -> torch.Tensor:
    "alternative | the layer nn.Flatten() (start_dim=1 by default) applied as a function"
    return nn.Flatten()(x)


def right__flatten_batch__reshape_prod(x: torch.Tensor) -> torch.Tensor:
    "alternative | reshape with an explicit feature count math.prod(x.shape[1:]) (no -1, so N=0 works)"
    return x.reshape(x.shape[0], math.prod(x.shape[1:]))


def right__flatten_batch__reduce_sizes(x: torch.Tensor) -> torch.Tensor:
    "alternative | multiplies the trailing sizes with functools.reduce and reshapes (a copy only when a view is impossible)"
    n_features = functools.reduce(operator.mul, x.shape[1:], 1)
    return torch.reshape(x, (x.size(0), n_features))


def right__flatten_batch__explicit_end_dim(x: torch.Tensor) -> torch.Tensor:
    "alternative | Tensor.flatten with both start_dim=1 and end_dim=-1 spelled out"
    return x.flatten(start_dim=1, end_dim=-1)


def wrong__flatten_batch__hardcoded_view(x: torch.Tensor) -> torch.Tensor:
    "examples | the notebook's x.view(-1, 9216): the feature count is hard-coded, so other sizes fold the batch into the features (and view fails on non-contiguous input) | differs when: x=torch.zeros(4, 32, 12, 12) gives shape (2, 9216) instead of (4, 4608)"
    return x.view(-1, 9216)


def wrong__flatten_batch__view_batch(x: torch.Tensor) -> torch.Tensor:
    "old-api | x.view(x.size(0), -1) as in older tutorials: view cannot merge dims of a non-contiguous tensor and raises | differs when: x=torch.zeros(2, 3, 4, 5).permute(0, 2, 3, 1) raises RuntimeError instead of returning shape (2, 60)"
    return x.view(x.size(0), -1)


def wrong__flatten_batch__flatten_all(x: torch.Tensor) -> torch.Tensor:
    "beginner | torch.flatten(x) with the default start_dim=0: the batch dimension is merged too, giving a 1-D tensor | differs when: x=torch.zeros(2, 64, 12, 12) gives shape (18432,) instead of (2, 9216)"
    return torch.flatten(x)


def wrong__flatten_batch__keras_order(x: torch.Tensor) -> torch.Tensor:
    "tf-habit | permutes to NHWC before flattening to get Keras' (h, w, c) order: the features come out in the wrong order | differs when: x=torch.arange(8.).reshape(1, 2, 2, 2) gives [[0, 4, 1, 5, 2, 6, 3, 7]] instead of [[0, 1, 2, 3, 4, 5, 6, 7]]"
    if x.dim() == 4:
        x = x.permute(0, 2, 3, 1)
    return x.reshape(x.shape[0], -1)


def wrong__flatten_batch__four_dims_only(x: torch.Tensor) -> torch.Tensor:
    "beginner | computes the features as C*H*W from exactly four dims: any other rank raises or is mis-shaped | differs when: x=torch.zeros(2, 3, 5) raises ValueError (not enough values to unpack) instead of returning shape (2, 15)"
    n, c, h, w = x.shape
    return x.reshape(n, c * h * w)


def wrong__flatten_batch__squeeze_first(x: torch.Tensor) -> torch.Tensor:
    "subtle | squeezes size-1 dims before flattening (to drop MNIST's channel): with a batch of one the batch dim is squeezed away too | differs when: x=torch.zeros(1, 64, 12, 12) gives shape (64, 144) instead of (1, 9216)"
    return torch.flatten(x.squeeze(), start_dim=1)


def wrong__flatten_batch__reshape_minus_one(x: torch.Tensor) -> torch.Tensor:
    "subtle | x.reshape(len(x), -1): with an empty batch the -1 cannot be inferred and reshape raises | differs when: x=torch.zeros(0, 3, 4) raises RuntimeError instead of returning shape (0, 12)"
    return x.reshape(len(x), -1)
