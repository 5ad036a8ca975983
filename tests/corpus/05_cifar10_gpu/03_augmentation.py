"""Realistic learner answers for exercises/05_cifar10_gpu/03_augmentation.py (cifar_transforms)."""
from collections.abc import Callable

import numpy as np
import torch
from torchvision import transforms


# ---------------------------------------------------------------------------------------------
# right answers
# ---------------------------------------------------------------------------------------------

def right__cifar_transforms__tensor_first(train: bool) -> Callable[..., torch.Tensor]:
    """alternative | converts with ToTensor() first and crops/flips the tensor (same zero padding, same random draws in the same order)"""
    if not train:
        return transforms.Compose([transforms.ToTensor()])
    return transforms.Compose([
        transforms.ToTensor(),
        transforms.RandomCrop(32, padding=4),
        transforms.RandomHorizontalFlip(),
    ])


def right__cifar_transforms__pad_then_crop(train: bool) -> Callable[..., torch.Tensor]:
    """alternative | an explicit Pad(4) (zero fill) followed by an unpadded RandomCrop(32); the test transform is a bare ToTensor()"""
    if train:
        return transforms.Compose([
            transforms.Pad(4, fill=0),
            transforms.RandomCrop(32),
            transforms.RandomHorizontalFlip(),
            transforms.ToTensor(),
        ])
    return transforms.ToTensor()


def right__cifar_transforms__explicit_arguments(train: bool) -> Callable[..., torch.Tensor]:
    """alternative | builds the list step by step with every default spelled out (fill=0, padding_mode="constant", p=0.5)"""
    steps: list = []
    if train:
        steps.append(transforms.RandomCrop(size=(32, 32), padding=4, fill=0, padding_mode="constant"))
        steps.append(transforms.RandomHorizontalFlip(p=0.5))
    steps.append(transforms.ToTensor())
    return transforms.Compose(steps)


# ---------------------------------------------------------------------------------------------
# wrong answers
# ---------------------------------------------------------------------------------------------

def wrong__cifar_transforms__augments_test_set_too(train: bool) -> Callable[..., torch.Tensor]:
    """tf-habit | one pipeline for both sets (Keras' RandomCrop/RandomFlip layers switch off by themselves at inference, torchvision transforms do not): test images are shifted and flipped | differs when: train=False, a non-constant 32x32 image (e.g. np.arange-based pixels): the output is randomly cropped/flipped instead of ToTensor(img)"""
    return transforms.Compose([
        transforms.RandomCrop(32, padding=4),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
    ])


def wrong__cifar_transforms__tutorial_normalize(train: bool) -> Callable[..., torch.Tensor]:
    """examples | adds Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)) from the PyTorch CIFAR-10 tutorial: values land in [-1, 1], not [0, 1] | differs when: train=False, the all-zeros image (gives -1.0 everywhere instead of 0.0)"""
    norm = transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))
    if train:
        return transforms.Compose([transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
                                   transforms.ToTensor(), norm])
    return transforms.Compose([transforms.ToTensor(), norm])


def wrong__cifar_transforms__reflect_padding(train: bool) -> Callable[..., torch.Tensor]:
    """subtle | RandomCrop(32, padding=4, padding_mode="reflect"): the shifted-in border mirrors the image instead of being zeros | differs when: train=True, torch.manual_seed(0), a non-constant image such as all-255 pixels (a shifted crop has 255s where zeros are expected)"""
    if not train:
        return transforms.Compose([transforms.ToTensor()])
    return transforms.Compose([
        transforms.RandomCrop(32, padding=4, padding_mode="reflect"),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
    ])


def wrong__cifar_transforms__random_resized_crop(train: bool) -> Callable[..., torch.Tensor]:
    """examples | RandomResizedCrop(32) from the ImageNet example: zooms and rescales instead of shifting a zero-padded image by up to 4 pixels | differs when: train=True, torch.manual_seed(0), a non-constant image (interpolated, rescaled pixels)"""
    if train:
        return transforms.Compose([transforms.RandomResizedCrop(32), transforms.RandomHorizontalFlip(),
                                   transforms.ToTensor()])
    return transforms.Compose([transforms.ToTensor()])


def wrong__cifar_transforms__keras_random_flip_both(train: bool) -> Callable[..., torch.Tensor]:
    """tf-habit | Keras' RandomFlip() defaults to "horizontal_and_vertical", so a vertical flip was added too: images come out upside down | differs when: train=True, torch.manual_seed(0), a non-constant image (a vertical flip the spec never asks for; also one more random draw)"""
    if train:
        return transforms.Compose([
            transforms.RandomCrop(32, padding=4),
            transforms.RandomHorizontalFlip(),
            transforms.RandomVerticalFlip(),
            transforms.ToTensor(),
        ])
    return transforms.Compose([transforms.ToTensor()])


def wrong__cifar_transforms__flip_before_crop(train: bool) -> Callable[..., torch.Tensor]:
    """subtle | RandomHorizontalFlip before RandomCrop: the random numbers are consumed in the other order, so a seeded run gives other images than the specified crop-then-flip pipeline | differs when: train=True, torch.manual_seed(0) before each call, a non-constant image"""
    if train:
        return transforms.Compose([transforms.RandomHorizontalFlip(), transforms.RandomCrop(32, padding=4),
                                   transforms.ToTensor()])
    return transforms.Compose([transforms.ToTensor()])


def wrong__cifar_transforms__crop_without_padding(train: bool) -> Callable[..., torch.Tensor]:
    """beginner | RandomCrop(32) without padding=4: a 32x32 crop of a 32x32 image is the image itself, so there is no shift at all | differs when: train=True, torch.manual_seed(0), an all-255 image (never any zero border, whereas a shifted crop has one)"""
    if train:
        return transforms.Compose([transforms.RandomCrop(32), transforms.RandomHorizontalFlip(),
                                   transforms.ToTensor()])
    return transforms.Compose([transforms.ToTensor()])


def wrong__cifar_transforms__numpy_channels_last(train: bool) -> Callable[..., torch.Tensor]:
    """tf-habit | converts with torch.from_numpy(np.asarray(img) / 255) as one would feed Keras: the tensor stays (32, 32, 3) channels-last (and float64) instead of (3, 32, 32) float32 | differs when: train=False, any 32x32 RGB image (shape (32, 32, 3))"""
    def to_array(img) -> torch.Tensor:
        return torch.from_numpy(np.asarray(img) / 255.0)

    if train:
        return transforms.Compose([transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
                                   to_array])
    return to_array


def wrong__cifar_transforms__pil_to_tensor(train: bool) -> Callable[..., torch.Tensor]:
    """beginner | PILToTensor() instead of ToTensor(): keeps uint8 values 0..255 instead of float32 in [0, 1] | differs when: train=False, an all-255 image (uint8 255 instead of 1.0)"""
    if train:
        return transforms.Compose([transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
                                   transforms.PILToTensor()])
    return transforms.PILToTensor()
