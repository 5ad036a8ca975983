# %% [markdown]
# # torchvision's MNIST
# `torchvision.datasets.MNIST(root, train, transform, download)` is the PyTorch counterpart of
# `keras.datasets.mnist.load_data()`. Instead of returning NumPy arrays it returns a
# `Dataset`: an object with `len(ds)` and `ds[i] -> (image, label)`, applying `transform` to
# each image as it is read. Its files live in `root/MNIST/raw/`; `download=True` fetches them
# once (the grader uses offline files, so keep the default `download=False` in checks).
# Docs: https://pytorch.org/vision/stable/generated/torchvision.datasets.MNIST.html

# %%
from torch.utils.data import Dataset
from torchvision import datasets, transforms


def load_mnist(root: str, train: bool = True, download: bool = False) -> Dataset:
    """Return the MNIST training (``train=True``) or test split found under ``root``.

    Each example must come out as ``(float32 tensor (1, 28, 28), int label)``, normalized with
    MNIST's mean 0.1307 and std 0.3081 (the pipeline of the previous exercise, rebuilt here:
    exercise files do not import each other). Pass ``download`` through.

    Example:
        >>> ds = load_mnist("mnist_data", train=False, download=True)  # needs the internet once
        >>> image, label = ds[0]; image.shape, type(label)
        (torch.Size([1, 28, 28]), <class 'int'>)
    """
    # Why: the dataset applies `transform` lazily, one example at a time, as the loader asks.
    pipeline = transforms.Compose([transforms.ToTensor(),
                                   transforms.Normalize((0.1307,), (0.3081,))])
    return datasets.MNIST(root, train=train, transform=pipeline, download=download)
