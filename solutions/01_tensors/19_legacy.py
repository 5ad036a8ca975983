# %% [markdown]
# # What the notebooks used that is gone
# The PyTorch101 notebooks (2018) use three things that PyTorch 2 and NumPy 2 code should not:
# - `Variable(t)`: merged into `Tensor` in PyTorch 0.4. `torch.autograd.Variable(t)` now just
#   returns `t`; ask for gradients with `requires_grad=True` instead.
# - typed constructors, `torch.LongTensor(...)`, `torch.FloatTensor(...)`, `torch.Tensor(...)`:
#   legacy. Given data they copy it, but given an int `n` they make an *uninitialised* tensor of
#   `n` elements. Use `torch.tensor(data, dtype=torch.int64)`, and `torch.zeros(n, ...)` for a
#   size.
# - `np.float`, `np.int`, `np.bool`: mere aliases of Python's types, removed in NumPy 1.24
#   (AttributeError). Write `float`, `int`, `bool`, or `np.float64`, `np.int64`, `np.bool_`.
# Docs: https://pytorch.org/docs/stable/generated/torch.tensor.html

# %%
import torch


def labels_tensor(labels: int | list[int]) -> torch.Tensor:
    """Class labels as the int64 tensor that losses want: ``torch.tensor``, not ``LongTensor``.

    ``labels`` is one label (an int: the result is 0-d, as ``torch.tensor(3)`` is) or a list of
    them (maybe empty: the result has shape ``(0,)``), each between 0 and 999. The result is
    int64 in every case. The notebooks wrote ``Variable(torch.LongTensor(labels))``.
    TensorFlow 2: ``tf.constant(labels, dtype=tf.int64)`` (``tf.constant`` alone makes int32).

    Example:
        >>> labels_tensor([3, 1]), labels_tensor(3), labels_tensor([]).dtype
        (tensor([3, 1]), tensor(3), torch.int64)
    """
    # Why: torch.tensor holds the data (an int too); an empty list alone would give float32.
    return torch.tensor(labels, dtype=torch.int64)
