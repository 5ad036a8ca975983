# %% [markdown]
# # Computing without a graph: no_grad, detach, inference_mode
# Evaluation and parameter updates should not be recorded. Three tools:
# `with torch.no_grad():` records nothing inside the block; `t.detach()` gives a view of
# `t` cut from the graph (it shares memory); `with torch.inference_mode():` is a faster
# no_grad whose results can never enter autograd later. The two blocks are scoped, while
# `torch.set_grad_enabled(False)` called on its own switches autograd off for everything after.
# TensorFlow 2: code outside a `GradientTape` is simply not recorded.
# Docs: https://pytorch.org/docs/stable/notes/autograd.html#locally-disabling-gradient-computation

# %%
import torch


def predict_no_grad(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """Return ``x @ w`` without recording it: no ``grad_fn``, ``requires_grad`` False.

    ``w`` (D, K) is a trainable weight (``requires_grad=True``) and ``x`` is a batch (B, D),
    which may itself come out of tracked code (it may require grad). Leave ``w`` as it is
    (still trainable) and leave the grad mode as you found it: on for the code that runs after
    yours, off if your caller runs you under ``torch.no_grad()``.

    Example:
        >>> w = torch.ones(3, 2, requires_grad=True)
        >>> out = predict_no_grad(w, torch.ones(4, 3))   # (4, 2)
        >>> out.requires_grad, out.grad_fn, w.requires_grad, torch.is_grad_enabled()
        (False, None, True, True)
    """
    # Why: inside no_grad nothing is recorded, and the block restores grad mode when it ends.
    with torch.no_grad():
        return x @ w
