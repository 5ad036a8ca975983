# %% [markdown]
# # Cross-entropy by hand, and why it must start from logits
# `nn.CrossEntropyLoss` = `LogSoftmax` + `NLLLoss` (the notebook finds `NllLossBackward0` and
# `LogSoftmaxBackward0` in the graph). `log(softmax(x))` written naively breaks on large
# logits: `exp(100.)` is inf in float32, and a probability that underflows to 0 gives
# log(0) = -inf. The stable form is `x - logsumexp(x)` with the row maximum subtracted first.
# In this exercise `log_softmax`, `cross_entropy` and `nll_loss` are switched off: build them.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html

# %%
import torch


def log_softmax_by_hand(logits: torch.Tensor) -> torch.Tensor:
    """Log-softmax over the classes (dim 1) of (N, C) logits, finite even for logits of 1e4.

    log_softmax(x)[i, j] = x[i, j] - log(sum_k exp(x[i, k])); subtract each row's max m first:
    log(sum_k exp(x[i, k])) = m + log(sum_k exp(x[i, k] - m)). (``torch.logsumexp`` does this.)
    ``logits`` is a floating tensor with N >= 0 rows and C >= 1 classes. The result has its shape
    and dtype (float16, bfloat16 and float64 are kept), gradients flow through it back to
    ``logits``, and ``logits`` itself is left unchanged.
    TensorFlow: ``tf.nn.log_softmax(x, axis=-1)``.
    Example:
        >>> log_softmax_by_hand(torch.tensor([[1000., 0.]]))
        tensor([[    0., -1000.]])
    """
    # Why: after the shift the largest exponent is exp(0) = 1: no overflow, no log(0).
    shifted = logits - logits.max(dim=1, keepdim=True).values    # (N, C)
    return shifted - shifted.exp().sum(dim=1, keepdim=True).log()  # (N, C)


def cross_entropy_by_hand(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Mean over the batch of -log_softmax(logits)[i, target[i]]: ``F.cross_entropy``'s value.

    ``logits`` (N, C) are raw scores (no softmax applied), N >= 1; ``target`` (N,) int64 class
    indices, each in [0, C) (no ``ignore_index``). Returns a 0-dim tensor of the logits' dtype,
    connected to the graph, so ``loss.backward()`` works; the arguments are left unchanged.
    TensorFlow: ``keras.losses.SparseCategoricalCrossentropy(from_logits=True)``.
    Example:
        >>> cross_entropy_by_hand(torch.tensor([[0., 0.]]), torch.tensor([1]))   # log(2)
        tensor(0.6931)
    """
    # Why: indexing with (arange(N), target) gathers one log-probability per example.
    logp = log_softmax_by_hand(logits)                            # (N, C)
    return -logp[torch.arange(len(target)), target].mean()
