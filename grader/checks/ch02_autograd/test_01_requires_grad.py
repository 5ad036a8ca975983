"""Checks for exercises/02_autograd/01_requires_grad.py: a tracked leaf copy."""

import copy

import torch
from hypothesis import strategies as st
from torch.autograd import Variable

from grader import corners
from grader.checks.ch02_autograd._inputs import literal, made_by
from grader.mistakes import mistake

CORNERS = ("zero_dim", "empty", "size_one", "noncontiguous", "view_of_buffer", "requires_grad",
           "negative")
RESULT = "the result of x.detach().requires_grad_(True) * 2"
"""The second way x is handed over: the output of a tracked computation (a non-leaf)."""
PASSED = ("x", RESULT)


def copy_report(trainable_copy, x, passed):
    """calls trainable_copy on x itself, or on the tracked result named; reports the copy and x"""
    src = x.detach().requires_grad_(True) * 2 if passed == RESULT else x
    made = trainable_copy(src)
    shares = (torch.is_tensor(made) and made.numel() > 0
              and made.untyped_storage().data_ptr() == src.untyped_storage().data_ptr())
    return {"copy": made, "what was passed, after the call": src,
            "the copy shares memory with what was passed": shares}


def copy_args():
    x = corners.tensors(dtypes=corners.FLOATS, min_value=-50, max_value=50, corners=CORNERS)
    return st.fixed_dictionaries({"x": x, "passed": st.sampled_from(PASSED)})


def test_trainable_copy(kata):
    kata.compare("trainable_copy", copy_args(), probe=copy_report, exact=True, max_examples=14,
                 examples=[  # first the inputs that tell the known mistakes apart
                     {"x": made_by("torch.tensor([[1.0, 2.0], [3.0, 4.0]], "
                                   "dtype=torch.float64).t()"),
                      "passed": "x"},
                     {"x": made_by("torch.empty(0, 3)"), "passed": "x"},
                     {"x": literal([1.0, 2.0]), "passed": "x"},
                     {"x": literal([1.0, 2.0]), "passed": RESULT},
                     {"x": literal([1.0, 2.0], requires_grad=True), "passed": "x"}],
                 notes={"result['the copy shares memory with what was passed']":
                        "A copy must own its memory: detach() alone returns a view of x."})


@mistake("trainable_copy", diagnosis="x.requires_grad_(True) flips the flag on the caller's own "
         "tensor (and returns it): the caller's x changed. Make a new tensor instead: "
         "x.detach().clone().requires_grad_(True).")
def flips_callers_flag(x):
    return x.requires_grad_(True)


@mistake("trainable_copy", diagnosis="clone() of a tensor that is already tracked stays in its "
         "graph (grad_fn CloneBackward), so the copy is not a leaf: detach() first, then clone().")
def clone_without_detach(x):
    return x.clone().requires_grad_(True)


@mistake("trainable_copy", diagnosis="the result shares memory with x (x.detach() and "
         "Variable(x) give a view of x's memory, not a copy), so updating it would change x: "
         "add .clone() to get memory of its own.")
def detach_without_clone(x):
    return x.detach().requires_grad_(True)


@mistake("trainable_copy", covered_by="detach_without_clone")
def variable_wrapper(x):
    return Variable(x, requires_grad=True)


@mistake("trainable_copy", diagnosis=".contiguous() returns x itself when x is already "
         "contiguous (it copies only other layouts), so the result shares x's memory: use "
         ".clone(), which always copies.")
def contiguous_as_copy(x):
    return x.detach().contiguous().requires_grad_(True)


@mistake("trainable_copy", diagnosis="copy.deepcopy refuses a tensor that is the result of a "
         "tracked computation (\"Only Tensors created explicitly by the user support the "
         "deepcopy protocol\"): cut it from the graph first, x.detach().clone().")
def deep_copies(x):
    return copy.deepcopy(x).requires_grad_(True)


@mistake("trainable_copy", diagnosis=".float() made the copy float32: keep x's dtype "
         "(x.detach().clone() does).")
def casts_to_float32(x):
    return x.detach().clone().float().requires_grad_(True)


@mistake("trainable_copy", diagnosis="torch.tensor(x.tolist()) loses the shape of an empty x "
         "(an empty list has no inner dimensions): copy the tensor itself, x.detach().clone().")
def rebuilds_from_list(x):
    return torch.tensor(x.tolist(), dtype=x.dtype, requires_grad=True)
