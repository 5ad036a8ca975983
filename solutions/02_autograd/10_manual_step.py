# %% [markdown]
# # One gradient-descent step by hand, the modern way
# An update must change the parameter *in place* (it stays the same leaf the optimizer and
# the rest of your code hold) and must not be recorded by autograd: do it under
# `torch.no_grad()`. Then clear the gradient, or the next backward adds to it.
# Avoid the old `w.data -= ...` idiom: autograd cannot see changes made through `.data`,
# so a graph that saved `w` would silently use the new values.
# TensorFlow 2: `w.assign_sub(lr * grad)`.
# Docs: https://pytorch.org/docs/stable/generated/torch.no_grad.html

# %%
import torch


def manual_gd_step(w: torch.Tensor, lr: float) -> None:
    """Take one gradient-descent step on the leaf ``w`` in place, then clear its gradient.

    ``w`` requires grad and ``w.grad`` was filled by a backward call. Afterwards ``w`` must
    be the same tensor object with the same memory, still a leaf that requires grad, holding
    ``w - lr * w.grad`` (up to rounding: ``w.add_(w.grad, alpha=-lr)`` is fine too), changed
    where autograd sees it (under ``torch.no_grad()``, not through ``w.data``), and its
    gradient must be cleared (``w.grad = None`` or ``w.grad.zero_()``). Return nothing.

    Example:
        >>> w = torch.tensor([1.0, 2.0], requires_grad=True)
        >>> (w ** 2).sum().backward()             # w.grad = [2., 4.]
        >>> manual_gd_step(w, lr=0.1)
        >>> w.detach(), w.grad
        (tensor([0.8000, 1.6000]), None)
    """
    # Why: in-place keeps the same leaf, no_grad keeps the update out of the graph.
    with torch.no_grad():
        w -= lr * w.grad
    w.grad = None
