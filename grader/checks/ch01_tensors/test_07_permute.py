"""Checks for exercises/01_tensors/07_permute.py: NHWC to NCHW with permute."""

import torch

from grader import corners
from grader import strategies as ts
from grader.checks.ch01_tensors._common import EVERY, examples
from grader.mistakes import mistake


def nhwc_args():
    shape = corners.shapes(min_dims=4, max_dims=4, max_side=3, corners=("empty", "size_one"))
    return ts.kwargs(images=corners.tensors(shape, dtypes=EVERY, corners=(
        "noncontiguous", "view_of_buffer", "requires_grad")))


def test_nhwc_to_nchw(kata):
    kata.compare("nhwc_to_nchw", nhwc_args(), exact=True, max_examples=10, examples=examples(
        {"images": torch.arange(2 * 3 * 4 * 3, dtype=torch.float64).reshape(2, 3, 4, 3)},
        {"images": torch.arange(2 * 3 * 3 * 2.0).reshape(2, 3, 3, 2).requires_grad_()},
        {"images": torch.arange(12, dtype=torch.bfloat16).reshape(1, 2, 2, 3)}))


@mistake("nhwc_to_nchw", diagnosis="reshape/view to (N, C, H, W) keeps the order of the numbers "
         "and cuts them differently, so pixels get scrambled: reorder the dimensions with "
         "images.permute(0, 3, 1, 2).")
def reshapes(images):
    n, h, w, c = images.shape
    return images.reshape(n, c, h, w)


@mistake("nhwc_to_nchw", diagnosis="this order gives (N, C, W, H): height and width are swapped, "
         "so every image is transposed (square images hide it in the shape). Use "
         "images.permute(0, 3, 1, 2), which lists the old position of each new dimension.")
def transposes(images):
    return images.transpose(1, 3)


@mistake("nhwc_to_nchw", diagnosis="permute's arguments name, for each new dimension, the old "
         "one: (N, C, H, W) is permute(0, 3, 1, 2); permute(0, 2, 3, 1) goes the other way "
         "(NCHW to NHWC).")
def inverse_permutation(images):
    return images.permute(0, 2, 3, 1)


@mistake("nhwc_to_nchw", diagnosis="the values are right but .contiguous() copied them: permute "
         "returns a view; make it contiguous only when an operation needs it.")
def copies(images):
    return images.permute(0, 3, 1, 2).contiguous()


@mistake("nhwc_to_nchw", diagnosis="the detour through NumPy (images.numpy().transpose(...)) fails "
         "for tensors that require grad, live on a GPU or are bfloat16: images.permute(0, 3, 1, 2) "
         "stays in torch and returns a view.")
def through_numpy(images):
    return torch.from_numpy(images.numpy().transpose(0, 3, 1, 2))
