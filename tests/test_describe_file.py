"""grader.checks.ch05_cifar10_gpu._helpers.describe_file: says what a saved file holds, and never
runs what a pickle asks for while finding out."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import torch

from grader.checks.ch05_cifar10_gpu._helpers import Payload, describe_file, tiny_net


def _saved(tmp_path: Path, obj: object) -> str:
    path = str(tmp_path / "file.pt")
    torch.save(obj, path)
    return path


def test_a_state_dict(tmp_path: Path) -> None:
    assert describe_file(_saved(tmp_path, tiny_net(0).state_dict())) == \
        "a dict of tensors (a state_dict)"


def test_a_pickled_model_and_optimizer(tmp_path: Path) -> None:
    model = tiny_net(0)
    assert describe_file(_saved(tmp_path, model)) == "a pickled nn.Module (TinyCifarNet)"
    both = {"model": model, "optimizer": torch.optim.SGD(model.parameters(), lr=0.1)}
    assert describe_file(_saved(tmp_path, both)) == \
        "a pickled nn.Module (TinyCifarNet) and a pickled optimizer (SGD)"


def test_numpy_arrays(tmp_path: Path) -> None:
    arrays = {k: v.numpy() for k, v in tiny_net(0).state_dict().items()}
    assert describe_file(_saved(tmp_path, arrays)) == "NumPy arrays"
    assert describe_file(_saved(tmp_path, {"rng": np.random.get_state()})) == "NumPy arrays"


def test_torchscript_and_torn_files(tmp_path: Path) -> None:
    model = torch.nn.Linear(3, 2).eval()
    path = str(tmp_path / "ts.pt")
    torch.jit.save(torch.jit.trace(model, torch.randn(2, 3)), path)
    assert describe_file(path) == "a TorchScript archive (torch.jit.save)"
    torn = tmp_path / "torn.pt"
    torn.write_bytes(b"half a checkpoint")
    assert describe_file(str(torn)) == \
        "bytes that are not an archive of torch.save or torch.export.save"


@pytest.mark.parametrize("protocol", [2, 4])
def test_a_payload_never_runs(tmp_path: Path, protocol: int) -> None:
    marker = str(tmp_path / "PWNED")
    path = str(tmp_path / "evil.pt")
    torch.save({"w": torch.zeros(2), "extra": Payload(marker)}, path, pickle_protocol=protocol)
    described = describe_file(path)
    assert not os.path.exists(marker)
    assert described == "pickled objects (os.makedirs)"
