# %% [markdown]
# # Indexing gives views
# Basic indexing works as in NumPy: `t[i]`, `t[:, j]`, `t[1:3, ::2]`. The result is a **view**:
# it shares memory with `t`, so writing into the view writes into `t` and no data is copied.
# (Indexing with a tensor or list of indices, like `tf.gather`, copies instead.)
# Docs: https://pytorch.org/docs/stable/tensor_view.html

# %%
import torch


def take_column(t: torch.Tensor, j: int) -> torch.Tensor:
    """Column ``j`` of the 2-D tensor ``t``, shape ``(rows,)``, as a view sharing t's memory.

    ``t`` has at least one column (maybe no rows); ``-cols <= j < cols``: ``j`` may be negative
    (``-1`` is the last column). TensorFlow: ``x[:, j]`` (a new, immutable tensor) or
    ``tf.gather(x, j, axis=1)``.

    Example:
        >>> t = torch.arange(6).reshape(2, 3); c = take_column(t, 1); c[0] = 100; t
        tensor([[  0, 100,   2],
                [  3,   4,   5]])
    """
    # TODO: slice every row and pick column j with basic indexing.
    raise NotImplementedError("take_column")
