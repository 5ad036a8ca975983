"""Checks for exercises/03_nn/01_conv_shapes.py: conv and pool output-shape arithmetic."""

import math

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


@mistake("conv2d_out_hw")
def ceil_instead_of_floor(h, w, kernel, stride=1, padding=0):
    return (math.ceil((h + 2 * padding - kernel) / stride) + 1,
            math.ceil((w + 2 * padding - kernel) / stride) + 1)


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
        {"h": 24, "w": 24, "kernel": 2}, {"h": 7, "w": 9, "kernel": 2},
        {"h": 7, "w": 7, "kernel": 3, "stride": 1}, {"h": 8, "w": 8, "kernel": 3, "stride": None}])


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


@mistake("maxpool2d_out_hw")
def ignores_stride(h, w, kernel, stride=None):
    return h // kernel, w // kernel
