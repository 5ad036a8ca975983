"""Checks for exercises/01_tensors/02_like.py: tensors that take dtype and device from another."""

import numpy as np
import torch
import torch.fx.experimental.symbolic_shapes  # noqa: F401 - warms the meta device before forks
from hypothesis import strategies as st

from grader import corners
from grader.checks._errors import asked_value_error
from grader.checks.ch01_tensors._common import EVERY, FLOATS, INTEGERS, dtypes, examples
from grader.mistakes import mistake

FILLS = ("zeros", "ones", "randn")
REF_CORNERS = ("zero_dim", "empty", "size_one", "noncontiguous", "requires_grad")


@st.composite
def like_args(draw):
    fill = draw(st.sampled_from(FILLS + ("rand",)))
    override = draw(st.none() | dtypes(FLOATS if fill == "randn" else EVERY))
    floating = fill == "randn" and override is None
    ref = draw(corners.tensors(dtypes=FLOATS if floating else EVERY, corners=REF_CORNERS))
    if fill in ("zeros", "ones") and draw(st.booleans()):
        # (randn_like on meta would import torch._dynamo: seconds per worker)
        ref = on_meta(ref)
    return {"ref": ref, "fill": fill, "dtype": override}


def on_meta(ref):
    """ref moved to the meta device (shapes and dtypes, no data), shown so it can be re-made."""
    return corners.remember(ref.detach().to("meta"), f"({corners.made(ref)}).to('meta')")


def made_like(new_like, ref, fill, dtype):
    """The result; for randn, its shape, dtype and device plus a 20000-draw summary instead.

    Random values are not compared one by one: any normal draw will do. A ValueError asked for
    an unknown fill is compared by its type, not its wording.
    """
    with asked_value_error(f"unknown fill {fill!r}", asked=fill not in FILLS):
        result = new_like(ref, fill, dtype)
    if fill != "randn" or not torch.is_tensor(result):
        return result
    sample = new_like(torch.zeros(20000, dtype=ref.dtype), fill, dtype).double()
    return {"shape": tuple(result.shape), "dtype": result.dtype, "device": result.device,
            "requires grad": result.requires_grad,
            "20000 draws: mean (1 decimal)": round(float(sample.mean()), 1) + 0.0,
            "20000 draws: std (1 decimal)": round(float(sample.std()), 1)}


def test_new_like(kata):
    kata.compare("new_like", like_args(), probe=made_like, exact=True, max_examples=15,
                 examples=examples(
                     {"ref": torch.zeros(2, 3, dtype=torch.float64, device="meta"),
                      "fill": "ones", "dtype": None},
                     {"ref": torch.tensor(3.0), "fill": "ones", "dtype": None},
                     {"ref": torch.zeros(2), "fill": "zeros", "dtype": torch.int64},
                     {"ref": torch.zeros(4, dtype=torch.float64), "fill": "randn",
                      "dtype": torch.float32},
                     {"ref": torch.zeros(2), "fill": "rand", "dtype": None},
                     {"ref": torch.zeros(2), "fill": "full", "dtype": None},
                     {"ref": torch.ones(1, 3, dtype=torch.int32), "fill": "zeros",
                      "dtype": torch.bool}))


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


@mistake("new_like", diagnosis="dtype=None was passed on to torch.zeros/ones/randn, where None "
         "means the default float32, not ref's dtype: use dtype=dtype if dtype is not None else "
         "ref.dtype, or the *_like functions, where dtype=None keeps ref's dtype.")
def none_means_float32(ref, fill, dtype=None):
    factories = {"zeros": torch.zeros, "ones": torch.ones, "randn": torch.randn}
    if fill not in factories:
        raise ValueError(fill)
    return factories[fill](ref.shape, dtype=dtype, device=ref.device)


@mistake("new_like", diagnosis="getattr(torch, fill + \"_like\") accepts fills the exercise does "
         "not (\"rand\", \"empty\", \"full\"...) instead of raising ValueError: check fill "
         "against \"zeros\", \"ones\" and \"randn\" first.")
def getattr_like(ref, fill, dtype=None):
    return getattr(torch, fill + "_like")(ref, dtype=dtype)


@mistake("new_like", diagnosis="ref.to(...) returns ref itself when nothing changes, so filling "
         "it in place overwrote the caller's ref: make a new tensor (torch.zeros_like(ref, "
         "dtype=dtype) and the like).")
def fills_ref_in_place(ref, fill, dtype=None):
    if fill not in ("zeros", "ones", "randn"):
        raise ValueError(fill)
    x = ref.to(dtype if dtype is not None else ref.dtype)
    if fill == "zeros":
        x.zero_()
    elif fill == "ones":
        x.fill_(1)
    else:
        x.normal_()
    return x


@mistake("new_like", diagnosis="the legacy ref.new(*ref.size()) makes an empty 1-d tensor for a "
         "0-d ref (no sizes given): use torch.zeros_like(ref, dtype=dtype) and the like, which "
         "keep every shape.")
