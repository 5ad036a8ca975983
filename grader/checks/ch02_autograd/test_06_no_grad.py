"""Checks for exercises/02_autograd/06_no_grad.py: evaluating without a graph."""

import torch
from hypothesis import strategies as st
from torch.autograd import Variable

from grader import corners
from grader.checks.ch02_autograd._inputs import made_by
from grader.mistakes import mistake

CORNERS = ("empty", "size_one", "noncontiguous", "negative")


def untracked(predict_no_grad, w, x, mode):
    """calls predict_no_grad(w, x), w trainable, inside the with-block of the grad mode named"""
    w = w.detach().clone().requires_grad_(True)
    with corners.under(mode):
        out = predict_no_grad(w, x)
        enabled = torch.is_grad_enabled()
    torch.set_grad_enabled(True)
    tracked = isinstance(out, torch.Tensor) and (out.requires_grad or out.grad_fn is not None)
    return {"result": out.detach().clone() if isinstance(out, torch.Tensor) else out,
            "the result is recorded by autograd": tracked,
            "w.requires_grad": w.requires_grad, "w": w.detach(),
            "torch.is_grad_enabled() right after the call": enabled}


@st.composite
def predict_args(draw):
    b, d, k = draw(st.integers(0, 4)), draw(st.integers(1, 4)), draw(st.integers(1, 3))
    for side in (b, d, k):
        corners.record_shape((side,))
    dtype = draw(st.sampled_from(corners.FLOATS))
    return {"w": draw(corners.tensors((d, k), (dtype,), -5, 5, corners=CORNERS)),
            "x": draw(corners.tensors((b, d), (dtype,), -5, 5,
                                      corners=CORNERS + ("requires_grad",))),
            "mode": draw(corners.grad_modes())}


EXAMPLES = [  # first the inputs that tell the known mistakes apart
    {"w": made_by("torch.ones(3, 2)"), "x": made_by("torch.ones(4, 3)"), "mode": "enabled"},
    {"w": made_by("torch.ones(3, 2)"), "x": made_by("torch.ones(4, 3, requires_grad=True)"),
     "mode": "enabled"},
    {"w": made_by("torch.ones(3, 2)"), "x": made_by("torch.ones(4, 3)"), "mode": "no_grad"},
]


def test_predict_no_grad(kata):
    kata.compare("predict_no_grad", predict_args(), probe=untracked, max_examples=14,
                 examples=EXAMPLES,
                 notes={"result['torch.is_grad_enabled() right after the call']":
                        "Leave the grad mode as you found it: a with-block "
                        "(`with torch.no_grad():`) restores it on exit; "
                        "torch.set_grad_enabled(False) on its own does not."})


@mistake("predict_no_grad", diagnosis="the result was recorded in the graph (it has a grad_fn "
         "and requires grad): compute x @ w itself inside `with torch.no_grad():` (returning "
         "inside the block is too late, and Variable's volatile flag does nothing since "
         "PyTorch 0.4).")
def forgot_no_grad(w, x):
    return x @ w


@mistake("predict_no_grad", diagnosis="torch.set_grad_enabled(False) on its own switches "
         "autograd off for the rest of the program: use the scoped `with torch.no_grad():`.")
def global_switch(w, x):
    torch.set_grad_enabled(False)
    return x @ w


@mistake("predict_no_grad", diagnosis="the caller's w no longer requires grad "
         "(w.requires_grad_(False) and w.detach_() both switch it off in place): its weights would "
         "no longer train. Leave w alone and use `with torch.no_grad():`.")
def freezes_weights(w, x):
    w.requires_grad_(False)
    return x @ w


@mistake("predict_no_grad", covered_by="freezes_weights")
def detaches_weights_in_place(w, x):
    w.detach_()
    return x @ w


@mistake("predict_no_grad", covered_by="forgot_no_grad")
def volatile_variable(w, x):
    return Variable(x, volatile=True) @ w


@mistake("predict_no_grad", diagnosis="autograd was switched back on unconditionally "
         "(torch.set_grad_enabled(True)): called under torch.no_grad(), your function turned "
         "recording on for the caller. Use `with torch.no_grad():`, which restores the mode it "
         "found.")
def turns_autograd_back_on(w, x):
    torch.set_grad_enabled(False)
    out = x @ w
    torch.set_grad_enabled(True)
    return out


@mistake("predict_no_grad", diagnosis="requires_grad can only be changed on a leaf (\"you can "
         "only change requires_grad flags of leaf variables\"); x @ w is not one. Compute it "
         "inside `with torch.no_grad():` instead.")
def sets_flag_on_result(w, x):
    out = x @ w
    out.requires_grad = False
    return out


@mistake("predict_no_grad", diagnosis="only w was detached: when x itself requires grad (the "
         "output of an earlier layer), x @ w.detach() is still recorded. Compute the product "
         "inside `with torch.no_grad():`.")
def detaches_only_w(w, x):
    return x @ w.detach()
