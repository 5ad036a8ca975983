"""Checks for exercises/03_nn/09_targets.py: class-index targets and Keras-style one-hot targets."""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake


@st.composite
def label_rows(draw, n=None, c=None):
    """(N, C) one-hot rows, or rows smoothed like Keras' label_smoothing=s: (1-s)*onehot + s/C."""
    n = n or draw(st.integers(1, 6))
    c = c or draw(st.integers(2, 6))
    labels = draw(ts.tensors((n,), torch.int64, 0, c - 1))
    smoothing = draw(st.sampled_from([0.0, 0.1, 0.2]))
    return F.one_hot(labels, c).float() * (1 - smoothing) + smoothing / c


def test_onehot_to_index(kata):
    kata.compare("onehot_to_index", ts.kwargs(onehot=label_rows()), max_examples=20, examples=[
        {"onehot": torch.tensor([[0.0, 1.0, 0.0], [0.05, 0.05, 0.9]])},
        {"onehot": torch.tensor([[0.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 0.0]])}])


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
         "gives one index per example. argmax() without dim looks at the whole flattened "
         "tensor, dim=0 at each class column.")
def argmax_over_batch(onehot):
    return onehot.argmax(dim=0)


@mistake("onehot_to_index")
def float_indices(onehot):
    return onehot.argmax(dim=1).float()


def cce_probe(categorical_cross_entropy, logits, probs):
    x = logits.clone().requires_grad_(True)
    loss = categorical_cross_entropy(x, probs)
    loss.backward()
    return {"loss": loss.detach(), "logits.grad": x.grad}


@st.composite
def cce_args(draw):
    n, c = draw(st.integers(1, 5)), draw(st.integers(2, 6))
    return {"logits": draw(ts.tensors((n, c), min_value=-20, max_value=20)),
            "probs": draw(label_rows(n, c))}


def test_categorical_cross_entropy(kata):
    kata.compare("categorical_cross_entropy", cce_args(), probe=cce_probe, max_examples=15,
                 examples=[{"logits": torch.tensor([[2.0, -1.0, 0.5], [0.0, 3.0, -3.0]]),
                            "probs": torch.tensor([[0.9, 0.05, 0.05], [0.05, 0.05, 0.9]])}])


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
