"""Checks for exercises/03_nn/07_linear_from_scratch.py: a Linear layer with nn.Parameter.

Structure: registered parameters, names, shapes, the bias=False case and the default, and the
initial range and spread (the values themselves are random). Forward and backward: after loading
a state_dict (strictly) with drawn weights, outputs and the gradients of weight, bias and input,
for inputs with no, one or more leading dimensions (of size 0 too), non-contiguous ones, and in
float64. The named examples come first, ordered so that each known mistake fails on its own one.
"""

import math

import torch
import torch.nn as nn
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch03_nn._nets import example
from grader.mistakes import mistake

X_CORNERS = ("empty", "size_one", "noncontiguous", "view_of_buffer", "requires_grad", "float64",
             "negative")


def _range(parameter, k):
    """Whether the values lie in [-k, k], and spread over it (None: too few values to tell)."""
    if parameter is None:
        return None, None
    values = parameter.detach().flatten()
    within = bool((values.abs() <= k * (1 + 1e-6)).all())
    spread = bool(values.min() < -k / 2 and values.max() > k / 2) if values.numel() >= 32 else None
    return within, spread


def structure(LinearFromScratch, in_features, out_features, bias=None):
    """LinearFromScratch(in_features, out_features[, bias]): its parameters, state_dict keys, and the range of its initial values, k = 1/sqrt(in_features)"""
    if bias is None:
        layer = LinearFromScratch(in_features, out_features)
    else:
        layer = LinearFromScratch(in_features, out_features, bias)
    k = 1 / math.sqrt(in_features)
    weight_within, weight_spread = _range(getattr(layer, "weight", None), k)
    bias_within, bias_spread = _range(getattr(layer, "bias", None), k)
    weight = getattr(layer, "weight", None)
    return {
        "parameters": [(name, tuple(p.shape), type(p).__name__, p.requires_grad)
                       for name, p in layer.named_parameters()],
        "state_dict keys": list(layer.state_dict()),
        "bias is None": getattr(layer, "bias", "missing") is None,
        "weight within [-k, k]": weight_within, "bias within [-k, k]": bias_within,
        "weight spread over [-k, k]": weight_spread, "bias spread over [-k, k]": bias_spread,
        "weight values not all equal": (None if weight is None or weight.numel() < 4
                                        else bool(weight.detach().unique().numel() > 1)),
    }


@st.composite
def sizes(draw):
    args = {"in_features": draw(st.sampled_from([1, 2, 3, 5, 8, 64])),
            "out_features": draw(st.sampled_from([1, 2, 4, 6, 48]))}
    bias = draw(st.sampled_from([True, False, None]))
    if bias is not None:
        args["bias"] = bias
    return args


def test_LinearFromScratch(kata):
    kata.compare("LinearFromScratch", sizes(), probe=structure, max_examples=10, examples=[
        {"in_features": 5, "out_features": 5, "bias": False},
        {"in_features": 64, "out_features": 64},
        {"in_features": 3, "out_features": 2, "bias": True},
        {"in_features": 64, "out_features": 48, "bias": False}],
        notes={"result['parameters']": "(name, shape, type, requires_grad) for each registered "
                                       "parameter",
               "result['weight spread": "initialise weight and bias uniformly on [-k, k] with "
                                        "k = 1/sqrt(in_features), like nn.Linear",
               "result['bias spread": "initialise weight and bias uniformly on [-k, k] with "
                                      "k = 1/sqrt(in_features), like nn.Linear"})
    kata.compare("LinearFromScratch", forward_args(), probe=forward, max_examples=10,
                 examples=[forward_example()])


@st.composite
def forward_args(draw):
    n_in, n_out, bias = draw(st.integers(1, 6)), draw(st.integers(1, 5)), draw(st.booleans())
    dtype = draw(st.sampled_from([torch.float32, torch.float32, torch.float64]))
    leading = draw(corners.shapes(min_dims=0, max_dims=3, max_side=3, corners=X_CORNERS))
    state = {"weight": draw(corners.tensors((n_out, n_in), dtypes=(dtype,), min_value=-3,
                                            max_value=3, corners=()))}
    if bias:
        state["bias"] = draw(corners.tensors((n_out,), dtypes=(dtype,), min_value=-3,
                                             max_value=3, corners=()))
    x = draw(corners.tensors((*leading, n_in), dtypes=(dtype,), min_value=-3, max_value=3,
                             corners=X_CORNERS))
    return {"state": state, "x": x}


def forward_example():
    seed = "generator=torch.Generator().manual_seed(0)"
    return {"state": {"weight": example(f"torch.randn(4, 3, {seed})"),
                      "bias": example(f"torch.randn(4, {seed})")},
            "x": example(f"torch.randn(2, 5, 3, {seed})")}


def forward(LinearFromScratch, state, x):
    """layer = LinearFromScratch(in_features, out_features, bias) (.double() for float64), layer.load_state_dict(state), y = layer(x); then (y * w).sum().backward() with w = torch.arange(y.numel()).reshape(y.shape) / y.numel()"""
    out_features, in_features = state["weight"].shape
    layer = LinearFromScratch(in_features, out_features, "bias" in state)
    if state["weight"].dtype == torch.float64:
        layer = layer.double()
    layer.load_state_dict(state)
    leaf = x if x.requires_grad else x.detach().requires_grad_(True)
    y = layer(leaf)
    weights = torch.arange(y.numel(), dtype=y.dtype).reshape(y.shape) / max(y.numel(), 1)
    (y * weights).sum().backward()
    grads = {name: p.grad for name, p in layer.named_parameters()}
    return {"y": y.detach(), "x.grad": leaf.grad, "parameter grads": grads}


