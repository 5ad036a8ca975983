"""What our event reader sees is what TensorBoard itself shows.

The chapter-4 checks read event files with ``grader.tbevents`` (TFRecord framing + tensorboardX's
protobuf). Here TensorBoard's own ``EventAccumulator`` reads the same files, written by the
reference solutions and by both SummaryWriter implementations, and the two readings must agree.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import torch
from PIL import Image
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from grader import tbevents

from conftest import SOLUTIONS


def _solution(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"solution_{Path(name).stem}",
                                                  SOLUTIONS / "04_mnist" / name)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _accumulator(logdir: Path) -> EventAccumulator:
    accumulator = EventAccumulator(str(logdir), size_guidance={"scalars": 0, "images": 0})
    accumulator.Reload()
    return accumulator


def _tensorboard_scalars(logdir: Path) -> dict[str, list[tuple[int, float]]]:
    acc = _accumulator(logdir)
    return {tag: [(e.step, e.value) for e in acc.Scalars(tag)] for tag in acc.Tags()["scalars"]}


@pytest.fixture(params=["tensorboardX", "torch.utils.tensorboard"])
def writer_class(request: pytest.FixtureRequest) -> type:
    if request.param == "tensorboardX":
        from tensorboardX import SummaryWriter
    else:
        from torch.utils.tensorboard import SummaryWriter
    return SummaryWriter


def test_scalars_read_back_as_tensorboard_reads_them(tmp_path: Path, writer_class: type) -> None:
    writer = writer_class(str(tmp_path / "run"))
    for step in range(7):
        writer.add_scalar("loss/train", 1.0 / (step + 1), step)
        writer.add_scalar("data/sinx", float(np.sin(step)), step)
    writer.close()
    ours = tbevents.scalars(tmp_path / "run")
    assert ours == _tensorboard_scalars(tmp_path / "run")
    assert [s for s, _ in ours["data/sinx"]] == list(range(7))
    assert np.allclose([v for _, v in ours["data/sinx"]], np.sin(np.arange(7)), atol=1e-6)


def test_image_grids_from_the_reference_match_tensorboard(tmp_path: Path,
                                                          writer_class: type) -> None:
    log_image_grid = _solution("12_image_grid.py").log_image_grid
    writer = writer_class(str(tmp_path / "run"))
    images = torch.randn(10, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    log_image_grid(writer, images, 3)
    log_image_grid(writer, images[:4], 9, tag="small", nrow=2)
    writer.close()
    ours = tbevents.images(tmp_path / "run")
    acc = _accumulator(tmp_path / "run")
    assert sorted(ours) == sorted(acc.Tags()["images"]) == ["inputs", "small"]
    for tag, entries in ours.items():
        theirs = acc.Images(tag)
        assert [e["step"] for e in entries] == [e.step for e in theirs]
        for mine, event in zip(entries, theirs):
            assert (mine["height"], mine["width"]) == (event.height, event.width)
            decoded = np.asarray(Image.open(io.BytesIO(event.encoded_image_string)).convert("RGB"))
            assert np.array_equal(mine["pixels"], decoded)
    # make_grid, 10 images, 8 per row, padding 2: 2 rows of 28 + 3 paddings = 62 high, 8*30+2 wide
    assert (ours["inputs"][0]["height"], ours["inputs"][0]["width"]) == (62, 242)


def test_run_folders_from_the_reference_writer_are_tensorboard_runs(tmp_path: Path) -> None:
    make_run_writer = _solution("11_run_writer.py").make_run_writer
    for i, name in enumerate(["baseline", "lr-0.1"]):
        writer = make_run_writer(str(tmp_path / "logs"), name)
        writer.add_scalar("probe/value", i + 0.5, i)
        writer.close()
    assert tbevents.run_folders(tmp_path) == ["logs/baseline", "logs/lr-0.1"]
    from tensorboard.backend.event_processing.event_multiplexer import EventMultiplexer

    multiplexer = EventMultiplexer()
    multiplexer.AddRunsFromDirectory(str(tmp_path / "logs"))
    multiplexer.Reload()
    assert sorted(multiplexer.Runs()) == ["baseline", "lr-0.1"]
    for i, name in enumerate(["baseline", "lr-0.1"]):
        events = multiplexer.Scalars(name, "probe/value")
        assert [(e.step, e.value) for e in events] == [(i, i + 0.5)]
        assert tbevents.scalars(tmp_path / "logs" / name) == {"probe/value": [(i, i + 0.5)]}


def test_a_damaged_event_file_is_refused(tmp_path: Path) -> None:
    from tensorboardX import SummaryWriter

    writer = SummaryWriter(str(tmp_path))
    writer.add_scalar("x", 1.0, 0)
    writer.close()
    (path,) = tmp_path.glob("events.out.tfevents.*")
    data = bytearray(path.read_bytes())
    data[-6] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(tbevents.CorruptEventFile):
        tbevents.read_records(path)
