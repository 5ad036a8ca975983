# %% [markdown]
# # From image bytes to a tensor
# Images arrive as `uint8` arrays of shape (H, W) or (H, W, C) with values 0..255
# (TensorFlow and PIL keep channels last). PyTorch layers want float32 tensors of shape
# (C, H, W): channels first. `torchvision.transforms.ToTensor()` does exactly this, and
# rescales to [0, 1]. Write it yourself once, so it is no longer magic.
# Docs: https://pytorch.org/vision/stable/generated/torchvision.transforms.ToTensor.html

# %%
import numpy as np
import torch


def image_to_tensor(img: np.ndarray) -> torch.Tensor:
    """Turn a uint8 image (H, W) or (H, W, C) into a float32 tensor (C, H, W) in [0, 1].

    A 2-D (grayscale) image gets a channel dimension of size 1. Values are divided by 255.
    The input array is not changed. Use ``permute`` (which moves axes), not ``reshape`` or
    ``view`` (which only regroup the same bytes and would scramble the pixels).
    TensorFlow: ``tf.image.convert_image_dtype(img, tf.float32)`` scales but stays (H, W, C);
    ``keras.layers.Rescaling(1/255)`` likewise.

    Example:
        >>> image_to_tensor(np.full((2, 3), 255, dtype=np.uint8)).shape
        torch.Size([1, 2, 3])
    """
    # TODO: make (H, W) into (H, W, 1), permute to (C, H, W), convert to float32, divide by 255.
    raise NotImplementedError("image_to_tensor")
