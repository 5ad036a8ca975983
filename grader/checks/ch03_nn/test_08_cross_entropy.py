"""Checks for exercises/03_nn/08_cross_entropy.py: log-softmax and cross-entropy by hand.

Values and gradients are compared on ordinary logits (N = 0 rows and C = 1 class too; float32
and float64, maybe non-contiguous or requiring grad), on float16/bfloat16 ones (with a tolerance
for their few digits) and on huge ones (1e3, 1e4), where the naive formulas give inf or NaN. The
learner's function is called once on the arguments as given (they must come back unchanged) and
once on a fresh leaf for the gradient. The reference equals F.log_softmax / F.cross_entropy to
float precision. While the learner's code runs, the built-in log_softmax, cross_entropy and
nll_loss are switched off (they would make the exercise empty).
"""

import contextlib

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import corners
from grader.mistakes import mistake

_SWITCHED_OFF = [(torch, "log_softmax"), (torch.special, "log_softmax"), (F, "log_softmax"),
                 (torch.Tensor, "log_softmax"), (F, "cross_entropy"), (F, "nll_loss")]
CORNERS = ("empty", "size_one", "noncontiguous", "view_of_buffer", "requires_grad", "float64",
           "negative")
LOW_CORNERS = ("size_one", "low_precision", "negative")


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


def _weights(like):
    """Fixed, uneven weights for the backward pass, so every output gets its own gradient."""
    return torch.linspace(-1.0, 2.0, like.numel(), dtype=like.dtype).reshape(like.shape)


def log_softmax_probe(log_softmax_by_hand, logits):
    """y = log_softmax_by_hand(logits); then on a fresh leaf x = logits.detach().clone().requires_grad_(): (log_softmax_by_hand(x) * torch.linspace(-1, 2, x.numel()).reshape(x.shape)).sum().backward()"""
    with builtins_switched_off("log_softmax_by_hand"):
        y = log_softmax_by_hand(logits)
        x = logits.detach().clone().requires_grad_(True)
        again = log_softmax_by_hand(x)
    (again * _weights(again)).sum().backward()
    return {"log_softmax": y, "logits.grad": x.grad}


HUGE = [torch.tensor([[1000.0, 0.0, -1000.0]]),
        torch.tensor([[1e4, 1e4 - 1, -1e4], [-5.0, -5.0, -5.0]]),
        torch.tensor([[90.0, 0.0], [-200.0, -201.0]])]
# Near 1e4 float32 numbers are 0.001 apart, so correct formulas (x - logsumexp(x), or the max
# shift) differ by about that much: huge logits are checked for finiteness, not to the last bit.
HUGE_TOLERANCE = {"rtol": 1e-5, "atol": 1e-2}
# float16 / bfloat16 hold 3 or 2 decimal digits: correct formulas round differently, gradients
# (a sum over the row, then a product) by several units in the last place.
LOW_TOLERANCE = {"rtol": 5e-2, "atol": 5e-2}


@st.composite
def logits(draw, scale=st.sampled_from([1.0, 1.0, 30.0]), dtypes=(torch.float32, torch.float64),
           admitted=CORNERS, min_rows=0):
    size = draw(scale) * 10
    n = draw(st.integers(min_rows if "empty" in admitted else max(min_rows, 1), 5))
    c = draw(st.integers(1 if "size_one" in admitted else 2, 6))
    if n == 1 or c == 1:
        corners.reach("size_one")
    if n == 0:
        corners.reach("empty")
    return draw(corners.tensors((n, c), dtypes=dtypes, min_value=-size, max_value=size,
                                corners=admitted))


def huge_logits():
    return logits(scale=st.sampled_from([1e3, 1e4]), admitted=("negative",), min_rows=1)


def low_precision_logits(min_rows=0):
    return logits(scale=st.just(1.0), dtypes=(torch.float16, torch.bfloat16),
                  admitted=LOW_CORNERS, min_rows=min_rows)


def test_log_softmax_by_hand(kata):
    kata.compare("log_softmax_by_hand", st.fixed_dictionaries({"logits": logits()}),
                 probe=log_softmax_probe, max_examples=15,
                 examples=[{"logits": torch.tensor([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])},
                           {"logits": torch.tensor([[1.0, 2.0], [3.0, 5.0]])}])
    kata.compare("log_softmax_by_hand", st.fixed_dictionaries({"logits": low_precision_logits()}),
                 probe=log_softmax_probe, max_examples=6, **LOW_TOLERANCE,
                 examples=[{"logits": torch.tensor([[1.0, 2.0, 3.0]], dtype=torch.float16)}])
    corners.reach("extreme")
    kata.compare("log_softmax_by_hand", st.fixed_dictionaries({"logits": huge_logits()}),
                 probe=log_softmax_probe, examples=[{"logits": t} for t in HUGE], max_examples=5,
                 **HUGE_TOLERANCE)


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


@mistake("log_softmax_by_hand", diagnosis="the max was subtracted inside the exp but not added "
         "back: x - log(sum(exp(x - m))) is off by m. Either x - m - log(sum(exp(x - m))) or "
         "x - (m + log(sum(exp(x - m)))).")
def forgot_add_back(logits):
    m = logits.max(dim=1, keepdim=True).values
    return logits - (logits - m).exp().sum(dim=1, keepdim=True).log()


@mistake("log_softmax_by_hand", diagnosis="the row statistics were reduced without keepdim=True: "
         "an (N,) vector broadcasts against the last dimension (per column), which raises when "
         "N != C and is silently wrong when N == C. Use max(dim=1, keepdim=True) and "
         "sum(dim=1, keepdim=True).")
