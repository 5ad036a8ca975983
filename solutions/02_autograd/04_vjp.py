# %% [markdown]
# # backward() on a non-scalar: a vector-Jacobian product
# A bare `y.backward()` only works when `y` holds a single number ("grad can be implicitly
# created only for scalar outputs"). For a tensor `y = f(x)`, `y.backward(v)` computes
# vᵀ J, the Jacobian of f weighted by `v` (a tensor shaped like `y`), and adds it to
# `x.grad`. It equals the gradient of the scalar `(y * v).sum()`.
# TensorFlow 2: `tape.gradient(y, x, output_gradients=v)`.
# Docs: https://pytorch.org/docs/stable/generated/torch.autograd.backward.html

# %%
from typing import Callable

import torch


def vector_jacobian_product(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                            v: torch.Tensor) -> torch.Tensor:
    """Return vᵀ J: the gradient at ``x`` of ``fn``'s output weighted by ``v``.

    Make a tracked leaf copy of ``x`` (leave ``x`` itself untouched), compute
    ``y = fn(leaf)`` (``y`` has the shape of ``v``), call ``y.backward(v)`` and return the
    leaf's ``.grad``. ``fn`` is differentiable and its output depends on ``x``.

    Example:
        >>> x = torch.tensor([1.0, 2.0])
        >>> vector_jacobian_product(lambda t: t * t, x, torch.tensor([1.0, 10.0]))
        tensor([ 2., 40.])
    """
    # Why: backward(gradient=v) seeds the backward pass with v, giving vᵀJ for a non-scalar y.
    leaf = x.detach().clone().requires_grad_(True)
    y = fn(leaf)
    y.backward(v)
    return leaf.grad
