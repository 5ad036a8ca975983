"""Checks for exercises/02_autograd/10_manual_step.py: one in-place, untracked update."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake


def one_step(manual_gd_step, w, x, y, lr):
    """fills w.grad by a backward pass, calls manual_gd_step(w, lr), then inspects that same w"""
    w = w.clone().requires_grad_(True)
    (((x @ w - y) ** 2).mean() + w.sum()).backward()  # + w.sum(): never a zero gradient
    version = w._version
    manual_gd_step(w, lr)
    return {"w": w.detach(), "is_leaf": w.is_leaf, "requires_grad": w.requires_grad,
            "grad_cleared": w.grad is None or bool((w.grad == 0).all()),
            "autograd_saw_update": w._version != version}


@st.composite
def step_args(draw):
    b, d = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    return {"w": draw(ts.tensors((d,), torch.float64, -3, 3)),
            "x": draw(ts.tensors((b, d), torch.float64, -3, 3)),
            "y": draw(ts.tensors((b,), torch.float64, -3, 3)),
            "lr": draw(st.floats(1e-3, 0.5))}


def test_manual_gd_step(kata):
    kata.compare("manual_gd_step", step_args(), probe=one_step, max_examples=8,
                 notes={"result['autograd_saw_update']": "Changes made through .data are "
                        "invisible to autograd; update w itself under torch.no_grad()."})


@mistake("manual_gd_step", diagnosis="an in-place update of a leaf that requires grad was "
         "recorded by autograd (\"a leaf Variable that requires grad is being used in an "
         "in-place operation\"): do it inside `with torch.no_grad():`.")
def inplace_outside_no_grad(w, lr):
    w -= lr * w.grad
    w.grad = None


@mistake("manual_gd_step", diagnosis="`w = w - lr * w.grad` makes a new tensor (a non-leaf, "
         "recorded in the graph) and only rebinds your local name: the caller's w did not "
         "move. Update in place: `with torch.no_grad(): w -= lr * w.grad`.")
def rebinds_name(w, lr):
    w = w - lr * w.grad
    w.grad = None


@mistake("manual_gd_step", diagnosis="the update went through .data, which autograd cannot "
         "see (a graph that saved w would silently use the new values). Use "
         "`with torch.no_grad(): w -= lr * w.grad` instead.")
def updates_data(w, lr):
    w.data -= lr * w.grad
    w.grad = None


@mistake("manual_gd_step", diagnosis="the gradient was not cleared, so the next backward adds "
         "to it and the steps grow. After the update set w.grad = None (or w.grad.zero_()).")
def keeps_gradient(w, lr):
    with torch.no_grad():
        w -= lr * w.grad