def no_keepdim(logits):
    m = logits.max(dim=1).values
    return logits - (m + (logits - m).exp().sum(dim=1).log())


@mistake("log_softmax_by_hand", diagnosis="clipping the probabilities to [1e-7, 1 - 1e-7] before "
         "the log (as Keras' backend does) caps every log-probability at log(1e-7) = -16.1: "
         "work in log space, x - m - log(sum(exp(x - m))), and nothing needs clipping.")
def clipped_probabilities(logits):
    return torch.softmax(logits, dim=1).clamp(1e-7, 1 - 1e-7).log()


@mistake("log_softmax_by_hand", diagnosis="the shift was done in place on the caller's logits "
         "(logits -= ...): the result is right but the caller's tensor changed. Compute "
         "shifted = logits - m, a new tensor.")
def shifts_in_place(logits):
    with torch.no_grad():
        logits -= logits.max(dim=1, keepdim=True).values
    return logits - logits.exp().sum(dim=1, keepdim=True).log()


@mistake("log_softmax_by_hand", diagnosis="the result came back in float64 (or another dtype than "
         "the logits'): compute in the logits' own dtype, or convert back with "
         ".to(logits.dtype).")
def float64_result(logits):
    x = logits.double()
    shifted = x - x.max(dim=1, keepdim=True).values
    return shifted - shifted.exp().sum(dim=1, keepdim=True).log()


def cross_entropy_probe(cross_entropy_by_hand, logits, target):
    """loss = cross_entropy_by_hand(logits, target); then on a fresh leaf x = logits.detach().clone().requires_grad_(): cross_entropy_by_hand(x, target).backward()"""
    with builtins_switched_off("cross_entropy_by_hand"):
        loss = cross_entropy_by_hand(logits, target)
        x = logits.detach().clone().requires_grad_(True)
        again = cross_entropy_by_hand(x, target)
    again.backward()
    return {"loss": loss, "logits.grad": x.grad}


@st.composite
def ce_args(draw, logit_strategy=None):
    x = draw(logit_strategy if logit_strategy is not None else logits(min_rows=1))
    target = draw(corners.tensors((x.shape[0],), dtypes=(torch.int64,), min_value=0,
                                  max_value=x.shape[1] - 1, corners=()))
    return {"logits": x, "target": target}


def test_cross_entropy_by_hand(kata):
    kata.compare("cross_entropy_by_hand", ce_args(), probe=cross_entropy_probe, max_examples=15,
                 examples=[{"logits": torch.zeros(3, 4), "target": torch.tensor([0, 3, 1])},
                           {"logits": torch.tensor([[2.0, 0.0, -1.0], [0.5, 3.0, 1.0]]),
                            "target": torch.tensor([0, 2])}])
    kata.compare("cross_entropy_by_hand", ce_args(low_precision_logits(min_rows=1)),
                 probe=cross_entropy_probe, max_examples=6, **LOW_TOLERANCE,
                 examples=[{"logits": torch.tensor([[2.0, 0.0, -1.0]], dtype=torch.bfloat16),
                            "target": torch.tensor([1])}])
    corners.reach("extreme")
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


@mistake("cross_entropy_by_hand", diagnosis="the loss is the *negative* log-probability of the "
         "right class: a log-probability is <= 0, so without the minus the loss is negative and "
         "gradient descent would make the right class less likely.")
def forgets_minus(logits, target):
    shifted = logits - logits.max(dim=1, keepdim=True).values
    logp = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return logp[torch.arange(len(target)), target].mean()


def _log_softmax(logits):
    return logits - torch.logsumexp(logits, dim=1, keepdim=True)


@mistake("cross_entropy_by_hand", diagnosis="a softmax was applied to the logits before the "
         "log-softmax (a double softmax): cross-entropy from logits takes the raw scores, "
         "-log_softmax(logits)[i, target[i]].")
def double_softmax(logits, target):
    logp = _log_softmax(torch.softmax(logits, dim=1))
    return -logp[torch.arange(len(target)), target].mean()


@mistake("cross_entropy_by_hand", diagnosis="working on logits.data (or logits.detach()) cuts the "
         "loss from the autograd graph, so loss.backward() fails: compute on logits itself.")
def detached_values(logits, target):
    logp = _log_softmax(logits.data)
    return -logp[torch.arange(len(target)), target].mean()


@mistake("cross_entropy_by_hand", diagnosis="the loss has shape (1,), not 0-dim: gather gives an "
         "(N, 1) column, and .mean(dim=0) keeps one dimension. Average everything with .mean() "
         "(or squeeze the column first).")
def one_element_loss(logits, target):
    logp = _log_softmax(logits)
    return -logp.gather(1, target.view(-1, 1)).mean(dim=0)


@mistake("cross_entropy_by_hand", diagnosis="(onehot * log_softmax).mean() averages over all N*C "
         "entries, so the loss is divided by C too: sum over the classes, then average over the "
         "batch.")
def mean_over_classes_too(logits, target):
    logp = _log_softmax(logits)
    onehot = torch.nn.functional.one_hot(target, logits.shape[1]).to(logp.dtype)
    return -(onehot * logp).mean()


@mistake("cross_entropy_by_hand", diagnosis="the loss came back in float64 (or another dtype "
         "than the logits'): compute in the logits' dtype, or convert back with "
         ".to(logits.dtype).")
def float64_loss(logits, target):
    logp = _log_softmax(logits.double())
    return -logp[torch.arange(len(target)), target].mean()
