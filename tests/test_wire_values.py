"""Whatever a learner's function returns comes back to the grader as data it can compare (or an
honest stand-in), never as a reply the grader cannot read."""

from __future__ import annotations

import enum
import os
import subprocess
import sys

import numpy as np
import pytest
import torch
from conftest import REPO

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


@pytest.mark.parametrize("said", [
    "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU",
    "Cannot re-initialize CUDA in forked subprocess. To use CUDA with multiprocessing, you must "
    "use the 'spawn' start method",
    "Torch not compiled with CUDA enabled"])
def test_cuda_that_cannot_start_reads_the_same_on_every_backend(said: str) -> None:
    # fork's worker and forkserver's say it differently; the verdict's message must not differ
    assert worker._message(RuntimeError(said)) == worker.NO_CUDA_MESSAGE


SPAWN_PREPARATION = """
import multiprocessing.spawn, sys
from grader.sandbox import worker
if sys.argv[1] == "neutral":
    worker._neutral_main()
data = multiprocessing.spawn.get_preparation_data("child")
print(sorted(k for k in data if k.startswith("init_main")))
"""


def test_a_forked_worker_s_spawned_children_do_not_rerun_the_grader_s_main(tmp_path) -> None:
    script = tmp_path / "grading_script.py"  # a main module without a __main__ guard
    script.write_text(SPAWN_PREPARATION, encoding="utf-8")

    def main_imports(mode: str) -> str:
        done = subprocess.run([sys.executable, str(script), mode], capture_output=True,
                              text=True, cwd=REPO, timeout=120, check=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
        return done.stdout.strip()

    assert main_imports("as_is") == "['init_main_from_path']"  # what a child would re-run
    assert main_imports("neutral") == "[]"
