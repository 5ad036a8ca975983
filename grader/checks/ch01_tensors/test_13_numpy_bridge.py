"""Checks for exercises/01_tensors/13_numpy_bridge.py: shared memory vs copies across NumPy.

Arrays and tensors of every dtype both sides have (bool, integers, float16/32/64; bfloat16 has no
NumPy dtype), every shape (0-d and empty included) and strided views; the comparison sees which
results share memory with their input, so a copy where sharing is asked (or the reverse) fails.
Negative strides are not drawn: torch refuses them on every path (``torch.tensor`` included).
"""

import numpy as np
import pytest
import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch01_tensors._common import arrays, examples
from grader.mistakes import mistake

ARRAY_DTYPES = (np.float64, np.float32, np.float16, np.int64, np.int32, np.int8, np.uint8,
                np.bool_)


def test_numpy_to_tensor(kata):
    kata.compare("numpy_to_tensor",
                 st.fixed_dictionaries({"a": arrays(ARRAY_DTYPES), "copy": st.booleans()}),
                 exact=True, max_examples=15, examples=examples(
                     {"a": np.zeros((2, 2)), "copy": False}, {"a": np.zeros((2, 2)), "copy": True},
                     {"a": np.arange(4), "copy": False}, {"a": np.arange(4), "copy": True},
                     {"a": np.array(5.0), "copy": False},
                     {"a": np.arange(8.0).reshape(2, 4)[:, ::2], "copy": False},
                     {"a": np.array([True, False]), "copy": True},
                     {"a": np.zeros((0, 3), dtype=np.float16), "copy": True}))


@mistake("numpy_to_tensor", diagnosis="torch.tensor(a) always copies; with copy=False the tensor "
         "must share the array's memory: torch.from_numpy(a).")
def always_copies(a, copy):
    return torch.tensor(a)


@mistake("numpy_to_tensor", diagnosis="torch.from_numpy(a) (and torch.as_tensor(a)) shares the "
         "array's memory; with copy=True the tensor must own a copy: torch.tensor(a).")
def always_shares(a, copy):
    return torch.from_numpy(a)


@mistake("numpy_to_tensor", diagnosis="the two branches are swapped: the tensor shares memory "
         "when copy=True and copies when copy=False. Copy (torch.tensor(a)) when copy is True.")
def flag_inverted(a, copy):
    return torch.from_numpy(a) if copy else torch.tensor(a)


@mistake("numpy_to_tensor", diagnosis="torch.Tensor(a) (capital T) always makes float32, "
         "whatever the array's dtype: use torch.tensor(a) / torch.from_numpy(a).")
def capital_tensor(a, copy):
    return torch.Tensor(a) if copy else torch.from_numpy(a)


@mistake("numpy_to_tensor", diagnosis="torch.asarray(a, copy=False) copies a 0-d array, so that "
         "tensor does not share the array's memory: torch.from_numpy(a) shares for every shape.")
def asarray_copy_flag(a, copy):
    return torch.asarray(a, copy=copy)


@mistake("numpy_to_tensor", diagnosis="np.ascontiguousarray(a) copies a strided array (and makes "
         "a 0-d array 1-d), so with copy=False the tensor no longer shares a's memory: "
         "torch.from_numpy(a) handles strides itself.")
def ascontiguous_first(a, copy):
    return torch.tensor(a) if copy else torch.from_numpy(np.ascontiguousarray(a))


TENSOR_DTYPES = tuple(d for d in corners.NUMERIC if d != torch.bfloat16) + (torch.bool,)
TENSOR_CORNERS = ("zero_dim", "empty", "size_one", "noncontiguous", "view_of_buffer",
                  "requires_grad", "negative")


def test_tensor_to_numpy(kata):
    tensors = corners.tensors(corners.shapes(max_dims=3), dtypes=TENSOR_DTYPES,
                              corners=TENSOR_CORNERS)
    kata.compare("tensor_to_numpy", st.fixed_dictionaries({"t": tensors}), exact=True,
                 max_examples=15, examples=examples(
                     {"t": torch.ones(2, requires_grad=True)}, {"t": torch.arange(4.0)},
                     {"t": torch.arange(6).reshape(2, 3).T}, {"t": torch.tensor(True)},
                     {"t": torch.tensor([1.5, -2.0], dtype=torch.float64)},
                     {"t": torch.zeros(0, 2, dtype=torch.float16)}))


@mistake("tensor_to_numpy", diagnosis=".numpy() refuses a tensor that requires grad (and a GPU "
         "tensor): leave autograd and come to the CPU first, t.detach().cpu().numpy().")
def plain_numpy(t):
    return t.numpy()


@mistake("tensor_to_numpy", covered_by="plain_numpy")  # the same on the CPU: no detach
def cpu_without_detach(t):
    return t.cpu().numpy()


@mistake("tensor_to_numpy", diagnosis="the values are right but the array is a copy: "
         "t.detach().cpu().numpy() shares memory with a CPU tensor; drop the copy "
         "(np.array(...), .copy(), .clone()).")
def copies(t):
    return t.detach().numpy().copy()


@mistake("tensor_to_numpy", diagnosis=".contiguous() copies a strided (e.g. transposed) tensor, so "
         "the array no longer shares its memory: .numpy() handles strides, drop .contiguous().")
def contiguous_first(t):
    return t.detach().cpu().contiguous().numpy()


@mistake("tensor_to_numpy", diagnosis="going through Python lists makes float64 (and a copy): "
         "t.detach().cpu().numpy() keeps the tensor's dtype.")
def via_tolist(t):
    return np.array(t.tolist())


@mistake("tensor_to_numpy", diagnosis=".float() on the way makes every array float32 (and a copy "
         "of any other dtype): t.detach().cpu().numpy() keeps the tensor's dtype.")
def casts_to_float(t):
    return t.detach().cpu().float().numpy()


def on_cuda(tensor_to_numpy, t):
    """Hand the function a CUDA tensor that requires grad."""
    return tensor_to_numpy(t.cuda().requires_grad_())


@pytest.mark.gpu
def test_tensor_to_numpy__cuda(kata):
    kata.compare("tensor_to_numpy", {"t": torch.arange(6.0).reshape(2, 3)}, probe=on_cuda,
                 exact=True)
