# %% [markdown]
# # Which tensors does autograd track?
# A tensor you create is a *leaf*. Autograd records the operations on it only when its
# `requires_grad` flag is True, and that flag is **False by default** (some older tutorials
# say the opposite). Results of tracked operations carry a `grad_fn`; leaves do not.
# TensorFlow 2 records the ops on a trainable `tf.Variable` inside a `tf.GradientTape`;
# PyTorch has no tape to open: it records ops on every tensor with `requires_grad=True`.
# Docs: https://pytorch.org/docs/stable/notes/autograd.html

# %%
import torch


def trainable_copy(x: torch.Tensor) -> torch.Tensor:
    """Return a new leaf tensor with the values of ``x``, tracked by autograd.

    The result must be a leaf (``grad_fn is None``) with ``requires_grad=True``, must not
    share memory with ``x``, and ``x`` must be left exactly as it was, even when ``x``
    already requires grad or is the output of some tracked computation. ``x`` is a
    floating-point tensor of any shape (integers cannot require grad); the copy keeps its dtype
    and shape, in any memory layout (an ``nn.Parameter`` is fine too).

    Why: you want your own parameters, not a flag flipped on somebody else's tensor.
    TensorFlow: ``tf.Variable(x, trainable=True)`` copies ``x`` into a new variable.

    Example:
        >>> x = torch.tensor([1.0, 2.0])
        >>> x.requires_grad                      # off by default
        False
        >>> w = trainable_copy(x)
        >>> w.requires_grad, w.is_leaf, w.grad_fn, x.requires_grad
        (True, True, None, False)
    """
    # Why: detach() drops history, clone() owns new memory, requires_grad_() tracks it.
    return x.detach().clone().requires_grad_(True)
