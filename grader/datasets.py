"""Offline synthetic MNIST and CIFAR-10, written in the exact on-disk formats torchvision reads.

Checks never download. These writers produce small, *learnable* stand-ins (class-dependent
structure plus noise; a small CNN reaches high accuracy in seconds), deterministic from a seed:

- ``write_mnist(root, n_train, n_test, seed)`` writes
  ``root/MNIST/raw/{train,t10k}-images-idx3-ubyte`` and ``...-labels-idx1-ubyte``
  (uncompressed big-endian IDX, the files ``torchvision.datasets.MNIST`` reads after a
  download). Each image is a "seven-segment" digit (the class), randomly shifted,
  scaled, thickened, blurred and noised. ``datasets.MNIST(root, train=..., download=False)`` loads
  it unchanged: torchvision only checks that the four raw files exist (no MD5 on raw files), and
  the folder name comes from the class name, so use ``datasets.MNIST`` itself (a subclass named
  ``Foo`` would look in ``root/Foo/raw``).
- ``write_cifar10(root, n_per_batch, n_test, seed)`` writes ``root/cifar-10-batches-py/`` with
  ``data_batch_1..5``, ``test_batch`` (pickled dicts with str keys ``"data"`` (N, 3072) uint8
  channel-planar rows, ``"labels"`` list of int) and ``batches.meta`` (``"label_names"``). Each
  image is a coloured shape on a noisy background; the class sets the shape and its hue.

CIFAR-10 and MD5s, the honest way: ``torchvision.datasets.CIFAR10`` checks the MD5 of all six
batch files and of ``batches.meta`` on *every* construction, so synthetic files are refused
("Dataset not found or corrupted"). We do not patch torchvision or fake checksums. Instead
``OfflineCIFAR10`` is a subclass whose class attributes list the same files with ``md5=None``
(``check_integrity`` then only checks that each file exists); everything else (folder,
unpickling, HWC layout, ``classes``) is torchvision's own code. Exercises that load CIFAR take
the dataset class (or a factory) as a parameter defaulting to ``torchvision.datasets.CIFAR10``;
checks pass ``OfflineCIFAR10`` (it pickles by reference, so it travels to the sandbox). On real
data a learner's code keeps the full MD5 check, and ``download=True`` still works when online.
Only point either class at files the grader wrote: CIFAR batches are plain pickles.

Checks get shared roots through ``kata.datasets`` (``.mnist``, ``.cifar10``: str paths, written
once per grading process by ``shared()``); a check that needs other sizes calls the writers on
``kata.tmp_path``.
"""

from __future__ import annotations

import atexit
import functools
import pickle
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MNIST_FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "t10k": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}
CIFAR10_FOLDER = "cifar-10-batches-py"
CIFAR10_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
                   "ship", "truck"]

# Seven-segment digits: a top, b upper right, c lower right, d bottom, e lower left,
# f upper left, g middle.
_SEGMENTS = ["abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg",
             "abcdfg"]


