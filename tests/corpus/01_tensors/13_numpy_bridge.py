"""Realistic learner answers for exercises/01_tensors/13_numpy_bridge.py (numpy_to_tensor, tensor_to_numpy)."""
import numpy as np
import torch


# ===================================================================== numpy_to_tensor
# --------------------------------------------------------------------------- right


def right__numpy_to_tensor__as_tensor_of_copy(a: np.ndarray, copy: bool) -> torch.Tensor:
    """alternative | torch.as_tensor for both cases, handing it a.copy() when a copy is wanted (as_tensor shares a CPU array's memory)"""
    return torch.as_tensor(a.copy() if copy else a)


def right__numpy_to_tensor__from_numpy_of_copy(a: np.ndarray, copy: bool) -> torch.Tensor:
    """alternative | always torch.from_numpy, on np.array(a, copy=True) when copy is asked for"""
    if copy:
        return torch.from_numpy(np.array(a, copy=True))
    return torch.from_numpy(a)


def right__numpy_to_tensor__clone_shared_view(a: np.ndarray, copy: bool) -> torch.Tensor:
    """alternative | always wraps with torch.from_numpy and, when a copy is asked for, clones that shared tensor"""
    shared = torch.from_numpy(a)
    return shared.clone() if copy else shared


# --------------------------------------------------------------------------- wrong


def wrong__numpy_to_tensor__always_copies(a: np.ndarray, copy: bool) -> torch.Tensor:
    """beginner | torch.tensor(a) whatever copy says: always a copy, so copy=False does not share memory | differs when: a=np.zeros(2), copy=False: after a[0] = 5 the tensor still holds 0"""
    return torch.tensor(a)


def wrong__numpy_to_tensor__always_shares(a: np.ndarray, copy: bool) -> torch.Tensor:
    """tf-habit | torch.as_tensor(a) as the tf.convert_to_tensor equivalent for both cases: it shares a CPU array's memory even when copy=True | differs when: a=np.zeros(2), copy=True: after a[0] = 5 the tensor shows 5"""
    return torch.as_tensor(a)


def wrong__numpy_to_tensor__flag_inverted(a: np.ndarray, copy: bool) -> torch.Tensor:
    """beginner | the two branches are swapped: shares when copy=True and copies when copy=False | differs when: a=np.zeros(2), copy=False: after a[0] = 5 the tensor still holds 0"""
    if copy:
        return torch.from_numpy(a)
    return torch.tensor(a)


def wrong__numpy_to_tensor__legacy_tensor_ctor(a: np.ndarray, copy: bool) -> torch.Tensor:
    """old-api | copies with torch.Tensor(a), which always makes float32, so the dtype is not kept | differs when: a=np.array([1, 2]), copy=True gives float32 instead of int64"""
    if copy:
        return torch.Tensor(a)
    return torch.from_numpy(a)


def wrong__numpy_to_tensor__asarray_copy_flag(a: np.ndarray, copy: bool) -> torch.Tensor:
    """subtle | torch.asarray(a, copy=copy) looks made for this, but for a 0-d array it copies even with copy=False, so the tensor does not share a's memory | differs when: a=np.array(5.0), copy=False: after a[()] = 7 the tensor still holds 5.0"""
    return torch.asarray(a, copy=copy)


def wrong__numpy_to_tensor__contiguous_first(a: np.ndarray, copy: bool) -> torch.Tensor:
    """subtle | passes np.ascontiguousarray(a) to from_numpy 'to be safe': for a strided array that is already a copy, so copy=False no longer shares memory | differs when: a=np.zeros((2, 4))[:, ::2], copy=False: after a[0, 0] = 5 the tensor still holds 0"""
    if copy:
        return torch.tensor(a)
    return torch.from_numpy(np.ascontiguousarray(a))


# ===================================================================== tensor_to_numpy
# --------------------------------------------------------------------------- right


def right__tensor_to_numpy__force_true(t: torch.Tensor) -> np.ndarray:
    """alternative | t.numpy(force=True), which detaches and moves to the CPU only when needed (so it shares memory for a CPU tensor)"""
    return t.numpy(force=True)


def right__tensor_to_numpy__data_idiom(t: torch.Tensor) -> np.ndarray:
    """alternative | the older t.data.cpu().numpy() idiom: .data also leaves autograd and shares memory on the CPU"""
    return t.data.cpu().numpy()


def right__tensor_to_numpy__conditional_move(t: torch.Tensor) -> np.ndarray:
    """alternative | detaches, moves with .to("cpu") only when the tensor is elsewhere, then np.asarray on the CPU tensor (no copy)"""
    t = t.detach()
    if t.device.type != "cpu":
        t = t.to("cpu")
    return np.asarray(t.numpy())


# --------------------------------------------------------------------------- wrong


def wrong__tensor_to_numpy__plain_numpy(t: torch.Tensor) -> np.ndarray:
    """tf-habit | x.numpy() as in TF: raises for a tensor that requires grad (and for a GPU tensor) | differs when: t=torch.ones(2, requires_grad=True) raises RuntimeError instead of array([1., 1.], dtype=float32)"""
    return t.numpy()


def wrong__tensor_to_numpy__cpu_without_detach(t: torch.Tensor) -> np.ndarray:
    """beginner | t.cpu().numpy(): handles the GPU but not autograd, so a tensor that requires grad raises | differs when: t=torch.ones(2, requires_grad=True) raises RuntimeError"""
    return t.cpu().numpy()


def wrong__tensor_to_numpy__detach_without_cpu(t: torch.Tensor) -> np.ndarray:
    """beginner | t.detach().numpy(): handles autograd but forgets .cpu(), so a CUDA tensor raises TypeError (can't convert cuda tensor to numpy) | differs when: t=torch.ones(2, device="cuda") raises TypeError instead of array([1., 1.], dtype=float32)"""
    return t.detach().numpy()


def wrong__tensor_to_numpy__defensive_copy(t: torch.Tensor) -> np.ndarray:
    """subtle | appends .copy() to be safe: values right, but a CPU tensor no longer shares memory with the array | differs when: t=torch.zeros(2): after t[0] = 5 the array still holds 0"""
    return t.detach().cpu().numpy().copy()


def wrong__tensor_to_numpy__contiguous(t: torch.Tensor) -> np.ndarray:
    """subtle | adds .contiguous() before .numpy(): a non-contiguous CPU tensor is copied, although .numpy() handles strides and could share memory | differs when: t=torch.zeros(2, 3).T: after t[0, 0] = 5 the array still holds 0"""
    return t.detach().cpu().contiguous().numpy()


def wrong__tensor_to_numpy__float_for_plotting(t: torch.Tensor) -> np.ndarray:
    """subtle | casts with .float() on the way (matplotlib habit), so integer and float64 tensors come back as float32 arrays | differs when: t=torch.tensor([1, 2]) gives a float32 array instead of int64"""
    return t.detach().cpu().float().numpy()


def wrong__tensor_to_numpy__via_tolist(t: torch.Tensor) -> np.ndarray:
    """tf-habit | np.array(t.tolist()) through Python lists: always a copy, and float32 comes back as float64 | differs when: t=torch.ones(2, requires_grad=True) gives array([1., 1.]) of dtype float64 instead of float32"""
    return np.array(t.tolist())
