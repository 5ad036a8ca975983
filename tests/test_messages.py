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
    text = show(torch.linspace(0, 1, 100, dtype=torch.float64) ** 2)
    assert "shape=(100,)" in text and "first values" in text and len(text) < 160


def test_large_constant_and_counting_tensors_are_shown_as_code() -> None:
    assert show(torch.zeros(3, 4, 5)) == "torch.zeros(3, 4, 5)"
    assert show(torch.arange(100.0, dtype=torch.float64)) == (
        "torch.arange(100., dtype=torch.float64)")
    assert show(torch.arange(30).reshape(5, 6)) == "torch.arange(30).reshape(5, 6)"
    assert eval(show(torch.full((5, 6), 2.5))).equal(torch.full((5, 6), 2.5))


def test_a_drawn_input_is_shown_as_the_code_that_makes_it_again() -> None:
    from hypothesis import given, settings

    from grader import corners

    shown = []

    @settings(max_examples=30, derandomize=True, database=None)
    @given(corners.tensors(dtypes=corners.NUMERIC))
    def draw(t: torch.Tensor) -> None:
        shown.append((t, show(t)))

    draw()
    for t, text in shown:
        code = text.split("  (")[0]
        if code.startswith(("torch.tensor(", "torch.empty(")):
            assert torch.equal(eval(code), t.detach().contiguous()), text


def test_long_text_is_cut_between_tokens() -> None:
    from grader.messages import shorten

    text = "tensor([1.2345, 2.3456, 3.4567, 4.5678, 5.6789, 6.7891])"
    cut = shorten(text, 30)
    assert cut.endswith(" ...") and cut[:-4] in text and cut[:-4].endswith(("5", "6"))


def test_tensorflow_names_get_their_pytorch_name() -> None:
    from grader import tf_names

    assert "unsqueeze" in tf_names.hint("module 'torch' has no attribute 'expand_dims'")
    assert "x.sum" in tf_names.hint("'Tensor' object has no attribute 'reduce_sum'")
    assert tf_names.hint("module 'torch' has no attribute 'frobnicate'") is None


def test_what_code_printed_reads_the_same_every_run() -> None:
    from grader.messages import printed

    run = ("W1207 13:14:09.619000 29344 torch/_dynamo/variables/tensor.py:1841] [0/0] Graph break\n"
           "hello\n")
    again = run.replace("13:14:09.619000 29344", "13:15:01.000001 31000")
    assert printed(run) == printed(again) == "[0/0] Graph break\nhello"
    assert printed("Terminating process 10841 via signal SIGTERM") == printed(
        "Terminating process 11460 via signal SIGTERM")
    long = "\n".join(f"line {i}" for i in range(500))
    shown = printed(long)
    assert shown.endswith("line 499") and len(shown) <= 1000 and shown.startswith("line ")


def test_a_note_is_shown_for_a_key_that_repr_quotes_with_double_quotes() -> None:
    """A probe key holding an apostrophe reads result["the batch's loss"]; its note, written
    with the usual result['...', must still be shown."""
    from grader.compare import Difference
    from grader.messages import mismatch

    difference = Difference('result["the batch\'s loss"]', "value", "expected 1.0, got 2.0")
    text = mismatch("f", {}, difference, None, {"result['the batch": "divide the sum"}, None)
    assert "divide the sum" in text
