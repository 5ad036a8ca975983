"""Realistic learner answers for exercises/01_tensors/07_permute.py (nhwc_to_nchw)."""
import numpy as np
import torch


# --------------------------------------------------------------------------- right


def right__nhwc_to_nchw__movedim(images: torch.Tensor) -> torch.Tensor:
    """alternative | torch.movedim(images, -1, 1): moves the channel axis to position 1, a view like permute"""
    return torch.movedim(images, -1, 1)


def right__nhwc_to_nchw__two_transposes(images: torch.Tensor) -> torch.Tensor:
    """alternative | two swaps: transpose(1, 3) gives (N, C, W, H), transpose(2, 3) then gives (N, C, H, W); both are views"""
    return images.transpose(1, 3).transpose(2, 3)


def right__nhwc_to_nchw__as_strided(images: torch.Tensor) -> torch.Tensor:
    """alternative | builds the view by hand with as_strided, reordering sizes and strides (N, C, H, W) from the input's"""
    n, h, w, c = images.shape
    sn, sh, sw, sc = images.stride()
    return images.as_strided((n, c, h, w), (sn, sc, sh, sw), images.storage_offset())


def right__nhwc_to_nchw__negative_dims(images: torch.Tensor) -> torch.Tensor:
    """alternative | permute written with negative indices, images.permute(0, -1, -3, -2)"""
    return images.permute(0, -1, -3, -2)


# --------------------------------------------------------------------------- wrong


def wrong__nhwc_to_nchw__reshape(images: torch.Tensor) -> torch.Tensor:
    """beginner | reshape to (N, C, H, W) keeps the element order and only cuts it differently: the shape is right but the pixels are scrambled | differs when: images=torch.arange(12).reshape(1, 2, 2, 3): result[0, 0] is tensor([[0, 1], [2, 3]]) instead of tensor([[0, 3], [6, 9]])"""
    n, h, w, c = images.shape
    return images.reshape(n, c, h, w)


def wrong__nhwc_to_nchw__inverse_permutation(images: torch.Tensor) -> torch.Tensor:
    """beginner | permute(0, 2, 3, 1) is the NCHW -> NHWC order (the dims list names old positions, it is not 'where each dim goes') | differs when: images=torch.zeros(8, 28, 28, 3) gives shape (8, 28, 3, 28) instead of (8, 3, 28, 28)"""
    return images.permute(0, 2, 3, 1)


def wrong__nhwc_to_nchw__height_width_swapped(images: torch.Tensor) -> torch.Tensor:
    """subtle | permute(0, 3, 2, 1) gives (N, C, W, H): on square images such as MNIST the shape looks right, but every image is transposed | differs when: images=torch.zeros(1, 2, 5, 3) gives shape (1, 3, 5, 2) instead of (1, 3, 2, 5)"""
    return images.permute(0, 3, 2, 1)


def wrong__nhwc_to_nchw__contiguous_copy(images: torch.Tensor) -> torch.Tensor:
    """subtle | appends .contiguous() so conv layers get a dense tensor: values right, but it is a copy, not the view the docstring asks for | differs when: images=torch.zeros(1, 2, 2, 3): writing into the result leaves images unchanged"""
    return images.permute(0, 3, 1, 2).contiguous()


def wrong__nhwc_to_nchw__numpy_transpose(images: torch.Tensor) -> torch.Tensor:
    """tf-habit | goes through NumPy as with tf: torch.from_numpy(images.numpy().transpose(0, 3, 1, 2)); fails for tensors that require grad, live off the CPU, or are bfloat16 | differs when: images=torch.zeros(1, 2, 2, 3, requires_grad=True) raises RuntimeError instead of returning a (1, 3, 2, 2) view"""
    return torch.from_numpy(images.numpy().transpose(0, 3, 1, 2))
