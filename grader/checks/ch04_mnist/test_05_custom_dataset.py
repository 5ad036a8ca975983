"""Checks for exercises/04_mnist/05_custom_dataset.py: a map-style Dataset over arrays."""

import torch
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

from grader.datasets import mnist_arrays
from grader.mistakes import mistake


def dataset_facts(target, images, labels, with_transform):
    ds = target(images, labels, transforms.ToTensor() if with_transform else None)
    items = [ds[i] for i in (0, len(ds) - 1)]
    facts = {"len": len(ds), "items": items,
             "label_types": [type(label).__name__ for _, label in items]}
    if with_transform:
        batch_images, batch_labels = next(iter(DataLoader(ds, batch_size=3)))
        facts["first_batch"] = (batch_images, batch_labels)
    return facts


def test_ArrayImageDataset(kata):
    images, labels = mnist_arrays(7, seed=5)
    for with_transform in (True, False):
        kata.compare("ArrayImageDataset", {"images": images, "labels": labels,
                                           "with_transform": with_transform},
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


