"""Checks for exercises/01_tensors/12_casting.py: float32 for layers; promotion of uint8 pixels."""

import numpy as np
import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch01_tensors._common import arrays, examples
from grader.mistakes import mistake

ARRAY_DTYPES = (np.float64, np.float32, np.float16, np.int64, np.int32, np.int8, np.uint8)


def through_a_layer(float32_batch, a):
    """The tensor, then a float32 nn.Linear applied to it (what the batch is for; 2-D arrays)."""
    x = float32_batch(a)
    layer_ready = (a.ndim == 2 and a.shape[1] > 0 and torch.is_tensor(x)
                   and bool(torch.isfinite(x.detach().double()).all()))
    output = torch.nn.Linear(a.shape[1], 2)(x) if layer_ready else None
    return {"tensor": x, "nn.Linear(features, 2) applied to it": output}


def test_float32_batch(kata):
    kata.compare("float32_batch", st.fixed_dictionaries({"a": arrays(ARRAY_DTYPES, extreme=True)}),
                 probe=through_a_layer, aliasing=False, max_examples=12, examples=examples(
                     {"a": np.arange(6.0).reshape(2, 3)},
                     {"a": np.array([0, 128, 255], dtype=np.uint8)},
                     {"a": np.array(5.0)},
                     {"a": np.zeros((0, 3), dtype=np.float16)}))


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


@mistake("float32_batch", diagnosis="integer arrays were rescaled by their dtype's maximum (the "
         "tf.image.convert_image_dtype habit), so the values changed: a cast keeps the numbers, "
         "torch.from_numpy(a).float().")
def scales_integers(a):
    t = torch.from_numpy(a)
    if not t.is_floating_point():
        return t.float() / float(np.iinfo(a.dtype).max)
    return t.float()


@mistake("float32_batch", diagnosis="a.view(np.float32) reinterprets the array's bytes (NumPy's "
         "view is no cast): the numbers and the shape change. Cast instead: a.astype(np.float32) "
         "or torch.from_numpy(a).float().")
def numpy_view_bits(a):
    return torch.from_numpy(a.view(np.float32))


@mistake("float32_batch", diagnosis="np.float32(a) of a 0-d array is a NumPy scalar, not an array, "
         "and torch.from_numpy refuses it (TypeError): a.astype(np.float32) or "
         "torch.from_numpy(a).float() handle every shape.")
def np_float32_call(a):
    return torch.from_numpy(np.float32(a))


@mistake("float32_batch", diagnosis="only floating arrays were cast: integer arrays kept their "
         "dtype, but every numeric array must come out float32 (.float() on the tensor).")
def casts_only_floats(a):
    t = torch.from_numpy(a)
    return t.float() if t.is_floating_point() else t


@mistake("float32_batch", diagnosis="a leading batch axis was added (unsqueeze(0)): the array is "
         "already the batch, keep its shape and change only the dtype.")
def adds_batch_axis(a):
    return torch.from_numpy(a).float().unsqueeze(0)


@mistake("float32_batch", diagnosis=".half() makes float16; nn layers hold float32 weights: cast "
         "with .float() (float32).")
def half(a):
    return torch.from_numpy(a).half()


def test_to_unit_float(kata):
    pixels = corners.tensors(corners.shapes(max_dims=4), dtypes=(torch.uint8,), min_value=0,
                             max_value=255, corners=("noncontiguous", "view_of_buffer", "extreme"))
    kata.compare("to_unit_float", st.fixed_dictionaries({"images": pixels}), max_examples=12,
                 examples=examples(
                     {"images": torch.tensor([0, 51, 255], dtype=torch.uint8)},
                     {"images": torch.tensor([0, 51], dtype=torch.uint8)},
                     {"images": torch.zeros(2, 2, dtype=torch.uint8)}))


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


@mistake("to_unit_float", diagnosis="dividing by 256 (the number of levels) maps white (255) to "
         "0.996, not 1: the largest pixel value is 255, divide by 255.")
def divides_by_256(images):
    return images.float() / 256


@mistake("to_unit_float", diagnosis="dividing by the image's own maximum rescales each image "
         "differently (and gives NaN for an all-black one): pixels map to [0, 1] by the fixed "
         "255, images.float() / 255.")
def divides_by_max(images):
    x = images.float()
    return x / x.max()


@mistake("to_unit_float", diagnosis="x / 127.5 - 1 maps pixels to [-1, 1] (Keras' \"tf\" "
         "preprocessing), not [0, 1]: images.float() / 255.")
def minus_one_to_one(images):
    return images.float() / 127.5 - 1.0
