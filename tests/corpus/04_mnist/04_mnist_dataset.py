"""Realistic learner answers for 04_mnist/04_mnist_dataset.py (load_mnist)."""
import os

import torch
import torch.nn.functional as F
from torch.utils.data import Dataset
from torchvision import datasets, transforms
from torchvision.transforms import functional as TF

_MEAN, _STD = 0.1307, 0.3081


class _MnistFromBytes(datasets.MNIST):
    """MNIST that normalizes the stored uint8 tensor directly instead of going through PIL."""

    @property
    def raw_folder(self) -> str:
        # the base class derives the folder from the class name; keep root/MNIST/raw
        return os.path.join(self.root, "MNIST", "raw")

    @property
    def processed_folder(self) -> str:
        return os.path.join(self.root, "MNIST", "processed")

    def __getitem__(self, index):
        img = self.data[index].to(torch.float32).div(255).unsqueeze(0)
        img = TF.normalize(img, [_MEAN], [_STD])
        return img, int(self.targets[index])


def _to_normalized_tensor(pil_image):
    return TF.normalize(TF.to_tensor(pil_image), [_MEAN], [_STD])


# ----------------------------------------------------------------------------- right

def right__load_mnist__positional_arguments(root: str, train: bool = True,
                                            download: bool = False) -> Dataset:
    """alternative | passes everything positionally in MNIST's order (root, train, transform, target_transform, download) with list statistics"""
    pipeline = transforms.Compose([transforms.ToTensor(), transforms.Normalize([_MEAN], [_STD])])
    return datasets.MNIST(root, train, pipeline, None, download)


def right__load_mnist__pil_to_tensor_pipeline(root: str, train: bool = True,
                                              download: bool = False) -> Dataset:
    """alternative | PILToTensor + ConvertImageDtype(float32) instead of ToTensor, then Normalize"""
    pipeline = transforms.Compose([
        transforms.PILToTensor(),
        transforms.ConvertImageDtype(torch.float32),
        transforms.Normalize((0.1307,), (0.3081,)),
    ])
    return datasets.MNIST(root=root, train=train, download=download, transform=pipeline)


def right__load_mnist__function_transform(root: str, train: bool = True,
                                          download: bool = False) -> Dataset:
    """alternative | the transform is a plain module-level function calling the functional API (to_tensor, normalize) instead of a Compose"""
    return datasets.MNIST(root, train=train, transform=_to_normalized_tensor, download=download)


def right__load_mnist__subclass_reads_bytes(root: str, train: bool = True,
                                            download: bool = False) -> Dataset:
    """alternative | a datasets.MNIST subclass whose __getitem__ scales and normalizes self.data[i] directly, skipping the PIL round trip"""
    return _MnistFromBytes(root, train=train, download=download)


# ----------------------------------------------------------------------------- wrong

def wrong__load_mnist__to_tensor_only(root: str, train: bool = True,
                                      download: bool = False) -> Dataset:
    """beginner | uses transform=ToTensor() alone (as in the FashionMNIST quickstart), so images stay in [0, 1] and are not normalized | differs when: any example, e.g. a black pixel comes out 0.0 instead of -0.4242"""
    return datasets.MNIST(root, train=train, transform=transforms.ToTensor(), download=download)


def wrong__load_mnist__no_transform(root: str, train: bool = True,
                                    download: bool = False) -> Dataset:
    """beginner | forgets transform= altogether (keras.datasets.mnist.load_data needs none), so ds[i] returns a PIL image | differs when: ds[0][0] for any split: a PIL.Image.Image instead of a float32 (1, 28, 28) tensor"""
    return datasets.MNIST(root, train=train, download=download)


def wrong__load_mnist__ignores_train_flag(root: str, train: bool = True,
                                          download: bool = False) -> Dataset:
    """beginner | never passes train, so MNIST's default train=True is used and train=False still returns the 60000-image training split | differs when: train=False: len(ds) is the training size (60000) instead of the test size (10000)"""
    pipeline = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    return datasets.MNIST(root, transform=pipeline, download=download)


def wrong__load_mnist__always_download(root: str, train: bool = True,
                                       download: bool = False) -> Dataset:
    """subtle | hard-codes download=True instead of passing download through, so a missing dataset triggers a network download | differs when: root is an empty folder and download=False: it creates root/MNIST/raw and tries to fetch the files from the internet (offline: RuntimeError 'Error downloading ...') instead of raising RuntimeError('Dataset not found...') at once without touching the network or the folder"""
    pipeline = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    return datasets.MNIST(root, train=train, transform=pipeline, download=True)


def wrong__load_mnist__root_includes_mnist(root: str, train: bool = True,
                                           download: bool = False) -> Dataset:
    """beginner | appends "MNIST" to root, thinking root must be the MNIST folder itself; torchvision adds MNIST/raw on its own and looks in root/MNIST/MNIST/raw | differs when: the files are in root/MNIST/raw and download=False: raises RuntimeError('Dataset not found') instead of loading them"""
    pipeline = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    return datasets.MNIST(os.path.join(root, "MNIST"), train=train, transform=pipeline,
                          download=download)


def wrong__load_mnist__half_half_stats(root: str, train: bool = True,
                                       download: bool = False) -> Dataset:
    """examples | normalizes with (0.5,), (0.5,) as in the GAN/tutorial examples instead of MNIST's 0.1307 / 0.3081 | differs when: any example, e.g. a black pixel comes out -1.0 instead of -0.4242"""
    pipeline = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
    return datasets.MNIST(root, train=train, transform=pipeline, download=download)


def wrong__load_mnist__label_long_tensor(root: str, train: bool = True,
                                         download: bool = False) -> Dataset:
    """old-api | adds target_transform=lambda y: torch.LongTensor([y]) as in 0.4-era notebooks, so the label is a (1,) int64 tensor, not an int | differs when: ds[0][1] for any split: tensor([7]) instead of 7"""
    pipeline = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    return datasets.MNIST(root, train=train, transform=pipeline,
                          target_transform=lambda y: torch.LongTensor([y]), download=download)


def wrong__load_mnist__one_hot_labels(root: str, train: bool = True,
                                      download: bool = False) -> Dataset:
    """tf-habit | one-hot encodes the label like keras.utils.to_categorical, although the label must be a plain int class index | differs when: ds[0][1] for any split: a (10,) one-hot tensor instead of an int"""
    pipeline = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    return datasets.MNIST(root, train=train, transform=pipeline,
                          target_transform=lambda y: F.one_hot(torch.tensor(y), 10).float(),
                          download=download)


def wrong__load_mnist__positional_download_slot(root: str, train: bool = True,
                                                download: bool = False) -> Dataset:
    """subtle | passes download positionally in the 4th slot, which is target_transform; download is never passed and the bool is later called on each label | differs when: download=False and ds[0] is read: raises TypeError ('bool' object is not callable) instead of returning (image, label)"""
    pipeline = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    return datasets.MNIST(root, train, pipeline, download)
