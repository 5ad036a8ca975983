"""Checks for exercises/04_mnist/07_first_batch.py: next(iter(loader))."""

import torch
from torch.utils.data import DataLoader, TensorDataset

from grader.mistakes import mistake


def first_batch_facts(target, n, batch_size, shuffle):
    """first_batch(DataLoader(TensorDataset(randn(n, 1, 4, 4), labels), batch_size, shuffle))"""
    g = torch.Generator().manual_seed(n)
    ds = TensorDataset(torch.randn(n, 1, 4, 4, generator=g),
                       torch.randint(0, 10, (n,), generator=g))
    loader = DataLoader(ds, batch_size=batch_size, shuffle=shuffle,
                        generator=torch.Generator().manual_seed(0))
    return target(loader)


def test_first_batch(kata):
    for example in ({"n": 10, "batch_size": 4, "shuffle": False},
                    {"n": 3, "batch_size": 4, "shuffle": False},
                    {"n": 10, "batch_size": 4, "shuffle": True}):
        kata.compare("first_batch", example, probe=first_batch_facts)


@mistake("first_batch", diagnosis="Python 3 iterators have no .next() method (the 2018 "
         "notebooks used PyTorch 0.4 / Python 2 style). Use the built-in: next(iter(loader)).")
def dot_next(loader):
    return iter(loader).next()


@mistake("first_batch", diagnosis="loader.dataset[0] is one example, not a batch: the "
         "DataLoader is what groups examples into batches. Use next(iter(loader)).")
def first_example(loader):
    return loader.dataset[0]


@mistake("first_batch", diagnosis="the loop runs to the end of the epoch, so this is the *last* "
         "batch. next(iter(loader)) stops after the first.")
def last_batch(loader):
    for images, labels in loader:
        pass
    return images, labels


@mistake("first_batch", diagnosis="next(iter(loader)) is what the DataLoader collated: a list "
         "[images, labels], not a tuple. Unpack it and return a tuple: images, labels = "
         "next(iter(loader)); return images, labels.")
def collated_list(loader):
    return next(iter(loader))


@mistake("first_batch", diagnosis="each iter(loader) starts a new epoch: with shuffling, the "
         "images and the labels came from two different first batches. Take one batch and "
         "unpack it: images, labels = next(iter(loader)).")
def two_iterators(loader):
    images = next(iter(loader))[0]
    labels = next(iter(loader))[1]
    return images, labels


@mistake("first_batch", diagnosis="the batch was converted to NumPy arrays (.numpy()); return "
         "the tensors the loader gives.")
def numpy_arrays(loader):
    images, labels = next(iter(loader))
    return images.numpy(), labels.numpy()


@mistake("first_batch", diagnosis="next(enumerate(loader)) is (0, batch): enumerate adds the "
         "batch index. Take next(iter(loader)) and unpack it.")
def enumerate_pair(loader):
    return next(enumerate(loader))