def legacy_new(ref, fill, dtype=None):
    if fill not in ("zeros", "ones", "randn"):
        raise ValueError(fill)
    out = ref.new(*ref.size())
    if fill == "zeros":
        out.zero_()
    elif fill == "ones":
        out.fill_(1)
    else:
        out.normal_()
    return out.type(dtype) if dtype is not None else out


@mistake("new_like", diagnosis="torch.rand_like draws uniformly from [0, 1); \"randn\" means "
         "normal (mean 0, std 1): use torch.randn_like.")
def uniform_not_normal(ref, fill, dtype=None):
    factories = {"zeros": torch.zeros_like, "ones": torch.ones_like, "randn": torch.rand_like}
    if fill not in factories:
        raise ValueError(fill)
    return factories[fill](ref, dtype=dtype)


# -- new_from_data ----------------------------------------------------------------------------
BIG_INTS = [2**53 + 1, 16777217, -(2**53) - 1]


def numbers_for(dtype):
    """Python numbers that ``dtype`` holds (ints of every size for int64, float64 digits...)."""
    if dtype == torch.bool:
        return st.booleans()
    if dtype.is_floating_point:
        return st.integers(-1000, 1000) | st.floats(-1e6, 1e6, allow_nan=False)
    info = torch.iinfo(dtype)
    extreme = [v for v in BIG_INTS + [info.max, info.min] if info.min <= v <= info.max]
    return st.integers(max(info.min, -1000), min(info.max, 1000)) | st.sampled_from(
        extreme).map(lambda v: corners.reached_value(v, dtype))


@st.composite
def data_args(draw):
    ref = draw(corners.tensors(dtypes=EVERY, corners=("zero_dim", "empty", "requires_grad")))
    if draw(st.booleans()):
        ref = on_meta(ref)
    rows, cols = draw(st.integers(0, 3)), draw(st.integers(1, 3))
    numbers = numbers_for(ref.dtype)
    if draw(st.booleans()):
        data = draw(st.lists(numbers, min_size=rows, max_size=rows))
    else:
        data = [draw(st.lists(numbers, min_size=cols, max_size=cols)) for _ in range(rows)]
    flat = [v for row in data for v in (row if isinstance(row, list) else [row])]
    if any(not isinstance(v, bool) and v < 0 for v in flat):
        corners.reach("negative")
    return {"ref": ref, "data": data}


def test_new_from_data(kata):
    kata.compare("new_from_data", data_args(), exact=True, max_examples=12, examples=examples(
        {"ref": torch.zeros(1, dtype=torch.int32, device="meta"), "data": [[1, 2], [3, 4]]},
        {"ref": torch.zeros(1, dtype=torch.int64), "data": [16777217, 2**53 + 1]},
        {"ref": torch.zeros(1, dtype=torch.float64), "data": [0.1, 1 / 3]},
        {"ref": torch.zeros(1, dtype=torch.float64), "data": [1, 2]},
        {"ref": torch.zeros(0, 2, dtype=torch.float16), "data": []},
    ))


@mistake("new_from_data", diagnosis="torch.tensor(data) guesses the dtype from the data (int64 "
         "for ints, float32 for floats) and uses the CPU: use ref.new_tensor(data), or pass "
         "dtype=ref.dtype, device=ref.device.")
def guesses_dtype(ref, data):
    return torch.tensor(data)


@mistake("new_from_data", diagnosis="the dtype is right but the tensor is on the CPU: pass "
         "device=ref.device too, or use ref.new_tensor(data), which keeps both.")
def forgets_device_data(ref, data):
    return torch.tensor(data, dtype=ref.dtype)


@mistake("new_from_data", diagnosis="torch.tensor(data) made float32 first (for float data), and "
         "only then was it cast to ref's dtype: float64 digits were already rounded away. Build "
         "the tensor at ref's dtype directly: ref.new_tensor(data).")
def float32_detour(ref, data):
    return torch.tensor(data).to(ref)


@mistake("new_from_data", diagnosis="the data went through float64 before the cast to ref's "
         "dtype: integers beyond 2**53 lose their last digits on the way. Build the tensor at "
         "ref's dtype directly: ref.new_tensor(data).")
def float64_detour(ref, data):
    return torch.tensor(data, dtype=torch.float64, device=ref.device).type_as(ref)


@mistake("new_from_data", diagnosis="the legacy torch.Tensor(data) always makes float32, so ints "
         "beyond 2**24 and float64 digits are rounded before .type(...) casts (and .type(ref.type()) "
         "fails off the CPU): use ref.new_tensor(data).")
def legacy_float_tensor(ref, data):
    return torch.Tensor(data).type(ref.type())


@mistake("new_from_data", diagnosis="np.array(data, dtype=np.float32) rounds the data to float32 "
         "(ints beyond 2**24, float64 digits) before the cast to ref's dtype: build the tensor at "
         "ref's dtype directly, ref.new_tensor(data).")
def numpy_float32(ref, data):
    return torch.from_numpy(np.array(data, dtype=np.float32)).to(ref.device, ref.dtype)
