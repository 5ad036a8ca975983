# %% [markdown]
# # Cross-entropy options: class weights, label smoothing, ignored labels
# Keras' `fit(class_weight={...})` turns class weights into sample weights and its default
# reduction divides the weighted sum by the *batch size*. PyTorch's `F.cross_entropy(...,
# weight=w)` divides by the *sum of the weights* of the batch's labels: a weighted average, so
# the loss keeps its scale whatever the weights. `label_smoothing=eps` trains against
# (1 - eps) * one_hot + eps / C, as Keras' `CategoricalCrossentropy(label_smoothing=eps)`
# does. Labels equal to `ignore_index` (-100 by default: padding, unlabelled) count for nothing.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.functional.cross_entropy.html

# %%
import torch
import torch.nn.functional as F


def smoothed_cross_entropy(logits: torch.Tensor, labels: torch.Tensor, smoothing: float = 0.0,
                           class_weights: torch.Tensor | None = None) -> torch.Tensor:
    """Mean cross-entropy of ``logits`` (N, C) against class indices ``labels`` (N,).

    ``smoothing`` (0 <= smoothing < 1) spreads that much of each target over all C classes
    evenly; ``class_weights`` is None or a (C,) tensor of the logits' dtype weighing each class.
    The mean is weighted: the sum of the per-sample losses divided by the sum of the weights of
    the samples' labels (N without weights). Labels equal to -100 are ignored (neither in the
    sum nor in the count; with no label left the mean is 0/0 = nan). The result is a scalar of
    the logits' dtype and can be backpropagated to the logits.
    TensorFlow 2: ``keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=eps)``
    on one-hot labels; ``fit(class_weight=...)`` divides by the batch size instead.
    Example:
        >>> smoothed_cross_entropy(torch.zeros(2, 4), torch.tensor([1, -100]), smoothing=0.1)
        tensor(1.3863)
    """
    # TODO: call F.cross_entropy with weight= and label_smoothing=.
    raise NotImplementedError("smoothed_cross_entropy")
