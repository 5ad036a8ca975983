"""Checks for exercises/02_autograd/07_detach.py: a detached TD target."""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch02_autograd._inputs import literal
from grader.mistakes import mistake

CORNERS = ("size_one", "noncontiguous", "negative")


def loss_and_grad(td_loss, w, s, r, s_next, gamma):
    """calls td_loss with a trainable w, then loss.backward(); reports the loss and w.grad"""
    w = w.detach().clone().requires_grad_(True)
    loss = td_loss(w, s, r, s_next, gamma)
    loss.backward()
    return {"loss": loss.detach(), "loss.requires_grad": loss.requires_grad, "w.grad": w.grad}


@st.composite
def td_args(draw):
    b, d = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    corners.record_shape((b, d))
    dtype = draw(st.sampled_from(corners.FLOATS))

    def tensor(shape):
        return draw(corners.tensors(shape, (dtype,), -3, 3, corners=CORNERS))

    return {"w": tensor((d,)), "s": tensor((b, d)), "r": tensor((b,)), "s_next": tensor((b, d)),
            "gamma": draw(st.sampled_from([0.5, 0.9, 0.99]) | st.floats(0.1, 0.99))}


def f64(values):
    return literal(values, torch.float64)


EXAMPLES = [  # first the inputs that tell the known mistakes apart
    {"w": f64([1.0, -0.5]), "s": f64([[1.0, 0.0], [2.0, 1.0]]), "r": f64([0.0, 2.0]),
     "s_next": f64([[3.0, 0.0], [0.5, -1.0]]), "gamma": 0.5},
    {"w": f64([1.0, 0.0]), "s": f64([[1.0, 0.0]]), "r": f64([0.0]), "s_next": f64([[2.0, 0.0]]),
     "gamma": 0.5},
]


def test_td_loss(kata):
    kata.compare("td_loss", td_args(), probe=loss_and_grad, max_examples=12, examples=EXAMPLES)


@mistake("td_loss", diagnosis="the target still depends on w in the graph, so the gradient also "
         "pushes the target towards the prediction (detaching s_next does nothing: it carries no "
         "graph; the value s_next @ w does). Detach the target itself: "
         "(r + gamma * (s_next @ w)).detach() (TensorFlow: tf.stop_gradient).")
def target_not_detached(w, s, r, s_next, gamma):
    return ((s @ w - (r + gamma * (s_next @ w))) ** 2).mean()


@mistake("td_loss", diagnosis="the whole loss is cut from w (detached, or computed under "
         "torch.no_grad()), so backward() has nothing to differentiate (\"element 0 of tensors "
         "does not require grad\"): stop the gradient on the target only.")
def loss_detached(w, s, r, s_next, gamma):
    return ((s @ w - (r + gamma * (s_next @ w))) ** 2).mean().detach()


@mistake("td_loss", diagnosis="the squared errors were summed, not averaged: the loss and its "
         "gradient are batch-size times too large. Use .mean().")
def sum_not_mean(w, s, r, s_next, gamma):
    return ((s @ w - (r + gamma * (s_next @ w)).detach()) ** 2).sum()


@mistake("td_loss", covered_by="target_not_detached")
def detaches_next_state(w, s, r, s_next, gamma):
    return ((s @ w - (r + gamma * (s_next.detach() @ w))) ** 2).mean()


@mistake("td_loss", covered_by="loss_detached")
def everything_under_no_grad(w, s, r, s_next, gamma):
    with torch.no_grad():
        return ((s @ w - (r + gamma * (s_next @ w))) ** 2).mean()


@mistake("td_loss", diagnosis="that is the Huber loss (smooth_l1_loss, as in the DQN tutorial), "
         "not the mean squared error the spec asks for: ((q - target) ** 2).mean().")
def huber_from_dqn_tutorial(w, s, r, s_next, gamma):
    return F.smooth_l1_loss(s @ w, (r + gamma * (s_next @ w)).detach())


@mistake("td_loss", diagnosis="q has shape (B, 1) (w used as a column), the target (B,): "
         "q - target broadcasts to a (B, B) matrix and the mean mixes every pair. Keep "
         "q = s @ w of shape (B,).")
def column_prediction(w, s, r, s_next, gamma):
    q = s @ w.view(-1, 1)
    return ((q - (r + gamma * (s_next @ w)).detach()) ** 2).mean()


@mistake("td_loss", diagnosis=".item() turns only a one-element tensor into a number: with a "
         "batch of several states it raises. Use .detach(), which keeps the tensor.")
def item_as_constant(w, s, r, s_next, gamma):
    return ((s @ w - (r + gamma * (s_next @ w).item())) ** 2).mean()
