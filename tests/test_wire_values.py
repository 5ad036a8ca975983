"""Whatever a learner's function returns comes back to the grader as data it can compare (or an
honest stand-in), never as a reply the grader cannot read."""

from __future__ import annotations

import enum

import numpy as np
import pytest
import torch

from grader.sandbox import wire, worker


class Colour(enum.IntEnum):
    RED = 1


def round_trip(value):
    return wire.loads_reply(wire.dumps_reply(worker.encode(value)))


@pytest.mark.parametrize("value", [np.float64(0.0), np.int64(8), np.float32(1.5), np.bool_(True)])
def test_numpy_scalars_come_back_as_numpy_scalars(value) -> None:
    back = round_trip(value)  # np.float64 is a Python float too: it must still say NumPy
    assert isinstance(back, wire.NPScalar)
    assert (back.dtype, back.value) == (str(value.dtype), value.item())


@pytest.mark.parametrize("value", [0, 1.5, "text", True, None, torch.Size([2, 3]),
                                   torch.float16, torch.device("cpu")])
def test_plain_values_come_back_as_they_are(value) -> None:
    back = round_trip(value)
    assert type(back) is type(value) and back == value


def test_a_subclass_of_a_builtin_comes_back_as_a_stand_in_not_a_broken_reply() -> None:
    back = round_trip(Colour.RED)
    assert isinstance(back, wire.Opaque) and "Colour" in back.type_name
