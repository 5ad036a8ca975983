"""Checks for exercises/02_autograd/10_manual_step.py: one in-place, untracked update."""

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch02_autograd._inputs import literal, made_by
from grader.mistakes import mistake

CORNERS = ("zero_dim", "size_one", "noncontiguous", "view_of_buffer", "negative")


def one_step(manual_gd_step, w, target, lr):
    """fills w.grad by (((w - target) ** 2).sum() + w.sum()).backward(), then manual_gd_step(w, lr)

    w is made a leaf that requires grad; a = w.detach() is taken before the call; that same w
    (and a) are inspected afterwards.
    """
    w = w.detach().requires_grad_(True)
    (((w - target) ** 2).sum() + w.sum()).backward()  # + w.sum(): never a zero gradient
    view = w.detach()
    version = w._version
    returned = manual_gd_step(w, lr)
    return {"what manual_gd_step returned": returned, "w afterwards": w.detach(),
            "w is still a leaf that requires grad": w.is_leaf and w.requires_grad,
            "w.grad is cleared (None or zeros)": w.grad is None or bool((w.grad == 0).all()),
            "a, the view of w taken before the call": view,
            "autograd saw the update": w._version != version}


@st.composite
def step_args(draw):
    shape = draw(corners.shapes(max_dims=2, corners=CORNERS))
    dtype = draw(st.sampled_from(corners.FLOATS))
    return {"w": draw(corners.tensors(shape, (dtype,), -3, 3, corners=CORNERS)),
            "target": draw(corners.tensors(shape, (dtype,), -3, 3, corners=("negative",))),
            "lr": draw(st.sampled_from([0.1, 0.5]) | st.floats(1e-3, 0.5))}


def test_manual_gd_step(kata):
    kata.compare("manual_gd_step", step_args(), probe=one_step, max_examples=12,
                 examples=[{"w": literal([1.0, 2.0]), "target": made_by("torch.zeros(2)"),
                            "lr": 0.1}],
                 notes={"result['autograd saw the update']": "Changes made through .data are "
                        "invisible to autograd; update w itself under torch.no_grad().",
                        "result['a, the view of w taken before the call']": "w.data = ... gives "
                        "w new memory: every view of w (an optimizer's, yours) keeps the old "
                        "values. Write into w itself, in place."})


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
         "`with torch.no_grad(): w -= lr * w.grad` instead (the spec's preamble warns about "
         "the old .data idiom).")
def updates_data(w, lr):
    w.data -= lr * w.grad
    w.grad = None


@mistake("manual_gd_step", diagnosis="the gradient was not cleared, so the next backward adds "
         "to it and the steps grow. After the update set w.grad = None (or w.grad.zero_()).")
def keeps_gradient(w, lr):
    with torch.no_grad():
        w -= lr * w.grad


@mistake("manual_gd_step", diagnosis="the gradient was cleared before the update, so w moved by "
         "lr * 0: update first, then clear (w.grad = None).")
def clears_before_update(w, lr):
    w.grad.zero_()
    with torch.no_grad():
        w -= lr * w.grad


@mistake("manual_gd_step", diagnosis="the step is right, but the function returned w: it must "
         "return nothing (None), since the caller's w itself was updated.")
def returns_w(w, lr):
    with torch.no_grad():
        w -= lr * w.grad
    w.grad = None
    return w


@mistake("manual_gd_step", diagnosis="w moved along the gradient (w + lr * w.grad), uphill: "
         "gradient descent subtracts, w -= lr * w.grad.")
def gradient_ascent(w, lr):
    with torch.no_grad():
        w += lr * w.grad
    w.grad = None


@mistake("manual_gd_step", diagnosis="w.data = ... gave w new memory instead of writing into it: "
         "every view of w taken before (an optimizer's, w.detach()) keeps the old values, and "
         "autograd does not see the change. Update in place: "
         "`with torch.no_grad(): w -= lr * w.grad`.")
def replaces_data(w, lr):
    with torch.no_grad():
        w.data = w - lr * w.grad
    w.grad = None
