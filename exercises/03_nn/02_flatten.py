# %% [markdown]
# # Flatten, keeping the batch
# Between the convolutions and the first `nn.Linear`, each example's feature map becomes one
# vector: (N, C, H, W) -> (N, C*H*W). Keras does it with `layers.Flatten()`; PyTorch has
# `torch.flatten(x, start_dim=1)` and the layer `nn.Flatten()`. The notebook used
# `x.view(-1, n)`: `view` never copies, so it fails on non-contiguous tensors, and a hard-coded
# `n` silently folds part of the batch into the features when the input size changes.
# Docs: https://pytorch.org/docs/stable/generated/torch.flatten.html

# %%
import torch


def flatten_batch(x: torch.Tensor) -> torch.Tensor:
    """Merge every dimension except the first (the batch): (N, d1, d2, ...) -> (N, d1*d2*...).

    Why: the bridge from conv feature maps to ``nn.Linear``. TensorFlow: ``layers.Flatten()``.
    Keras flattens NHWC in (h, w, c) order, PyTorch NCHW in (c, h, w) order: ported weights
    need a permutation. Must work for any N (also 1, and 0: an empty batch), any number (at
    least one) of dimensions after it, any dtype, and for non-contiguous input (e.g. after a
    ``permute``). Whether the result is a view of ``x`` or a copy does not matter.
    Example:
        >>> flatten_batch(torch.zeros(2, 64, 12, 12)).shape
        torch.Size([2, 9216])
        >>> flatten_batch(torch.zeros(4, 32, 12, 12)).shape   # not (2, 9216)!
        torch.Size([4, 4608])
    """
    # TODO: keep dim 0 and merge the rest: torch.flatten with start_dim=1.
    raise NotImplementedError("flatten_batch")
