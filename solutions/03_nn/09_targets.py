# %% [markdown]
# # Targets: class indices, not one-hot
# Keras has two losses: `SparseCategoricalCrossentropy` takes class indices and
# `CategoricalCrossentropy` takes one-hot (or smoothed) probability rows. PyTorch's
# `F.cross_entropy` takes either, told apart by dtype and shape: an int64 (N,) tensor of
# indices, or a float (N, C) tensor of probabilities. int32 indices raise ("expected target
# dtype to be Long"), and so do float indices.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.functional.cross_entropy.html

# %%
import torch
import torch.nn.functional as F


def onehot_to_index(onehot: torch.Tensor) -> torch.Tensor:
    """Turn Keras-style label rows (N, C), one-hot or label-smoothed, into (N,) int64 indices.

    Each row has a single largest entry (no ties, no NaN); N may be 0; the rows may be float
    (any precision) or integer (``F.one_hot`` gives int64).
    Why: ``F.cross_entropy(logits, target)`` wants ``target`` as int64 class indices.
    TensorFlow: ``tf.argmax(onehot, axis=1)`` (which is int64 too).
    Example:
        >>> onehot_to_index(torch.tensor([[0., 1., 0.], [0.05, 0.05, 0.9]]))
        tensor([1, 2])
    """
    # Why: argmax returns int64 indices and also handles smoothed (non-0/1) rows.
    return onehot.argmax(dim=1)  # (N,)


def categorical_cross_entropy(logits: torch.Tensor, probs: torch.Tensor) -> torch.Tensor:
    """Keras' ``CategoricalCrossentropy(from_logits=True)``: mean of -sum_j probs * log_softmax.

    ``logits`` (N, C) raw scores, N >= 1; ``probs`` (N, C) target distributions (one-hot or
    smoothed), each row summing to 1, of the logits' dtype.
    Why: with label smoothing, argmax-ing the targets would lose information: pass the
    probabilities themselves. A 0-dim tensor of the logits' dtype, connected to the graph.
    Example:
        >>> categorical_cross_entropy(torch.zeros(1, 2), torch.tensor([[0.5, 0.5]]))
        tensor(0.6931)
    """
    # Why: a float target with the logits' shape is read as class probabilities.
    return F.cross_entropy(logits, probs)
