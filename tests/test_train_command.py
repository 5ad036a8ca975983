"""``pytorch101 train``: end to end on synthetic data with the reference, and its clear errors."""

from __future__ import annotations

import importlib.util
import urllib.error
from pathlib import Path

import pytest
import torch
from conftest import EXERCISES, SOLUTIONS

from grader import train


def _options(tmp_path: Path, *extra: str) -> list[str]:
    return ["--runs", str(tmp_path / "runs"), "--checkpoints", str(tmp_path / "checkpoints"),
            "--epochs", "1", "--max-batches", "3", "--batch-size", "16", *extra]


def _reference_class(relative: str, name: str) -> type:
    spec = importlib.util.spec_from_file_location("reference_" + name, SOLUTIONS / relative)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def test_train_cifar10_with_the_reference_on_synthetic_data_logs_saves_and_scores(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = train.main(["cifar10", "--synthetic", "--reference", "--alias", "demo",
                       *_options(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "test accuracy:" in out and "[synthetic data]" in out
    assert "epoch 1/1" in err  # the progress bar's label
    checkpoint = tmp_path / "checkpoints" / "demo.pt"
    state = torch.load(checkpoint, weights_only=True)
    net = _reference_class("05_cifar10_gpu/01_baseline_net.py", "BaselineCifarNet")()
    net.load_state_dict(state)
    assert list((tmp_path / "runs" / "demo").glob("events.out.tfevents.*"))


def test_train_mnist_with_the_reference_reports_an_accuracy_between_0_and_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = train.main(["mnist", "--synthetic", "--reference", "--quiet", *_options(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    accuracy = float(out.split("test accuracy:")[1].split()[0])
    assert 0.0 <= accuracy <= 1.0
    assert (tmp_path / "checkpoints" / "mnist.pt").is_file()


def test_train_with_unfinished_stubs_names_the_exercises_to_finish_first(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = train.main(["cifar10", "--synthetic", "--exercises", str(EXERCISES),
                       *_options(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "finish these exercises first" in err and "train_epoch_on" in err
    assert "Traceback" not in err
    assert not (tmp_path / "checkpoints").exists()


def test_train_offline_without_data_says_what_to_do_instead_of_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from torchvision.datasets import cifar

    def offline(*args: object, **kwargs: object) -> None:
        raise urllib.error.URLError("[Errno -2] Name or service not known")

    monkeypatch.setattr(cifar, "download_and_extract_archive", offline)
    code = train.main(["cifar10", "--reference", "--data", str(tmp_path / "data"),
                       *_options(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "could not find or download CIFAR-10" in err and "--synthetic" in err
    assert "Traceback" not in err
