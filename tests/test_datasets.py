"""The synthetic datasets load through torchvision exactly like the real downloads."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision import datasets as tv_datasets

from grader import datasets


@pytest.fixture(scope="module")
def roots(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("data")
    return (datasets.write_mnist(base / "mnist", n_train=120, n_test=45, seed=3),
            datasets.write_cifar10(base / "cifar", n_per_batch=30, n_test=25, seed=3))


def test_mnist_files_are_big_endian_idx_with_the_torchvision_names(roots) -> None:
    raw = roots[0] / "MNIST" / "raw"
    assert sorted(p.name for p in raw.iterdir()) == sorted(
        name for pair in datasets.MNIST_FILES.values() for name in pair)
    header = (raw / "train-images-idx3-ubyte").read_bytes()[:16]
    assert header == bytes([0, 0, 8, 3]) + (120).to_bytes(4, "big") + (28).to_bytes(4, "big") * 2
    labels_header = (raw / "t10k-labels-idx1-ubyte").read_bytes()[:8]
    assert labels_header == bytes([0, 0, 8, 1]) + (45).to_bytes(4, "big")


@pytest.mark.parametrize("train, size", [(True, 120), (False, 45)])
def test_torchvision_mnist_loads_the_synthetic_files(roots, train: bool, size: int) -> None:
    ds = tv_datasets.MNIST(str(roots[0]), train=train, download=False)
    assert len(ds) == size
    assert ds.data.dtype == torch.uint8 and ds.data.shape == (size, 28, 28)
    assert ds.targets.dtype == torch.int64
    assert set(ds.targets.tolist()) == set(range(10))
    assert len(ds.classes) == 10
    image, label = ds[0]
    assert isinstance(image, Image.Image) and image.mode == "L" and image.size == (28, 28)
    assert isinstance(label, int)


@pytest.mark.parametrize("train, size", [(True, 150), (False, 25)])
def test_offline_cifar10_loads_the_synthetic_files(roots, train: bool, size: int) -> None:
    ds = datasets.OfflineCIFAR10(str(roots[1]), train=train, download=False)
    assert isinstance(ds, tv_datasets.CIFAR10)
    assert len(ds) == size
    assert ds.data.dtype == np.uint8 and ds.data.shape == (size, 32, 32, 3)
    assert all(isinstance(t, int) for t in ds.targets) and set(ds.targets) <= set(range(10))
    assert ds.classes == datasets.CIFAR10_CLASSES
    assert ds.class_to_idx["cat"] == 3
    image, label = ds[0]
    assert isinstance(image, Image.Image) and image.mode == "RGB" and image.size == (32, 32)
    assert isinstance(label, int)


def test_the_real_cifar10_class_still_checks_md5s_and_refuses_synthetic_files(roots) -> None:
    with pytest.raises(RuntimeError, match="not found or corrupted"):
        tv_datasets.CIFAR10(str(roots[1]), train=False)


def test_offline_cifar10_travels_to_the_sandbox_by_reference() -> None:
    assert pickle.loads(pickle.dumps(datasets.OfflineCIFAR10)) is datasets.OfflineCIFAR10
    assert all(md5 is None for _, md5 in datasets.OfflineCIFAR10.train_list)


def test_cifar_rows_are_channel_planar_like_the_real_files(roots) -> None:
    with open(roots[1] / "cifar-10-batches-py" / "data_batch_1", "rb") as f:
        batch = pickle.load(f, encoding="latin1")
    images, labels = datasets.cifar10_arrays(30, seed=3 + 1)
    assert batch["labels"] == labels.tolist()
    assert np.array_equal(batch["data"][0, :1024].reshape(32, 32), images[0, :, :, 0])


def test_the_data_is_deterministic_from_the_seed() -> None:
    a, la = datasets.mnist_arrays(20, seed=1)
    b, lb = datasets.mnist_arrays(20, seed=1)
    c, _ = datasets.mnist_arrays(20, seed=2)
    assert np.array_equal(a, b) and np.array_equal(la, lb) and not np.array_equal(a, c)
    x, _ = datasets.cifar10_arrays(10, seed=1)
    y, _ = datasets.cifar10_arrays(10, seed=1)
    assert np.array_equal(x, y)


@pytest.mark.parametrize("kind", ["mnist", "cifar10"])
def test_a_small_cnn_learns_the_synthetic_data_in_seconds(kind: str) -> None:
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # 2 threads on 2 shared cores is many times slower
    try:
        _learn(kind)
    finally:
        torch.set_num_threads(threads)


def _learn(kind: str) -> None:
    torch.manual_seed(0)
    if kind == "mnist":
        x, y = datasets.mnist_arrays(1000, seed=0)
        xt, yt = datasets.mnist_arrays(250, seed=1)
        to = lambda a: torch.from_numpy(a).float().div(255).unsqueeze(1)  # (N, 1, 28, 28)
        channels, side = 1, 28
    else:
        x, y = datasets.cifar10_arrays(1000, seed=0)
        xt, yt = datasets.cifar10_arrays(250, seed=1)
        to = lambda a: torch.from_numpy(a).float().div(255).permute(0, 3, 1, 2)  # (N, 3, 32, 32)
        channels, side = 3, 32
    x, xt = to(x), to(xt)
    y, yt = torch.from_numpy(y).long(), torch.from_numpy(yt).long()
    net = torch.nn.Sequential(
        torch.nn.Conv2d(channels, 8, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(16 * (side // 4) ** 2, 10))
    optimizer = torch.optim.Adam(net.parameters(), lr=3e-3)
    g = torch.Generator().manual_seed(0)
    for _ in range(150):
        idx = torch.randint(0, len(x), (32,), generator=g)
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(net(x[idx]), y[idx]).backward()
        optimizer.step()
    with torch.no_grad():
        accuracy = (net(xt).argmax(1) == yt).float().mean().item()
    assert accuracy >= 0.85


def test_shared_roots_are_written_once_per_process() -> None:
    first = datasets.shared()
    assert first is datasets.shared()
    assert (Path(first.mnist) / "MNIST" / "raw" / "train-images-idx3-ubyte").is_file()
    assert (Path(first.cifar10) / "cifar-10-batches-py" / "test_batch").is_file()
