"""Corpus for exercises/03_nn/01_conv_shapes.py: conv2d_out_hw, maxpool2d_out_hw."""
import math

import numpy as np
import torch
import torch.nn.functional as F


# ---------------------------------------------------------------------------------------------
# conv2d_out_hw
# ---------------------------------------------------------------------------------------------

def right__conv2d_out_hw__math_floor(h: int, w: int, kernel: int, stride: int = 1,
                                     padding: int = 0) -> tuple[int, int]:
    "alternative | math.floor of the true quotient instead of integer floor division"
    def side(size):
        return int(math.floor((size + 2 * padding - kernel) / stride)) + 1
    return side(h), side(w)


def right__conv2d_out_hw__divmod_loop(h: int, w: int, kernel: int, stride: int = 1,
                                      padding: int = 0) -> tuple[int, int]:
    "alternative | divmod inside a loop over the two sides, collected into a tuple"
    out = []
    for size in (h, w):
        q, _ = divmod(size + 2 * padding - kernel, stride)
        out.append(q + 1)
    return tuple(out)


def right__conv2d_out_hw__meta_tensor(h: int, w: int, kernel: int, stride: int = 1,
                                      padding: int = 0) -> tuple[int, int]:
    "alternative | lets PyTorch do the arithmetic: F.conv2d on meta tensors (no memory), shape read back as ints"
    x = torch.empty(1, 1, h, w, device="meta")
    weight = torch.empty(1, 1, kernel, kernel, device="meta")
    y = F.conv2d(x, weight, stride=stride, padding=padding)
    return int(y.shape[2]), int(y.shape[3])


def right__conv2d_out_hw__count_windows(h: int, w: int, kernel: int, stride: int = 1,
                                        padding: int = 0) -> tuple[int, int]:
    "alternative | counts the window start positions with len(range(...)) over the padded side"
    def side(size):
        return len(range(0, size + 2 * padding - kernel + 1, stride))
    return side(h), side(w)


def wrong__conv2d_out_hw__no_plus_one(h: int, w: int, kernel: int, stride: int = 1,
                                      padding: int = 0) -> tuple[int, int]:
    "beginner | forgets the + 1 of the formula (counts the steps, not the windows) | differs when: h=28, w=28, kernel=3 gives (25, 25) instead of (26, 26)"
    return (h + 2 * padding - kernel) // stride, (w + 2 * padding - kernel) // stride


def wrong__conv2d_out_hw__true_division(h: int, w: int, kernel: int, stride: int = 1,
                                        padding: int = 0) -> tuple[int, int]:
    "beginner | uses / instead of //: returns floats and does not floor | differs when: h=32, w=30, kernel=5, stride=2, padding=2 gives (16.5, 15.5) instead of (16, 15)"
    return (h + 2 * padding - kernel) / stride + 1, (w + 2 * padding - kernel) / stride + 1


def wrong__conv2d_out_hw__padding_once(h: int, w: int, kernel: int, stride: int = 1,
                                       padding: int = 0) -> tuple[int, int]:
    "tf-habit | treats padding as the total added (Keras-style 'amount of padding'), not per side: adds padding once instead of 2*padding | differs when: h=32, w=30, kernel=5, stride=2, padding=2 gives (15, 14) instead of (16, 15)"
    return (h + padding - kernel) // stride + 1, (w + padding - kernel) // stride + 1


def wrong__conv2d_out_hw__ceil(h: int, w: int, kernel: int, stride: int = 1,
                               padding: int = 0) -> tuple[int, int]:
    "subtle | rounds the quotient up (ceil) instead of down: keeps a partial window at the border | differs when: h=32, w=30, kernel=5, stride=2, padding=2 gives (17, 16) instead of (16, 15)"
    def side(size):
        return math.ceil((size + 2 * padding - kernel) / stride) + 1
    return side(h), side(w)


def wrong__conv2d_out_hw__plus_one_inside(h: int, w: int, kernel: int, stride: int = 1,
                                          padding: int = 0) -> tuple[int, int]:
    "subtle | misremembered formula (size + 2*padding - kernel + 1) // stride: equal for stride 1, one short when the span divides evenly by the stride | differs when: h=24, w=24, kernel=2, stride=2 gives (11, 11) instead of (12, 12)"
    return (h + 2 * padding - kernel + 1) // stride, (w + 2 * padding - kernel + 1) // stride


def wrong__conv2d_out_hw__tensor_elements(h: int, w: int, kernel: int, stride: int = 1,
                                          padding: int = 0) -> tuple[int, int]:
    "subtle | computes both sides in one torch tensor and returns tuple(tensor): the elements are 0-dim int64 tensors, not Python ints | differs when: h=28, w=28, kernel=3 returns (tensor(26), tensor(26)) instead of (26, 26)"
    sizes = torch.tensor([h, w])
    out = torch.div(sizes + 2 * padding - kernel, stride, rounding_mode="floor") + 1
    return tuple(out)


