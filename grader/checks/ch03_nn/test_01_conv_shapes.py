"""Checks for exercises/03_nn/01_conv_shapes.py: conv and pool output-shape arithmetic.

The sides are drawn so that the kernel always fits (the docstrings say so), and the results are
compared with their types: a tuple of two Python ints, not floats, NumPy ints or 0-d tensors.
The explicit examples come first, ordered so that each known mistake fails on its own example.
"""

import math

import numpy as np
import torch
from hypothesis import strategies as st

from grader.mistakes import mistake


@st.composite
def conv_args(draw):
    kernel = draw(st.integers(1, 7))
    padding = draw(st.integers(0, 3))
    smallest = max(1, kernel - 2 * padding)
    return {"h": draw(st.integers(smallest, 64)), "w": draw(st.integers(smallest, 64)),
            "kernel": kernel, "stride": draw(st.integers(1, 4)), "padding": padding}


def test_conv2d_out_hw(kata):
    kata.compare("conv2d_out_hw", conv_args(), max_examples=25, examples=[
        {"h": 28, "w": 28, "kernel": 3},
        {"h": 32, "w": 30, "kernel": 5, "stride": 2, "padding": 2},
        {"h": 9, "w": 10, "kernel": 3, "stride": 2, "padding": 1}])


@mistake("conv2d_out_hw", diagnosis="`/` makes a float and does not round down: use floor "
         "division `//`, which drops the last window that does not fit, and return ints.")
def true_division(h, w, kernel, stride=1, padding=0):
    return (h + 2 * padding - kernel) / stride + 1, (w + 2 * padding - kernel) / stride + 1


@mistake("conv2d_out_hw", diagnosis="padding adds `padding` rows at the top *and* at the bottom "
         "(columns left and right): the size grows by 2 * padding.")
def padding_once(h, w, kernel, stride=1, padding=0):
    return (h + padding - kernel) // stride + 1, (w + padding - kernel) // stride + 1


@mistake("conv2d_out_hw", diagnosis="the stride divides the room left for the kernel, then 1 is "
         "added for the first position: (size + 2*padding - kernel) // stride + 1.")
def stride_on_whole_size(h, w, kernel, stride=1, padding=0):
    return (h + 2 * padding) // stride - kernel + 1, (w + 2 * padding) // stride - kernel + 1


@mistake("conv2d_out_hw", diagnosis="the quotient was rounded up: a last window that sticks "
         "out of the padded input is dropped, so round down, (size + 2*padding - kernel) // "
         "stride + 1.")
def ceil_instead_of_floor(h, w, kernel, stride=1, padding=0):
    return (math.ceil((h + 2 * padding - kernel) / stride) + 1,
            math.ceil((w + 2 * padding - kernel) / stride) + 1)


@mistake("conv2d_out_hw", diagnosis="the + 1 is missing: (size + 2*padding - kernel) // stride "
         "counts the steps the kernel takes; the first position adds one window.")
def no_plus_one(h, w, kernel, stride=1, padding=0):
    return (h + 2 * padding - kernel) // stride, (w + 2 * padding - kernel) // stride


@mistake("conv2d_out_hw", diagnosis="the 1 was added before dividing, (size + 2*padding - kernel "
         "+ 1) // stride: equal for stride 1 only. Divide first, then add the first window: "
         "(size + 2*padding - kernel) // stride + 1.")
def plus_one_inside(h, w, kernel, stride=1, padding=0):
    return (h + 2 * padding - kernel + 1) // stride, (w + 2 * padding - kernel + 1) // stride


@mistake("conv2d_out_hw", diagnosis="the sides came back swapped: return (height, width) in the "
         "order of the arguments, as the (N, C, H, W) layout has them.")
def width_first(h, w, kernel, stride=1, padding=0):
    return (w + 2 * padding - kernel) // stride + 1, (h + 2 * padding - kernel) // stride + 1


@mistake("conv2d_out_hw", diagnosis="the sides are 0-d tensors, not Python ints: shape arithmetic "
         "needs no tensors (use plain // on the ints, or int(...) on a tensor's element).")
def tensor_sides(h, w, kernel, stride=1, padding=0):
    sizes = torch.tensor([h, w])
    return tuple(torch.div(sizes + 2 * padding - kernel, stride, rounding_mode="floor") + 1)


@mistake("conv2d_out_hw", diagnosis="the sides are NumPy integers, not Python ints: compute with "
         "plain // on the ints (or convert with int(...)).")
def numpy_sides(h, w, kernel, stride=1, padding=0):
    return tuple((np.array([h, w]) + 2 * padding - kernel) // stride + 1)


@st.composite
def pool_args(draw):
    kernel = draw(st.integers(1, 5))
    args = {"h": draw(st.integers(kernel, 40)), "w": draw(st.integers(kernel, 40)),
            "kernel": kernel}
    if draw(st.booleans()):
        args["stride"] = draw(st.integers(1, 4))
    return args


def test_maxpool2d_out_hw(kata):
    kata.compare("maxpool2d_out_hw", pool_args(), max_examples=25, examples=[
        {"h": 24, "w": 24, "kernel": 2}, {"h": 7, "w": 7, "kernel": 3, "stride": 1},
        {"h": 7, "w": 9, "kernel": 2}, {"h": 8, "w": 8, "kernel": 3, "stride": None},
        {"h": 9, "w": 9, "kernel": 2, "stride": 3}])


@mistake("maxpool2d_out_hw", diagnosis="a pool's stride defaults to its kernel size "
         "(non-overlapping windows), in F.max_pool2d and in Keras MaxPooling2D alike: "
         "stride=None means stride = kernel, not 1.")
def default_stride_one(h, w, kernel, stride=None):
    stride = stride or 1
    return (h - kernel) // stride + 1, (w - kernel) // stride + 1


@mistake("maxpool2d_out_hw", diagnosis="max pooling drops the rows and columns that do not fill "
         "a whole window (ceil_mode=False): round down, e.g. 7 -> 3 with kernel 2, not 4.")
def rounds_up(h, w, kernel, stride=None):
    stride = stride or kernel
    return math.ceil((h - kernel) / stride) + 1, math.ceil((w - kernel) / stride) + 1


@mistake("maxpool2d_out_hw", diagnosis="size // kernel ignores the stride argument (it is only "
         "right when the stride equals the kernel): with stride s the window starts at 0, s, 2s, "
         "..., so out = (size - kernel) // s + 1.")
def ignores_stride(h, w, kernel, stride=None):
    return h // kernel, w // kernel


@mistake("maxpool2d_out_hw", diagnosis="ceil(size / stride) is Keras' padding='same' arithmetic: "
         "F.max_pool2d pads nothing and drops the rows and columns that do not fill a window, "
         "out = (size - kernel) // stride + 1.")
def keras_same(h, w, kernel, stride=None):
    stride = kernel if stride is None else stride
    return math.ceil(h / stride), math.ceil(w / stride)


@mistake("maxpool2d_out_hw", diagnosis="kernel and stride are swapped in the formula (invisible "
         "while they are equal, the default): out = (size - kernel) // stride + 1.")
def kernel_and_stride_swapped(h, w, kernel, stride=None):
    stride = kernel if stride is None else stride
    return (h - stride) // kernel + 1, (w - stride) // kernel + 1


@mistake("maxpool2d_out_hw", diagnosis="the sides are NumPy integers, not Python ints: compute with "
         "plain // on the ints (or convert with int(...)).")
def numpy_sides_pool(h, w, kernel, stride=None):
    stride = kernel if stride is None else stride
    return tuple((np.array([h, w]) - kernel) // stride + 1)
