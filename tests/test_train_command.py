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
    assert "not done yet" in err and "train_epoch_on" in err
    assert "Traceback" not in err
    assert not (tmp_path / "checkpoints").exists()


def test_train_mnist_needs_only_chapter_4_and_says_so_before_loading_anything(
        tmp_path: Path) -> None:
    """A learner done with chapter 4 can train MNIST; one who is not hears it at once."""
    import shutil
    import subprocess
    import sys

    from conftest import REPO

    learner = tmp_path / "exercises"
    shutil.copytree(SOLUTIONS, learner)
    shutil.copy(EXERCISES / "04_mnist" / "09_train_epoch.py", learner / "04_mnist")
    for chapter in ("05_cifar10_gpu",):  # chapter 5 untouched: stubs
        shutil.rmtree(learner / chapter)
        shutil.copytree(EXERCISES / chapter, learner / chapter)
    script = ("import sys; from grader import train; "
              f"code = train.main(['mnist', '--synthetic', '--exercises', {str(learner)!r}]); "
              "print('torch loaded:', 'torch' in sys.modules); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=tmp_path, env={"PYTHONPATH": str(REPO), "NO_COLOR": "1"},
                            timeout=120, check=False)
    assert result.returncode == 1
    assert "train_one_epoch (04_mnist/09_train_epoch.py)" in result.stderr
    assert "05_cifar10_gpu" not in result.stderr  # MNIST uses chapter 4 only
    assert "torch loaded: False" in result.stdout


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
