"""Realistic learner answers for exercises/01_tensors/12_casting.py (float32_batch, to_unit_float)."""
import numpy as np
import torch


# ====================================================================== float32_batch
# --------------------------------------------------------------------------- right


def right__float32_batch__as_tensor_dtype(a: np.ndarray) -> torch.Tensor:
    """alternative | torch.as_tensor(a, dtype=torch.float32) converts and casts in one call"""
    return torch.as_tensor(a, dtype=torch.float32)


def right__float32_batch__numpy_astype(a: np.ndarray) -> torch.Tensor:
    """alternative | casts on the NumPy side with a.astype(np.float32, copy=False) and then wraps it with torch.from_numpy"""
    return torch.from_numpy(a.astype(np.float32, copy=False))


def right__float32_batch__to_dtype(a: np.ndarray) -> torch.Tensor:
    """alternative | torch.tensor(a) (a copy that keeps a's dtype) followed by .to(torch.float32): always a fresh tensor, even for a float32 array, where from_numpy(a).float() would share a's memory (the docstring leaves copy vs share open)"""
    return torch.tensor(a).to(torch.float32)


# --------------------------------------------------------------------------- wrong


def wrong__float32_batch__keeps_float64(a: np.ndarray) -> torch.Tensor:
    """beginner | torch.from_numpy(a) keeps the array's dtype, so NumPy's default float64 reaches nn layers and fails there | differs when: a=np.zeros((2, 3)) gives float64 instead of float32"""
    return torch.from_numpy(a)


def wrong__float32_batch__image_dtype_scaling(a: np.ndarray) -> torch.Tensor:
    """tf-habit | tf.image.convert_image_dtype habit: rescales integer arrays by their dtype's maximum while casting, so values change | differs when: a=np.array([255], dtype=np.uint8) gives tensor([1.]) instead of tensor([255.])"""
    t = torch.from_numpy(a)
    if not t.is_floating_point():
        return t.float() / float(np.iinfo(a.dtype).max)
    return t.float()


def wrong__float32_batch__numpy_view_bits(a: np.ndarray) -> torch.Tensor:
    """beginner | a.view(np.float32) reinterprets the bytes (NumPy's view is not a cast, unlike torch's .view(dtype) confusion), giving garbage and a different shape | differs when: a=np.zeros((2, 3)) + 1 gives shape (2, 6) with values 0 and 1.875 instead of a (2, 3) tensor of ones"""
    return torch.from_numpy(a.view(np.float32))


def wrong__float32_batch__np_float32_call(a: np.ndarray) -> torch.Tensor:
    """subtle | torch.from_numpy(np.float32(a)): np.float32(...) of a 0-d array returns a NumPy scalar, not an array, so from_numpy raises TypeError | differs when: a=np.array(5.0) raises TypeError instead of returning tensor(5.)"""
    return torch.from_numpy(np.float32(a))


def wrong__float32_batch__ints_kept(a: np.ndarray) -> torch.Tensor:
    """subtle | casts only floating arrays ('integers are labels'), leaving integer arrays int64/uint8 although the docstring wants float32 for any numeric dtype | differs when: a=np.array([1, 2]) gives int64 instead of float32"""
    t = torch.from_numpy(a)
    if t.is_floating_point():
        t = t.float()
    return t


def wrong__float32_batch__adds_batch_axis(a: np.ndarray) -> torch.Tensor:
    """beginner | reads 'batch' as 'make it a batch' and adds a leading axis with unsqueeze(0) | differs when: a=np.zeros((2, 3)) gives shape (1, 2, 3) instead of (2, 3)"""
    return torch.from_numpy(a).float().unsqueeze(0)


def wrong__float32_batch__half_precision(a: np.ndarray) -> torch.Tensor:
    """subtle | casts to torch.half ('float' in GPU-speak) instead of float32 | differs when: a=np.zeros((2, 3)) gives float16 instead of float32"""
    return torch.from_numpy(a).half()


# ====================================================================== to_unit_float
# --------------------------------------------------------------------------- right


def right__to_unit_float__true_division(images: torch.Tensor) -> torch.Tensor:
    """alternative | relies on type promotion: uint8 / 255 is true division and already gives float32"""
    return images / 255


def right__to_unit_float__torchvision_convert(images: torch.Tensor) -> torch.Tensor:
    """alternative | torchvision.transforms.functional.convert_image_dtype(images, torch.float32), the tf.image.convert_image_dtype counterpart"""
    import torchvision.transforms.functional as TF
    return TF.convert_image_dtype(images, torch.float32)


def right__to_unit_float__float_then_div_(images: torch.Tensor) -> torch.Tensor:
    """alternative | images.to(torch.float32) makes a new tensor, so dividing that one in place with div_(255.0) leaves images alone"""
    out = images.to(torch.float32)
    out.div_(255.0)
    return out


# --------------------------------------------------------------------------- wrong


def wrong__to_unit_float__floor_division(images: torch.Tensor) -> torch.Tensor:
    """beginner | images // 255 is floor division, which stays uint8 and maps everything but 255 to 0 | differs when: images=torch.tensor([0, 51, 255], dtype=torch.uint8) gives tensor([0, 0, 1], dtype=torch.uint8)"""
    return images // 255


def wrong__to_unit_float__divide_by_256(images: torch.Tensor) -> torch.Tensor:
    """beginner | divides by 256 (the number of levels) instead of 255, so white becomes 0.9961, not 1 | differs when: images=torch.tensor([255], dtype=torch.uint8) gives tensor([0.9961]) instead of tensor([1.])"""
    return images.float() / 256


def wrong__to_unit_float__divide_by_max(images: torch.Tensor) -> torch.Tensor:
    """beginner | min-max style normalisation by the image's own maximum instead of the fixed 255 (all-black images give NaN) | differs when: images=torch.tensor([0, 51], dtype=torch.uint8) gives tensor([0., 1.]) instead of tensor([0., 0.2])"""
    x = images.float()
    return x / x.max()


def wrong__to_unit_float__minus_one_to_one(images: torch.Tensor) -> torch.Tensor:
    """tf-habit | the Keras 'tf' preprocessing mode x / 127.5 - 1 maps pixels to [-1, 1], not [0, 1] | differs when: images=torch.tensor([0, 255], dtype=torch.uint8) gives tensor([-1., 1.]) instead of tensor([0., 1.])"""
    return images.float() / 127.5 - 1.0


def wrong__to_unit_float__float64(images: torch.Tensor) -> torch.Tensor:
    """subtle | casts with .double() 'for precision', so the result is float64, not float32 | differs when: images=torch.tensor([0, 51, 255], dtype=torch.uint8) gives dtype float64"""
    return images.double() / 255


def wrong__to_unit_float__inplace_on_input(images: torch.Tensor) -> torch.Tensor:
    """subtle | images.div_(255) in place: a uint8 tensor cannot hold the float result, so it raises RuntimeError (and would have changed images) | differs when: images=torch.tensor([0, 51, 255], dtype=torch.uint8) raises RuntimeError"""
    return images.div_(255)
