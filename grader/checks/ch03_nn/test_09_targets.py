"""Checks for exercises/03_nn/09_targets.py: class-index targets and Keras-style one-hot targets.

Label rows are one-hot or smoothed like Keras' label_smoothing (a single largest entry per row),
N = 0 rows included for onehot_to_index, in float32/float64/float16/bfloat16 or as integers
(F.one_hot's int64, uint8), maybe non-contiguous. The loss is called once on the arguments as
given and once on a fresh leaf for the gradient. The named examples come first, ordered so that
each known mistake fails on its own example.
"""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch03_nn._nets import example
from grader.mistakes import mistake

FLOATS = (torch.float32, torch.float64, torch.float16, torch.bfloat16)
INTEGERS = (torch.int64, torch.uint8)


@st.composite
def label_rows(draw, n=None, c=None, dtypes=FLOATS + INTEGERS, min_rows=0):
    """(N, C) one-hot rows, or rows smoothed like Keras' label_smoothing=s: (1-s)*onehot + s/C."""
    n = draw(st.integers(min_rows, 6)) if n is None else n
    c = draw(st.integers(1, 6)) if c is None else c
    dtype = draw(st.sampled_from(dtypes))
    labels = torch.tensor(draw(st.lists(st.integers(0, c - 1), min_size=n, max_size=n)),
                          dtype=torch.int64)
    smoothing = 0.0 if not dtype.is_floating_point else draw(st.sampled_from([0.0, 0.1, 0.2]))
    rows = (F.one_hot(labels, c).double() * (1 - smoothing) + smoothing / c).to(dtype)
    for corner, reached in (("empty", n == 0), ("size_one", n == 1 or c == 1),
                            ("low_precision", dtype in (torch.float16, torch.bfloat16)),
                            ("float64", dtype == torch.float64), ("integer", dtype in INTEGERS)):
        if reached:
            corners.reach(corner)
    if n > 1 and c > 1 and draw(st.booleans()):
        corners.reach("noncontiguous")
        rows = rows.t().contiguous().t()
    return rows


def test_onehot_to_index(kata):
    kata.compare("onehot_to_index", st.fixed_dictionaries({"onehot": label_rows()}),
                 max_examples=20, examples=[
                     {"onehot": torch.tensor([[0.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 0.0]])},
                     {"onehot": torch.tensor([[0.0, 1.0, 0.0], [0.05, 0.05, 0.9]])},
                     {"onehot": example("torch.zeros(0, 3)")},
                     {"onehot": example("torch.tensor([[0.1, 0.8, 0.1]], dtype=torch.float64)")},
                     {"onehot": example("torch.nn.functional.one_hot(torch.tensor([2, 0]), 3)")},
                     {"onehot": example("torch.tensor([[0.05, 0.9, 0.05], [0.9, 0.05, 0.05]], "
                                        "dtype=torch.float16).t().contiguous().t()")}])


@mistake("onehot_to_index", diagnosis="F.cross_entropy wants class indices as int64 (torch.long): "
         "int32 or float indices raise 'expected target dtype to be Long'. argmax already "
         "returns int64; do not convert it.")
def int32_indices(onehot):
    return onehot.argmax(dim=1).int()


@mistake("onehot_to_index", diagnosis="nonzero() lists every non-zero entry; with label "
         "smoothing that is every entry: take argmax(dim=1), the most likely class.")
def nonzero_columns(onehot):
    return onehot.nonzero()[:, 1]


@mistake("onehot_to_index", diagnosis="the classes are dim 1 of the (N, C) rows: argmax(dim=1) "
         "gives one index per example. argmax(dim=0) (tf.argmax's default axis) looks at each "
         "class column.")
def argmax_over_batch(onehot):
    return onehot.argmax(dim=0)


@mistake("onehot_to_index", diagnosis="the indices are floats: F.cross_entropy reads a float "
         "target as probabilities (or rejects it). argmax already returns int64; do not "
         "convert it.")
def float_indices(onehot):
    return onehot.argmax(dim=1).float()


@mistake("onehot_to_index", diagnosis="argmax() without dim gives one index into the flattened "
         "tensor (a 0-d result): argmax(dim=1) gives one index per row.")
def flat_argmax(onehot):
    return onehot.argmax()


@mistake("onehot_to_index", diagnosis="torch.max(onehot, 1) returns (values, indices): [0] is the "
         "largest values, the class indices are [1] (or .indices).")
def max_values(onehot):
    return torch.max(onehot, 1)[0]


@mistake("onehot_to_index", diagnosis="a label-smoothed row has no entry equal to 1, so looking "
         "for the 1s loses it: take the largest entry per row, argmax(dim=1).")
def equals_one(onehot):
    return (onehot == 1).nonzero()[:, 1]


@mistake("onehot_to_index", diagnosis="sum_j j * onehot[i, j] is the index for exact one-hot rows "
         "only: a smoothed row gives a blend of indices. Take argmax(dim=1).")
def weighted_sum(onehot):
    classes = torch.arange(onehot.shape[1], dtype=onehot.dtype)
    return (onehot * classes).sum(dim=1).long()


