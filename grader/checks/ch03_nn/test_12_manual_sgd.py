"""Checks for exercises/03_nn/12_manual_sgd.py: one SGD step by hand.

Models are drawn as the code that builds them (parameters on the root module, tied parameters,
buffers, a Linear subclass, conv variants, a 0-d parameter, no parameters at all; maybe float64)
and given gradients: all, none, all zeros, all but the first, or all with the first parameter
frozen after it got its gradient. Then two real steps on a model with a frozen parameter and an
unused layer. Compared: the parameters after the step, the gradients left behind, and whether
each parameter's own memory was updated. The reference (p.add_(p.grad, alpha=-lr)) equals
torch.optim.SGD's step bit for bit; ``p -= lr * p.grad`` rounds differently in the last bit,
within the float tolerance used here.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch03_nn._nets import build, described_models, model_code
from grader.mistakes import mistake

CORNERS = ("root_parameters", "tied_parameters", "buffers", "subclass", "conv_variants")
EVERY, NONE, ZEROS = ("every parameter has one", "no parameter has one", "all zeros")
FIRST_NONE, FIRST_FROZEN = ("all but the first parameter",
                            "every parameter has one, the first is frozen after it got it")
PLANS = (EVERY, NONE, ZEROS, FIRST_NONE, FIRST_FROZEN)


def one_step(manual_sgd_step, model, grads, lr, float64):
    """torch.manual_seed(0); model = that code (then .double() if float64); p.grad = torch.randn_like(p) for each p in model.parameters() as grads says; manual_sgd_step(model, lr)"""
    built = build(model)
    if float64:
        built = built.double()
    parameters = list(built.parameters())
    for i, p in enumerate(parameters):
        if grads == NONE or (grads == FIRST_NONE and i == 0):
            continue
        p.grad = torch.zeros_like(p) if grads == ZEROS else torch.randn_like(p)
    if grads == FIRST_FROZEN and parameters:
        parameters[0].requires_grad_(False)
    return _after(manual_sgd_step, built, lr)


def _after(manual_sgd_step, model, lr):
    views = {name: (p.data_ptr(), p.detach()) for name, p in model.named_parameters()}
    manual_sgd_step(model, lr)
    return {"parameters after the step": {n: p.detach().clone()
                                          for n, p in model.named_parameters()},
            "grads after the step": {n: p.grad for n, p in model.named_parameters()},
            "parameters whose own memory was not updated":
                [n for n, p in model.named_parameters()
                 if views[n][0] != p.data_ptr() or not torch.equal(views[n][1], p.detach())]}


def test_manual_sgd_step(kata):
    mlp, linear, tied = model_code("mlp"), model_code("linear"), model_code("tied")
    inputs = st.fixed_dictionaries({"model": st.one_of(described_models(CORNERS, ()), st.sampled_from(
        ["nn.ReLU()", "nn.ParameterDict({'scale': nn.Parameter(torch.tensor(1.0))})"])),
        "grads": st.sampled_from(PLANS), "lr": st.sampled_from([0.01, 0.1, 0.5]),
        "float64": corners.flags("float64")})
    kata.compare("manual_sgd_step", inputs, probe=one_step, max_examples=10, examples=[
        {"model": mlp, "grads": EVERY, "lr": 0.1, "float64": False},
        {"model": linear, "grads": EVERY, "lr": 0.1, "float64": False},
        {"model": mlp, "grads": FIRST_NONE, "lr": 0.1, "float64": False},
        {"model": mlp, "grads": FIRST_FROZEN, "lr": 0.1, "float64": False},
        {"model": tied, "grads": EVERY, "lr": 0.5, "float64": False},
        {"model": model_code("with_buffers"), "grads": EVERY, "lr": 0.1, "float64": False},
        {"model": model_code("linear_subclass"), "grads": FIRST_NONE, "lr": 0.1,
         "float64": False},
        {"model": model_code("conv_transpose2d"), "grads": EVERY, "lr": 0.1, "float64": True},
        {"model": "nn.ParameterDict({'scale': nn.Parameter(torch.tensor(1.0))})",
         "grads": EVERY, "lr": 0.5, "float64": True}])
    kata.compare("manual_sgd_step", st.fixed_dictionaries(
        {"lr": st.sampled_from([0.01, 0.1, 0.5]), "seed": st.integers(0, 1000)}),
        probe=sgd_steps, max_examples=3, examples=[{"lr": 0.1, "seed": 0}])


def build_unused(seed):
    torch.manual_seed(seed)
    model = nn.ModuleDict({"body": nn.Sequential(nn.Linear(5, 4), nn.ReLU(), nn.Linear(4, 3)),
                           "unused": nn.Linear(2, 2)})  # never in the loss: .grad stays None
    model["body"][0].bias.requires_grad_(False)  # frozen: no .grad either
    return model


def sgd_steps(manual_sgd_step, lr, seed):
    """torch.manual_seed(seed); model = nn.ModuleDict({'body': nn.Sequential(nn.Linear(5, 4), nn.ReLU(), nn.Linear(4, 3)), 'unused': nn.Linear(2, 2)}) with body[0].bias frozen; two steps of zero_grad, cross-entropy on random data, backward, manual_sgd_step(model, lr)"""
    model = build_unused(seed)
    g = torch.Generator().manual_seed(seed)
    after = []
    for _ in range(2):
        model.zero_grad()
        x, target = torch.randn(6, 5, generator=g), torch.randint(0, 3, (6,), generator=g)
        F.cross_entropy(model["body"](x), target).backward()
        after.append(_after(manual_sgd_step, model, lr))
    return after


@mistake("manual_sgd_step", diagnosis="`p = p - lr * p.grad` only rebinds the loop variable to a "
         "new tensor; the model's parameter never changes. Update in place: p.add_(p.grad, "
         "alpha=-lr) or p -= lr * p.grad, under torch.no_grad().")
def rebinds(model, lr):
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is not None:
                p = p - lr * p.grad


@mistake("manual_sgd_step", diagnosis="an in-place change of a parameter (a leaf that requires "
         "grad) must not be recorded by autograd: do the update inside `with torch.no_grad():`.")
def outside_no_grad(model, lr):
    for p in model.parameters():
        if p.grad is not None:
            p.sub_(lr * p.grad)


@mistake("manual_sgd_step", diagnosis="frozen parameters and parameters unused by the loss have "
         "p.grad None: skip them (if p.grad is not None), as optim.SGD does.")
def assumes_grads(model, lr):
    with torch.no_grad():
        for p in model.parameters():
            p.add_(p.grad, alpha=-lr)


@mistake("manual_sgd_step", diagnosis="gradient descent moves *against* the gradient: subtract "
         "lr * p.grad.")
def ascends(model, lr):
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is not None:
                p.add_(p.grad, alpha=lr)


@mistake("manual_sgd_step", diagnosis="the step also cleared the gradients: optimizer.step() "
         "leaves .grad alone (clearing is zero_grad's job), so code that reads them after the "
         "step, like gradient logging, still sees them.")
def clears_grads(model, lr):
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is not None:
                p.add_(p.grad, alpha=-lr)
                p.grad = None


@mistake("manual_sgd_step", diagnosis="the step also zeroed the gradients: optimizer.step() "
         "leaves .grad alone (clearing is zero_grad's job), so code that reads them after the "
         "step, like gradient logging, still sees them.")
def zeroes_grads(model, lr):
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is not None:
                p.add_(p.grad, alpha=-lr)
                p.grad.zero_()


@mistake("manual_sgd_step", diagnosis="model.children() (Keras' model.layers) with each layer's "
         "own parameters misses the parameters registered on the model itself (a bare "
         "nn.Linear has no children) and those nested deeper: loop over model.parameters().")
def children_only(model, lr):
    with torch.no_grad():
        for layer in model.children():
            for p in layer.parameters(recurse=False):
                if p.grad is not None:
                    p.add_(p.grad, alpha=-lr)


@mistake("manual_sgd_step", diagnosis="a parameter shared by two layers (tied weights) was "
         "updated once per layer: walking each module's own parameters finds it twice. "
         "model.parameters() yields each parameter once.")
def updates_tied_twice(model, lr):
    with torch.no_grad():
        for module in model.modules():
            for p in module.parameters(recurse=False):
                if p.grad is not None:
                    p.add_(p.grad, alpha=-lr)


@mistake("manual_sgd_step", diagnosis="a parameter that holds a gradient was skipped because it "
         "is frozen (requires_grad False): optim.SGD updates every parameter whose .grad is not "
         "None, so test only p.grad is not None.")
def skips_frozen(model, lr):
    with torch.no_grad():
        for p in model.parameters():
            if p.requires_grad and p.grad is not None:
                p.add_(p.grad, alpha=-lr)


@mistake("manual_sgd_step", diagnosis="p.data = p.data - lr * p.grad points the parameter at a "
         "new tensor instead of changing its own memory (views of it, and anything sharing its "
         "storage, keep the old values): update in place, p.add_(p.grad, alpha=-lr) under "
         "torch.no_grad().")
def data_rebind(model, lr):
    for p in model.parameters():
        if p.grad is not None:
            p.data = p.data - lr * p.grad
