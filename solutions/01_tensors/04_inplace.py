# %% [markdown]
# # In place or not
# `x + y` and `torch.add(x, y)` make a new tensor. `torch.add(x, y, out=z)` writes the sum
# into the existing tensor `z` and returns `z` itself. A trailing underscore means in place:
# `acc.add_(x)` changes `acc` and returns `acc`. TensorFlow tensors are immutable (only
# `tf.Variable.assign_add` updates in place), so this is new.
# Docs: https://pytorch.org/docs/stable/notes/broadcasting.html#in-place-semantics

# %%
import torch


def add_into(x: torch.Tensor, y: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
    """Write ``x + y`` into the existing tensor ``out`` and return ``out`` itself.

    ``x``, ``y`` and ``out`` have one shape (maybe 0-d or empty) and one dtype; ``out`` may be
    a view into a larger buffer, which must see the sum. ``x`` and ``y`` stay unchanged. Why:
    reusing a preallocated buffer avoids a new allocation per step. TensorFlow: ``tf.add``
    always makes a new tensor.

    Example:
        >>> out = torch.empty(2); add_into(torch.ones(2), torch.ones(2), out) is out
        True
    """
    # Why: out= writes the result into the given tensor, and torch.add returns that same tensor.
    return torch.add(x, y, out=out)


def accumulate_(acc: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """Add ``x`` to ``acc`` in place and return ``acc`` itself (the same object).

    ``x`` has ``acc``'s shape (maybe 0-d, like a running loss) and a dtype ``acc`` can take in
    (float32 into float64, float32 into float16, int into float...). ``acc`` keeps its dtype and
    its memory; ``x`` stays unchanged. TensorFlow: ``v.assign_add(x)`` on a ``tf.Variable``.

    Example:
        >>> acc = torch.zeros(2); accumulate_(acc, torch.ones(2)) is acc, acc
        (True, tensor([1., 1.]))
    """
    # Why: add_ writes into acc's own memory and returns acc; `acc + x` would be a new tensor.
    return acc.add_(x)
