# %% [markdown]
# # What a tensor is: its size, dtype and device
# Three attributes describe any tensor: its shape, `x.shape` or `x.size()` (the same
# `torch.Size`, a tuple of ints; `x.size(0)` is one dimension), its `x.dtype` (`torch.float32`...)
# and its `x.device` (`cpu`, `cuda:0`, `meta`...). The number of elements is `x.numel()`: in
# PyTorch *size* means the shape, whereas NumPy's `a.size` and TensorFlow's `tf.size(x)` count
# the elements.
# Docs: https://pytorch.org/docs/stable/tensor_attributes.html

# %%
import torch


def describe(x: torch.Tensor) -> tuple[torch.Size, int, torch.dtype, torch.device]:
    """``(shape, number of elements, dtype, device)`` of ``x``.

    The shape is a ``torch.Size`` (``x.shape`` or ``x.size()``: the same thing), the number of
    elements a Python int (1 for a 0-d tensor, 0 for an empty one), the dtype a ``torch.dtype``
    and the device a ``torch.device``. ``x`` may have any shape and dtype and live on any device
    (the ``meta`` device too: shapes and dtypes, no data).
    TensorFlow 2: ``x.shape`` (a ``TensorShape``), ``tf.size(x)``, ``x.dtype``, ``x.device`` (a
    string such as ``"/job:localhost/replica:0/task:0/device:CPU:0"``).

    Example:
        >>> describe(torch.zeros(2, 3, dtype=torch.int64))
        (torch.Size([2, 3]), 6, torch.int64, device(type='cpu'))
    """
    # Why: size() is the shape (a torch.Size) and numel() the count; dtype, device are attributes.
    return x.size(), x.numel(), x.dtype, x.device
