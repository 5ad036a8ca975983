# %% [markdown]
# # Multi-label classification: BCEWithLogitsLoss
# When an image can be a cat *and* outdoors, each label is its own yes/no question: one logit
# per label, a sigmoid each (not a softmax over all), and binary cross-entropy. Give the loss the
# raw logits: `BCEWithLogitsLoss` computes `log(sigmoid(x))` in a stable way, while a sigmoid
# followed by `BCELoss` rounds `sigmoid(20.)` to exactly 1.0 in float32, takes `log(1 - 1)`, and
# BCELoss clamps that -inf to -100. `pos_weight` (one number per label) weighs the positive term,
# to make a rare label count more; `reduction` says how the per-element losses are combined.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html

# %%
import torch
import torch.nn.functional as F


def multilabel_bce(logits: torch.Tensor, targets: torch.Tensor,
                   pos_weight: torch.Tensor | None = None,
                   reduction: str = "mean") -> torch.Tensor:
    """Binary cross-entropy of ``logits`` (N, C) against multi-label ``targets`` (N, C).

    ``targets`` is 1 where a label applies and 0 where it does not (or a soft label in [0, 1]);
    it may come as a bool or integer multi-hot tensor from a dataset: compute with it converted
    to the logits' dtype. ``pos_weight`` is None or a (C,) tensor of the logits' dtype that
    multiplies each label's positive term. ``reduction`` is "mean" (over all N*C elements), "sum"
    or "none" (the (N, C) losses). The result has the logits' dtype, is exact for large logits
    (20 or 1e4, where a sigmoid saturates), and can be backpropagated to the logits.
    TensorFlow 2: ``keras.losses.BinaryCrossentropy(from_logits=True)``;
    ``tf.nn.weighted_cross_entropy_with_logits(labels, logits, pos_weight)`` for pos_weight.
    Example:
        >>> multilabel_bce(torch.tensor([[20.0, -20.0]]), torch.tensor([[0, 1]]), reduction="none")
        tensor([[20., 20.]])
    """
    # Why: the logits version never forms sigmoid(x), so large logits keep their exact loss.
    return F.binary_cross_entropy_with_logits(logits, targets.to(logits.dtype),
                                              pos_weight=pos_weight, reduction=reduction)
