# %% [markdown]
# # torch.autograd.grad, and derivatives of derivatives
# `torch.autograd.grad(out, inputs)` returns the gradients as a tuple instead of adding them
# into `.grad`: the closest thing to TensorFlow 2's `tape.gradient`. With
# `create_graph=True` the returned gradient is itself part of a graph, so you can
# differentiate it again (TensorFlow 2: nested `GradientTape`s).
# Docs: https://pytorch.org/docs/stable/generated/torch.autograd.grad.html

# %%
from typing import Callable

import torch


def derivatives(fn: Callable[[torch.Tensor], torch.Tensor],
                x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """First and second derivative of an elementwise ``fn`` at every element of ``x``.

    ``x`` is a leaf with ``requires_grad=True``. Use ``torch.autograd.grad`` twice (the sum
    of an elementwise function has the elementwise derivatives as its gradient) and return
    ``(first, second)``, both shaped like ``x`` (with or without a graph: only their values
    are read). Do not touch ``x.grad``: it stays None. ``fn`` is not linear (its first
    derivative depends on ``x``), so the second ``torch.autograd.grad`` call has a graph to go
    through.
    TensorFlow: two nested ``tf.GradientTape``s, the inner one's gradient taken by the outer.

    Example:
        >>> x = torch.tensor([0.0, 1.0], requires_grad=True)
        >>> first, second = derivatives(lambda t: t ** 3, x)
        >>> first.detach(), second.detach(), x.grad
        (tensor([0., 3.]), tensor([0., 6.]), None)
    """
    # TODO: torch.autograd.grad with create_graph=True, then again on first.sum().
    raise NotImplementedError("derivatives")
