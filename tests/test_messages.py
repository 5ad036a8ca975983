"""How values are shown in a learner's message: short, but never hiding the digits that differ."""

from __future__ import annotations

import torch

from grader.messages import show


def test_small_float64_inputs_keep_every_digit() -> None:
    """A float64 input found by drawing must be copyable back into a test exactly."""
    value = 1.2567259879895403
    assert show(torch.tensor(value, dtype=torch.float64)) == (
        f"tensor({value!r}, dtype=torch.float64)")
    assert torch.tensor(value, dtype=torch.float64).item() == value


def test_float32_and_long_tensors_stay_short() -> None:
    assert show(torch.tensor([1.2345678])) == "tensor([1.23457])"
    text = show(torch.arange(100.0, dtype=torch.float64))
    assert "shape=(100,)" in text and "first values" in text
