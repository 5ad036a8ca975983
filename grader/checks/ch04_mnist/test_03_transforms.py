"""Checks for exercises/04_mnist/03_transforms.py: ToTensor + Normalize with MNIST's statistics."""

from PIL import Image
from torchvision import transforms

from grader.datasets import mnist_arrays
from grader.mistakes import mistake


def apply_to_pil_images(target, arrays):
    """Build the learner's pipeline and apply it to PIL images, as datasets.MNIST does."""
    pipeline = target()
    return [pipeline(Image.fromarray(a)) for a in arrays]


def test_mnist_transform(kata):
    images, _ = mnist_arrays(4, seed=3)
    kata.compare("mnist_transform", {"arrays": list(images)}, probe=apply_to_pil_images)


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
    return transforms.Compose([transforms.ToTensor(), transforms.Normalize((33.32,), (78.57,))])


@mistake("mnist_transform", diagnosis="mean and std are swapped: Normalize(mean, std) takes "
         "the mean first, (0.1307,), then the std, (0.3081,).")
def swapped_statistics():
    return transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.3081,), (0.1307,))])
