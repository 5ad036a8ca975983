"""Checks for exercises/02_autograd/01_requires_grad.py: a tracked leaf copy."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake

SOURCES = ("plain", "leaf", "result")


def copy_report(trainable_copy, x, source):
    """copies a plain tensor, a tracked leaf or a tracked result; reports on copy and source"""
    if source == "leaf":
        src = x.requires_grad_(True)
    elif source == "result":
        src = x.clone().requires_grad_(True) * 2
    else:
        src = x
    copy = trainable_copy(src)
    shares = (torch.is_tensor(copy) and copy.numel() > 0
              and copy.untyped_storage().data_ptr() == src.untyped_storage().data_ptr())
    return {"copy": copy, "source_after": src, "copy_shares_memory_with_source": shares}


def copy_args():
    return ts.kwargs(x=ts.tensors(ts.shapes(min_side=1), dtype=ts.float_dtypes()),
                     source=st.sampled_from(SOURCES))


def test_trainable_copy(kata):
    kata.compare("trainable_copy", copy_args(), probe=copy_report, exact=True, max_examples=8,
                 examples=[{"x": torch.tensor([1.0, 2.0]), "source": s} for s in SOURCES],
                 notes={"result['copy_shares_memory_with_source']":
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


@mistake("trainable_copy", diagnosis="detach() returns a view that shares memory with x, so "
         "updating the copy would change x: add .clone() to get memory of its own.")
def detach_without_clone(x):
    return x.detach().requires_grad_(True)
