"""Realistic learner answers for 04_mnist/03_transforms.py (mnist_transform)."""
import torch
from torchvision import transforms


# ----------------------------------------------------------------------------- right

def right__mnist_transform__list_arguments() -> transforms.Compose:
    """alternative | passes mean and std to Normalize as one-element lists by keyword instead of tuples"""
    return transforms.Compose([
        transforms.ToTensor(),
        transforms.Normalize(mean=[0.1307], std=[0.3081]),
    ])


def right__mnist_transform__pil_to_tensor_then_convert() -> transforms.Compose:
    """alternative | PILToTensor + ConvertImageDtype(float32) (which rescales uint8 by 1/255) replace ToTensor, then the same Normalize"""
    return transforms.Compose([
        transforms.PILToTensor(),
        transforms.ConvertImageDtype(torch.float32),
        transforms.Normalize((0.1307,), (0.3081,)),
    ])


def right__mnist_transform__normalize_inplace() -> transforms.Compose:
    """alternative | Normalize(..., inplace=True): safe here because it only ever sees the fresh tensor ToTensor just made"""
    steps = [transforms.ToTensor()]
    steps.append(transforms.Normalize((0.1307,), (0.3081,), inplace=True))
    return transforms.Compose(steps)


def right__mnist_transform__lambda_standardize() -> transforms.Compose:
    """alternative | ToTensor followed by a Lambda computing (t - 0.1307) / 0.3081 by hand instead of Normalize"""
    return transforms.Compose([
        transforms.ToTensor(),
        transforms.Lambda(lambda t: (t - 0.1307) / 0.3081),
    ])


# ----------------------------------------------------------------------------- wrong

def wrong__mnist_transform__normalize_before_to_tensor() -> transforms.Compose:
    """beginner | puts Normalize before ToTensor, so Normalize receives a PIL image | differs when: applied to Image.fromarray(np.zeros((28, 28), np.uint8)): raises TypeError instead of returning a (1, 28, 28) tensor"""
    return transforms.Compose([
        transforms.Normalize((0.1307,), (0.3081,)),
        transforms.ToTensor(),
    ])


def wrong__mnist_transform__mean_std_swapped() -> transforms.Compose:
    """beginner | swaps the two statistics: Normalize((0.3081,), (0.1307,)) | differs when: applied to an all-zero 28x28 image: every pixel -2.357 instead of -0.4242"""
    return transforms.Compose([
        transforms.ToTensor(),
        transforms.Normalize((0.3081,), (0.1307,)),
    ])


def wrong__mnist_transform__half_half_stats() -> transforms.Compose:
    """examples | copies Normalize((0.5,), (0.5,)) from the tutorials/GAN examples instead of MNIST's 0.1307 / 0.3081 | differs when: applied to an all-zero 28x28 image: every pixel -1.0 instead of -0.4242"""
    return transforms.Compose([
        transforms.ToTensor(),
        transforms.Normalize((0.5,), (0.5,)),
    ])


def wrong__mnist_transform__variance_for_std() -> transforms.Compose:
    """tf-habit | passes the variance 0.3081**2 where Normalize wants the std (keras.layers.Normalization takes variance=) | differs when: applied to an all-zero 28x28 image: every pixel -1.377 instead of -0.4242"""
    return transforms.Compose([
        transforms.ToTensor(),
        transforms.Normalize((0.1307,), (0.3081 ** 2,)),
    ])


def wrong__mnist_transform__cast_without_rescale() -> transforms.Compose:
    """tf-habit | like tf.cast(x, tf.float32) it converts the 0..255 bytes to float without dividing by 255, then applies the [0, 1]-scale statistics | differs when: applied to an all-255 28x28 image: every pixel 827.2 instead of 2.821"""
    return transforms.Compose([
        transforms.PILToTensor(),
        transforms.Lambda(lambda t: t.float()),
        transforms.Normalize((0.1307,), (0.3081,)),
    ])


def wrong__mnist_transform__pil_to_tensor_only() -> transforms.Compose:
    """subtle | takes PILToTensor for the modern name of ToTensor; it keeps uint8 and does not rescale, so Normalize rejects the integer tensor | differs when: applied to an all-zero 28x28 image: raises TypeError instead of returning float32 values"""
    return transforms.Compose([
        transforms.PILToTensor(),
        transforms.Normalize((0.1307,), (0.3081,)),
    ])


def wrong__mnist_transform__rgb_statistics() -> transforms.Compose:
    """examples | copies three-channel statistics from an RGB example (mean/std repeated per channel) onto the 1-channel MNIST tensor | differs when: applied to an all-zero 28x28 image: raises RuntimeError (3 channels vs 1) instead of returning (1, 28, 28)"""
    return transforms.Compose([
        transforms.ToTensor(),
        transforms.Normalize((0.1307, 0.1307, 0.1307), (0.3081, 0.3081, 0.3081)),
    ])


def wrong__mnist_transform__plain_list() -> transforms.Compose:
    """beginner | returns the list [ToTensor(), Normalize(...)] (what Keras Sequential would take) instead of wrapping it in Compose, so it cannot be called on an image | differs when: mnist_transform()(image) for any PIL image: raises TypeError ('list' object is not callable)"""
    return [transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))]



def wrong__mnist_transform__float64_standardize() -> transforms.Compose:
    """subtle | standardizes by hand in double precision "to be exact" (t.double() - 0.1307) / 0.3081, so the pipeline yields float64 instead of float32 | differs when: applied to any 28x28 PIL image: dtype torch.float64 instead of torch.float32"""
    return transforms.Compose([
        transforms.ToTensor(),
        transforms.Lambda(lambda t: (t.double() - 0.1307) / 0.3081),
    ])


def wrong__mnist_transform__raw_scale_statistics() -> transforms.Compose:
    """subtle | uses the mean/std measured on the raw 0..255 bytes (ds.data.float().mean() = 33.32, std 78.57) although ToTensor has already rescaled to [0, 1] | differs when: applied to an all-zero 28x28 image: every pixel -0.4241 instead of -0.4242, and an all-255 image gives -0.4114 instead of 2.821"""
    return transforms.Compose([
        transforms.ToTensor(),
        transforms.Normalize((33.3184,), (78.5675,)),
    ])
