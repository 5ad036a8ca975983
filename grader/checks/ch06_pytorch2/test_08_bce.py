"""multilabel_bce: the loss and its gradient with respect to the logits must equal the
reference's for ordinary and large logits (20 to 1e4), hard, soft, bool and integer targets,
pos_weight or not, each reduction, empty batches, one label, four float dtypes and
non-contiguous logits."""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import corners
from grader import strategies as ts
from grader.mistakes import mistake


def bce_probe(multilabel_bce, logits, targets, pos_weight, reduction):
    x = logits.clone().requires_grad_(True)
    loss = multilabel_bce(x, targets, pos_weight=pos_weight, reduction=reduction)
    weights = torch.linspace(0.5, 1.5, max(loss.numel(), 1))[:loss.numel()].reshape(loss.shape)
    if loss.requires_grad:
        (loss * weights.to(loss.dtype)).sum().backward()
    return {"loss": loss.detach(), "gradient w.r.t. the logits": x.grad}


@st.composite
def bce_inputs(draw):
    dtype = draw(st.sampled_from([torch.float32, torch.float32, torch.float64, torch.float16,
                                  torch.bfloat16]))
    n, c = draw(st.integers(0, 4)), draw(st.integers(1, 4))
    corners.record_dtype(dtype)
    scale = draw(st.sampled_from([1.0, 1.0, 30.0, 1e4]))
    if scale > 1:  # logits where sigmoid then log underflows
        corners.reach("extreme")
    logits = draw(ts.tensors((n, c), torch.float32, -3, 3, noncontiguous=True)) * scale
    hard = draw(ts.tensors((n, c), torch.bool))
    kind = draw(st.sampled_from(["float", "soft", "bool", "int64"]))
    if kind == "soft":
        targets = draw(ts.tensors((n, c), torch.float32, 0, 1)).to(dtype)
    else:
        targets = hard.to({"float": dtype, "bool": torch.bool, "int64": torch.int64}[kind])
    pos_weight = None
    if draw(st.booleans()):
        pos_weight = draw(ts.tensors((c,), torch.float32, 0.25, 4)).to(dtype)
    return {"logits": logits.to(dtype), "targets": targets, "pos_weight": pos_weight,
            "reduction": draw(st.sampled_from(["mean", "sum", "none"]))}


EXAMPLES = [
    {"logits": torch.tensor([[20.0, -20.0, 0.5], [1e4, -1e4, -0.5]]),
     "targets": torch.tensor([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]]), "pos_weight": None,
     "reduction": "none"},
    {"logits": torch.tensor([[2.0, -1.0], [0.0, 3.0]]), "targets": torch.tensor([[1, 0], [0, 1]]),
     "pos_weight": torch.tensor([3.0, 0.5]), "reduction": "sum"},
    {"logits": torch.tensor([[0.5, -1.5], [2.0, 0.25]], dtype=torch.float64),
     "targets": torch.tensor([[True, False], [True, True]]), "pos_weight": None,
     "reduction": "mean"},
]


def test_multilabel_bce(kata):
    # In float16, torch's own BCE-with-logits is off by up to ~1 % (softplus(-1.95) = 0.13363;
    # it gives 0.13281): a right formula written out is often closer to the truth than it is.
    kata.compare("multilabel_bce", bce_inputs(), probe=bce_probe, max_examples=15,
                 rtol={torch.float16: 1e-2}, examples=EXAMPLES)


@mistake("multilabel_bce", diagnosis="sigmoid followed by BCELoss saturates: sigmoid(20.) is "
         "exactly 1.0 in float32, log(1 - 1) = -inf, and BCELoss clamps it to -100. Give the "
         "logits to F.binary_cross_entropy_with_logits, which never forms the sigmoid.")
def sigmoid_then_bce(logits, targets, pos_weight=None, reduction="mean"):
    targets = targets.to(logits.dtype)
    probs = torch.sigmoid(logits)
    if pos_weight is None:
        return F.binary_cross_entropy(probs, targets, reduction=reduction)
    loss = -(pos_weight * targets * torch.log(probs).clamp(min=-100)
             + (1 - targets) * torch.log(1 - probs).clamp(min=-100))
    return {"mean": loss.mean(), "sum": loss.sum(), "none": loss}[reduction]


@mistake("multilabel_bce", diagnosis="Integer or bool targets must be converted: "
         "F.binary_cross_entropy_with_logits wants float targets of the logits' dtype, so pass "
         "targets.to(logits.dtype).")
def unconverted_targets(logits, targets, pos_weight=None, reduction="mean"):
    return F.binary_cross_entropy_with_logits(logits, targets, pos_weight=pos_weight,
                                              reduction=reduction)


@mistake("multilabel_bce", diagnosis="targets.float() is float32 whatever the logits are, and "
         "float64 or float16 logits then give a loss of another dtype: convert with "
         "targets.to(logits.dtype).")
def always_float32(logits, targets, pos_weight=None, reduction="mean"):
    return F.binary_cross_entropy_with_logits(logits, targets.float(), pos_weight=pos_weight,
                                              reduction=reduction)


@mistake("multilabel_bce", diagnosis="weight= rescales both terms of every element; the "
         "per-label weight of the positive term is pos_weight=: "
         "F.binary_cross_entropy_with_logits(..., pos_weight=pos_weight).")
def pos_weight_as_weight(logits, targets, pos_weight=None, reduction="mean"):
    return F.binary_cross_entropy_with_logits(logits, targets.to(logits.dtype),
                                              weight=pos_weight, reduction=reduction)


@mistake("multilabel_bce", diagnosis="The reduction argument was ignored: pass "
         "reduction=reduction (\"mean\", \"sum\" or \"none\") on to the loss.")
def always_mean(logits, targets, pos_weight=None, reduction="mean"):
    return F.binary_cross_entropy_with_logits(logits, targets.to(logits.dtype),
                                              pos_weight=pos_weight)


@mistake("multilabel_bce", diagnosis="A softmax cross-entropy makes the labels compete (their "
         "probabilities sum to 1); in multi-label classification each label is an independent "
         "yes/no: binary cross-entropy on each logit, F.binary_cross_entropy_with_logits.")
def softmax_cross_entropy(logits, targets, pos_weight=None, reduction="mean"):
    return F.cross_entropy(logits, targets.to(logits.dtype), reduction=reduction)


@mistake("multilabel_bce", diagnosis="Multi-label targets need one sigmoid per label "
         "(F.binary_cross_entropy_with_logits): F.cross_entropy puts one softmax over a row's "
         "labels, as if exactly one applied.")
def softmax_over_labels(logits, targets, pos_weight=None, reduction='mean'):
    t = targets.to(logits.dtype)
    if pos_weight is not None:
        t = t * pos_weight
    return F.cross_entropy(logits, t, reduction=reduction)


@mistake("multilabel_bce", diagnosis="sigmoid followed by BCELoss saturates: sigmoid(20.) is "
         "exactly 1.0 in float32, log(1 - 1) = -inf, and BCELoss clamps it to -100. Give the "
         "logits to F.binary_cross_entropy_with_logits, which never forms the sigmoid.")
def sigmoid_then_formula(logits, targets, pos_weight=None, reduction='mean'):
    t = targets.to(logits.dtype)
    probs = torch.sigmoid(logits)
    pw = 1.0 if pos_weight is None else pos_weight
    loss = -(pw * t * torch.log(probs).clamp_min(-100)
             + (1 - t) * torch.log(1 - probs).clamp_min(-100))
    if reduction == 'none':
        return loss
    return loss.sum() if reduction == 'sum' else loss.mean()
