# %% [markdown]
# # From a one-element tensor to a Python number
# A loss, an accuracy, a count: many results are tensors holding one number. `t.item()`
# returns it as a plain Python number (`int` for integer tensors, `float` for floating ones,
# `bool` for bool ones) to print, log or compare. On a GPU tensor it also waits for the value
# and copies it to the CPU, so call it once per logging step, not inside hot loops.
# Docs: https://pytorch.org/docs/stable/generated/torch.Tensor.item.html

# %%
import torch


def to_python_number(t: torch.Tensor) -> int | float | bool:
    """The one number in ``t`` as a Python ``int``, ``float`` or ``bool`` (same kind as t).

    ``t`` (a bool, integer or floating tensor, maybe requiring grad) may have any shape with
    exactly one element: ``()``, ``(1,)``, ``(1, 1)``...
    Raise ``ValueError`` when ``t.numel() != 1`` (a tensor of many numbers is no number).
    TensorFlow: ``float(x)`` or ``x.numpy().item()`` on an eager tensor.

    Example:
        >>> to_python_number(torch.tensor([[7]]))
        7
    """
    # Why: .item() keeps the kind of number (int/float/bool) and works for any one-element shape.
    if t.numel() != 1:
        raise ValueError(f"expected a tensor with one element, got shape {tuple(t.shape)}")
    return t.item()
