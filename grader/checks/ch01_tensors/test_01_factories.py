"""Checks for exercises/01_tensors/01_factories.py: factories by name."""

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks._errors import asked_value_error
from grader.checks.ch01_tensors._common import EVERY, FLOATS, dtypes, examples
from grader.mistakes import mistake

KINDS = ("empty", "zeros", "ones", "rand", "randn")
RANDOM_KINDS = ("rand", "randn")
UNKNOWN_KINDS = ("full", "uniform", "Zeros", " ones", "normal", "randint")
SHAPE_CORNERS = ("zero_dim", "empty", "size_one")


@st.composite
def factory_args(draw):
    kind = draw(st.sampled_from(KINDS + UNKNOWN_KINDS[:2]))
    dtype = draw(dtypes(FLOATS if kind in RANDOM_KINDS else EVERY))
    return {"kind": kind, "shape": draw(corners.shapes(max_dims=3, corners=SHAPE_CORNERS)),
            "dtype": dtype}


def sample_summary(sample):
    """Facts about a big random sample that any correct generator shares (the values differ)."""
    sample = sample.double()
    return {"all >= 0": bool(sample.min() >= 0), "all < 1": bool(sample.max() < 1),
            "mean (1 decimal)": round(float(sample.mean()), 1) + 0.0,
            "std (1 decimal)": round(float(sample.std()), 1)}


def made(make_tensor, kind, shape, dtype):
    """Shape, dtype, device; exact values for zeros/ones; a 20000-draw summary for rand/randn.

    Random values are not compared one by one: any uniform (normal) draw will do. A ValueError
    asked for an unknown kind is compared by its type, not its wording.
    """
    with asked_value_error(f"unknown kind {kind!r}", asked=kind not in KINDS):
        t = make_tensor(kind, shape, dtype)
    if not torch.is_tensor(t):
        return t
    facts = {"shape": tuple(t.shape), "dtype": t.dtype, "device": t.device,
             "values": t if kind in ("zeros", "ones") else None}
    if kind in RANDOM_KINDS:
        facts["20000 draws"] = sample_summary(make_tensor(kind, (20000,), dtype))
    return facts


def test_make_tensor(kata):
    kata.compare("make_tensor", factory_args(), probe=made, exact=True, max_examples=15,
                 examples=examples(
                     {"kind": "zeros", "shape": (2, 3), "dtype": torch.int64},
                     {"kind": "ones", "shape": (), "dtype": torch.float32},
                     {"kind": "rand", "shape": (3, 2), "dtype": torch.float32},
                     {"kind": "randn", "shape": (4,), "dtype": torch.float64},
                     {"kind": "rand", "shape": (5,), "dtype": torch.bfloat16},
                     {"kind": "uniform", "shape": (2,), "dtype": torch.float32},
                     {"kind": "Zeros", "shape": (2,), "dtype": torch.float32},
                     {"kind": " ones", "shape": (2,), "dtype": torch.float32}))


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


@mistake("make_tensor", diagnosis="an unknown kind raised KeyError from the dictionary lookup; "
         "the exercise asks for ValueError: test `kind not in factories` first and raise "
         "ValueError.")
def key_error(kind, shape, dtype=torch.float32):
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.rand, "randn": torch.randn}
    return factories[kind](shape, dtype=dtype)


@mistake("make_tensor", diagnosis="the kind was normalised (lower-cased or stripped) before the "
         "lookup, so names that are not one of the five (\"Zeros\", \" ones\") were accepted: "
         "compare kind as it is and raise ValueError for anything else.")
def normalises_kind(kind, shape, dtype=torch.float32):
    kind = kind.strip().lower()
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.rand, "randn": torch.randn}
    if kind not in factories:
        raise ValueError(kind)
    return factories[kind](shape, dtype=dtype)


@mistake("make_tensor", diagnosis="the shape was unpacked (torch.zeros(*shape)): the 0-d shape () "
         "then passes no size at all (TypeError). Pass the tuple whole: torch.zeros(shape, "
         "dtype=dtype).")
def unpacks_shape(kind, shape, dtype=torch.float32):
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.rand, "randn": torch.randn}
    if kind not in factories:
        raise ValueError(kind)
    return factories[kind](*shape, dtype=dtype)


@mistake("make_tensor", diagnosis="the dtype was passed as a second positional argument, as in "
         "tf.zeros(shape, dtype); torch factories take it only as a keyword: dtype=dtype.")
def positional_dtype(kind, shape, dtype=torch.float32):
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.rand, "randn": torch.randn}
    if kind not in factories:
        raise ValueError(kind)
    return factories[kind](shape, dtype)


@mistake("make_tensor", diagnosis="\"randn\" came from torch.normal(0., 1., size=shape) without "
         "dtype=, so it is always float32: pass dtype=dtype (or use torch.randn(shape, "
         "dtype=dtype)).")
def normal_without_dtype(kind, shape, dtype=torch.float32):
    if kind == "randn":
        return torch.normal(0.0, 1.0, size=shape)
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.rand}
    if kind not in factories:
        raise ValueError(kind)
    return factories[kind](shape, dtype=dtype)


@mistake("make_tensor", diagnosis="the legacy constructor torch.Tensor(*shape) makes an empty 1-d "
         "tensor when shape is (), not a 0-d one: use the factories, torch.zeros(shape, "
         "dtype=dtype) and the like.")
def legacy_constructor(kind, shape, dtype=torch.float32):
    if kind not in ("empty", "zeros", "ones", "rand", "randn"):
        raise ValueError(kind)
    t = torch.Tensor(*shape)
    if kind == "zeros":
        t.zero_()
    elif kind == "ones":
        t.fill_(1)
    elif kind == "rand":
        t.uniform_()
    elif kind == "randn":
        t.normal_()
    return t.type(dtype)


@mistake("make_tensor", diagnosis="the shape () was replaced by (1,), so a 0-d tensor was asked "
         "for and a 1-element 1-d one came back: () is a valid shape, pass it as it is.")
def promotes_scalar_shape(kind, shape, dtype=torch.float32):
    if not shape:
        shape = (1,)
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.rand, "randn": torch.randn}
    if kind not in factories:
        raise ValueError(kind)
    return factories[kind](shape, dtype=dtype)


@mistake("make_tensor", diagnosis="the values were drawn in float32 and cast to the dtype "
         "afterwards: in float16/bfloat16 values just below 1 round up to 1.0, outside [0, 1). "
         "Pass dtype=dtype to the factory so it draws in that dtype.")
def casts_after_drawing(kind, shape, dtype=torch.float32):
    factories = {"empty": torch.empty, "zeros": torch.zeros, "ones": torch.ones,
                 "rand": torch.rand, "randn": torch.randn}
    if kind not in factories:
        raise ValueError(f"unknown kind {kind}")
    return factories[kind](shape).to(dtype)
