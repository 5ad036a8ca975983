"""Realistic learner answers for 04_mnist/05_custom_dataset.py (ArrayImageDataset)."""
from typing import Any, Callable

import numpy as np
import torch
from torch.utils.data import Dataset


def _identity(image: Any) -> Any:
    return image


# ----------------------------------------------------------------------------- right

class right__ArrayImageDataset__labels_tolist(Dataset):
    """alternative | converts the labels once in __init__ with labels.tolist() (Python ints) and counts with len(labels)"""

    def __init__(self, images: np.ndarray, labels: np.ndarray,
                 transform: Callable[[np.ndarray], Any] | None = None) -> None:
        self.images = images
        self.labels = labels.tolist()
        self.transform = transform

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, i: int) -> tuple[Any, int]:
        image = self.images[i]
        if self.transform is not None:
            image = self.transform(image)
        return image, self.labels[i]


class right__ArrayImageDataset__item_and_shape0(Dataset):
    """alternative | keeps the arrays as given, uses images.shape[0] for the length and labels[i].item() for the Python int"""

    def __init__(self, images: np.ndarray, labels: np.ndarray,
                 transform: Callable[[np.ndarray], Any] | None = None) -> None:
        self.images, self.labels, self.transform = images, labels, transform

    def __len__(self) -> int:
        return int(self.images.shape[0])

    def __getitem__(self, i: int) -> tuple[Any, int]:
        label = self.labels[i].item()
        if self.transform is None:
            return self.images[i], label
        return self.transform(self.images[i]), label


class right__ArrayImageDataset__identity_default(Dataset):
    """alternative | replaces a missing transform by an identity function in __init__ and always calls it"""

    def __init__(self, images: np.ndarray, labels: np.ndarray,
                 transform: Callable[[np.ndarray], Any] | None = None) -> None:
        self.images = images
        self.labels = labels
        self.transform = transform if transform is not None else _identity

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, i: int) -> tuple[Any, int]:
        return self.transform(self.images[i]), int(self.labels[i])


# ----------------------------------------------------------------------------- wrong

class wrong__ArrayImageDataset__numpy_scalar_label(Dataset):
    """beginner | returns labels[i] as stored, a numpy.uint8 scalar, not a Python int (the DataLoader then makes a uint8 tensor) | differs when: ArrayImageDataset(np.zeros((3, 2, 2), np.uint8), np.array([7, 8, 9], np.uint8))[2][1]: type numpy.uint8 instead of int"""

    def __init__(self, images: np.ndarray, labels: np.ndarray,
                 transform: Callable[[np.ndarray], Any] | None = None) -> None:
        self.images = images
        self.labels = labels
        self.transform = transform

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, i: int) -> tuple[Any, int]:
        image = self.images[i]
        if self.transform:
            image = self.transform(image)
        return image, self.labels[i]


class wrong__ArrayImageDataset__tensor_label(Dataset):
    """tf-habit | wraps the label in torch.tensor(...) as if everything had to be a tensor (from_tensor_slices habit), which keeps the uint8 dtype, instead of returning a Python int | differs when: labels = np.array([7, 8, 9], np.uint8): ds[2][1] is tensor(9, dtype=torch.uint8) instead of 9"""

    def __init__(self, images: np.ndarray, labels: np.ndarray,
                 transform: Callable[[np.ndarray], Any] | None = None) -> None:
        self.images = images
        self.labels = labels
        self.transform = transform

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, i: int) -> tuple[Any, int]:
        image = self.images[i]
        if self.transform is not None:
            image = self.transform(image)
        return image, torch.tensor(self.labels[i])


class wrong__ArrayImageDataset__transform_whole_array(Dataset):
    """tf-habit | applies the transform once to the whole (N, H, W) array in __init__, like preprocessing x_train up front, instead of to each images[i] | differs when: transform = torchvision.transforms.ToTensor() and images of shape (3, 4, 5): ds[0][0] has shape (3, 4) (a slice of a (5, 3, 4) tensor) instead of (1, 4, 5)"""

    def __init__(self, images: np.ndarray, labels: np.ndarray,
                 transform: Callable[[np.ndarray], Any] | None = None) -> None:
        self.images = transform(images) if transform is not None else images
        self.labels = labels

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, i: int) -> tuple[Any, int]:
        return self.images[i], int(self.labels[i])


