# %% [markdown]
# # What is in a model: counting and listing parameters
# Keras prints `model.summary()` and keeps `model.trainable_weights`. In PyTorch, every
# `nn.Parameter` registered in a module (and its submodules) comes out of `model.parameters()`,
# with names from `model.named_parameters()`. A parameter is trainable when
# `p.requires_grad` is True (`p.requires_grad_(False)` freezes it, like `layer.trainable = False`).
# A parameter shared by two layers is listed once.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.Module.html

# %%
import torch.nn as nn


def count_parameters(model: nn.Module, trainable_only: bool = True) -> int:
    """Number of scalar parameters in ``model`` (only trainable ones when ``trainable_only``).

    Why: the number Keras' summary prints ("Trainable params"). Buffers such as BatchNorm's
    running statistics are not parameters and do not count; a parameter shared by two layers
    counts once; parameters registered on ``model`` itself (a bare ``nn.Linear``) count too.
    Returns a Python int (0 for a model without parameters).
    Example:
        >>> count_parameters(nn.Linear(3, 2))              # 3*2 weights + 2 biases
        8
    """
    # Why: parameters() yields each registered Parameter once; numel() counts its scalars.
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def parameter_table(model: nn.Module) -> list[tuple[str, tuple[int, ...], bool]]:
    """One row ``(name, shape, trainable)`` per parameter, in registration order.

    Each row is a tuple: the dotted name, the shape as a tuple of ints (``p.shape``, a
    ``torch.Size``, is a tuple too) and a bool. A parameter shared by two layers has one row,
    under its first name (as ``named_parameters()`` gives it); buffers have none.
    Why: names such as ``"conv1.weight"`` are the keys of the state_dict, and the shapes show
    PyTorch's layouts: Linear weight is (out, in), Conv2d weight is (out_ch, in_ch, kh, kw).
    Example:
        >>> parameter_table(nn.Sequential(nn.Linear(3, 2)))
        [('0.weight', (2, 3), True), ('0.bias', (2,), True)]
    """
    # Why: named_parameters() yields only learnable tensors (not buffers), with their names.
    return [(name, tuple(p.shape), p.requires_grad) for name, p in model.named_parameters()]
