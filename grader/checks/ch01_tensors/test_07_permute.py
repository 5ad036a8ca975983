"""Checks for exercises/01_tensors/07_permute.py: NHWC to NCHW with permute."""

import torch

from grader import strategies as ts
from grader.mistakes import mistake


def nhwc_args():
    return ts.kwargs(images=ts.tensors(ts.shapes(min_dims=4, max_dims=4, min_side=1)))


def test_nhwc_to_nchw(kata):
    kata.compare("nhwc_to_nchw", nhwc_args(), exact=True, max_examples=10, examples=[
        {"images": torch.arange(2 * 3 * 4 * 3.0).reshape(2, 3, 4, 3)},
        {"images": torch.arange(2 * 3 * 3 * 2.0).reshape(2, 3, 3, 2)}])


@mistake("nhwc_to_nchw", diagnosis="reshape/view to (N, C, H, W) keeps the order of the numbers "
         "and cuts them differently, so pixels get scrambled: reorder the dimensions with "
         "images.permute(0, 3, 1, 2).")
def reshapes(images):
    n, h, w, c = images.shape
    return images.reshape(n, c, h, w)


@mistake("nhwc_to_nchw", diagnosis="transpose(1, 3) swaps H and C only, giving (N, C, W, H): "
         "use images.permute(0, 3, 1, 2), which lists the old position of each new dimension.")
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
