"""Checks for exercises/04_mnist/05_custom_dataset.py: a map-style Dataset over arrays."""

import itertools

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

from grader.datasets import mnist_arrays
from grader.mistakes import mistake


def _label(label):
    """A label as the learner would see it printed: its kind, then its value."""
    if isinstance(label, (np.generic, np.ndarray)):
        return f"a NumPy {type(label).__name__} ({label!r})"
    if torch.is_tensor(label):
        return f"a tensor ({label!r})"
    return label


def _read(action):
    """What an action gives, or the name of the exception it raises."""
    try:
        return action()
    except Exception as exc:  # noqa: BLE001 - the exception's kind is the fact
        return f"raises {'IndexError' if isinstance(exc, IndexError) else type(exc).__name__}"


def dataset_facts(target, n, seed, with_transform):
    """ArrayImageDataset(n synthetic digits (n, 28, 28) uint8, labels (n,) uint8, ToTensor() or None)"""
    images, labels = mnist_arrays(n, seed)
    kept = images.copy(), labels.copy()
    ds = target(images, labels, transforms.ToTensor() if with_transform else None)
    n = len(ds)
    items = [ds[i] for i in (0, n - 1)]
    facts = {"len(ds)": n, "images": [image for image, _ in items],
             "labels": [_label(label) for _, label in items]}
    again = ds[0][0]
    facts["ds[0] read again gives the same image"] = bool(
        np.array_equal(np.asarray(again), np.asarray(items[0][0])))
    facts["ds[-1] is the last example"] = _read(
        lambda: bool(np.array_equal(np.asarray(ds[-1][0]), np.asarray(ds[n - 1][0]))))
    facts["ds[len(ds)]"] = _read(lambda: ds[n])
    facts["examples a for loop over ds reads"] = _read(
        lambda: sum(1 for _ in itertools.islice(iter(ds), n + 3)))
    if with_transform:
        batch_images, batch_labels = next(iter(DataLoader(ds, batch_size=3)))
        facts["first DataLoader batch"] = (batch_images, batch_labels)
    facts["the caller's arrays are unchanged"] = bool(
        np.array_equal(images, kept[0]) and np.array_equal(labels, kept[1]))
    return facts


def test_ArrayImageDataset(kata):
    for with_transform in (True, False):
        kata.compare("ArrayImageDataset", {"n": 7, "seed": 5, "with_transform": with_transform},
                     probe=dataset_facts, aliasing=False)


@mistake("ArrayImageDataset", diagnosis="the label comes back as a NumPy uint8, so the "
         "DataLoader makes a uint8 label tensor and CrossEntropyLoss rejects it (it wants int64 "
         "class indices). Return int(self.labels[i]).")
class NumpyLabel(Dataset):
    def __init__(self, images, labels, transform=None):
        self.images, self.labels, self.transform = images, labels, transform

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        image = self.images[i] if self.transform is None else self.transform(self.images[i])
        return image, self.labels[i]


@mistake("ArrayImageDataset", diagnosis="the transform is stored but never applied: call "
         "self.transform(image) in __getitem__ when it is not None.")
class IgnoresTransform(Dataset):
    def __init__(self, images, labels, transform=None):
        self.images, self.labels, self.transform = images, labels, transform

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return self.images[i], int(self.labels[i])


@mistake("ArrayImageDataset", diagnosis="the label is a 0-dim uint8 tensor; batches of it are "
         "uint8, which CrossEntropyLoss rejects. Return a Python int: int(self.labels[i]).")
class TensorLabel(Dataset):
    def __init__(self, images, labels, transform=None):
        self.images, self.labels, self.transform = images, labels, transform

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        image = self.images[i] if self.transform is None else self.transform(self.images[i])
        return image, torch.tensor(self.labels[i])


@mistake("ArrayImageDataset", diagnosis="an example is (image, label), in that order, as "
         "every torchvision dataset returns it.")
class LabelFirst(Dataset):
    def __init__(self, images, labels, transform=None):
        self.images, self.labels, self.transform = images, labels, transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        image = self.images[i] if self.transform is None else self.transform(self.images[i])
        return int(self.labels[i]), image




def _stored(self, images, labels, transform=None):
    self.images, self.labels, self.transform = images, labels, transform


@mistake("ArrayImageDataset", diagnosis="labels[i].astype(np.int64) is still a NumPy scalar "
         "(numpy.int64), not a Python int: convert with int(self.labels[i]) (or .item()).")
class NumpyInt64Label(Dataset):
    __init__ = _stored

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        image = self.images[i] if self.transform is None else self.transform(self.images[i])
        return image, self.labels[i].astype(np.int64)


@mistake("ArrayImageDataset", diagnosis="the transform was applied once to the whole (N, H, W) "
         "array (the x_train preprocessing habit); a Dataset's transform works on one example: "
         "call self.transform(self.images[i]) in __getitem__.")
class TransformsTheWholeArray(Dataset):
    def __init__(self, images, labels, transform=None):
        self.images = transform(images) if transform is not None else images
        self.labels = labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.images[i], int(self.labels[i])


@mistake("ArrayImageDataset", diagnosis="without a transform the image must be images[i] "
         "unchanged; it was converted (float, / 255) anyway. Only a given transform changes it.")
class RescalesWithoutTransform(Dataset):
    __init__ = _stored

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        if self.transform is not None:
            return self.transform(self.images[i]), int(self.labels[i])
        return self.images[i].astype(np.float32) / 255.0, int(self.labels[i])


@mistake("ArrayImageDataset", diagnosis="the arrays were turned into tensors in __init__ "
         "(torch.from_numpy), so without a transform ds[i][0] is a tensor, not images[i], and a "
         "transform such as ToTensor receives a tensor instead of an array. Keep the arrays.")
class TensorImages(Dataset):
    def __init__(self, images, labels, transform=None):
        self.images, self.labels = torch.from_numpy(images), torch.from_numpy(labels)
        self.transform = transform

    def __len__(self):
        return self.images.size(0)

    def __getitem__(self, i):
        image = self.images[i]
        if self.transform is not None:
            image = self.transform(image)
        return image, int(self.labels[i])


@mistake("ArrayImageDataset", diagnosis="the index check raises ValueError (and refuses "
         "negative indices); Python's sequence protocol wants IndexError past the end (a for "
         "loop stops on it) and ds[-1] for the last example. Let self.images[i] do the indexing.")
class ValueErrorOutOfRange(Dataset):
    __init__ = _stored

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        if i < 0 or i >= len(self):
            raise ValueError(f"index {i} out of range")
        image = self.images[i] if self.transform is None else self.transform(self.images[i])
        return image, int(self.labels[i])


@mistake("ArrayImageDataset", diagnosis="the transformed image is written back into "
         "self.images[i], which is the caller's array: reading an example changes the data (and "
         "a second read transforms twice). Return the transformed image without storing it.")
class StoresTheTransformedImage(Dataset):
    __init__ = _stored

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        if self.transform is not None:
            self.images[i] = self.transform(self.images[i])
        return self.images[i], int(self.labels[i])