# -- MNIST ------------------------------------------------------------------------------------
def mnist_arrays(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` synthetic 28x28 uint8 digit images and their int labels (balanced, shuffled)."""
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % 10).astype(np.uint8)
    images = np.stack([_digit(int(c), rng) for c in labels])
    return images, labels


def _digit(label: int, rng: np.random.Generator) -> np.ndarray:
    canvas = np.zeros((28, 28), dtype=np.float64)
    h = int(rng.integers(16, 21))            # digit height
    w = int(rng.integers(9, 13))             # digit width
    t = int(rng.integers(2, 4))              # stroke thickness
    top = (28 - h) // 2 + int(rng.integers(-2, 3))   # roughly centred, like MNIST
    left = (28 - w) // 2 + int(rng.integers(-2, 3))
    mid = top + h // 2
    ink = rng.uniform(0.75, 1.0)
    boxes = {  # (row0, row1, col0, col1) of each segment
        "a": (top, top + t, left, left + w), "g": (mid - t // 2, mid - t // 2 + t, left, left + w),
        "d": (top + h - t, top + h, left, left + w),
        "f": (top, mid + 1, left, left + t), "e": (mid, top + h, left, left + t),
        "b": (top, mid + 1, left + w - t, left + w), "c": (mid, top + h, left + w - t, left + w),
    }
    for segment in _SEGMENTS[label]:
        r0, r1, c0, c1 = boxes[segment]
        canvas[r0:r1, c0:c1] = ink
    canvas = _blur(canvas)
    canvas += rng.normal(0.0, 0.08, canvas.shape)
    canvas += (rng.random(canvas.shape) < 0.01) * rng.uniform(0.3, 0.8)  # a few stray pixels
    return (np.clip(canvas, 0.0, 1.0) * 255).round().astype(np.uint8)


def _blur(image: np.ndarray) -> np.ndarray:
    """A 3x3 binomial blur (soft stroke edges, like scanned digits)."""
    padded = np.pad(image, 1, mode="edge")
    kernel = np.array([1.0, 2.0, 1.0]) / 4
    rows = sum(k * padded[i:i + image.shape[0], :] for i, k in enumerate(kernel))
    return sum(k * rows[:, j:j + image.shape[1]] for j, k in enumerate(kernel))


def write_idx(path: Path, array: np.ndarray) -> None:
    """Write a uint8 array as an uncompressed IDX file (big-endian header, raw bytes)."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim)
    header += struct.pack(f">{array.ndim}I", *array.shape)
    path.write_bytes(header + array.tobytes())


def write_mnist(root: str | Path, n_train: int = 1000, n_test: int = 250,
                seed: int = 0) -> Path:
    """Write a synthetic MNIST under ``root/MNIST/raw``; return ``root`` (what MNIST takes)."""
    root = Path(root)
    raw = root / "MNIST" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for split, n, split_seed in (("train", n_train, seed), ("t10k", n_test, seed + 10_007)):
        images, labels = mnist_arrays(n, split_seed)
        image_file, label_file = MNIST_FILES[split]
        write_idx(raw / image_file, images)
        write_idx(raw / label_file, labels)
    return root


# -- CIFAR-10 ---------------------------------------------------------------------------------
def cifar10_arrays(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` synthetic 32x32x3 (HWC) uint8 images and their int labels (balanced, shuffled)."""
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % 10).astype(np.int64)
    images = np.stack([_object(int(c), rng) for c in labels])
    return images, labels


def _object(label: int, rng: np.random.Generator) -> np.ndarray:
    yy, xx = np.mgrid[0:32, 0:32].astype(np.float64)
    cy, cx = rng.uniform(11, 21, size=2)
    r = rng.uniform(6, 10)
    dy, dx = (yy - cy) / r, (xx - cx) / r
    shapes = [
        dy**2 + dx**2 < 1,                                   # airplane: disc
        (abs(dy) < 0.8) & (abs(dx) < 0.8),                   # automobile: square
        (dy > -0.9) & (dy < 0.9) & (abs(dx) < (dy + 0.9) / 2),  # bird: triangle
        (abs(dy) < 0.35) & (abs(dx) < 1.2),                  # cat: horizontal bar
        (abs(dx) < 0.35) & (abs(dy) < 1.2),                  # deer: vertical bar
        (dy**2 + dx**2 < 1) & (dy**2 + dx**2 > 0.4),         # dog: ring
        ((abs(dy) < 0.3) | (abs(dx) < 0.3)) & (abs(dy) < 1) & (abs(dx) < 1),  # frog: cross
        (abs(dy - dx) < 0.35) & (abs(dy) < 1),               # horse: diagonal
        ((np.floor(dy * 2) + np.floor(dx * 2)) % 2 == 0) & (abs(dy) < 1) & (abs(dx) < 1),  # ship
        ((dy + 0.4)**2 + dx**2 < 0.2) | ((dy - 0.4)**2 + dx**2 < 0.2),  # truck: two dots
    ]
    mask = shapes[label].astype(np.float64)
    hue = (label / 10 + rng.normal(0, 0.02)) % 1.0
    colour = _hue_to_rgb(hue) * rng.uniform(0.7, 1.0)
    background = rng.uniform(0.1, 0.5, size=3) * (0.7 + 0.3 * yy[..., None] / 31)
    image = background * (1 - mask[..., None]) + colour * mask[..., None]
    image += rng.normal(0.0, 0.06, image.shape)
    return (np.clip(image, 0.0, 1.0) * 255).round().astype(np.uint8)


def _hue_to_rgb(hue: float) -> np.ndarray:
    """A saturated colour for a hue in [0, 1)."""
    k = (np.array([5.0, 3.0, 1.0]) + hue * 6) % 6
    return 1 - np.clip(np.minimum(k, 4 - k), 0, 1)


def _cifar_batch(images: np.ndarray, labels: np.ndarray, name: str) -> dict:
    planar = images.transpose(0, 3, 1, 2).reshape(len(images), 3 * 32 * 32)  # (N, 3072): R, G, B
    return {"batch_label": name, "labels": [int(c) for c in labels],
            "data": np.ascontiguousarray(planar, dtype=np.uint8),
            "filenames": [f"synthetic_{i}.png" for i in range(len(labels))]}


def write_cifar10(root: str | Path, n_per_batch: int = 200, n_test: int = 250,
                  seed: int = 0) -> Path:
    """Write a synthetic CIFAR-10 under ``root/cifar-10-batches-py``; return ``root``.

    Five training batches of ``n_per_batch`` images, one test batch, and ``batches.meta``.
    Load it with ``OfflineCIFAR10(root, train=...)`` (see the module docstring for why).
    """
    root = Path(root)
    folder = root / CIFAR10_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, 6):
        images, labels = cifar10_arrays(n_per_batch, seed + i)
        _dump(folder / f"data_batch_{i}", _cifar_batch(images, labels, f"training batch {i} of 5"))
    images, labels = cifar10_arrays(n_test, seed + 10_007)
    _dump(folder / "test_batch", _cifar_batch(images, labels, "testing batch 1 of 1"))
    _dump(folder / "batches.meta", {"label_names": list(CIFAR10_CLASSES),
                                    "num_cases_per_batch": n_per_batch, "num_vis": 3072})
    return root


def _dump(path: Path, obj: dict) -> None:
    with open(path, "wb") as f:
        pickle.dump(obj, f, protocol=2)


def _offline_cifar10() -> type:
    from torchvision import datasets

    class OfflineCIFAR10(datasets.CIFAR10):
        """``torchvision.datasets.CIFAR10`` for the grader's synthetic files: same files and code,
        existence checks instead of the real archive's MD5s (which synthetic data cannot match)."""

        train_list = [[name, None] for name, _ in datasets.CIFAR10.train_list]
        test_list = [[name, None] for name, _ in datasets.CIFAR10.test_list]
        meta = {**datasets.CIFAR10.meta, "md5": None}

    OfflineCIFAR10.__module__ = __name__
    OfflineCIFAR10.__qualname__ = "OfflineCIFAR10"
    return OfflineCIFAR10


def __getattr__(name: str) -> object:
    # Built on first use so that importing this module does not import torchvision (slow).
    if name == "OfflineCIFAR10":
        cls = _offline_cifar10()
        globals()["OfflineCIFAR10"] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -- shared roots for checks ------------------------------------------------------------------
@dataclass(frozen=True)
class SyntheticData:
    """Roots of the shared synthetic datasets (str paths, ready to pass to the sandbox)."""

    mnist: str
    """Pass as ``root`` to ``torchvision.datasets.MNIST`` (1000 train / 250 test images)."""
    cifar10: str
    """Pass as ``root`` to ``OfflineCIFAR10`` (5 x 200 train / 250 test images)."""


@functools.cache
def shared() -> SyntheticData:
    """Write the shared datasets once per process into a temporary folder removed at exit."""
    base = Path(tempfile.mkdtemp(prefix="pytorch101-data-"))
    base.chmod(0o755)  # readable by learner workers running as another user (course graders)
    atexit.register(shutil.rmtree, base, ignore_errors=True)
    return SyntheticData(mnist=str(write_mnist(base / "mnist")),
                         cifar10=str(write_cifar10(base / "cifar10")))
