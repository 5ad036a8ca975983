"""Realistic learner answers for 04_mnist/07_first_batch.py (first_batch)."""
import itertools

import torch
from torch.utils.data import DataLoader


# ----------------------------------------------------------------------------- right

def right__first_batch__for_loop_return(loader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """alternative | a for loop over the loader that returns (as a tuple) on the first iteration instead of next(iter(...))"""
    for images, labels in loader:
        return images, labels
    raise StopIteration("the loader is empty")


def right__first_batch__dunder_next_tuple(loader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """alternative | calls iter(loader).__next__() and converts the collated list with tuple()"""
    batch = iter(loader).__next__()
    return tuple(batch)


def right__first_batch__islice(loader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """alternative | takes one batch with itertools.islice (the `ds.take(1)` idiom) and unpacks it"""
    (batch,) = itertools.islice(loader, 1)
    images, labels = batch
    return (images, labels)


# ----------------------------------------------------------------------------- wrong

def wrong__first_batch__old_dot_next(loader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """old-api | copies `iter(loader).next()` from PyTorch 0.4 tutorials; Python 3 iterators have no .next() method | differs when: any DataLoader, e.g. DataLoader(TensorDataset(torch.zeros(10, 1, 28, 28), torch.arange(10)), batch_size=4): raises AttributeError instead of returning the batch"""
    images, labels = iter(loader).next()
    return images, labels


def wrong__first_batch__returns_collated_list(loader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """subtle | returns next(iter(loader)) as is; default_collate gives a list [images, labels] for tuple samples, not the tuple asked for | differs when: DataLoader(TensorDataset(torch.zeros(10, 1, 28, 28), torch.arange(10)), batch_size=4): the result is a list, not a tuple"""
    return next(iter(loader))


def wrong__first_batch__dataset_first_example(loader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """beginner | reads loader.dataset[0], the first *example*, instead of the first batch | differs when: DataLoader(TensorDataset(torch.zeros(10, 1, 28, 28), torch.arange(10)), batch_size=4): images of shape (1, 28, 28) and labels tensor(0) instead of (4, 1, 28, 28) and tensor([0, 1, 2, 3])"""
    images, labels = loader.dataset[0]
    return images, labels


def wrong__first_batch__loop_keeps_last(loader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """beginner | loops over the whole loader and returns the variables afterwards, which hold the *last* batch | differs when: DataLoader(TensorDataset(torch.zeros(10, 1, 28, 28), torch.arange(10)), batch_size=4): labels tensor([8, 9]) instead of tensor([0, 1, 2, 3])"""
    images = labels = None
    for images, labels in loader:
        pass
    return images, labels


def wrong__first_batch__two_iterators(loader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """subtle | calls next(iter(loader)) twice, once for the images and once for the labels; with shuffling the two come from different epochs and do not match | differs when: DataLoader(TensorDataset(torch.arange(10).float().view(10, 1), torch.arange(10)), batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0)): labels are not the labels of the returned images"""
    images = next(iter(loader))[0]
    labels = next(iter(loader))[1]
    return images, labels


def wrong__first_batch__numpy_arrays(loader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """tf-habit | converts the batch with .numpy() as one does after `for x, y in ds.take(1)`, returning NumPy arrays instead of tensors | differs when: any loader: the results are numpy.ndarray, not torch.Tensor"""
    images, labels = next(iter(loader))
    return images.numpy(), labels.numpy()


def wrong__first_batch__enumerate_pair(loader: DataLoader) -> tuple[torch.Tensor, torch.Tensor]:
    """beginner | copies the training loop's `for batch_idx, (data, target) in enumerate(loader)` and returns next(enumerate(loader)), i.e. (0, batch) | differs when: any loader: the first element is the int 0 instead of the images tensor"""
    return next(enumerate(loader))
