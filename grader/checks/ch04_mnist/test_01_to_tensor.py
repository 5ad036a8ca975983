"""Checks for exercises/04_mnist/01_to_tensor.py: ToTensor's contract, written by hand."""

import numpy as np
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader.mistakes import mistake


@st.composite
def uint8_images(draw):
    h, w = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    shape = draw(st.sampled_from([(h, w), (h, w, 1), (h, w, 3), (h, w, 4)]))
    return {"img": draw(hnp.arrays(np.uint8, shape))}


def test_image_to_tensor(kata):
    rng = np.random.default_rng(0)
    kata.compare("image_to_tensor", uint8_images(), max_examples=12, examples=[
        {"img": rng.integers(0, 256, (28, 28), dtype=np.uint8)},
        {"img": np.arange(18, dtype=np.uint8).reshape(2, 3, 3)},
        {"img": rng.integers(0, 256, (4, 5, 3), dtype=np.uint8)},
    ])


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
