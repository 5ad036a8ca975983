# %% [markdown]
# # Channels first: `permute`
# TensorFlow and Keras store images as NHWC (batch, height, width, channels); PyTorch's
# `nn.Conv2d` expects NCHW. `t.permute(dims)` reorders the dimensions: it returns a view with
# new strides, no copy. `reshape` or `view` to the new shape would *not* move the channels: it
# keeps the element order and just cuts it differently, scrambling the pixels.
# Docs: https://pytorch.org/docs/stable/generated/torch.permute.html

# %%
import torch


def nhwc_to_nchw(images: torch.Tensor) -> torch.Tensor:
    """Images of shape ``(N, H, W, C)`` as a view of shape ``(N, C, H, W)``.

    ``result[n, c, h, w] == images[n, h, w, c]``. TensorFlow: ``tf.transpose(x, [0, 3, 1, 2])``.

    Example:
        >>> nhwc_to_nchw(torch.zeros(8, 28, 28, 3)).shape
        torch.Size([8, 3, 28, 28])
    """
    # Why: permute lists, for each new dimension, which old one it is; it returns a view.
    return images.permute(0, 3, 1, 2)  # (N, C, H, W)
