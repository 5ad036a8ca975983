"""smoothed_cross_entropy: the loss and its gradient with respect to the logits must equal
F.cross_entropy's for drawn smoothing, class weights (or none), labels with -100 among them
(all of them sometimes), one class or several, and float32, float64 and bfloat16 logits."""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import corners
from grader import strategies as ts
from grader.mistakes import mistake


def ce_probe(smoothed_cross_entropy, logits, labels, smoothing, class_weights):
    x = logits.clone().requires_grad_(True)
    given = {} if smoothing == "default" else {"smoothing": smoothing}  # "default": left out
    loss = smoothed_cross_entropy(x, labels, class_weights=class_weights, **given)
    if loss.requires_grad:
        (loss * 1.5).backward()
    return {"loss": loss.detach(), "gradient w.r.t. the logits": x.grad}


@st.composite
def ce_inputs(draw):
    dtype = draw(st.sampled_from([torch.float32, torch.float32, torch.float64, torch.bfloat16]))
    corners.record_dtype(dtype)
    n, c = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    logits = draw(ts.tensors((n, c), torch.float32, -5, 5, noncontiguous=True))
    labels = torch.tensor(draw(st.lists(st.sampled_from(list(range(c)) + [-100]),
                                        min_size=n, max_size=n)), dtype=torch.long)
    weights = None
    if draw(st.booleans()):
        weights = draw(ts.tensors((c,), torch.float32, 0.125, 5)).to(dtype)
    return {"logits": logits.to(dtype), "labels": labels,
            "smoothing": draw(st.sampled_from([0.0, 0.1, 0.3])), "class_weights": weights}


EXAMPLES = [
    {"logits": torch.tensor([[2.0, 0.0], [0.5, 1.5], [1.0, 1.0]]),
     "labels": torch.tensor([1, -100, 0]), "smoothing": 0.1,
     "class_weights": torch.tensor([2.0, 0.5])},
    {"logits": torch.tensor([[2.0, 0.0, -1.0], [0.5, 1.5, 0.0], [0.0, 0.0, 3.0]]),
     "labels": torch.tensor([0, 1, 1]), "smoothing": 0.0,
     "class_weights": torch.tensor([1.0, 4.0, 0.5])},
    {"logits": torch.tensor([[2.0, 0.0, -1.0], [0.5, 1.5, 0.0]]), "labels": torch.tensor([0, 2]),
     "smoothing": 0.2, "class_weights": None},
    {"logits": torch.tensor([[2.0, 0.0, -1.0], [0.5, 1.5, 0.0]]), "labels": torch.tensor([0, 2]),
     "smoothing": "default", "class_weights": None},  # smoothing left out: no smoothing
    {"logits": torch.tensor([[2.0, 0.0], [0.5, 1.5]]), "labels": torch.tensor([-100, -100]),
     "smoothing": 0.1, "class_weights": None},
]


def test_smoothed_cross_entropy(kata):
    kata.compare("smoothed_cross_entropy", ce_inputs(), probe=ce_probe, max_examples=12,
                 examples=EXAMPLES)


@mistake("smoothed_cross_entropy", diagnosis="That is Keras' class_weight average (the weighted "
         "sum divided by the number of samples); F.cross_entropy(weight=...) divides by the sum "
         "of the weights of the samples' labels: pass weight=class_weights to F.cross_entropy.")
def divides_by_batch_size(logits, labels, smoothing=0.0, class_weights=None):
    losses = F.cross_entropy(logits, labels, weight=class_weights, label_smoothing=smoothing,
                             reduction="none")
    return losses.sum() / (labels != -100).sum()


@mistake("smoothed_cross_entropy", diagnosis="Label smoothing spreads eps over all C classes: "
         "the target is (1 - eps) * one_hot + eps / C (not eps / (C - 1) on the wrong classes); "
         "pass label_smoothing=smoothing to F.cross_entropy.")
def smooths_other_classes(logits, labels, smoothing=0.0, class_weights=None):
    c = logits.shape[1]
    keep = labels != -100
    target = torch.full((int(keep.sum()), c), smoothing / max(c - 1, 1), dtype=logits.dtype)
    target.scatter_(1, labels[keep][:, None], 1.0 - smoothing)
    logp = torch.log_softmax(logits[keep], dim=1)
    w = torch.ones(c, dtype=logits.dtype) if class_weights is None else class_weights
    per_sample = -(target * logp * w).sum(1)
    return per_sample.sum() / w[labels[keep]].sum()


@mistake("smoothed_cross_entropy", diagnosis="The smoothing was ignored: pass "
         "label_smoothing=smoothing to F.cross_entropy.")
def no_smoothing(logits, labels, smoothing=0.0, class_weights=None):
    return F.cross_entropy(logits, labels, weight=class_weights)


@mistake("smoothed_cross_entropy", diagnosis="The class weights were ignored: pass "
         "weight=class_weights to F.cross_entropy.")
def no_weights(logits, labels, smoothing=0.0, class_weights=None):
    return F.cross_entropy(logits, labels, label_smoothing=smoothing)


@mistake("smoothed_cross_entropy", diagnosis="With smoothed probability targets "
         "F.cross_entropy cannot skip -100 labels, and its weighted mean divides by N instead "
         "of the weights' sum: give it the class indices and label_smoothing=smoothing.")
def probability_targets(logits, labels, smoothing=0.0, class_weights=None):
    c = logits.shape[1]
    target = F.one_hot(labels, c).to(logits.dtype) * (1 - smoothing) + smoothing / c
    return F.cross_entropy(logits, target, weight=class_weights)


@mistake("smoothed_cross_entropy", diagnosis="F.cross_entropy takes logits and applies "
         "log_softmax itself: a softmax before it squashes the scores twice, and the loss stays "
         "close to log(C). Pass the raw logits (Keras' from_logits=True).")
def softmax_first(logits, labels, smoothing=0.0, class_weights=None):
    probs = F.softmax(logits, dim=1)
    return F.cross_entropy(probs, labels, weight=class_weights, label_smoothing=smoothing)


@mistake("smoothed_cross_entropy", diagnosis="When every label is ignored, the loss is 0/0 = nan, "
         "as F.cross_entropy gives: returning 0 instead hides a batch with nothing to learn "
         "from.")
def zero_when_all_ignored(logits, labels, smoothing=0.0, class_weights=None):
    if not bool((labels != -100).any()):
        return logits.sum() * 0.0
    return F.cross_entropy(logits, labels, weight=class_weights, label_smoothing=smoothing)


@mistake("smoothed_cross_entropy", diagnosis="That is Keras' class_weight average (the weighted "
         "sum divided by the number of samples); F.cross_entropy(weight=...) divides by the sum "
         "of the weights of the samples' labels: pass weight=class_weights to F.cross_entropy.")
def divides_by_rows(logits, labels, smoothing=0.0, class_weights=None):
    total = F.cross_entropy(logits, labels, weight=class_weights, label_smoothing=smoothing,
                            reduction='sum')
    return total / labels.shape[0]
