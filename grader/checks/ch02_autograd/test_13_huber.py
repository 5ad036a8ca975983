"""Checks for exercises/02_autograd/13_huber.py: the Huber loss and its gradient.

Beside the differential check, value and gradient on fixed examples are compared with
torch.nn.functional.huber_loss run in the grader.
"""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import strategies as ts
from grader.compare import first_difference
from grader.mistakes import mistake


def loss_and_grad(huber_loss, pred, target, delta):
    """calls huber_loss with a tracked pred, then backward; reports loss and pred.grad"""
    pred = pred.clone().requires_grad_(True)
    loss = huber_loss(pred, target, delta)
    loss.backward()
    return {"loss": loss.detach(), "loss_requires_grad": loss.requires_grad, "grad": pred.grad}


def loss_and_grad_default_delta(huber_loss, pred, target):
    """calls huber_loss(pred, target) without delta (its default, 1.0), then backward"""
    pred = pred.clone().requires_grad_(True)
    loss = huber_loss(pred, target)
    loss.backward()
    return {"loss": loss.detach(), "grad": pred.grad}


@st.composite
def huber_args(draw):
    shape = draw(ts.shapes(min_side=1, max_dims=2))
    return {"pred": draw(ts.tensors(shape, torch.float64, -6, 6)),
            "target": draw(ts.tensors(shape, torch.float64, -6, 6)),
            "delta": draw(st.sampled_from([0.5, 1.0, 2.0]) | st.floats(0.1, 4.0))}


FIXED = {"pred": torch.tensor([0.5, 3.0, -2.5, 0.1], dtype=torch.float64),
         "target": torch.tensor([0.0, 0.0, 0.0, -0.1], dtype=torch.float64)}


def test_huber_loss(kata):
    kata.compare("huber_loss", huber_args(), probe=loss_and_grad, max_examples=12,
                 examples=[{**FIXED, "delta": 2.0}])
    kata.compare("huber_loss", FIXED, probe=loss_and_grad_default_delta)
    for delta in (0.5, 1.0, 2.0):
        got = kata.call("huber_loss", FIXED["pred"], FIXED["target"], delta, probe=loss_and_grad)
        pred = FIXED["pred"].clone().requires_grad_(True)
        loss = F.huber_loss(pred, FIXED["target"], delta=delta)
        loss.backward()
        kata.expect(first_difference([loss.detach(), pred.grad], [got["loss"], got["grad"]])
                    is None, f"huber_loss(delta={delta}) should agree with F.huber_loss: "
                    f"expected loss {loss.item()} and gradient {pred.grad.tolist()}, got "
                    f"{got['loss']} and {got['grad']}.")


@mistake("huber_loss", diagnosis="the error was clipped in the forward pass, so the loss is flat "
         "beyond delta and large errors get a zero gradient (the classic DQN bug). Huber clips "
         "the *gradient*: keep the linear branch delta * (|d| - 0.5 * delta).")
def clips_error_in_forward(pred, target, delta=1.0):
    d = (pred - target).clamp(-delta, delta)
    return (0.5 * d ** 2).mean()


@mistake("huber_loss", diagnosis="that is the squared loss: its gradient grows with the error, "
         "so outliers dominate. Beyond |d| > delta Huber is linear: delta * (|d| - 0.5 * delta).")
def squared_loss(pred, target, delta=1.0):
    return (0.5 * (pred - target) ** 2).mean()


@mistake("huber_loss", diagnosis="smooth_l1_loss with beta=delta equals Huber divided by delta "
         "(they agree only for delta = 1). Write the Huber formula itself.")
def smooth_l1_confusion(pred, target, delta=1.0):
    import torch.nn.functional as F

    return F.smooth_l1_loss(pred, target, beta=delta)


@mistake("huber_loss", diagnosis="the per-element losses were summed, not averaged: loss and "
         "gradient are n times too large. Use .mean().")
def sum_not_mean(pred, target, delta=1.0):
    d = pred - target
    return torch.where(d.abs() <= delta, 0.5 * d ** 2, delta * (d.abs() - 0.5 * delta)).sum()