def wrong__conv2d_out_hw__swapped(h: int, w: int, kernel: int, stride: int = 1,
                                  padding: int = 0) -> tuple[int, int]:
    "beginner | returns (width, height): unpacks the sides in image (x, y) order | differs when: h=32, w=30, kernel=5, stride=2, padding=2 gives (15, 16) instead of (16, 15)"
    out_w = (w + 2 * padding - kernel) // stride + 1
    out_h = (h + 2 * padding - kernel) // stride + 1
    return out_w, out_h


# ---------------------------------------------------------------------------------------------
# maxpool2d_out_hw
# ---------------------------------------------------------------------------------------------

def right__maxpool2d_out_hw__or_default(h: int, w: int, kernel: int,
                                        stride: int | None = None) -> tuple[int, int]:
    "alternative | `stride or kernel` for the default (a stride is never 0), then the formula per side"
    s = stride or kernel
    return (h - kernel) // s + 1, (w - kernel) // s + 1


def right__maxpool2d_out_hw__meta_tensor(h: int, w: int, kernel: int,
                                         stride: int | None = None) -> tuple[int, int]:
    "alternative | runs F.max_pool2d on a meta tensor (passing stride=None through) and reads the shape"
    y = F.max_pool2d(torch.empty(1, 1, h, w, device="meta"), kernel, stride)
    return int(y.shape[-2]), int(y.shape[-1])


def right__maxpool2d_out_hw__count_windows(h: int, w: int, kernel: int,
                                           stride: int | None = None) -> tuple[int, int]:
    "alternative | counts window start positions with len(range(0, size - kernel + 1, stride))"
    if stride is None:
        stride = kernel
    return len(range(0, h - kernel + 1, stride)), len(range(0, w - kernel + 1, stride))


def right__maxpool2d_out_hw__reuse_conv(h: int, w: int, kernel: int,
                                        stride: int | None = None) -> tuple[int, int]:
    "alternative | delegates to a conv formula helper with padding 0, math.floor on the true quotient"
    def conv_side(size, k, s, p=0):
        return int(math.floor((size + 2 * p - k) / s)) + 1
    s = kernel if stride is None else stride
    return conv_side(h, kernel, s), conv_side(w, kernel, s)


def wrong__maxpool2d_out_hw__divide_by_kernel(h: int, w: int, kernel: int,
                                              stride: int | None = None) -> tuple[int, int]:
    "beginner | size // kernel: ignores the stride argument (only right when stride is None or equals kernel) | differs when: h=7, w=9, kernel=3, stride=2 gives (2, 3) instead of (3, 4)"
    return h // kernel, w // kernel


def wrong__maxpool2d_out_hw__stride_one_default(h: int, w: int, kernel: int,
                                                stride: int | None = None) -> tuple[int, int]:
    "beginner | defaults the stride to 1 like Conv2d, not to the kernel size | differs when: h=24, w=24, kernel=2 (stride None) gives (23, 23) instead of (12, 12)"
    if stride is None:
        stride = 1
    return (h - kernel) // stride + 1, (w - kernel) // stride + 1


def wrong__maxpool2d_out_hw__keras_same(h: int, w: int, kernel: int,
                                        stride: int | None = None) -> tuple[int, int]:
    "tf-habit | Keras padding='same' arithmetic ceil(size / stride): keeps the leftover rows/columns | differs when: h=7, w=9, kernel=2 gives (4, 5) instead of (3, 4)"
    s = kernel if stride is None else stride
    return math.ceil(h / s), math.ceil(w / s)


def wrong__maxpool2d_out_hw__ceil_mode(h: int, w: int, kernel: int,
                                       stride: int | None = None) -> tuple[int, int]:
    "subtle | ceil_mode arithmetic (-(-(size - kernel) // stride) + 1): a partial window at the border still produces an output | differs when: h=7, w=9, kernel=2 gives (4, 5) instead of (3, 4)"
    s = kernel if stride is None else stride
    return -(-(h - kernel) // s) + 1, -(-(w - kernel) // s) + 1


def wrong__maxpool2d_out_hw__kernel_stride_swapped(h: int, w: int, kernel: int,
                                                   stride: int | None = None) -> tuple[int, int]:
    "subtle | kernel and stride swapped in the formula, (size - stride) // kernel + 1: invisible when they are equal (the default) | differs when: h=7, w=7, kernel=3, stride=1 gives (3, 3) instead of (5, 5)"
    s = kernel if stride is None else stride
    return (h - s) // kernel + 1, (w - s) // kernel + 1


def wrong__maxpool2d_out_hw__numpy_ints(h: int, w: int, kernel: int,
                                        stride: int | None = None) -> tuple[int, int]:
    "subtle | vectorised with numpy: returns numpy.int64 values, not Python ints | differs when: h=24, w=24, kernel=2 returns (np.int64(12), np.int64(12)), whose elements are not int"
    s = kernel if stride is None else stride
    out = (np.array([h, w]) - kernel) // s + 1
    return tuple(out)
