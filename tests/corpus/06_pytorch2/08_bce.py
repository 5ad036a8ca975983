"""Realistic learner answers for exercises/06_pytorch2/08_bce.py (multilabel_bce)."""
import torch
import torch.nn.functional as F
from torch import nn


# --------------------------------------------------------------------------- right


def right__multilabel_bce__module_loss(logits: torch.Tensor, targets: torch.Tensor,
                                       pos_weight: torch.Tensor | None = None,
                                       reduction: str = "mean") -> torch.Tensor:
    """alternative | builds an nn.BCEWithLogitsLoss module with pos_weight and reduction and calls it on targets.type_as(logits)"""
    criterion = nn.BCEWithLogitsLoss(pos_weight=pos_weight, reduction=reduction)
    return criterion(logits, targets.type_as(logits))


def right__multilabel_bce__logsigmoid_formula(logits: torch.Tensor, targets: torch.Tensor,
                                              pos_weight: torch.Tensor | None = None,
                                              reduction: str = "mean") -> torch.Tensor:
    """alternative | writes the loss out with F.logsigmoid (stable for large |x|): -(pw * t * logsigmoid(x) + (1 - t) * logsigmoid(-x)), then reduces by hand"""
    t = targets.to(logits.dtype)
    positive = t * F.logsigmoid(logits)
    if pos_weight is not None:
        positive = positive * pos_weight
    loss = -(positive + (1 - t) * F.logsigmoid(-logits))
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.mean()


# --------------------------------------------------------------------------- wrong


def wrong__multilabel_bce__sigmoid_then_bce(logits: torch.Tensor, targets: torch.Tensor,
                                            pos_weight: torch.Tensor | None = None,
                                            reduction: str = "mean") -> torch.Tensor:
    """tf-habit | Keras' from_logits=False habit: sigmoid first, then the BCE formula on probabilities with BCELoss's clamp of the logs at -100; sigmoid(20.) rounds to 1.0 in float32 and log(1 - 1) is clamped | differs when: the docstring example (logits [[20, -20]], targets [[0, 1]], reduction="none") gives [[100, 20]] instead of [[20, 20]]"""
    t = targets.to(logits.dtype)
    probs = torch.sigmoid(logits)
    pw = 1.0 if pos_weight is None else pos_weight
    loss = -(pw * t * torch.log(probs).clamp_min(-100) + (1 - t) * torch.log(1 - probs).clamp_min(-100))
    if reduction == "none":
        return loss
    return loss.sum() if reduction == "sum" else loss.mean()


def wrong__multilabel_bce__no_cast(logits: torch.Tensor, targets: torch.Tensor,
                                   pos_weight: torch.Tensor | None = None,
                                   reduction: str = "mean") -> torch.Tensor:
    """beginner | passes the targets as they come: an integer or bool multi-hot tensor is refused by binary_cross_entropy_with_logits | differs when: the docstring example (targets torch.tensor([[0, 1]]), int64) raises RuntimeError instead of returning [[20, 20]]"""
    return F.binary_cross_entropy_with_logits(logits, targets, pos_weight=pos_weight, reduction=reduction)


def wrong__multilabel_bce__float32_targets(logits: torch.Tensor, targets: torch.Tensor,
                                           pos_weight: torch.Tensor | None = None,
                                           reduction: str = "mean") -> torch.Tensor:
    """subtle | converts the targets with .float() (float32) instead of to the logits' dtype: the loss comes out in float32 | differs when: logits of dtype torch.float64 (or bfloat16) give a float32 result instead of one of the logits' dtype"""
    return F.binary_cross_entropy_with_logits(logits, targets.float(), pos_weight=pos_weight, reduction=reduction)


def wrong__multilabel_bce__softmax_ce(logits: torch.Tensor, targets: torch.Tensor,
                                      pos_weight: torch.Tensor | None = None,
                                      reduction: str = "mean") -> torch.Tensor:
    """beginner | treats the multi-hot rows as class probabilities for cross_entropy (a softmax over the labels) instead of one sigmoid per label | differs when: the docstring example with reduction="none" returns one loss per row, tensor([40.]), instead of the (1, 2) tensor [[20, 20]]"""
    t = targets.to(logits.dtype)
    if pos_weight is not None:
        t = t * pos_weight
    return F.cross_entropy(logits, t, reduction=reduction)


def wrong__multilabel_bce__weight_not_pos_weight(logits: torch.Tensor, targets: torch.Tensor,
                                                 pos_weight: torch.Tensor | None = None,
                                                 reduction: str = "mean") -> torch.Tensor:
    """old-api | passes the per-label weights as weight=, the only option before pos_weight existed: it multiplies the negative term too | differs when: logits [[0.0]], targets [[0]], pos_weight tensor([3.0]), reduction="none" gives [[2.0794]] (3 * log 2) instead of [[0.6931]] (the negative term is not weighted)"""
    return F.binary_cross_entropy_with_logits(logits, targets.to(logits.dtype), weight=pos_weight,
                                              reduction=reduction)
