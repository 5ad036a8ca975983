# %% [markdown]
# # Your own Dataset
# A map-style `Dataset` needs two methods: `__len__` (how many examples) and
# `__getitem__(i)` (the i-th example). That is all a `DataLoader` needs to batch, shuffle and
# load in parallel. It plays the role of `tf.data.Dataset.from_tensor_slices((images,
# labels)).map(fn)`, but indexing is random access instead of a stream.
# Docs: https://pytorch.org/tutorials/beginner/basics/data_tutorial.html

# %%
from typing import Any, Callable

import numpy as np
from torch.utils.data import Dataset


class ArrayImageDataset(Dataset):
    """Images ``(N, H, W)`` uint8 and labels ``(N,)`` held in memory, MNIST style.

    ``ds[i]`` returns ``(transform(images[i]), int(labels[i]))``; without a transform the image
    is ``images[i]`` unchanged. The label is a plain Python ``int`` (labels may be stored as
    uint8; the DataLoader turns Python ints into an int64 tensor, the dtype
    ``CrossEntropyLoss`` wants for class indices). Indexing follows the arrays: ``ds[-1]`` is
    the last example and ``ds[len(ds)]`` raises ``IndexError`` (that is how a ``for`` loop over
    ``ds`` knows where to stop). Reading an example changes nothing: not the arrays, not ``ds``.

    Example:
        >>> ds = ArrayImageDataset(np.zeros((3, 2, 2), np.uint8), np.array([7, 8, 9], np.uint8))
        >>> len(ds), ds[2][1]
        (3, 9)
    """

    def __init__(self, images: np.ndarray, labels: np.ndarray,
                 transform: Callable[[np.ndarray], Any] | None = None) -> None:
        # TODO: store images, labels and transform on self.
        raise NotImplementedError("ArrayImageDataset")

    def __len__(self) -> int:
        # TODO: return the number of examples.
        raise NotImplementedError("ArrayImageDataset")

    def __getitem__(self, i: int) -> tuple[Any, int]:
        # TODO: return (image, label): apply the transform if there is one; label as int.
        raise NotImplementedError("ArrayImageDataset")
