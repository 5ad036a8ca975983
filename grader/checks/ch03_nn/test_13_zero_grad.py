"""Checks for exercises/03_nn/13_zero_grad.py: model.zero_grad() beside optimizer.zero_grad().

Models are drawn as the code that builds them (parameters on the root module, tied parameters,
buffers, a Linear subclass, conv variants) and given stale gradients: on every parameter, on all
but the first, or on every parameter with the first frozen after it got its gradient. The
optimizer (SGD) holds the first parameter only, every one but the first, or all of them.
Compared: each parameter's ``.grad`` afterwards (None, not zeros), and the parameters' values.
"""

import torch
import torch.nn as nn
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch03_nn._nets import build, described_models, model_code
from grader.mistakes import mistake

CORNERS = ("root_parameters", "tied_parameters", "buffers", "subclass", "conv_variants")
OTHERS = ("nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3), nn.ReLU(), "
          "nn.Linear(3, 2, bias=False))",
          "nn.ParameterDict({'scale': nn.Parameter(torch.tensor(1.0))})")
EVERY, FIRST_NONE = "every parameter has one", "all but the first parameter"
FIRST_FROZEN = "every parameter has one, the first is frozen after it got it"
FIRST, BUT_FIRST, ALL = ("the first parameter only", "every parameter but the first (all if "
                         "there is one)", "every parameter")


def cleared(zero_grads, model, grads, optimizer_holds):
    """torch.manual_seed(0); model = that code; .grad = torch.full_like(p, 0.25) for the parameters grads names; optimizer = torch.optim.SGD(the parameters optimizer_holds names, lr=0.1); zero_grads(model, optimizer)"""
    built = build(model)
    parameters = list(built.parameters())
    for i, p in enumerate(parameters):
        if not (grads == FIRST_NONE and i == 0):
            p.grad = torch.full_like(p, 0.25)
    if grads == FIRST_FROZEN:
        parameters[0].requires_grad_(False)
    held = {FIRST: parameters[:1], BUT_FIRST: parameters[1:] or parameters}.get(
        optimizer_holds, parameters)
    zero_grads(built, torch.optim.SGD(held, lr=0.1))
    return {".grad of each parameter afterwards": {n: p.grad for n, p in built.named_parameters()},
            "the model's parameters and buffers afterwards": {
                n: t.detach().clone() for n, t in built.state_dict().items()}}


NOTES = {"result['.grad": "every parameter of the model ends with .grad None: model.zero_grad() "
         "clears them all; optimizer.zero_grad() only those the optimizer holds."}


def _stale(plan):
    corners.reach("stale_grad")
    return plan


def test_zero_grads(kata):
    mlp, linear, tied = model_code("mlp"), model_code("linear"), model_code("tied")
    inputs = st.fixed_dictionaries({
        "model": st.one_of(described_models(CORNERS, ()), st.sampled_from(OTHERS)),
        "grads": st.sampled_from([EVERY, FIRST_NONE, FIRST_FROZEN]).map(_stale),
        "optimizer_holds": st.sampled_from([FIRST, BUT_FIRST, ALL])})
    kata.compare("zero_grads", inputs, probe=cleared, notes=NOTES, exact=True, max_examples=12,
                 examples=[
                     {"model": mlp, "grads": _stale(EVERY), "optimizer_holds": BUT_FIRST},
                     {"model": mlp, "grads": EVERY, "optimizer_holds": ALL},
                     {"model": linear, "grads": FIRST_NONE, "optimizer_holds": FIRST},
                     {"model": tied, "grads": FIRST_FROZEN, "optimizer_holds": FIRST},
                     {"model": model_code("with_buffers"), "grads": FIRST_FROZEN,
                      "optimizer_holds": ALL},
                     {"model": model_code("linear_subclass"), "grads": EVERY,
                      "optimizer_holds": FIRST},
                     {"model": model_code("conv1d"), "grads": EVERY, "optimizer_holds": FIRST}])


@mistake("zero_grads", diagnosis="optimizer.zero_grad() clears only the parameters the optimizer "
         "holds: the model's other parameters kept their gradients, and the next backward() "
         "would add to them. model.zero_grad() clears every parameter of the model.")
def optimizer_only(model, optimizer):
    optimizer.zero_grad()


@mistake("zero_grads", diagnosis="the gradients became tensors of zeros, not None: "
         "set_to_none=False (or p.grad.zero_()) is PyTorch 1's way, which keeps the memory. "
         "model.zero_grad() (set_to_none=True by default) sets them to None.")
def zeros_not_none(model, optimizer):
    model.zero_grad(set_to_none=False)


@mistake("zero_grads", covered_by="zeros_not_none")
def zeroes_each_grad(model, optimizer):
    for p in model.parameters():
        if p.grad is not None:
            p.grad.zero_()


@mistake("zero_grads", diagnosis="p.grad.zero_() fails on a parameter whose .grad is None "
         "(AttributeError): such parameters have nothing to clear. model.zero_grad() handles "
         "both.")
def zeroes_without_check(model, optimizer):
    for p in model.parameters():
        p.grad.zero_()


@mistake("zero_grads", diagnosis="model.children() (Keras' model.layers) misses the parameters "
         "registered on the model itself (a bare nn.Linear has no children): model.zero_grad() "
         "or a loop over model.parameters() reaches them all.")
def children_only(model, optimizer):
    for layer in model.children():
        layer.zero_grad()


@mistake("zero_grads", diagnosis="parameters with requires_grad False were skipped, but a "
         "parameter frozen after its backward pass still holds that gradient: clear every "
         "parameter, model.zero_grad().")
def trainable_only(model, optimizer):
    for p in model.parameters():
        if p.requires_grad:
            p.grad = None
