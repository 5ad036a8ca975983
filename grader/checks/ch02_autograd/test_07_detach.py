"""Checks for exercises/02_autograd/07_detach.py: a detached TD target."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake


def loss_and_grad(td_loss, w, s, r, s_next, gamma):
    """calls td_loss with a trainable w, then backward; reports the loss and w.grad"""
    w = w.clone().requires_grad_(True)
    loss = td_loss(w, s, r, s_next, gamma)
    loss.backward()
    return {"loss": loss.detach(), "loss_requires_grad": loss.requires_grad, "grad": w.grad}


@st.composite
def td_args(draw):
    b, d = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    return {"w": draw(ts.tensors((d,), torch.float64, -3, 3)),
            "s": draw(ts.tensors((b, d), torch.float64, -3, 3)),
            "r": draw(ts.tensors((b,), torch.float64, -3, 3)),
            "s_next": draw(ts.tensors((b, d), torch.float64, -3, 3)),
            "gamma": draw(st.floats(0.1, 0.99))}


def test_td_loss(kata):
    kata.compare("td_loss", td_args(), probe=loss_and_grad, max_examples=10)


@mistake("td_loss", diagnosis="the target was not detached, so the gradient also pushes the "
         "target towards the prediction. Wrap it: (r + gamma * (s_next @ w)).detach() "
         "(TensorFlow: tf.stop_gradient).")
def target_not_detached(w, s, r, s_next, gamma):
    return ((s @ w - (r + gamma * (s_next @ w))) ** 2).mean()


@mistake("td_loss", diagnosis="the whole loss was detached, so backward() has nothing to "
         "differentiate (\"element 0 of tensors does not require grad\"): detach only the target.")
def loss_detached(w, s, r, s_next, gamma):
    return ((s @ w - (r + gamma * (s_next @ w))) ** 2).mean().detach()


@mistake("td_loss", diagnosis="the squared errors were summed, not averaged: the loss and its "
         "gradient are batch-size times too large. Use .mean().")
def sum_not_mean(w, s, r, s_next, gamma):
    return ((s @ w - (r + gamma * (s_next @ w)).detach()) ** 2).sum()
