"""Checks for exercises/04_mnist/04_mnist_dataset.py: torchvision.datasets.MNIST with a transform.

The grader's synthetic MNIST (grader/datasets.py) is written in the real on-disk format, so the
learner's call to datasets.MNIST reads it exactly as it would read the downloaded files.
"""

from torchvision import datasets, transforms

from grader.mistakes import mistake


def mnist_facts(target, root, train):
    ds = target(root, train=train)
    first, last = ds[0], ds[len(ds) - 1]
    facts = {"len": len(ds), "image_type": type(first[0]).__name__,
             "label_type": type(first[1]).__name__}
    tensors = facts["image_type"] == "Tensor"  # otherwise the type difference is the message
    facts.update(first=first if tensors else None, last=last if tensors else None)
    return facts


def default_facts(target, root):
    """load_mnist(root) alone: the training split, and no download attempted"""
    calls = []
    original = datasets.MNIST.download
    datasets.MNIST.download = lambda self: calls.append("download")
    try:
        ds = target(root)
    finally:
        datasets.MNIST.download = original
    return {"len": len(ds), "download_called": bool(calls)}


def download_facts(target, root, train):
    """load_mnist(root, train=train, download=True): is the download asked for? ds[0] read"""
    calls = []
    original = datasets.MNIST.download
    datasets.MNIST.download = lambda self: calls.append("download")
    try:
        ds = target(root, train=train, download=True)
    finally:
        datasets.MNIST.download = original
    return {"download_called": bool(calls), "label_type": type(ds[0][1]).__name__}


def test_load_mnist(kata):
    root = kata.datasets.mnist
    for train in (True, False):
        kata.compare("load_mnist", {"root": root, "train": train}, probe=mnist_facts)
    kata.compare("load_mnist", {"root": root}, probe=default_facts)
    kata.compare("load_mnist", {"root": root, "train": False}, probe=download_facts,
                 notes={"result['download_called']": "pass download=download to "
                                                      "datasets.MNIST"})


def _pipeline(mean=0.1307, std=0.3081):
    return transforms.Compose([transforms.ToTensor(), transforms.Normalize((mean,), (std,))])


@mistake("load_mnist", diagnosis="without a transform, datasets.MNIST returns PIL images. "
         "Pass transform=Compose([ToTensor(), Normalize((0.1307,), (0.3081,))]).")
def no_transform(root, train=True, download=False):
    return datasets.MNIST(root, train=train, download=download)


@mistake("load_mnist", diagnosis="the images are in [0, 1] but not normalized: add "
         "Normalize((0.1307,), (0.3081,)) after ToTensor().")
def to_tensor_only(root, train=True, download=False):
    return datasets.MNIST(root, train=train, download=download, transform=transforms.ToTensor())


@mistake("load_mnist", diagnosis="the train argument is ignored, so the test split is the "
         "training set. Pass train=train to datasets.MNIST.")
def always_train(root, train=True, download=False):
    pipeline = transforms.Compose([transforms.ToTensor(),
                                   transforms.Normalize((0.1307,), (0.3081,))])
    return datasets.MNIST(root, train=True, download=download, transform=pipeline)


@mistake("load_mnist", diagnosis="download=True is written into the call, so a missing dataset "
         "is fetched from the internet although the caller said download=False. Pass "
         "download=download.")
def always_download(root, train=True, download=False):
    return datasets.MNIST(root, train=train, transform=_pipeline(), download=True)


@mistake("load_mnist", diagnosis="download is never passed to datasets.MNIST, so "
         "download=True fetches nothing. Pass download=download.")
def ignores_download(root, train=True, download=False):
    return datasets.MNIST(root, train=train, transform=_pipeline())


@mistake("load_mnist", diagnosis="root is the folder that *holds* MNIST/: torchvision adds "
         "MNIST/raw itself, so root/MNIST makes it look in root/MNIST/MNIST/raw. Pass root as "
         "it is.")
def root_includes_mnist(root, train=True, download=False):
    import os

    return datasets.MNIST(os.path.join(root, "MNIST"), train=train, transform=_pipeline(),
                          download=download)


@mistake("load_mnist", diagnosis="mean 0.5 / std 0.5 is a generic choice; MNIST's own "
         "statistics are mean 0.1307 and std 0.3081: Normalize((0.1307,), (0.3081,)).")
def generic_half(root, train=True, download=False):
    return datasets.MNIST(root, train=train, transform=_pipeline(0.5, 0.5), download=download)


@mistake("load_mnist", diagnosis="the target_transform turns each label into a (1,) tensor "
         "(torch.LongTensor([y]), an old-tutorial habit); the label must stay a plain int, "
         "which the DataLoader batches into the (N,) int64 tensor CrossEntropyLoss wants. "
         "Drop the target_transform.")
def label_as_tensor(root, train=True, download=False):
    import torch

    return datasets.MNIST(root, train=train, transform=_pipeline(),
                          target_transform=lambda y: torch.LongTensor([y]), download=download)


@mistake("load_mnist", diagnosis="the labels are one-hot vectors (keras.utils.to_categorical "
         "style); PyTorch's CrossEntropyLoss takes the class index: keep the label a plain int.")
def one_hot_labels(root, train=True, download=False):
    import torch
    import torch.nn.functional as F

    return datasets.MNIST(root, train=train, transform=_pipeline(),
                          target_transform=lambda y: F.one_hot(torch.tensor(y), 10).float(),
                          download=download)


@mistake("load_mnist", diagnosis="the fourth positional argument of datasets.MNIST is "
         "target_transform, not download, so the bool was taken for a function and called on "
         "each label. Pass download=download by keyword.")
def download_in_the_fourth_slot(root, train=True, download=False):
    return datasets.MNIST(root, train, _pipeline(), download)
