"""Checks for exercises/01_tensors/17_inspect.py: a tensor's size, element count, dtype, device.

Tensors of every dtype and shape (0-d, empty, size-1 dimensions, transposed, requiring grad),
on the CPU or on the meta device, where a ``.numpy()`` detour or a device's type name shows.
"""

import torch
import torch.fx.experimental.symbolic_shapes  # noqa: F401 - warms the meta device before forks
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch01_tensors._common import EVERY, examples
from grader.mistakes import mistake

CORNERS = ("zero_dim", "empty", "size_one", "noncontiguous", "requires_grad")


def on_meta(x):
    """x moved to the meta device (shapes and dtypes, no data), shown so it can be re-made."""
    return corners.remember(x.detach().to("meta"), f"({corners.made(x)}).to('meta')")


@st.composite
def inspected(draw):
    x = draw(corners.tensors(dtypes=EVERY, corners=CORNERS))
    if draw(st.booleans()):
        x = on_meta(x)
    return {"x": x}


NOTES = {"result[0]": "the shape: x.size() or x.shape (a torch.Size)",
         "result[1]": "the number of elements: x.numel()",
         "result[2]": "the dtype: x.dtype (a torch.dtype)",
         "result[3]": "the device: x.device (a torch.device)"}


def test_describe(kata):
    kata.compare("describe", inspected(), notes=NOTES, max_examples=20, examples=examples(
        {"x": torch.zeros(2, 3, dtype=torch.int64)},
        {"x": torch.tensor(1.5)},
        {"x": torch.zeros(0, 4, dtype=torch.bfloat16, device="meta")},
        {"x": torch.ones(3, 2, requires_grad=True)},
        {"x": torch.zeros(3, 1, dtype=torch.float64).t()}))


@mistake("describe", diagnosis="x.type() returns the legacy type name, a str such as "
         "'torch.FloatTensor' (from the days of the torch.FloatTensor(...) constructors), not a "
         "dtype: read the attribute x.dtype.")
def type_string(x):
    return x.size(), x.numel(), x.type(), x.device


@mistake("describe", diagnosis="len(x) is the length of the first dimension only (and fails on "
         "a 0-d tensor): x.numel() counts every element.")
def len_as_count(x):
    return x.size(), len(x), x.dtype, x.device


@mistake("describe", diagnosis="x.size() is the shape (a torch.Size), not the number of "
         "elements that tf.size(x) and NumPy's a.size give: in PyTorch that is x.numel().")
def size_as_count(x):
    return x.shape, x.size(), x.dtype, x.device


@mistake("describe", diagnosis="x.device.type is only the kind of device, a str ('cpu', "
         "'meta'; 'cuda' without the GPU's index): return the torch.device itself, x.device.")
def device_type_string(x):
    return x.size(), x.numel(), x.dtype, x.device.type


@mistake("describe", diagnosis="x.numpy().size counts through NumPy, which refuses tensors that "
         "require grad, bfloat16 tensors and tensors off the CPU (meta, GPU): x.numel() counts "
         "any tensor.")
def numpy_size(x):
    return x.size(), x.numpy().size, x.dtype, x.device
