# %% [markdown]
# # The NumPy bridge: shared memory or a copy
# `torch.from_numpy(a)` and `t.numpy()` share memory with their source: no copy, and an
# in-place change on one side shows on the other. `torch.tensor(a)` always copies. A tensor that
# requires grad must be detached first, and a GPU tensor must come to the CPU first, hence the
# idiom `t.detach().cpu().numpy()` (it shares memory when `t` already lives on the CPU).
# Docs: https://pytorch.org/docs/stable/generated/torch.from_numpy.html

# %%
import numpy as np
import torch


def numpy_to_tensor(a: np.ndarray, copy: bool) -> torch.Tensor:
    """``a`` as a tensor of the same dtype: a copy if ``copy``, else sharing a's memory.

    Any shape (0-d and empty included) and any dtype torch has (bool, integers, float16/32/64);
    ``a`` may be a strided view, whose strides are never negative (torch refuses ``a[::-1]``
    on every path). Sharing holds for every shape, and a copy shares nothing with ``a``.
    TensorFlow: ``tf.convert_to_tensor(a)`` (TF tensors are immutable, so sharing never shows).
    Beware ``torch.Tensor(a)``: it always makes float32.

    Example:
        >>> a = np.zeros(2); t = numpy_to_tensor(a, copy=False); a[0] = 5; t
        tensor([5., 0.], dtype=torch.float64)
    """
    # TODO: copy with torch.tensor(a); share with torch.from_numpy(a).
    raise NotImplementedError("numpy_to_tensor")


def tensor_to_numpy(t: torch.Tensor) -> np.ndarray:
    """``t`` (any device, maybe requiring grad) as a NumPy array; no copy when t is on the CPU.

    Same dtype, shape and values, for every shape and every dtype NumPy has (bfloat16 has no
    NumPy dtype: not asked); "no copy" holds for strided tensors too.
    TensorFlow: ``x.numpy()``.

    Example:
        >>> tensor_to_numpy(torch.ones(2, requires_grad=True))
        array([1., 1.], dtype=float32)
    """
    # TODO: leave autograd with .detach(), come to the host with .cpu(), then call .numpy().
    raise NotImplementedError("tensor_to_numpy")
