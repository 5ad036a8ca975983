"""Checks for exercises/02_autograd/06_no_grad.py: evaluating without a graph."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake


def untracked(predict_no_grad, w, x):
    """calls predict_no_grad with a trainable w; reports the result, w and the grad mode after"""
    w = w.clone().requires_grad_(True)
    out = predict_no_grad(w, x)
    enabled = torch.is_grad_enabled()
    torch.set_grad_enabled(True)
    return {"out": out, "w": w, "grad_enabled_after": enabled}


@st.composite
def predict_args(draw):
    b, d, k = draw(st.integers(1, 4)), draw(st.integers(1, 4)), draw(st.integers(1, 3))
    return {"w": draw(ts.tensors((d, k), min_value=-5, max_value=5)),
            "x": draw(ts.tensors((b, d), min_value=-5, max_value=5))}


def test_predict_no_grad(kata):
    kata.compare("predict_no_grad", predict_args(), probe=untracked, max_examples=8,
                 notes={"result['grad_enabled_after']": "torch.set_grad_enabled(False) switches "
                        "autograd off for everything that runs later; use a with-block."})


@mistake("predict_no_grad", diagnosis="the result was recorded in the graph (it has a grad_fn "
         "and requires grad): compute it inside `with torch.no_grad():`.")
def forgot_no_grad(w, x):
    return x @ w


@mistake("predict_no_grad", diagnosis="torch.set_grad_enabled(False) on its own switches "
         "autograd off for the rest of the program: use the scoped `with torch.no_grad():`.")
def global_switch(w, x):
    torch.set_grad_enabled(False)
    return x @ w


@mistake("predict_no_grad", diagnosis="w.requires_grad_(False) froze the caller's weights: they "
         "would no longer train. Leave w alone and use `with torch.no_grad():`.")
def freezes_weights(w, x):
    w.requires_grad_(False)
    return x @ w
