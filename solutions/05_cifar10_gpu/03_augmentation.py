# %% [markdown]
# # Data augmentation, for training only
# A random crop of a zero-padded image (a shift of up to 4 pixels) and a random horizontal
# flip show the network a slightly different image every epoch, which fights overfitting.
# Augment the training set only: test images must be scored exactly as they are.
# Docs: https://pytorch.org/vision/stable/transforms.html

# %%
from collections.abc import Callable

import torch
from torchvision import transforms


def cifar_transforms(train: bool) -> Callable[..., torch.Tensor]:
    """The transform of one CIFAR-10 image: 32×32 PIL image → float tensor (3, 32, 32) in [0, 1].

    train=True: RandomCrop(32, padding=4) (zero padding), then RandomHorizontalFlip(), then
    ToTensor(). train=False: ToTensor() only, no randomness. Graded draw for draw: with the
    same torch seed your pipeline must give exactly these images (any way of building it, v1 or
    v2 transforms, as long as the crop draws first, then the flip).
    TensorFlow 2: Keras' ``RandomCrop`` does not pad, so ``RandomCrop(32, padding=4)`` is
    ``keras.layers.ZeroPadding2D(4)`` then ``RandomCrop(32, 32)`` on the training data (in a
    model the padding would stay on at inference), or roughly
    ``RandomTranslation(0.125, 0.125, fill_mode="constant")`` inside the model, next to
    ``RandomFlip("horizontal")`` (or the old ``ImageDataGenerator(width_shift_range=...,
    horizontal_flip=True)``); ``training=False`` switches those layers off. In PyTorch the
    dataset's transform does the work, so you build one pipeline for the training set and
    another for the test set.
    Example:
        >>> from PIL import Image; import numpy as np
        >>> img = Image.fromarray(np.zeros((32, 32, 3), dtype=np.uint8))
        >>> cifar_transforms(train=False)(img).shape
        torch.Size([3, 32, 32])
    """
    # Why: random shifts and flips only make sense while learning; evaluation must be repeatable.
    if train:
        return transforms.Compose([transforms.RandomCrop(32, padding=4),
                                   transforms.RandomHorizontalFlip(), transforms.ToTensor()])
    return transforms.Compose([transforms.ToTensor()])
