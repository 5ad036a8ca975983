"""Checks for exercises/01_tensors/01_factories.py: factories by name."""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.mistakes import mistake

RANDOM_KINDS = ("rand", "randn")


@st.composite
def factory_args(draw):
    kind = draw(st.sampled_from(("empty", "zeros", "ones", "rand", "randn")))
    dtype = draw(ts.float_dtypes() if kind in RANDOM_KINDS else ts.dtypes())
    return {"kind": kind, "shape": draw(ts.shapes(min_dims=0)), "dtype": dtype}


def sample_summary(sample):
    """Facts about a big random sample that any correct generator shares (the values differ)."""
    sample = sample.double()
    return {"min >= 0": bool(sample.min() >= 0), "max < 1": bool(sample.max() < 1),
            "mean (1 decimal)": round(float(sample.mean()), 1),
            "std (1 decimal)": round(float(sample.std()), 1)}


def made(make_tensor, kind, shape, dtype):
    """Shape, dtype, device; exact values for zeros/ones; a 20000-draw summary for rand/randn.

    Random values are not compared one by one: torch.rand(shape).to(dtype) is uniform too.
    """
    t = make_tensor(kind, shape, dtype)
    if not torch.is_tensor(t):
        return t
    facts = {"shape": tuple(t.shape), "dtype": t.dtype, "device": t.device,
             "values": t if kind in ("zeros", "ones") else None}
    if kind in RANDOM_KINDS:
        facts["distribution"] = sample_summary(make_tensor(kind, (20000,), dtype))
    return facts


def test_make_tensor(kata):
    kata.compare("make_tensor", factory_args(), probe=made, exact=True, max_examples=15,
                 examples=[
                     {"kind": "rand", "shape": (3, 2), "dtype": torch.float32},
                     {"kind": "zeros", "shape": (2, 3), "dtype": torch.int64},
                     {"kind": "uniform", "shape": (2,), "dtype": torch.float32}])


@mistake("make_tensor", diagnosis="torch.randn draws from a normal distribution; \"rand\" means "
         "uniform on [0, 1) (tf.random.uniform): use torch.rand for it.")
def rand_is_normal(kind, shape, dtype=torch.float32):
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.randn, "randn": torch.randn}
    if kind not in factories:
        raise ValueError(kind)
    return factories[kind](shape, dtype=dtype)


@mistake("make_tensor", diagnosis="the dtype argument was not passed on: factories make float32 "
         "unless you give dtype=dtype.")
def ignores_dtype(kind, shape, dtype=torch.float32):
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.rand, "randn": torch.randn}
    if kind not in factories:
        raise ValueError(kind)
    return factories[kind](shape)


@mistake("make_tensor", diagnosis="looking the kind up with getattr(torch, kind) accepts any torch "
         "function name and fails with AttributeError on unknown ones: check the kind against the "
         "five allowed names and raise ValueError.")
def getattr_dispatch(kind, shape, dtype=torch.float32):
    return getattr(torch, kind)(shape, dtype=dtype)
