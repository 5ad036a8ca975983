"""Checks for exercises/03_nn/12_manual_sgd.py: one SGD step by hand.

Two steps on a model with a frozen parameter and an unused layer (both without gradients).
Compared: the parameters after each step and the gradients left behind. The reference
(p.add_(p.grad, alpha=-lr)) equals torch.optim.SGD's step bit for bit; ``p -= lr * p.grad``
rounds differently in the last bit, within the float32 tolerance used here.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F
from hypothesis import strategies as st

from grader.mistakes import mistake


def build(seed):
    torch.manual_seed(seed)
    model = nn.ModuleDict({"body": nn.Sequential(nn.Linear(5, 4), nn.ReLU(), nn.Linear(4, 3)),
                           "unused": nn.Linear(2, 2)})  # never in the loss: .grad stays None
    model["body"][0].bias.requires_grad_(False)  # frozen: no .grad either
    return model


def sgd_steps(manual_sgd_step, lr, seed):
    model = build(seed)
    g = torch.Generator().manual_seed(seed)
    after = []
    for _ in range(2):
        model.zero_grad()
        x, target = torch.randn(6, 5, generator=g), torch.randint(0, 3, (6,), generator=g)
        F.cross_entropy(model["body"](x), target).backward()
        manual_sgd_step(model, lr)
        after.append({name: p.detach().clone() for name, p in model.named_parameters()})
    grads = {name: p.grad for name, p in model.named_parameters()}
    return {"parameters after each step": after, "grads after the steps": grads}


def test_manual_sgd_step(kata):
    inputs = st.fixed_dictionaries({"lr": st.sampled_from([0.01, 0.1, 0.5]),
                                    "seed": st.integers(0, 1000)})
    kata.compare("manual_sgd_step", inputs, probe=sgd_steps, max_examples=8,
                 examples=[{"lr": 0.1, "seed": 0}])


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