@mistake("onehot_to_index", diagnosis="keepdim=True leaves an (N, 1) column: the targets must be "
         "an (N,) vector, argmax(dim=1) without keepdim.")
def keepdim_column(onehot):
    return onehot.argmax(dim=1, keepdim=True)


def cce_probe(categorical_cross_entropy, logits, probs):
    """loss = categorical_cross_entropy(logits, probs); then on a fresh leaf x = logits.detach().clone().requires_grad_(): categorical_cross_entropy(x, probs).backward()"""
    loss = categorical_cross_entropy(logits, probs)
    x = logits.detach().clone().requires_grad_(True)
    categorical_cross_entropy(x, probs).backward()
    return {"loss": loss, "logits.grad": x.grad}


LOGIT_CORNERS = ("size_one", "noncontiguous", "requires_grad", "float64", "negative")


@st.composite
def cce_args(draw, dtypes=(torch.float32, torch.float64), admitted=LOGIT_CORNERS):
    n, c = draw(st.integers(1, 5)), draw(st.integers(1, 6))
    dtype = draw(st.sampled_from(dtypes))
    logits = draw(corners.tensors((n, c), dtypes=(dtype,), min_value=-20, max_value=20,
                                  corners=admitted))
    return {"logits": logits, "probs": draw(label_rows(n, c, dtypes=(dtype,)))}


def test_categorical_cross_entropy(kata):
    kata.compare("categorical_cross_entropy", cce_args(), probe=cce_probe, max_examples=15,
                 examples=[{"logits": torch.tensor([[2.0, -1.0, 0.5], [0.0, 3.0, -3.0]]),
                            "probs": torch.tensor([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])},
                           {"logits": torch.tensor([[2.0, -1.0, 0.5], [0.0, 3.0, -3.0]]),
                            "probs": torch.tensor([[0.9, 0.05, 0.05], [0.05, 0.05, 0.9]])},
                           {"logits": torch.tensor([[20.0, 0.0]]),
                            "probs": torch.tensor([[0.0, 1.0]])}])
    kata.compare("categorical_cross_entropy",
                 cce_args((torch.float16, torch.bfloat16), ("size_one", "negative")),
                 probe=cce_probe, max_examples=4, rtol=5e-2, atol=5e-2)


@mistake("categorical_cross_entropy", diagnosis="argmax of smoothed targets throws away the "
         "smoothing and changes the loss: pass the probability rows themselves as a float "
         "target of the logits' shape, F.cross_entropy(logits, probs).")
def argmax_targets(logits, probs):
    return F.cross_entropy(logits, probs.argmax(dim=1))


@mistake("categorical_cross_entropy", diagnosis="the logits went through a softmax before the "
         "loss, which applies log-softmax itself: give it the raw logits (that is what "
         "from_logits=True means in Keras).")
def softmax_first(logits, probs):
    return F.cross_entropy(F.softmax(logits, dim=1), probs)


@mistake("categorical_cross_entropy", diagnosis="the loss is the mean over the batch of the "
         "per-example sums over classes: sum over dim 1, then mean, not a mean over all N*C "
         "entries.")
def mean_over_everything(logits, probs):
    return -(probs * F.log_softmax(logits, dim=1)).mean()


@mistake("categorical_cross_entropy", diagnosis="the loss is averaged over the batch: sum over "
         "the classes (dim 1), then .mean(), not a sum over everything.")
def summed_over_batch(logits, probs):
    return -(probs * F.log_softmax(logits, dim=1)).sum()


@mistake("categorical_cross_entropy", diagnosis="softmax, clip to [1e-7, 1 - 1e-7], log (Keras' "
         "categorical_crossentropy on probabilities) caps the loss of a confident wrong answer "
         "at -log(1e-7) = 16.1: from logits, use log_softmax (F.cross_entropy(logits, probs)), "
         "which needs no clipping.")
def clipped_softmax(logits, probs):
    p = torch.softmax(logits, dim=1).clamp(1e-7, 1 - 1e-7)
    return -(probs * p.log()).sum(dim=1).mean()


@mistake("categorical_cross_entropy", diagnosis="binary cross-entropy treats each class as an "
         "independent yes/no (a sigmoid per class): for one class among C use the softmax "
         "cross-entropy, F.cross_entropy(logits, probs).")
def binary_cross_entropy(logits, probs):
    return F.binary_cross_entropy_with_logits(logits, probs)


@mistake("categorical_cross_entropy", diagnosis="KL divergence leaves out the entropy of the "
         "targets: equal to the cross-entropy for one-hot rows only, lower for smoothed ones. "
         "Use F.cross_entropy(logits, probs).")
def kl_divergence(logits, probs):
    return F.kl_div(F.log_softmax(logits, dim=1), probs, reduction="batchmean")


@mistake("categorical_cross_entropy", diagnosis="the loss was computed on logits.detach() (or "
         ".data): its value is right but it is cut from the graph, so loss.backward() fails. "
         "Compute on logits itself.")
def detached_logits(logits, probs):
    return F.cross_entropy(logits.detach(), probs)
