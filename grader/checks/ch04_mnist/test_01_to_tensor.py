"""Checks for exercises/04_mnist/01_to_tensor.py: ToTensor's contract, written by hand.

Corners: size-1 sides and single-channel (H, W, 1) images, all-0 and all-255 images, and an
image that is a crop of a wider array (not contiguous: ``view`` refuses it, ``from_numpy``
shares its memory, so writing through it would change the caller's picture).
"""

import numpy as np
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader import corners
from grader.mistakes import mistake


@st.composite
def uint8_images(draw):
    h, w = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    shape = draw(st.sampled_from([(h, w), (h, w, 1), (h, w, 3), (h, w, 4)]))
    if 1 in shape:
        corners.reach("size_one")
    return {"img": draw(hnp.arrays(np.uint8, shape))}


def from_a_crop(target, img):
    """image_to_tensor(img[:, 1::2]): every other column of img, a view that is not contiguous"""
    crop = img[:, 1::2]
    return {"tensor": target(crop), "img after the call": img}


def test_image_to_tensor(kata):
    rng = np.random.default_rng(0)
    corners.reach("extreme")
    # Small examples first: a failure on them shows an input that can be typed in again.
    kata.compare("image_to_tensor", uint8_images(), max_examples=12, examples=[
        {"img": np.arange(18, dtype=np.uint8).reshape(2, 3, 3)},
        {"img": np.arange(6, dtype=np.uint8).reshape(2, 3)},
        {"img": np.full((2, 3), 255, dtype=np.uint8)},
        {"img": np.zeros((3, 2, 1), dtype=np.uint8)},
        {"img": rng.integers(0, 256, (4, 5, 3), dtype=np.uint8)},
        {"img": rng.integers(0, 256, (28, 28), dtype=np.uint8)},
    ])
    corners.reach("noncontiguous")
    kata.compare("image_to_tensor", {"img": np.arange(24, dtype=np.uint8).reshape(3, 8)},
                 probe=from_a_crop, examples=[
                     {"img": np.arange(60, dtype=np.uint8).reshape(2, 10, 3)}])


@mistake("image_to_tensor", diagnosis="the values are still 0..255: ToTensor also rescales "
         "uint8 images to [0, 1]. Divide by 255 after converting to float32.")
def no_scaling(img):
    t = torch.from_numpy(np.atleast_3d(img))
    return t.permute(2, 0, 1).float()


@mistake("image_to_tensor", diagnosis="reshape/view only regroup the bytes in memory, so the "
         "channels come out scrambled. Move the channel axis with t.permute(2, 0, 1).")
def reshape_not_permute(img):
    t = torch.from_numpy(np.atleast_3d(img))
    h, w, c = t.shape
    return t.reshape(c, h, w).float() / 255


@mistake("image_to_tensor", diagnosis="the result is still channels-last (H, W, C), the "
         "TensorFlow layout. PyTorch layers want (C, H, W): permute(2, 0, 1).")
def channels_last(img):
    return torch.from_numpy(np.atleast_3d(img)).float() / 255


@mistake("image_to_tensor", diagnosis="dividing the NumPy array by 255.0 makes float64, and "
         "float64 inputs do not mix with float32 layers. Convert with .float() (float32).")
def float64(img):
    return torch.from_numpy(np.atleast_3d(img) / 255.0).permute(2, 0, 1)


@mistake("image_to_tensor", diagnosis="a grayscale (H, W) image needs a channel axis too: "
         "the result must be (1, H, W). Add it with unsqueeze before permuting.")
def no_channel_axis(img):
    t = torch.from_numpy(img).float() / 255
    return t.permute(2, 0, 1) if t.dim() == 3 else t


@mistake("image_to_tensor", diagnosis="transpose(0, 2) (or .T) reverses the axes: (H, W, C) "
         "becomes (C, W, H), so height and width trade places. permute(2, 0, 1) moves only the "
         "channel axis to the front.")
def transposes_all_axes(img):
    arr = img if img.ndim == 3 else img[:, :, None]
    return torch.from_numpy(arr).float().div(255).transpose(0, 2)


@mistake("image_to_tensor", diagnosis="assigning img.shape (or img.resize) changes the "
         "caller's array in place. Add the channel axis to a new view instead: "
         "t.unsqueeze(-1) or img[:, :, None].")
def reshapes_the_callers_array(img):
    if img.ndim == 2:
        img.shape = img.shape + (1,)
    return torch.from_numpy(img).permute(2, 0, 1).float() / 255


@mistake("image_to_tensor", diagnosis="the grayscale channel axis was added in front "
         "(unsqueeze(0): (1, H, W)) and then permute(2, 0, 1) still ran, moving the width "
         "first. Add it last (unsqueeze(-1): (H, W, 1)) before permuting, or skip the permute.")
def unsqueeze_front_then_permute(img):
    t = torch.from_numpy(img)
    if t.dim() == 2:
        t = t.unsqueeze(0)
    return t.permute(2, 0, 1).float() / 255


@mistake("image_to_tensor", diagnosis="unsqueeze(0) on every image only fits grayscale ones: "
         "a colour (H, W, C) image becomes (1, H, W, C). Move its channel axis with "
         "permute(2, 0, 1); add an axis only to a 2-D image.")
def always_unsqueeze_front(img):
    return torch.from_numpy(img).float().unsqueeze(0) / 255
