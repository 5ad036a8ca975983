"""Checks for exercises/01_tensors/18_on_device.py: making a tensor on a device, moving in one call.

``ones_on``: inputs of every dtype and shape, on the CPU or the meta device, for a CPU or meta
result of any dtype. The call runs under a dispatch mode that sees every tensor an operation
makes: one made on another device than the one asked for (built on the CPU, then copied to
meta) is reported. ``to_device_and_dtype``: CPU inputs (maybe requiring
grad) moved to the CPU or the meta device and cast; aliasing is compared (``.to`` returns x
itself when nothing changes).
"""

import torch
import torch.fx.experimental.symbolic_shapes  # noqa: F401 - warms the meta device before forks
from hypothesis import strategies as st

from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_leaves

from grader import corners
from grader.checks.ch01_tensors._common import EVERY, dtypes, examples
from grader.mistakes import mistake

CORNERS = ("zero_dim", "empty", "size_one", "noncontiguous", "requires_grad")
DEVICES = st.sampled_from([torch.device("cpu"), torch.device("meta")])


def on_meta(x):
    """x moved to the meta device (shapes and dtypes, no data), shown so it can be re-made."""
    return corners.remember(x.detach().to("meta"), f"({corners.made(x)}).to('meta')")


@st.composite
def ones_args(draw):
    x = draw(corners.tensors(dtypes=EVERY, corners=CORNERS))
    if draw(st.booleans()):
        x = on_meta(x)
    return {"x": x, "device": draw(DEVICES), "dtype": draw(dtypes())}


class _Elsewhere(TorchDispatchMode):
    """Notes whether any operation makes a tensor on another device than ``device``."""

    def __init__(self, device):
        super().__init__()
        self.device, self.seen = device, False

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        for value in tree_leaves(out):
            if isinstance(value, torch.Tensor) and value.device.type != self.device.type:
                self.seen = True
        return out


def watched(ones_on, x, device, dtype):
    """ones_on(x, device, dtype), watching every tensor the call makes (a dispatch mode)"""
    watcher = _Elsewhere(device)
    with watcher:
        ones = ones_on(x, device, dtype)
    return {"ones": ones, "a tensor was made on another device first": watcher.seen}


NOTES = {"result['a tensor was made": "pass device= (and dtype=) to the factory, so the tensor "
         "is made where it belongs instead of being made elsewhere and copied there."}


def test_ones_on(kata):
    kata.compare("ones_on", ones_args(), probe=watched, notes=NOTES, exact=True,
                 max_examples=20, examples=examples(
                     {"x": torch.zeros(2, dtype=torch.int64), "device": torch.device("meta"),
                      "dtype": torch.float16},
                     {"x": torch.zeros(2, 3), "device": torch.device("cpu"),
                      "dtype": torch.int64},
                     {"x": torch.zeros(3, dtype=torch.float64, device="meta"),
                      "device": torch.device("cpu"), "dtype": torch.bool},
                     {"x": torch.zeros(2, 2), "device": torch.device("meta"),
                      "dtype": torch.float32},
                     {"x": torch.zeros(3, 2).t(), "device": torch.device("meta"),
                      "dtype": torch.float64}))


@mistake("ones_on", diagnosis="torch.ones_like(x).to(device) kept x's dtype: the dtype asked "
         "for was never given. Pass both to the factory: torch.ones_like(x, dtype=dtype, "
         "device=device).")
def keeps_x_dtype(x, device, dtype):
    return torch.ones_like(x).to(device)


@mistake("ones_on", diagnosis="the tensor was made on the CPU and only then copied to the "
         "device: it existed twice (on a GPU: a CPU allocation and a copy for nothing). Create it "
         "on the device at once: torch.ones_like(x, dtype=dtype, "
         "device=device).")
def built_on_cpu(x, device, dtype):
    return torch.ones(x.shape, dtype=dtype).to(device)


@mistake("ones_on", diagnosis="torch.ones_like(x, dtype=dtype) puts the result on x's device, "
         "not on the device asked for: add device=device.")
def on_x_device(x, device, dtype):
    return torch.ones_like(x, dtype=dtype)


@mistake("ones_on", diagnosis="torch.ones(shape, device=device) without dtype= makes the "
         "default float32: pass dtype=dtype too.")
def default_dtype(x, device, dtype):
    return torch.ones(x.shape, device=device)


# -- to_device_and_dtype -----------------------------------------------------------------------
@st.composite
def to_args(draw):
    x = draw(corners.tensors(dtypes=EVERY, corners=CORNERS))
    same = draw(st.booleans())
    device = torch.device("cpu") if same else draw(DEVICES)
    dtype = x.dtype if same else draw(dtypes())
    return {"x": x, "device": device, "dtype": dtype}


def test_to_device_and_dtype(kata):
    kata.compare("to_device_and_dtype", to_args(), exact=True, max_examples=20,
                 examples=examples(
                     {"x": torch.tensor([1, 2]), "device": torch.device("cpu"),
                      "dtype": torch.float64},
                     {"x": torch.ones(2, 3), "device": torch.device("cpu"),
                      "dtype": torch.float32},
                     {"x": torch.ones(2, 2, requires_grad=True), "device": torch.device("meta"),
                      "dtype": torch.float64},
                     {"x": torch.ones(3, requires_grad=True), "device": torch.device("cpu"),
                      "dtype": torch.float32},
                     {"x": torch.arange(4).reshape(2, 2).t(), "device": torch.device("meta"),
                      "dtype": torch.int64}))


@mistake("to_device_and_dtype", diagnosis="x.to(device) moved the tensor but kept its dtype: "
         "give both in the one call, x.to(device, dtype).")
def forgets_dtype(x, device, dtype):
    return x.to(device)


@mistake("to_device_and_dtype", diagnosis="x.to(dtype) cast the tensor but left it on its "
         "device: give both in the one call, x.to(device, dtype).")
def forgets_device(x, device, dtype):
    return x.to(dtype)


@mistake("to_device_and_dtype", diagnosis="copy=True (or a clone first) copies even when x "
         "already has that device and dtype: x.to(device, dtype) returns x itself then, with no "
         "memory spent.")
def always_copies(x, device, dtype):
    return x.to(device, dtype, copy=True)


@mistake("to_device_and_dtype", diagnosis="torch.tensor(x, ...) copies x and cuts the copy from "
         "the autograd graph (PyTorch warns about it): x.to(device, dtype) stays in the graph and "
         "copies only when something changes.")
def tensor_of_tensor(x, device, dtype):
    return torch.tensor(x, device=device, dtype=dtype)
