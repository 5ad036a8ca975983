# %% [markdown]
# # `view` or `reshape`
# `t.view(shape)` reinterprets the same memory with a new shape: it never copies, so it fails
# ("view size is not compatible with input tensor's size and stride") when the layout does not
# allow it, e.g. on a transposed tensor. `t.reshape(shape)` returns a view when it can and a
# copy when it must, like `tf.reshape`. One dimension may be `-1`: it is inferred.
# Docs: https://pytorch.org/docs/stable/generated/torch.Tensor.view.html

# %%
import torch


def reshape_rows(t: torch.Tensor, width: int) -> torch.Tensor:
    """All the elements of ``t`` (any shape, maybe non-contiguous) as rows of ``width``.

    The result has shape ``(t.numel() // width, width)``, reads t's elements in row-major
    order, and is a view of ``t`` (no copy) when ``t`` is contiguous (otherwise a copy is
    fine). ``width >= 1``. Raise ``ValueError`` when ``t.numel()`` is not a multiple of
    ``width``. TensorFlow: ``tf.reshape(x, [-1, width])``.

    Example:
        >>> reshape_rows(torch.arange(6).reshape(2, 3).T, 2)
        tensor([[0, 3],
                [1, 4],
                [2, 5]])
    """
    # TODO: check t.numel() % width, then use reshape (not view) with -1 for the row count.
    raise NotImplementedError("reshape_rows")
