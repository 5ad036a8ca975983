# %% [markdown]
# # Dynamic graphs: ordinary Python control flow
# PyTorch builds the graph while your code runs, so a `while` loop whose length depends on
# the data simply records as many operations as it runs; backward then follows that run.
# TensorFlow 2 does the same eagerly, but inside `tf.function` the loop must become
# `tf.while_loop` (AutoGraph converts it for you).
# Docs: https://pytorch.org/docs/stable/notes/autograd.html

# %%
import torch


def double_until(x: torch.Tensor, threshold: float) -> tuple[torch.Tensor, int]:
    """Double a tracked copy of ``x`` until its L2 norm reaches ``threshold``; backprop.

    Make a tracked leaf copy ``w`` of ``x``; ``y = w * 2``; then
    ``while y.norm() < threshold: y = y * 2``. Call ``y.backward(torch.ones_like(y))`` and
    return ``(w.grad, k)``, where ``k`` counts every doubling, the first one included. Each
    element of ``w.grad`` is then ``2 ** k``. ``x`` is never all zeros.

    Example:
        >>> grad, k = double_until(torch.tensor([1.0, 0.0]), threshold=5.0)
        >>> grad, k                               # 2 -> 4 -> 8
        (tensor([8., 8.]), 3)
    """
    # TODO: y = w * 2, k = 1; double while y.norm() < threshold; backward(ones).
    raise NotImplementedError("double_until")
