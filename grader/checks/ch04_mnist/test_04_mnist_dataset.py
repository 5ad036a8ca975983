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


def test_load_mnist(kata):
    root = kata.datasets.mnist
    for train in (True, False):
        kata.compare("load_mnist", {"root": root, "train": train}, probe=mnist_facts)
    kata.compare("load_mnist", {"root": root}, probe=default_facts)


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