class wrong__ArrayImageDataset__rescales_without_transform(Dataset):
    """tf-habit | always scales the image to float32 / 255 (the x_train / 255.0 habit) even when no transform is given, so the image is no longer images[i] unchanged | differs when: transform=None and images = np.full((1, 2, 2), 255, np.uint8): ds[0][0] is float32 1.0 instead of uint8 255"""

    def __init__(self, images: np.ndarray, labels: np.ndarray,
                 transform: Callable[[np.ndarray], Any] | None = None) -> None:
        self.images = images
        self.labels = labels
        self.transform = transform

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, i: int) -> tuple[Any, int]:
        if self.transform is not None:
            return self.transform(self.images[i]), int(self.labels[i])
        return self.images[i].astype(np.float32) / 255.0, int(self.labels[i])


class wrong__ArrayImageDataset__tensor_images(Dataset):
    """old-api | converts the arrays with torch.from_numpy in __init__ like the 0.4-era tutorials, so without a transform ds[i][0] is a tensor, not images[i] (and a transform receives a tensor, not an ndarray) | differs when: transform=None: type(ds[0][0]) is torch.Tensor instead of numpy.ndarray"""

    def __init__(self, images: np.ndarray, labels: np.ndarray,
                 transform: Callable[[np.ndarray], Any] | None = None) -> None:
        self.images = torch.from_numpy(images)
        self.labels = torch.from_numpy(labels)
        self.transform = transform

    def __len__(self) -> int:
        return self.images.size(0)

    def __getitem__(self, i: int) -> tuple[Any, int]:
        image = self.images[i]
        if self.transform is not None:
            image = self.transform(image)
        return image, int(self.labels[i])


class wrong__ArrayImageDataset__value_error_out_of_range(Dataset):
    """subtle | guards the index itself and raises ValueError (and rejects negative indices), breaking Python's sequence protocol, which expects IndexError | differs when: ds[3] on a 3-image dataset: raises ValueError instead of IndexError (so `for image, label in ds` never stops cleanly); ds[-1] also raises instead of returning the last example"""

    def __init__(self, images: np.ndarray, labels: np.ndarray,
                 transform: Callable[[np.ndarray], Any] | None = None) -> None:
        self.images = images
        self.labels = labels
        self.transform = transform

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, i: int) -> tuple[Any, int]:
        if i < 0 or i >= len(self):
            raise ValueError(f"index {i} out of range for dataset of size {len(self)}")
        image = self.images[i]
        if self.transform is not None:
            image = self.transform(image)
        return image, int(self.labels[i])


class wrong__ArrayImageDataset__astype_int_label(Dataset):
    """subtle | converts the label with labels[i].astype(np.int64), which is still a NumPy scalar (numpy.int64), not a Python int | differs when: labels = np.array([7, 8, 9], np.uint8): type(ds[2][1]) is numpy.int64 instead of int"""

    def __init__(self, images: np.ndarray, labels: np.ndarray,
                 transform: Callable[[np.ndarray], Any] | None = None) -> None:
        self.images = images
        self.labels = labels
        self.transform = transform

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, i: int) -> tuple[Any, int]:
        image = self.images[i] if self.transform is None else self.transform(self.images[i])
        return image, self.labels[i].astype(np.int64)


class wrong__ArrayImageDataset__transform_on_stored_copy(Dataset):
    """subtle | writes the transformed image back into self.images[i] (caching the work), so the caller's array is changed and a second read transforms twice | differs when: transform = lambda a: a + 1 on np.zeros((1, 2, 2), np.uint8): the caller's images becomes 1 and ds[0][0] is 2 on the second read instead of 1"""

    def __init__(self, images: np.ndarray, labels: np.ndarray,
                 transform: Callable[[np.ndarray], Any] | None = None) -> None:
        self.images = images
        self.labels = labels
        self.transform = transform

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, i: int) -> tuple[Any, int]:
        if self.transform is not None:
            self.images[i] = self.transform(self.images[i])
        return self.images[i], int(self.labels[i])