@mistake("LinearFromScratch", diagnosis="torch.mm only multiplies 2-D matrices: use x @ "
         "self.weight.T (or torch.matmul / F.linear), which broadcasts over leading dimensions "
         "such as (batch, time, features).")
class MatrixOnly(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-k, k))
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features).uniform_(-k, k))
        else:
            self.register_parameter("bias", None)

    def forward(self, x):
        y = torch.mm(x, self.weight.T)
        return y if self.bias is None else y + self.bias



@mistake("LinearFromScratch", diagnosis="PyTorch stores weight as (out_features, in_features) "
         "and computes x @ weight.T; the (in, out) layout is Keras' Dense kernel. With the "
         "PyTorch layout, state_dicts load into and out of nn.Linear.")
class KerasLayout(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(in_features, out_features).uniform_(-k, k))
        self.bias = nn.Parameter(torch.empty(out_features).uniform_(-k, k)) if bias else None

    def forward(self, x):
        y = x @ self.weight
        return y if self.bias is None else y + self.bias


@mistake("LinearFromScratch", diagnosis="plain tensors assigned to attributes are not registered: "
         "they are missing from parameters() (so no optimizer updates them) and from the "
         "state_dict. Wrap them in nn.Parameter(...).")
class PlainTensors(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = torch.empty(out_features, in_features).uniform_(-k, k).requires_grad_()
        self.bias = torch.empty(out_features).uniform_(-k, k).requires_grad_() if bias else None

    def forward(self, x):
        y = x @ self.weight.T
        return y if self.bias is None else y + self.bias


@mistake("LinearFromScratch", diagnosis="with bias=False the layer must have no bias parameter "
         "(self.register_parameter('bias', None)), so its state_dict matches nn.Linear(..., "
         "bias=False).")
class AlwaysBias(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-k, k))
        self.bias = nn.Parameter(torch.zeros(out_features))

    def forward(self, x):
        return x @ self.weight.T + self.bias


@mistake("LinearFromScratch", diagnosis="torch.randn starts far outside nn.Linear's range: draw "
         "uniformly in [-k, k] with k = 1/sqrt(in_features) (tensor.uniform_(-k, k)), or wide "
         "layers start with huge outputs.")
class RandnInit(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_features, in_features))
        if bias:
            self.bias = nn.Parameter(torch.randn(out_features))
        else:
            self.register_parameter("bias", None)

    def forward(self, x):
        y = x @ self.weight.T
        return y if self.bias is None else y + self.bias


class _Right(nn.Module):
    """The right parameters; subclasses get one thing wrong each."""

    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-k, k))
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features).uniform_(-k, k))
        else:
            self.register_parameter("bias", None)


@mistake("LinearFromScratch", diagnosis="x @ self.weight multiplies by the (out, in) weight "
         "without transposing it: it raises unless in_features == out_features, and is wrong "
         "then. Use x @ self.weight.T.")
class NoTranspose(_Right):
    def forward(self, x):
        y = x @ self.weight
        return y if self.bias is None else y + self.bias


@mistake("LinearFromScratch", diagnosis="torch.addmm and torch.mm take 2-D matrices only: use x @ "
         "self.weight.T (or torch.matmul / F.linear), which broadcasts over leading dimensions "
         "such as (batch, time, features).")
class AddmmOnly(_Right):
    def forward(self, x):
        if self.bias is None:
            return torch.mm(x, self.weight.t())
        return torch.addmm(self.bias, x, self.weight.t())


@mistake("LinearFromScratch", diagnosis="`if self.bias:` asks for the truth value of a tensor, "
         "which raises for more than one element (and skips a bias equal to 0): test `if "
         "self.bias is not None:`.")
class BiasTruthiness(_Right):
    def forward(self, x):
        y = x @ self.weight.T
        if self.bias:
            y = y + self.bias
        return y


@mistake("LinearFromScratch", diagnosis="with bias=False there must be no bias parameter at all: "
         "a frozen zero bias is still a parameter (in parameters() and the state_dict). "
         "Register None: self.register_parameter('bias', None).")
class FrozenZeroBias(_Right):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__(in_features, out_features, bias)
        if not bias:
            self.bias = nn.Parameter(torch.zeros(out_features), requires_grad=False)

    def forward(self, x):
        return x @ self.weight.T + self.bias


@mistake("LinearFromScratch", diagnosis="the bias starts at zeros (Keras' bias_initializer): "
         "nn.Linear draws it uniformly in [-k, k] too, k = 1/sqrt(in_features).")
class ZeroBias(_Right):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__(in_features, out_features, bias)
        if bias:
            self.bias = nn.Parameter(torch.zeros(out_features))

    def forward(self, x):
        y = x @ self.weight.T
        return y if self.bias is None else y + self.bias


@mistake("LinearFromScratch", diagnosis="torch.rand(...) * k draws from [0, k): every initial "
         "value is non-negative. Draw from [-k, k]: torch.empty(...).uniform_(-k, k), or "
         "(torch.rand(...) * 2 - 1) * k.")
class NonNegativeInit(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.rand(out_features, in_features) * k)
        if bias:
            self.bias = nn.Parameter(torch.rand(out_features) * k)
        else:
            self.register_parameter("bias", None)

    def forward(self, x):
        y = x @ self.weight.T
        return y if self.bias is None else y + self.bias


@mistake("LinearFromScratch", diagnosis="k = 1/sqrt(out_features) uses the wrong side: nn.Linear's "
         "bound comes from the fan-in, k = 1/sqrt(in_features).")
class BoundFromOutFeatures(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        k = 1 / math.sqrt(out_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-k, k))
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features).uniform_(-k, k))
        else:
            self.register_parameter("bias", None)

    def forward(self, x):
        y = x @ self.weight.T
        return y if self.bias is None else y + self.bias
