# %% [markdown]
# # backward() and .grad
# `out.backward()` walks the graph from a scalar `out` back to the leaves and stores
# d out / d leaf in each leaf's `.grad`. Gradients of intermediate (non-leaf) tensors are
# freed to save memory, unless you call `t.retain_grad()` on them *before* backward.
# TensorFlow 2: `tape.gradient(out, [w, z])` returns the gradients; PyTorch stores them
# on the tensors instead.
# Docs: https://pytorch.org/docs/stable/generated/torch.Tensor.backward.html

# %%
import torch


def mean_square_grads(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Run the classic first autograd example and return ``(w, z)`` with their gradients.

    Steps: ``w`` = a tracked leaf copy of ``x`` (leave ``x`` itself untouched);
    ``y = w + 7``; ``z = 3 * y * y``; ``out = z.mean()``; ``out.backward()``.
    Afterwards ``w.grad`` = d out / d w = 6 (w + 7) / n, where n = ``w.numel()``.
    ``z`` is not a leaf: call ``z.retain_grad()`` before backward so that
    ``z.grad`` = d out / d z = 1 / n is kept.

    TensorFlow: ``with tf.GradientTape() as tape: ...`` then ``tape.gradient(out, [w, z])``.

    Example:
        >>> w, z = mean_square_grads(torch.ones(2, 2))
        >>> w.grad
        tensor([[12., 12.],
                [12., 12.]])
        >>> z.grad
        tensor([[0.2500, 0.2500],
                [0.2500, 0.2500]])
    """
    # TODO: build w, y, z (z.retain_grad()), out; out.backward(); return (w, z).
    raise NotImplementedError("mean_square_grads")
