"""Checks for exercises/03_nn/07_linear_from_scratch.py: a Linear layer with nn.Parameter.

Structure: registered parameters, names, shapes, the bias=False case and the initial range.
Forward and backward: after loading a state_dict (strictly) with drawn weights, outputs and the
gradients of weight, bias and input, for inputs with one or more leading dimensions.
"""

import math

import torch
import torch.nn as nn
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake

SIZES = {"in_features": st.integers(1, 8), "out_features": st.integers(1, 6),
         "bias": st.booleans()}


def structure(LinearFromScratch, in_features, out_features, bias):
    layer = LinearFromScratch(in_features, out_features, bias)
    k = 1 / math.sqrt(in_features)
    values = torch.cat([p.detach().flatten() for p in layer.parameters()] or [torch.zeros(0)])
    return {
        "parameters": [(name, tuple(p.shape), type(p).__name__, p.requires_grad)
                       for name, p in layer.named_parameters()],
        "state_dict keys": list(layer.state_dict()),
        "bias is None": getattr(layer, "bias", "missing") is None,
        "initial values within [-k, k]": bool((values.abs() <= k * (1 + 1e-6)).all()),
        "initial values not all equal": bool(values.numel() < 4 or values.unique().numel() > 1),
    }


def default_and_spread(LinearFromScratch):
    """LinearFromScratch(64, 64) with its default bias: parameters, and the sign of the init"""
    layer = LinearFromScratch(64, 64)
    k = 1 / math.sqrt(64)
    spread = {name: bool(p.min() < -k / 2 and p.max() > k / 2)
              for name, p in layer.named_parameters()}
    return {"parameters": [name for name, _ in layer.named_parameters()],
            "spread over [-k, k]": spread}


def test_LinearFromScratch(kata):
    kata.compare("LinearFromScratch", st.fixed_dictionaries(SIZES), probe=structure,
                 max_examples=10, examples=[
                     {"in_features": 3, "out_features": 2, "bias": True},
                     {"in_features": 5, "out_features": 4, "bias": False}],
                 notes={"result['parameters']": "(name, shape, type, requires_grad) for each "
                                                "registered parameter"})
    kata.compare("LinearFromScratch", forward_args(), probe=forward, max_examples=10,
                 examples=[forward_example()])
    kata.compare("LinearFromScratch", {}, probe=default_and_spread,
                 notes={"result['spread over [-k, k]']": "initialise weight and bias uniformly "
                        "on [-k, k] with k = 1/sqrt(in_features), like nn.Linear"})


@st.composite
def forward_args(draw):
    n_in, n_out, bias = draw(st.integers(1, 6)), draw(st.integers(1, 5)), draw(st.booleans())
    leading = draw(ts.shapes(min_dims=1, max_dims=3, min_side=1, max_side=3))
    state = {"weight": draw(ts.tensors((n_out, n_in), min_value=-3, max_value=3))}
    if bias:
        state["bias"] = draw(ts.tensors((n_out,), min_value=-3, max_value=3))
    return {"state": state, "x": draw(ts.tensors((*leading, n_in), min_value=-3, max_value=3))}


def forward_example():
    g = torch.Generator().manual_seed(0)
    return {"state": {"weight": torch.randn(4, 3, generator=g),
                      "bias": torch.randn(4, generator=g)},
            "x": torch.randn(2, 5, 3, generator=g)}


def forward(LinearFromScratch, state, x):
    out_features, in_features = state["weight"].shape
    layer = LinearFromScratch(in_features, out_features, "bias" in state)
    layer.load_state_dict(state)
    x = x.clone().requires_grad_(True)
    y = layer(x)
    weights = torch.arange(y.numel(), dtype=y.dtype).reshape(y.shape) / max(y.numel(), 1)
    (y * weights).sum().backward()
    grads = {name: p.grad for name, p in layer.named_parameters()}
    return {"y": y.detach(), "x.grad": x.grad, "parameter grads": grads}


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
