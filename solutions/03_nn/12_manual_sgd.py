# %% [markdown]
# # What optimizer.step() does: SGD by hand
# `torch.optim.SGD(model.parameters(), lr).step()` moves every parameter that has a gradient
# by `-lr * p.grad`, in place. TensorFlow's counterpart is `var.assign_sub(lr * grad)` for
# each of `model.trainable_variables`. The update must not be recorded by autograd, so it
# runs under `torch.no_grad()`; and it must change the parameter tensor itself, not make a
# new one. Parameters whose `.grad` is None (unused in the loss, or frozen before the backward
# pass) are skipped; one that holds a gradient is updated, even if it was frozen since.
# Docs: https://pytorch.org/docs/stable/generated/torch.optim.SGD.html

# %%
import torch
import torch.nn as nn


def manual_sgd_step(model: nn.Module, lr: float) -> None:
    """Do what ``torch.optim.SGD(model.parameters(), lr=lr).step()`` does, without the optimizer.

    For each parameter ``p`` of ``model.parameters()`` (each once, a parameter shared by two
    layers too) with ``p.grad`` not None, whatever its ``requires_grad``:
    ``p <- p - lr * p.grad``, in place (the parameter's own memory changes). Leave the gradients
    as they are (clearing them is ``zero_grad``'s job).
    Example:
        >>> layer = nn.Linear(1, 1); layer.weight.grad = torch.ones(1, 1)
        >>> w = layer.weight.item(); manual_sgd_step(layer, 0.5); layer.weight.item() == w - 0.5
        True
    """
    # Why: in place under no_grad changes the leaf itself without autograd recording it.
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is not None:
                p.add_(p.grad, alpha=-lr)
