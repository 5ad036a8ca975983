# %% [markdown]
# # Making a tensor where it belongs, and moving it in one call
# Every factory takes `device=` and `dtype=`: `torch.ones_like(x, dtype=..., device=...)` makes
# the tensor directly on that device, while `torch.ones(...).to(device)` makes it on the CPU
# first and then copies it (twice the memory, a copy to the GPU for nothing). Moving an existing
# tensor and casting it is one call too: `x.to(device, dtype)`. Like every `.to`, it returns a
# new tensor and leaves `x` alone, or returns `x` itself when nothing changes.
# Docs: https://pytorch.org/docs/stable/generated/torch.Tensor.to.html

# %%
import torch


def ones_on(x: torch.Tensor, device: torch.device, dtype: torch.dtype) -> torch.Tensor:
    """A tensor of ones shaped like ``x``, of ``dtype``, created directly on ``device``.

    ``x`` may have any shape and dtype and be on the CPU or on the ``meta`` device (shapes and
    dtypes, no data); ``device`` is ``cpu`` or ``meta``. Make the result on ``device`` itself:
    no tensor may be made on another device first and copied there (the check watches every
    tensor the call makes).
    TensorFlow 2: ``with tf.device(device): tf.ones_like(x, dtype=dtype)``.

    Example:
        >>> ones_on(torch.zeros(2, dtype=torch.int64), torch.device("meta"), torch.float16)
        tensor(..., device='meta', size=(2,), dtype=torch.float16)
    """
    # Why: with device= the factory allocates on that device at once: no CPU copy ever exists.
    return torch.ones_like(x, dtype=dtype, device=device)


def to_device_and_dtype(x: torch.Tensor, device: torch.device,
                        dtype: torch.dtype) -> torch.Tensor:
    """``x`` cast to ``dtype`` and moved to ``device``, as ``x.to`` does it.

    ``x`` is on the CPU (any shape and dtype, maybe requiring grad); ``device`` is ``cpu`` or
    ``meta``. The result stays in the autograd graph (``.to`` is differentiable); it is ``x``
    itself when ``x`` already has that device and dtype; ``x`` is never changed.
    TensorFlow 2: ``with tf.device(device): y = tf.cast(x, dtype)`` (``tf.identity`` to copy).

    Example:
        >>> to_device_and_dtype(torch.tensor([1, 2]), torch.device("cpu"), torch.float64)
        tensor([1., 2.], dtype=torch.float64)
    """
    # Why: one .to changes both at once, stays differentiable and returns x when nothing changes.
    return x.to(device, dtype)
