"""Checks for exercises/01_tensors/02_like.py: tensors that take dtype and device from another."""

import torch
import torch.fx.experimental.symbolic_shapes  # noqa: F401 - warms the meta device before forks
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake


@st.composite
def like_args(draw):
    fill = draw(st.sampled_from(("zeros", "ones", "randn")))
    override = draw(st.sampled_from((None, torch.float32, torch.float64, torch.int64)))
    if fill == "randn" and override == torch.int64:
        override = torch.float64
    floating = fill == "randn" and override is None
    ref = draw(ts.tensors(ts.shapes(min_dims=0), ts.float_dtypes() if floating else ts.dtypes()))
    if fill != "randn" and draw(st.booleans()):
        ref = ref.to("meta")  # (randn_like on meta would import torch._dynamo: seconds per worker)
    return {"ref": ref, "fill": fill, "dtype": override}


def made_like(new_like, ref, fill, dtype):
    """The result; for randn, its shape, dtype and device plus a 20000-draw summary instead.

    Random values are not compared one by one: randn_like(ref).to(dtype) is normal too.
    """
    result = new_like(ref, fill, dtype)
    if fill != "randn" or not torch.is_tensor(result):
        return result
    sample = new_like(torch.zeros(20000, dtype=ref.dtype), fill, dtype).double()
    return {"shape": tuple(result.shape), "dtype": result.dtype, "device": result.device,
            "mean (1 decimal)": round(float(sample.mean()), 1),
            "std (1 decimal)": round(float(sample.std()), 1)}


def test_new_like(kata):
    kata.compare("new_like", like_args(), probe=made_like, exact=True, max_examples=15,
                 examples=[
                     {"ref": torch.zeros(2, 3, dtype=torch.float64, device="meta"),
                      "fill": "ones", "dtype": None},
                     {"ref": torch.zeros(2, 3, dtype=torch.int32), "fill": "zeros", "dtype": None},
                     {"ref": torch.zeros(4, dtype=torch.float64), "fill": "randn",
                      "dtype": torch.float32},
                     {"ref": torch.zeros(2), "fill": "full", "dtype": None}])


@mistake("new_like", diagnosis="torch.zeros(ref.shape) copies only the shape: the result is "
         "float32 on the CPU whatever ref is. Use torch.zeros_like(ref, dtype=dtype) (and "
         "ones_like, randn_like), which also keep ref's dtype and device.")
def shape_only(ref, fill, dtype=None):
    factories = {"zeros": torch.zeros, "ones": torch.ones, "randn": torch.randn}
    if fill not in factories:
        raise ValueError(fill)
    return factories[fill](ref.shape, dtype=dtype)


@mistake("new_like", diagnosis="the dtype override was ignored: pass dtype=dtype to the *_like "
         "function (dtype=None keeps ref's dtype).")
def ignores_override(ref, fill, dtype=None):
    factories = {"zeros": torch.zeros_like, "ones": torch.ones_like, "randn": torch.randn_like}
    if fill not in factories:
        raise ValueError(fill)
    return factories[fill](ref)


@mistake("new_like", diagnosis="dtype and shape are right but the device was lost: create the "
         "tensor with a *_like function (or pass device=ref.device), so it lands where ref is.")
def forgets_device(ref, fill, dtype=None):
    factories = {"zeros": torch.zeros, "ones": torch.ones, "randn": torch.randn}
    if fill not in factories:
        raise ValueError(fill)
    return factories[fill](ref.shape, dtype=dtype or ref.dtype)


@st.composite
def data_args(draw):
    ref = draw(ts.tensors(ts.shapes(min_dims=0), ts.dtypes()))
    if draw(st.booleans()):
        ref = ref.to("meta")
    shape = draw(ts.shapes(min_dims=1, max_dims=2, min_side=1, max_side=3))
    number = (st.integers(0, 100) if draw(st.booleans())
              else st.floats(0, 100, allow_nan=False, width=32))
    flat = draw(st.lists(number, min_size=shape[0] * shape[-1] if len(shape) == 2 else shape[0],
                         max_size=shape[0] * shape[-1] if len(shape) == 2 else shape[0]))
    data = flat if len(shape) == 1 else [flat[i * shape[1]:(i + 1) * shape[1]]
                                         for i in range(shape[0])]
    return {"ref": ref, "data": data}


def test_new_from_data(kata):
    kata.compare("new_from_data", data_args(), exact=True, max_examples=10, examples=[
        {"ref": torch.zeros(1, dtype=torch.float64), "data": [1, 2]},
        {"ref": torch.zeros(1, dtype=torch.int32, device="meta"), "data": [[1, 2], [3, 4]]},
    ])


@mistake("new_from_data", diagnosis="torch.tensor(data) guesses the dtype from the data (int64 "
         "for ints, float32 for floats) and uses the CPU: use ref.new_tensor(data), or pass "
         "dtype=ref.dtype, device=ref.device.")
def guesses_dtype(ref, data):
    return torch.tensor(data)


@mistake("new_from_data", diagnosis="the dtype is right but the tensor is on the CPU: pass "
         "device=ref.device too, or use ref.new_tensor(data), which keeps both.")
def forgets_device_data(ref, data):
    return torch.tensor(data, dtype=ref.dtype)


@mistake("new_like", diagnosis="torch.rand_like draws uniformly from [0, 1); \"randn\" means "
         "normal (mean 0, std 1): use torch.randn_like.")
def uniform_not_normal(ref, fill, dtype=None):
    factories = {"zeros": torch.zeros_like, "ones": torch.ones_like, "randn": torch.rand_like}
    if fill not in factories:
        raise ValueError(fill)
    return factories[fill](ref, dtype=dtype)
