"""Realistic learner answers for exercises/06_pytorch2/09_cross_entropy.py (smoothed_cross_entropy)."""
import torch
import torch.nn.functional as F
from torch import nn


# --------------------------------------------------------------------------- right


def right__smoothed_cross_entropy__module_loss(logits: torch.Tensor, labels: torch.Tensor, smoothing: float = 0.0,
                                               class_weights: torch.Tensor | None = None) -> torch.Tensor:
    """alternative | an nn.CrossEntropyLoss module built with weight=, label_smoothing= and an explicit ignore_index=-100 and reduction="mean" spelled out"""
    criterion = nn.CrossEntropyLoss(weight=class_weights, ignore_index=-100, reduction="mean",
                                    label_smoothing=smoothing)
    return criterion(logits, labels)


def right__smoothed_cross_entropy__by_hand(logits: torch.Tensor, labels: torch.Tensor, smoothing: float = 0.0,
                                           class_weights: torch.Tensor | None = None) -> torch.Tensor:
    """alternative | written out: log_softmax, smoothed one-hot targets (1 - eps) * one_hot + eps / C, each class's term weighted by its weight, ignored rows masked out, the sum divided by the sum of the kept labels' weights"""
    n_classes = logits.shape[1]
    log_probs = F.log_softmax(logits, dim=1)
    keep = labels != -100
    safe = torch.where(keep, labels, torch.zeros_like(labels))
    target = F.one_hot(safe, n_classes).to(logits.dtype) * (1.0 - smoothing) + smoothing / n_classes
    if class_weights is None:
        class_weights = torch.ones(n_classes, dtype=logits.dtype, device=logits.device)
    per_sample = -(target * class_weights * log_probs).sum(dim=1)
    per_sample = torch.where(keep, per_sample, torch.zeros_like(per_sample))
    denominator = torch.where(keep, class_weights[safe], torch.zeros_like(per_sample)).sum()
    return per_sample.sum() / denominator


# --------------------------------------------------------------------------- wrong


def wrong__smoothed_cross_entropy__divide_by_batch(logits: torch.Tensor, labels: torch.Tensor, smoothing: float = 0.0,
                                                   class_weights: torch.Tensor | None = None) -> torch.Tensor:
    """tf-habit | Keras' class_weight convention: the summed loss divided by the batch size N, not by the sum of the kept labels' weights | differs when: the docstring example (zeros(2, 4), labels [1, -100], smoothing 0.1) gives 0.6931 instead of 1.3863 (the ignored row still counts in N)"""
    total = F.cross_entropy(logits, labels, weight=class_weights, label_smoothing=smoothing, reduction="sum")
    return total / labels.shape[0]


def wrong__smoothed_cross_entropy__softmax_first(logits: torch.Tensor, labels: torch.Tensor, smoothing: float = 0.0,
                                                 class_weights: torch.Tensor | None = None) -> torch.Tensor:
    """beginner | applies softmax before F.cross_entropy (as a Keras model ending in a softmax layer would), so the loss softmaxes twice | differs when: logits [[10., 0., 0., 0.]], labels [0] gives about 0.74 instead of about 1.4e-4"""
    probs = F.softmax(logits, dim=1)
    return F.cross_entropy(probs, labels, weight=class_weights, label_smoothing=smoothing)


def wrong__smoothed_cross_entropy__eps_over_others(logits: torch.Tensor, labels: torch.Tensor, smoothing: float = 0.0,
                                                   class_weights: torch.Tensor | None = None) -> torch.Tensor:
    """examples | the label-smoothing variant of some training scripts (fairseq's eps_i = eps / (C - 1)): 1 - eps on the true class and eps / (C - 1) on each other one, instead of (1 - eps) * one_hot + eps / C | differs when: logits [[2., 0., 0., 0.]], labels [0], smoothing=0.3 gives about 0.941 instead of about 0.791"""
    n_classes = logits.shape[1]
    log_probs = F.log_softmax(logits, dim=1)
    keep = labels != -100
    safe = torch.where(keep, labels, torch.zeros_like(labels))
    one_hot = F.one_hot(safe, n_classes).to(logits.dtype)
    target = one_hot * (1.0 - smoothing) + (1 - one_hot) * smoothing / (n_classes - 1)
    w = class_weights
    if w is None:
        w = torch.ones(n_classes, dtype=logits.dtype, device=logits.device)
    per_sample = -(target * w * log_probs).sum(dim=1)
    per_sample = torch.where(keep, per_sample, torch.zeros_like(per_sample))
    return per_sample.sum() / torch.where(keep, w[safe], torch.zeros_like(per_sample)).sum()


def wrong__smoothed_cross_entropy__nll_no_smoothing(logits: torch.Tensor, labels: torch.Tensor, smoothing: float = 0.0,
                                                    class_weights: torch.Tensor | None = None) -> torch.Tensor:
    """old-api | log_softmax + F.nll_loss as in tutorials from before label_smoothing= existed (PyTorch < 1.10): smoothing is accepted and ignored | differs when: logits [[2., 0., 0., 0.]], labels [0], smoothing=0.3 gives about 0.341 instead of about 0.791"""
    return F.nll_loss(F.log_softmax(logits, dim=1), labels, weight=class_weights, ignore_index=-100)


def wrong__smoothed_cross_entropy__zero_when_all_ignored(logits: torch.Tensor, labels: torch.Tensor,
                                                         smoothing: float = 0.0,
                                                         class_weights: torch.Tensor | None = None) -> torch.Tensor:
    """subtle | guards against the nan of an all-ignored batch by returning 0, where the docstring asks for 0/0 = nan | differs when: labels torch.tensor([-100, -100]) returns tensor(0.) instead of tensor(nan)"""
    if not bool((labels != -100).any()):
        return logits.sum() * 0.0
    return F.cross_entropy(logits, labels, weight=class_weights, label_smoothing=smoothing)
