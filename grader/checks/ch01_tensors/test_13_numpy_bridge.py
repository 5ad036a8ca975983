"""Checks for exercises/01_tensors/13_numpy_bridge.py: shared memory vs copies across NumPy."""

import numpy as np
import pytest
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader import strategies as ts
from grader.mistakes import mistake


@st.composite
def bridge_args(draw):
    dtype = draw(st.sampled_from((np.float64, np.float32, np.int64, np.int32)))
    values = (st.integers(-100, 100) if np.issubdtype(dtype, np.integer)
              else st.floats(-100, 100, width=32 if dtype == np.float32 else 64))
    array = draw(hnp.arrays(dtype, ts.shapes(min_side=1), elements=values))
    return {"a": array, "copy": draw(st.booleans())}


def test_numpy_to_tensor(kata):
    kata.compare("numpy_to_tensor", bridge_args(), exact=True, max_examples=10, examples=[
        {"a": np.zeros((2, 2)), "copy": False}, {"a": np.zeros((2, 2)), "copy": True},
        {"a": np.arange(4), "copy": False}])


@mistake("numpy_to_tensor", diagnosis="torch.tensor(a) always copies; with copy=False the tensor "
         "must share the array's memory: torch.from_numpy(a).")
def always_copies(a, copy):
    return torch.tensor(a)


@mistake("numpy_to_tensor", diagnosis="torch.from_numpy(a) shares the array's memory; with "
         "copy=True the tensor must own a copy: torch.tensor(a).")
def always_shares(a, copy):
    return torch.from_numpy(a)


@mistake("numpy_to_tensor", diagnosis="torch.Tensor(a) (capital T) always makes float32, "
         "whatever the array's dtype: use torch.tensor(a) / torch.from_numpy(a).")
def capital_tensor(a, copy):
    return torch.Tensor(a) if copy else torch.from_numpy(a)


@st.composite
def tensor_args(draw):
    t = draw(ts.tensors(ts.shapes(), ts.float_dtypes()))
    return {"t": t.requires_grad_(draw(st.booleans()))}


def test_tensor_to_numpy(kata):
    kata.compare("tensor_to_numpy", tensor_args(), exact=True, max_examples=10, examples=[
        {"t": torch.ones(2, requires_grad=True)}, {"t": torch.arange(4.0)}])


@mistake("tensor_to_numpy", diagnosis="t.numpy() refuses a tensor that requires grad (and a GPU "
         "tensor): detach it and bring it to the CPU first, t.detach().cpu().numpy().")
def plain_numpy(t):
    return t.numpy()


@mistake("tensor_to_numpy", diagnosis="the values are right but the array is a copy: "
         "t.detach().cpu().numpy() shares memory with a CPU tensor; drop the copy "
         "(np.array(...), .copy(), .clone()).")
def copies(t):
    return t.detach().numpy().copy()


@mistake("tensor_to_numpy", diagnosis="going through Python lists makes float64 (and a copy): "
         "t.detach().cpu().numpy() keeps the tensor's dtype.")
def via_tolist(t):
    return np.array(t.tolist())


def on_cuda(tensor_to_numpy, t):
    """Hand the function a CUDA tensor that requires grad."""
    return tensor_to_numpy(t.cuda().requires_grad_())


@pytest.mark.gpu
def test_tensor_to_numpy__cuda(kata):
    kata.compare("tensor_to_numpy", {"t": torch.arange(6.0).reshape(2, 3)}, probe=on_cuda,
                 exact=True)
