"""Checks for exercises/01_tensors/12_casting.py: float32 for layers; promotion of uint8 pixels."""

import numpy as np
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader import strategies as ts
from grader.mistakes import mistake

ARRAY_DTYPES = (np.float64, np.float32, np.float16, np.int64, np.int32, np.uint8)


@st.composite
def array_args(draw):
    dtype = draw(st.sampled_from(ARRAY_DTYPES))
    shape = draw(ts.shapes(min_dims=2, max_dims=2, min_side=1))
    width = {np.float16: 16, np.float32: 32}.get(dtype, 64)  # exactly representable values
    values = (st.integers(0, 100) if np.issubdtype(dtype, np.integer)
              else st.floats(-100, 100, width=width))
    return {"a": draw(hnp.arrays(dtype, shape, elements=values))}


def through_a_layer(float32_batch, a):
    """The tensor, then a float32 nn.Linear applied to it (what the batch is for)."""
    x = float32_batch(a)
    layer = torch.nn.Linear(a.shape[1], 2)
    return {"tensor": x, "layer_output": layer(x)}


def test_float32_batch(kata):
    kata.compare("float32_batch", array_args(), probe=through_a_layer, aliasing=False,
                 max_examples=10, examples=[{"a": np.arange(6.0).reshape(2, 3)}])


@mistake("float32_batch", diagnosis="torch.from_numpy keeps NumPy's dtype (float64 for most "
         "arrays) while nn layers hold float32 weights (\"mat1 and mat2 must have the same "
         "dtype\"): cast with .float() or .to(torch.float32).")
def keeps_dtype(a):
    return torch.from_numpy(a)


@mistake("float32_batch", covered_by="keeps_dtype")  # same results as keeps_dtype
def tensor_keeps_dtype(a):
    return torch.tensor(a)


@mistake("float32_batch", covered_by="keeps_dtype")  # float64 again
def double_batch(a):
    return torch.from_numpy(a).double()


@st.composite
def pixel_args(draw):
    return {"images": draw(ts.tensors(ts.shapes(min_dims=1, max_dims=4), torch.uint8, 0, 255))}


def test_to_unit_float(kata):
    kata.compare("to_unit_float", pixel_args(), max_examples=10, examples=[
        {"images": torch.tensor([0, 51, 255], dtype=torch.uint8)}])


@mistake("to_unit_float", diagnosis="// is integer (floor) division and keeps uint8, so every "
         "pixel becomes 0 or 1: use true division on a float tensor, images.float() / 255.")
def floor_division(images):
    return images // 255


@mistake("to_unit_float", diagnosis=".double() makes float64: cast with .float() (float32), "
         "the dtype of nn layers.")
def double_pixels(images):
    return images.double() / 255


@mistake("to_unit_float", diagnosis="the cast alone keeps the 0..255 range: divide by 255 too.")
def forgets_scaling(images):
    return images.float()


@mistake("to_unit_float", diagnosis="div_ works in place on the caller's uint8 tensor, which "
         "cannot hold fractions (RuntimeError): cast first and divide out of place, "
         "images.float() / 255.")
def in_place(images):
    return images.div_(255)
