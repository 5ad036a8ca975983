"""Checks for exercises/03_nn/08_cross_entropy.py: log-softmax and cross-entropy by hand.

Values and gradients are compared on ordinary logits and on huge ones (1e3, 1e4), where the
naive formulas give inf or NaN. The reference equals F.log_softmax / F.cross_entropy to float32
precision. While the learner's code runs, the built-in log_softmax, cross_entropy and nll_loss
are switched off (they would make the exercise empty).
"""

import contextlib

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake

_SWITCHED_OFF = [(torch, "log_softmax"), (torch.special, "log_softmax"), (F, "log_softmax"),
                 (torch.Tensor, "log_softmax"), (F, "cross_entropy"), (F, "nll_loss")]


@contextlib.contextmanager
def builtins_switched_off(exercise):
    def refuse(*args, **kwargs):
        raise RuntimeError(f"{exercise}: log_softmax, cross_entropy and nll_loss are switched off "
                           "in this exercise; build the result from exp, log, max, sum (or "
                           "torch.logsumexp).")

    saved = [(owner, name, getattr(owner, name)) for owner, name in _SWITCHED_OFF]
    for owner, name, _ in saved:
        setattr(owner, name, refuse)
    try:
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def _weights(shape):
    """Fixed, uneven weights for the backward pass, so every output gets its own gradient."""
    n = 1
    for side in shape:
        n *= side
    return torch.linspace(-1.0, 2.0, n).reshape(shape)


def log_softmax_probe(log_softmax_by_hand, logits):
    x = logits.clone().requires_grad_(True)
    with builtins_switched_off("log_softmax_by_hand"):
        y = log_softmax_by_hand(x)
    (y * _weights(y.shape)).sum().backward()
    return {"log_softmax": y.detach(), "logits.grad": x.grad}


HUGE = [torch.tensor([[1000.0, 0.0, -1000.0]]),
        torch.tensor([[1e4, 1e4 - 1, -1e4], [-5.0, -5.0, -5.0]]),
        torch.tensor([[90.0, 0.0], [-200.0, -201.0]])]
# Near 1e4 float32 numbers are 0.001 apart, so correct formulas (x - logsumexp(x), or the max
# shift) differ by about that much: huge logits are checked for finiteness, not to the last bit.
HUGE_TOLERANCE = {"rtol": 1e-5, "atol": 1e-2}


@st.composite
def logits(draw, scale=st.sampled_from([1.0, 1.0, 30.0])):
    n, c = draw(st.integers(1, 5)), draw(st.integers(2, 6))
    return draw(ts.tensors((n, c), min_value=-10, max_value=10)) * draw(scale)


def huge_logits():
    return logits(scale=st.sampled_from([1e3, 1e4]))


def test_log_softmax_by_hand(kata):
    kata.compare("log_softmax_by_hand", ts.kwargs(logits=logits()), probe=log_softmax_probe,
                 examples=[{"logits": torch.tensor([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])}],
                 max_examples=15)
    kata.compare("log_softmax_by_hand", ts.kwargs(logits=huge_logits()), probe=log_softmax_probe,
                 examples=[{"logits": t} for t in HUGE], max_examples=5, **HUGE_TOLERANCE)


@mistake("log_softmax_by_hand", diagnosis="softmax(x).log() breaks on large logits: a "
         "probability that underflows to 0 gives log(0) = -inf (and NaN gradients). Work in "
         "log space: x - m - log(sum(exp(x - m))) with m the row max, or x - torch.logsumexp(x, "
         "dim=1, keepdim=True).")
def log_of_softmax(logits):
    return torch.softmax(logits, dim=1).log()


@mistake("log_softmax_by_hand", diagnosis="exp overflows to inf for logits above about 88 in "
         "float32: subtract each row's max before exponentiating (the result does not change).")
def no_max_shift(logits):
    return logits - logits.exp().sum(dim=1, keepdim=True).log()


@mistake("log_softmax_by_hand", diagnosis="subtract each row's own max (max(dim=1, "
         "keepdim=True)), not the max of the whole batch: a row far below the global max "
         "underflows to exp(...) = 0 and log(0) = -inf.")
def global_max_shift(logits):
    shifted = logits - logits.max()
    return shifted - shifted.exp().sum(dim=1, keepdim=True).log()


@mistake("log_softmax_by_hand", diagnosis="the softmax runs over the classes, dim=1 of (N, C) "
         "logits, not over the batch (dim=0).")
def over_batch(logits):
    shifted = logits - logits.max(dim=0, keepdim=True).values
    return shifted - shifted.exp().sum(dim=0, keepdim=True).log()


def cross_entropy_probe(cross_entropy_by_hand, logits, target):
    x = logits.clone().requires_grad_(True)
    with builtins_switched_off("cross_entropy_by_hand"):
        loss = cross_entropy_by_hand(x, target)
    loss.backward()
    return {"loss": loss.detach(), "logits.grad": x.grad}


@st.composite
def ce_args(draw, logit_strategy=None):
    x = draw(logit_strategy if logit_strategy is not None else logits())
    return {"logits": x, "target": draw(ts.tensors((x.shape[0],), torch.int64, 0, x.shape[1] - 1))}


def test_cross_entropy_by_hand(kata):
    kata.compare("cross_entropy_by_hand", ce_args(), probe=cross_entropy_probe, max_examples=15,
                 examples=[{"logits": torch.zeros(3, 4), "target": torch.tensor([0, 3, 1])}])
    kata.compare("cross_entropy_by_hand", ce_args(huge_logits()), probe=cross_entropy_probe,
                 max_examples=5, **HUGE_TOLERANCE,
                 examples=[{"logits": HUGE[0], "target": torch.tensor([2])},
                           {"logits": HUGE[1], "target": torch.tensor([1, 0])},
                           {"logits": HUGE[2], "target": torch.tensor([1, 1])}])


@mistake("cross_entropy_by_hand", diagnosis="CrossEntropyLoss averages over the batch "
         "(reduction='mean'): take .mean() of the per-example losses, not .sum().")
def summed(logits, target):
    shifted = logits - logits.max(dim=1, keepdim=True).values
    logp = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return -logp[torch.arange(len(target)), target].sum()


@mistake("cross_entropy_by_hand", diagnosis="softmax(x).log() breaks on large logits: a "
         "probability that underflows to 0 gives log(0) = -inf, so the loss is inf. Use the "
         "stable log_softmax_by_hand (shift by the row max first).")
def log_of_softmax_loss(logits, target):
    logp = torch.softmax(logits, dim=1).log()
    return -logp[torch.arange(len(target)), target].mean()


@mistake("cross_entropy_by_hand", diagnosis="logp[:, target] picks a whole (N, N) block (every "
         "row at every target): pick one entry per row with logp[torch.arange(N), target] or "
         "logp.gather(1, target[:, None]).")
def column_indexing(logits, target):
    shifted = logits - logits.max(dim=1, keepdim=True).values
    logp = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return -logp[:, target].mean()


@mistake("cross_entropy_by_hand")
def forgets_minus(logits, target):
    shifted = logits - logits.max(dim=1, keepdim=True).values
    logp = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return logp[torch.arange(len(target)), target].mean()
