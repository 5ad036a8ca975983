# %% [markdown]
# # Tensors shaped like another one
# `torch.zeros_like(ref)`, `torch.ones_like(ref)` and `torch.randn_like(ref)` copy the shape,
# the dtype **and the device** of `ref`; `dtype=` overrides the dtype. The methods
# `ref.new_zeros(size)`, `ref.new_ones(size)`, `ref.new_tensor(data)` take a new size or new data
# but keep `ref`'s dtype and device. Code written this way runs unchanged on CPU and GPU.
# Docs: https://pytorch.org/docs/stable/generated/torch.zeros_like.html

# %%
import torch


def new_like(ref: torch.Tensor, fill: str, dtype: torch.dtype | None = None) -> torch.Tensor:
    """A tensor with ``ref``'s shape and device, filled by ``fill``: "zeros", "ones" or "randn".

    The dtype is ``dtype`` when given, else ``ref``'s dtype ("randn" needs a floating one). Any
    other ``fill`` raises ``ValueError``. "randn" values are random (any normal draw will do), so
    only their shape, dtype, device and distribution count. TensorFlow: ``tf.zeros_like(x)``,
    ``tf.ones_like(x)``, ``tf.random.normal(tf.shape(x), dtype=x.dtype)``.

    Example:
        >>> new_like(torch.zeros(2, dtype=torch.float64, device="meta"), "ones")
        tensor(..., device='meta', size=(2,), dtype=torch.float64)
    """
    # Why: *_like copies shape, dtype and device from ref; dtype=None keeps ref's dtype.
    factories = {"zeros": torch.zeros_like, "ones": torch.ones_like, "randn": torch.randn_like}
    if fill not in factories:
        raise ValueError(f"unknown fill {fill!r}")
    return factories[fill](ref, dtype=dtype)


def new_from_data(ref: torch.Tensor, data: list) -> torch.Tensor:
    """A tensor holding ``data`` (nested Python lists) with ``ref``'s dtype and device.

    The numbers must arrive as ``ref``'s dtype holds them: no detour through another dtype
    (float32 rounds float64 digits, float64 rounds ints beyond 2**53).
    ``torch.tensor(data)`` alone would guess the dtype from the data (int64 for ints, float32 for
    floats) and put the tensor on the CPU. TensorFlow: ``tf.constant(data, dtype=x.dtype)``
    (there ``tf.constant([1, 2])`` is int32; ``torch.tensor([1, 2])`` is int64).

    Example:
        >>> new_from_data(torch.zeros(1, dtype=torch.float64), [1, 2])
        tensor([1., 2.], dtype=torch.float64)
    """
    # Why: Tensor.new_tensor copies data into a tensor with the caller's dtype and device.
    return ref.new_tensor(data)
