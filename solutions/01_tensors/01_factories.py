# %% [markdown]
# # Factories: tensors from a shape
# PyTorch makes a new tensor from a shape with a *factory*: `torch.zeros`, `torch.ones`,
# `torch.empty` (memory left as it is, so the values are garbage), `torch.rand` (uniform on
# [0, 1), like `tf.random.uniform`) and `torch.randn` (standard normal, like `tf.random.normal`).
# Every factory takes `dtype=` (default `torch.float32`) and `device=`.
# Docs: https://pytorch.org/docs/stable/torch.html#creation-ops

# %%
import torch


def make_tensor(kind: str, shape: tuple[int, ...],
                dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """Make a tensor of ``shape`` and ``dtype`` with the factory named ``kind``.

    ``kind`` is one of "empty", "zeros", "ones", "rand" (uniform on [0, 1)) or "randn"
    (normal, mean 0, std 1), spelled exactly so; any other kind raises ``ValueError``. "rand" and
    "randn" need a floating ``dtype``. ``shape`` is a tuple, maybe ``()`` for a 0-d tensor or with
    a 0 in it: pass it whole (``torch.zeros(shape)``), not unpacked.
    TensorFlow: ``tf.zeros(shape, dtype)``, ``tf.ones``, ``tf.random.uniform``,
    ``tf.random.normal``; TF has no ``empty``: never read an empty tensor before writing it.

    Example:
        >>> make_tensor("zeros", (2, 3), torch.int64)
        tensor([[0, 0, 0],
                [0, 0, 0]])
    """
    # Why: one table from name to factory; each factory takes the shape and a dtype keyword.
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.rand, "randn": torch.randn}
    if kind not in factories:
        raise ValueError(f"unknown kind {kind!r}; expected one of {sorted(factories)}")
    return factories[kind](shape, dtype=dtype)
