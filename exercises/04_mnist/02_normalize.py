# %% [markdown]
# # Normalize, channel by channel
# Networks train faster when inputs are centred and scaled. `transforms.Normalize(mean, std)`
# computes `(x - mean[c]) / std[c]` for every channel `c` of a (C, H, W) tensor (or a batch
# (N, C, H, W)). The trick is broadcasting: a (C,) vector must be viewed as (C, 1, 1) so it
# lines up with the channel axis, not with the width.
# Docs: https://pytorch.org/vision/stable/generated/torchvision.transforms.Normalize.html

# %%
from typing import Sequence

import torch


def normalize_channels(x: torch.Tensor, mean: Sequence[float],
                       std: Sequence[float]) -> torch.Tensor:
    """Return ``(x - mean[c]) / std[c]`` per channel for ``x`` of shape (C, H, W) or (N, C, H, W).

    ``x`` is floating point (float32, float64, float16 or bfloat16), N may be 0; ``mean`` and
    ``std`` (positive) have one number per channel. Compute in x's dtype, as ``Normalize``
    does (mean and std as tensors of that dtype), and return a new tensor of that dtype; do
    not change ``x`` (``Normalize`` works on a copy by default). TensorFlow/Keras:
    ``keras.layers.Normalization(mean=..., variance=std**2)``, which is channels-last.

    Example:
        >>> normalize_channels(torch.ones(1, 2, 2), [0.5], [0.25])[0, 0, 0]
        tensor(2.)
    """
    # TODO: make mean and std tensors of shape (C, 1, 1) with x's dtype, then subtract and divide.
    raise NotImplementedError("normalize_channels")
