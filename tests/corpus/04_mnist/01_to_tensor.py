"""Realistic learner answers for 04_mnist/01_to_tensor.py (image_to_tensor)."""
import numpy as np
import torch
from torchvision.transforms import functional as TF


# ----------------------------------------------------------------------------- right

def right__image_to_tensor__torchvision_to_tensor(img: np.ndarray) -> torch.Tensor:
    """alternative | delegates to torchvision.transforms.functional.to_tensor on a contiguous copy instead of permuting by hand"""
    return TF.to_tensor(np.ascontiguousarray(img))


def right__image_to_tensor__numpy_first(img: np.ndarray) -> torch.Tensor:
    """alternative | does the axis move and the scaling in NumPy (atleast_3d, transpose, astype float32 / 255) and converts at the end"""
    arr = img[:, :, np.newaxis] if img.ndim == 2 else img
    arr = np.transpose(arr, (2, 0, 1)).astype(np.float32) / np.float32(255)
    return torch.from_numpy(np.ascontiguousarray(arr))


def right__image_to_tensor__movedim_div(img: np.ndarray) -> torch.Tensor:
    """alternative | torch.tensor copy, unsqueeze(-1) for grayscale, movedim(-1, 0), .to(float32).div(255)"""
    t = torch.tensor(np.ascontiguousarray(img))
    if t.dim() == 2:
        t = t.unsqueeze(-1)
    return t.movedim(-1, 0).to(torch.float32).div(255)


def right__image_to_tensor__stack_channels(img: np.ndarray) -> torch.Tensor:
    """alternative | builds the (C, H, W) tensor by stacking one (H, W) plane per channel in a loop"""
    arr = np.asarray(img)
    if arr.ndim == 2:
        arr = arr[..., None]
    planes = [torch.tensor(np.ascontiguousarray(arr[:, :, c]), dtype=torch.float32) / 255
              for c in range(arr.shape[2])]
    if not planes:
        return torch.zeros((0,) + arr.shape[:2], dtype=torch.float32)
    return torch.stack(planes, dim=0)


# ----------------------------------------------------------------------------- wrong

def wrong__image_to_tensor__reshape_not_permute(img: np.ndarray) -> torch.Tensor:
    """beginner | regroups the bytes with reshape(C, H, W) instead of moving the channel axis, scrambling the pixels of colour images | differs when: img = np.arange(12, dtype=np.uint8).reshape(2, 2, 3): element [0, 0, 1] should be 3/255 but is 1/255"""
    t = torch.from_numpy(img).float() / 255
    if t.dim() == 2:
        return t.reshape(1, *t.shape)
    h, w, c = t.shape
    return t.reshape(c, h, w)


def wrong__image_to_tensor__channels_last(img: np.ndarray) -> torch.Tensor:
    """tf-habit | scales to [0, 1] like tf.image.convert_image_dtype but keeps TensorFlow's channels-last (H, W, C) layout | differs when: img = np.zeros((2, 3), np.uint8): shape (2, 3, 1) instead of (1, 2, 3)"""
    t = torch.from_numpy(img)
    if t.dim() == 2:
        t = t.unsqueeze(-1)
    return t.float() / 255


def wrong__image_to_tensor__no_rescale(img: np.ndarray) -> torch.Tensor:
    """beginner | converts to float32 and channels-first but forgets to divide by 255, so values stay in 0..255 | differs when: img = np.full((2, 3), 255, np.uint8): values 255.0 instead of 1.0"""
    t = torch.from_numpy(img)
    if t.dim() == 2:
        t = t.unsqueeze(-1)
    return t.permute(2, 0, 1).float()


def wrong__image_to_tensor__transpose_all_axes(img: np.ndarray) -> torch.Tensor:
    """old-api | uses img.T / transpose(0, 2) to bring channels first, which also swaps height and width: (C, W, H) | differs when: img = np.zeros((2, 3, 1), np.uint8): shape (1, 3, 2) instead of (1, 2, 3)"""
    arr = img if img.ndim == 3 else img[:, :, None]
    return torch.from_numpy(arr).float().div(255).transpose(0, 2)


def wrong__image_to_tensor__numpy_float64(img: np.ndarray) -> torch.Tensor:
    """subtle | divides the NumPy array by 255.0, which gives float64, and from_numpy keeps it: the result is float64, not float32 | differs when: img = np.zeros((2, 2), np.uint8): dtype torch.float64 instead of torch.float32"""
    arr = img / 255.0
    if arr.ndim == 2:
        arr = arr[:, :, None]
    return torch.from_numpy(arr).permute(2, 0, 1)


def wrong__image_to_tensor__reshapes_caller_array(img: np.ndarray) -> torch.Tensor:
    """subtle | adds the channel axis by assigning img.shape, which changes the caller's array in place | differs when: img = np.zeros((2, 3), np.uint8): after the call img.shape is (2, 3, 1) instead of (2, 3)"""
    if img.ndim == 2:
        img.shape = img.shape + (1,)
    return torch.from_numpy(img).permute(2, 0, 1).float() / 255


def wrong__image_to_tensor__unsqueeze_front_then_permute(img: np.ndarray) -> torch.Tensor:
    """subtle | adds the grayscale channel in front (unsqueeze(0)) and then still applies permute(2, 0, 1), which moves the width first | differs when: img = np.zeros((2, 3), np.uint8): shape (3, 1, 2) instead of (1, 2, 3)"""
    t = torch.from_numpy(img)
    if t.dim() == 2:
        t = t.unsqueeze(0)
    return t.permute(2, 0, 1).float() / 255


def wrong__image_to_tensor__grayscale_only(img: np.ndarray) -> torch.Tensor:
    """beginner | written for MNIST only: always unsqueeze(0), so a colour (H, W, C) image becomes (1, H, W, C) | differs when: img = np.zeros((2, 2, 3), np.uint8): shape (1, 2, 2, 3) instead of (3, 2, 2)"""
    return torch.from_numpy(img).float().unsqueeze(0) / 255
