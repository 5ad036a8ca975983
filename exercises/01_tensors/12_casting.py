# %% [markdown]
# # dtypes, casting and type promotion
# NumPy's default float is float64; PyTorch's is float32, and `nn` layers hold float32 weights.
# `torch.from_numpy` keeps the array's dtype, so a float64 batch fed to `nn.Linear` fails with
# "mat1 and mat2 must have the same dtype". Cast with `.float()` or `.to(torch.float32)`
# (`tf.cast`). Operators promote types: `uint8 / 255` gives float32 (true division of integers
# gives the default float), `uint8 // 255` stays uint8, a float64 *tensor* makes float64.
# Docs: https://pytorch.org/docs/stable/tensor_attributes.html#type-promotion-doc

# %%
import numpy as np
import torch


def float32_batch(a: np.ndarray) -> torch.Tensor:
    """A NumPy array of any numeric dtype as a float32 tensor, ready for ``nn`` layers.

    ``a`` is an integer or floating array of any shape (0-d and strided ones too); the result
    keeps its shape and holds its numbers cast to float32. Whether it shares memory with a
    float32 ``a`` is up to you.

    TensorFlow: ``tf.cast(tf.convert_to_tensor(a), tf.float32)``.

    Example:
        >>> float32_batch(np.zeros((2, 3))).dtype
        torch.float32
    """
    # TODO: convert with torch.from_numpy, then cast with .float() (or .to(torch.float32)).
    raise NotImplementedError("float32_batch")


def to_unit_float(images: torch.Tensor) -> torch.Tensor:
    """uint8 pixels (0..255, any shape) as float32 values in [0, 1]: ``pixel / 255``.

    ``images`` stays unchanged. TensorFlow: ``tf.cast(x, tf.float32) / 255.0`` or
    ``tf.image.convert_image_dtype(x, tf.float32)``.

    Example:
        >>> to_unit_float(torch.tensor([0, 51, 255], dtype=torch.uint8))
        tensor([0.0000, 0.2000, 1.0000])
    """
    # TODO: cast to float32 first, then divide by 255 (out of place).
    raise NotImplementedError("to_unit_float")
