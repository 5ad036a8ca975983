"""Corpus for exercises/03_nn/09_targets.py: onehot_to_index, categorical_cross_entropy."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


# ---------------------------------------------------------------------------------------------
# onehot_to_index
# ---------------------------------------------------------------------------------------------

def right__onehot_to_index__max_indices(onehot: torch.Tensor) -> torch.Tensor:
    "alternative | torch.max(onehot, dim=1) and keeps the .indices field (already int64)"
    return torch.max(onehot, dim=1).indices


def right__onehot_to_index__numpy(onehot: torch.Tensor) -> torch.Tensor:
    "alternative | np.argmax on a float32 numpy copy, back with torch.from_numpy(...).long()"
    arr = onehot.detach().cpu().float().numpy()
    return torch.from_numpy(np.argmax(arr, axis=1)).long().to(onehot.device)


def right__onehot_to_index__row_loop(onehot: torch.Tensor) -> torch.Tensor:
    "alternative | a Python loop of per-row argmax() collected into torch.tensor(..., dtype=torch.long)"
    return torch.tensor([int(row.argmax()) for row in onehot], dtype=torch.long,
                        device=onehot.device)


def wrong__onehot_to_index__tf_default_axis(onehot: torch.Tensor) -> torch.Tensor:
    "tf-habit | tf.argmax's default axis is 0, ported as argmax(dim=0): one index per class (over the batch) instead of one per row | differs when: onehot=torch.tensor([[0., 1., 0.], [0.05, 0.05, 0.9]]) gives [1, 0, 1] instead of [1, 2]"
    return torch.argmax(onehot, dim=0)


def wrong__onehot_to_index__flat_argmax(onehot: torch.Tensor) -> torch.Tensor:
    "beginner | onehot.argmax() with no dim: the index into the flattened tensor, a 0-dim result | differs when: onehot=torch.tensor([[0., 1., 0.], [0.05, 0.05, 0.9]]) gives the 0-dim tensor(1) (flat position of the 1.0) instead of tensor([1, 2])"
    return onehot.argmax()


def wrong__onehot_to_index__max_values(onehot: torch.Tensor) -> torch.Tensor:
    "beginner | takes torch.max(onehot, 1)[0], the max values, not the [1] indices | differs when: onehot=torch.tensor([[0., 1., 0.], [0.05, 0.05, 0.9]]) gives [1.0, 0.9] instead of [1, 2]"
    return torch.max(onehot, 1)[0]


def wrong__onehot_to_index__int32(onehot: torch.Tensor) -> torch.Tensor:
    "beginner | casts the indices with .int() (int32, the TF default integer): F.cross_entropy then rejects them | differs when: onehot=torch.tensor([[0., 1., 0.]]) gives dtype torch.int32 instead of torch.int64"
    return onehot.argmax(dim=1).int()


def wrong__onehot_to_index__equals_one(onehot: torch.Tensor) -> torch.Tensor:
    "subtle | looks for the entry equal to 1 ((onehot == 1).nonzero()[:, 1]): label-smoothed rows have no 1 and silently disappear | differs when: onehot=torch.tensor([[0., 1., 0.], [0.05, 0.05, 0.9]]) gives [1] instead of [1, 2]"
    return (onehot == 1).nonzero()[:, 1]


def wrong__onehot_to_index__weighted_sum(onehot: torch.Tensor) -> torch.Tensor:
    "subtle | sum_j j * onehot[i, j]: exact for one-hot rows, but a smoothed row gives a blend of indices | differs when: onehot=torch.tensor([[0., 1., 0.], [0.05, 0.05, 0.9]]) gives [1, 1] (1.85 truncated) instead of [1, 2]"
    classes = torch.arange(onehot.shape[1], dtype=onehot.dtype, device=onehot.device)
    return (onehot * classes).sum(dim=1).long()


def wrong__onehot_to_index__keepdim(onehot: torch.Tensor) -> torch.Tensor:
    "subtle | argmax(dim=1, keepdim=True) leaves an (N, 1) column instead of an (N,) vector | differs when: onehot=torch.tensor([[0., 1., 0.], [0.05, 0.05, 0.9]]) gives shape (2, 1) instead of (2,)"
    return onehot.argmax(dim=1, keepdim=True)


# ---------------------------------------------------------------------------------------------
# categorical_cross_entropy
# ---------------------------------------------------------------------------------------------

def right__categorical_cross_entropy__log_softmax_sum(logits: torch.Tensor, probs: torch.Tensor) -> torch.Tensor:
    "alternative | written out: -(probs * F.log_softmax(logits, 1)).sum(1).mean()"
    return -(probs * F.log_softmax(logits, dim=1)).sum(dim=1).mean()


def right__categorical_cross_entropy__module(logits: torch.Tensor, probs: torch.Tensor) -> torch.Tensor:
    "alternative | the module nn.CrossEntropyLoss() called with the float probability target"
    return nn.CrossEntropyLoss()(logits, probs)


def right__categorical_cross_entropy__lse_form(logits: torch.Tensor, probs: torch.Tensor) -> torch.Tensor:
    "alternative | expanded formula logsumexp(x) * sum_j p_j - sum_j p_j x_j per row, then the mean"
    per_row = torch.logsumexp(logits, dim=1) * probs.sum(dim=1) - (probs * logits).sum(dim=1)
    return per_row.mean()


def wrong__categorical_cross_entropy__argmax_target(logits: torch.Tensor, probs: torch.Tensor) -> torch.Tensor:
    "beginner | converts the targets with argmax and uses class indices: label smoothing is thrown away | differs when: logits=torch.tensor([[2., 0.]]), probs=torch.tensor([[0.9, 0.1]]) gives 0.1269 instead of 0.3269"
    return F.cross_entropy(logits, probs.argmax(dim=1))


def wrong__categorical_cross_entropy__mean_all(logits: torch.Tensor, probs: torch.Tensor) -> torch.Tensor:
    "beginner | -(probs * log_softmax).mean() averages over all N*C entries instead of summing over classes and averaging over the batch | differs when: logits=torch.zeros(1, 2), probs=torch.tensor([[0.5, 0.5]]) gives 0.3466 instead of 0.6931"
    return -(probs * F.log_softmax(logits, dim=1)).mean()


def wrong__categorical_cross_entropy__keras_clip(logits: torch.Tensor, probs: torch.Tensor) -> torch.Tensor:
    "tf-habit | re-implements Keras' categorical_crossentropy: softmax, clip to [1e-7, 1 - 1e-7], log: large logit gaps are capped | differs when: logits=torch.tensor([[20., 0.]]), probs=torch.tensor([[0., 1.]]) gives 16.1181 instead of 20.0"
    eps = 1e-7
    p = torch.softmax(logits, dim=1).clamp(eps, 1 - eps)
    return -(probs * torch.log(p)).sum(dim=1).mean()


def wrong__categorical_cross_entropy__binary(logits: torch.Tensor, probs: torch.Tensor) -> torch.Tensor:
    "tf-habit | the Keras classic of using binary cross-entropy on multi-class one-hot targets (F.binary_cross_entropy_with_logits): each class is an independent sigmoid | differs when: logits=torch.tensor([[2., 0.]]), probs=torch.tensor([[1., 0.]]) gives 0.4100 instead of 0.1269"
    return F.binary_cross_entropy_with_logits(logits, probs)


def wrong__categorical_cross_entropy__kl_div(logits: torch.Tensor, probs: torch.Tensor) -> torch.Tensor:
    "examples | the distillation-tutorial loss F.kl_div(log_softmax, probs, reduction='batchmean'): equal for one-hot targets, but misses the entropy of smoothed ones | differs when: logits=torch.zeros(1, 2), probs=torch.tensor([[0.5, 0.5]]) gives 0.0 instead of 0.6931"
    return F.kl_div(F.log_softmax(logits, dim=1), probs, reduction="batchmean")


def wrong__categorical_cross_entropy__sum_batch(logits: torch.Tensor, probs: torch.Tensor) -> torch.Tensor:
    "subtle | sums over the batch as well as over the classes: right for N=1 only | differs when: logits=torch.zeros(2, 2), probs=torch.full((2, 2), 0.5) gives 1.3863 instead of 0.6931"
    return -(probs * F.log_softmax(logits, dim=1)).sum()


def wrong__categorical_cross_entropy__detached(logits: torch.Tensor, probs: torch.Tensor) -> torch.Tensor:
    "subtle | computes on logits.detach() (to 'not disturb the graph'): correct value, but the loss is not connected to the graph | differs when: logits=torch.zeros(1, 2, requires_grad=True), probs=torch.tensor([[0.5, 0.5]]): result.requires_grad is False and backward() fails"
    return F.cross_entropy(logits.detach(), probs)
