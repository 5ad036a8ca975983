"""Checks for exercises/04_mnist/03_transforms.py: ToTensor + Normalize with MNIST's statistics.

Graded on what the pipeline gives for PIL images (synthetic digits, an all-black and an all-white
image), so any pipeline with the same outputs passes.
"""

import numpy as np
from PIL import Image
from torchvision import transforms

from grader import corners
from grader.datasets import mnist_arrays
from grader.mistakes import mistake


def apply_to_pil_images(target, digits, seed):
    """mnist_transform() on PIL images: all-black, all-white, then synthetic digits (28x28)"""
    images, _ = mnist_arrays(digits, seed)
    arrays = [np.zeros((28, 28), np.uint8), np.full((28, 28), 255, np.uint8), *images]
    pipeline = target()
    return [pipeline(Image.fromarray(a)) for a in arrays]


def test_mnist_transform(kata):
    corners.reach("extreme")
    kata.compare("mnist_transform", {"digits": 4, "seed": 3}, probe=apply_to_pil_images)


@mistake("mnist_transform", diagnosis="there is no Normalize: the values are in [0, 1], not "
         "centred. Add transforms.Normalize((0.1307,), (0.3081,)) after ToTensor().")
def no_normalize():
    return transforms.Compose([transforms.ToTensor()])


@mistake("mnist_transform", diagnosis="Normalize needs a tensor, but it received the PIL image: "
         "put ToTensor() first, then Normalize.")
def normalize_first():
    return transforms.Compose([transforms.Normalize((0.1307,), (0.3081,)),
                               transforms.ToTensor()])


@mistake("mnist_transform", diagnosis="mean 0.5 / std 0.5 is a generic choice; MNIST's own "
         "statistics are mean 0.1307 and std 0.3081 (on the [0, 1] scale).")
def generic_half():
    return transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])


@mistake("mnist_transform", diagnosis="33.32 and 78.57 are MNIST's mean and std in 0..255 "
         "pixel units, but ToTensor has already scaled to [0, 1]: use 0.1307 and 0.3081.")
def pixel_scale_statistics():
    return transforms.Compose([transforms.ToTensor(),
                               transforms.Normalize((33.3184,), (78.5675,))])


@mistake("mnist_transform", diagnosis="mean and std are swapped: Normalize(mean, std) takes "
         "the mean first, (0.1307,), then the std, (0.3081,).")
def swapped_statistics():
    return transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.3081,), (0.1307,))])


@mistake("mnist_transform", diagnosis="the second number is the variance (0.3081 ** 2), but "
         "Normalize divides by the standard deviation: Normalize((0.1307,), (0.3081,)). "
         "(keras.layers.Normalization takes variance=, torchvision takes std.)")
def variance_for_std():
    return transforms.Compose([transforms.ToTensor(),
                               transforms.Normalize((0.1307,), (0.3081 ** 2,))])


@mistake("mnist_transform", diagnosis="the pixels were converted to float without dividing by "
         "255 (like tf.cast), so they are still 0..255 while the statistics are on the [0, 1] "
         "scale. ToTensor() converts and rescales in one step.")
def cast_without_rescaling():
    return transforms.Compose([transforms.PILToTensor(), transforms.Lambda(lambda t: t.float()),
                               transforms.Normalize((0.1307,), (0.3081,))])


@mistake("mnist_transform", diagnosis="PILToTensor keeps the uint8 values 0..255 (it is not a "
         "new name for ToTensor), and Normalize refuses integer tensors. Use ToTensor(), which "
         "also converts to float32 in [0, 1].")
def pil_to_tensor_only():
    return transforms.Compose([transforms.PILToTensor(),
                               transforms.Normalize((0.1307,), (0.3081,))])


@mistake("mnist_transform", diagnosis="three values each for mean and std are RGB statistics; "
         "an MNIST image has one channel: Normalize((0.1307,), (0.3081,)).")
def three_channel_statistics():
    return transforms.Compose([transforms.ToTensor(),
                               transforms.Normalize((0.1307,) * 3, (0.3081,) * 3)])


@mistake("mnist_transform", diagnosis="a plain list of transforms cannot be called on an image: "
         "wrap it in transforms.Compose([...]).")
def plain_list():
    return [transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))]


@mistake("mnist_transform", diagnosis="the pipeline gives float64 tensors (a .double() or a "
         "NumPy float64 step); layers expect float32, which ToTensor already gives: keep it.")
def float64_standardize():
    return transforms.Compose([transforms.ToTensor(),
                               transforms.Lambda(lambda t: (t.double() - 0.1307) / 0.3081)])
