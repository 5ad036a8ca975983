"""Realistic learner answers for exercises/01_tensors/02_like.py (new_like, new_from_data)."""
import numpy as np
import torch


# =========================================================================== new_like
# --------------------------------------------------------------------------- right


def right__new_like__new_methods(ref: torch.Tensor, fill: str, dtype: torch.dtype | None = None) -> torch.Tensor:
    """alternative | uses the ref.new_zeros / new_ones methods with ref.shape and an explicit dtype, and torch.empty_like(...).normal_() for randn"""
    dt = ref.dtype if dtype is None else dtype
    if fill == "zeros":
        return ref.new_zeros(ref.shape, dtype=dt)
    if fill == "ones":
        return ref.new_ones(ref.shape, dtype=dt)
    if fill == "randn":
        # empty_like keeps ref's memory layout, so the draws land where randn_like puts them
        return torch.empty_like(ref, dtype=dt).normal_()
    raise ValueError(f"fill must be 'zeros', 'ones' or 'randn', got {fill!r}")


def right__new_like__factories_with_device(ref: torch.Tensor, fill: str, dtype: torch.dtype | None = None) -> torch.Tensor:
    """alternative | calls the plain factories torch.zeros/ones/randn with ref.shape, device=ref.device and the dtype resolved by hand (the result is always contiguous, so for a non-contiguous ref the seeded randn draws sit in row-major order where randn_like follows ref's memory layout)"""
    factories = {"zeros": torch.zeros, "ones": torch.ones, "randn": torch.randn}
    if fill not in factories:
        raise ValueError(fill)
    return factories[fill](ref.shape, dtype=dtype if dtype is not None else ref.dtype, device=ref.device)


def right__new_like__full_like(ref: torch.Tensor, fill: str, dtype: torch.dtype | None = None) -> torch.Tensor:
    """alternative | torch.full_like with 0 or 1 for zeros/ones and torch.empty_like(...).normal_() for randn"""
    if fill == "zeros":
        return torch.full_like(ref, 0, dtype=dtype)
    elif fill == "ones":
        return torch.full_like(ref, 1, dtype=dtype)
    elif fill == "randn":
        return torch.empty_like(ref, dtype=dtype).normal_()
    else:
        raise ValueError("unknown fill " + repr(fill))


# --------------------------------------------------------------------------- wrong


def wrong__new_like__forgets_device(ref: torch.Tensor, fill: str, dtype: torch.dtype | None = None) -> torch.Tensor:
    """tf-habit | builds the tensor from ref.shape with torch.zeros/ones/randn but never passes device=, so it always lands on the CPU (TF would have placed it) | differs when: ref=torch.zeros(2, dtype=torch.float64, device="meta"), fill="ones" returns a CPU tensor instead of a meta one"""
    factories = {"zeros": torch.zeros, "ones": torch.ones, "randn": torch.randn}
    if fill not in factories:
        raise ValueError(fill)
    return factories[fill](ref.shape, dtype=ref.dtype if dtype is None else dtype)


def wrong__new_like__dtype_none_means_float32(ref: torch.Tensor, fill: str, dtype: torch.dtype | None = None) -> torch.Tensor:
    """subtle | passes dtype=None straight to torch.zeros/ones/randn with device=ref.device; for a factory None means the default float32, not ref's dtype | differs when: ref=torch.zeros(2, dtype=torch.float64), fill="zeros", dtype=None returns float32 instead of float64"""
    if fill == "zeros":
        return torch.zeros(ref.size(), dtype=dtype, device=ref.device)
    if fill == "ones":
        return torch.ones(ref.size(), dtype=dtype, device=ref.device)
    if fill == "randn":
        return torch.randn(ref.size(), dtype=dtype, device=ref.device)
    raise ValueError(fill)


def wrong__new_like__ignores_dtype_argument(ref: torch.Tensor, fill: str, dtype: torch.dtype | None = None) -> torch.Tensor:
    """beginner | calls torch.zeros_like(ref) etc. without forwarding dtype=, so an explicit dtype is ignored | differs when: ref=torch.zeros(2), fill="ones", dtype=torch.float64 returns float32 instead of float64"""
    if fill == "zeros":
        return torch.zeros_like(ref)
    if fill == "ones":
        return torch.ones_like(ref)
    if fill == "randn":
        return torch.randn_like(ref)
    raise ValueError(fill)


def wrong__new_like__getattr_any_like(ref: torch.Tensor, fill: str, dtype: torch.dtype | None = None) -> torch.Tensor:
    """beginner | looks up getattr(torch, fill + "_like") without validating fill, so "rand" or "empty" are accepted (and an unknown name raises AttributeError) instead of ValueError | differs when: fill="rand" returns a uniform tensor instead of raising ValueError"""
    return getattr(torch, fill + "_like")(ref, dtype=dtype)


def wrong__new_like__to_then_fill_mutates_ref(ref: torch.Tensor, fill: str, dtype: torch.dtype | None = None) -> torch.Tensor:
    """subtle | takes x = ref.to(dtype or ref.dtype) as a 'copy' and fills it in place, but .to returns ref itself when the dtype already matches, so ref is overwritten | differs when: ref=torch.full((2,), 5.), fill="zeros" (dtype None) zeroes ref itself (ref becomes tensor([0., 0.]))"""
    if fill not in ("zeros", "ones", "randn"):
        raise ValueError(fill)
    x = ref.to(dtype if dtype is not None else ref.dtype)
    if fill == "zeros":
        x.zero_()
    elif fill == "ones":
        x.fill_(1)
    else:
        x.normal_()
    return x


def wrong__new_like__legacy_new_sizes(ref: torch.Tensor, fill: str, dtype: torch.dtype | None = None) -> torch.Tensor:
    """old-api | uses the legacy ref.new(*ref.size()) then fills and .type(dtype); ref.new() with no sizes makes an empty 1-d tensor, so a 0-d ref gives shape (0,) | differs when: ref=torch.tensor(3.), fill="ones" returns shape (0,) instead of the 0-d tensor(1.)"""
    if fill not in ("zeros", "ones", "randn"):
        raise ValueError(fill)
    out = ref.new(*ref.size())
    if fill == "zeros":
        out.zero_()
    elif fill == "ones":
        out.fill_(1)
    else:
        out.normal_()
    if dtype is not None:
        out = out.type(dtype)
    return out


# ====================================================================== new_from_data
# --------------------------------------------------------------------------- right


def right__new_from_data__tensor_with_kwargs(ref: torch.Tensor, data: list) -> torch.Tensor:
    """alternative | torch.tensor(data, dtype=ref.dtype, device=ref.device) instead of ref.new_tensor"""
    return torch.tensor(data, dtype=ref.dtype, device=ref.device)


def right__new_from_data__as_tensor_then_to_device(ref: torch.Tensor, data: list) -> torch.Tensor:
    """alternative | torch.as_tensor with the target dtype on the CPU (no float32 detour), then .to(ref.device)"""
    return torch.as_tensor(data, dtype=ref.dtype).to(ref.device)


def right__new_from_data__empty_copy(ref: torch.Tensor, data: list) -> torch.Tensor:
    """alternative | converts data at ref's dtype, then allocates ref.new_empty of that shape and copy_()s into it"""
    src = torch.tensor(data, dtype=ref.dtype)
    out = ref.new_empty(src.shape)
    out.copy_(src)
    return out


# --------------------------------------------------------------------------- wrong


def wrong__new_from_data__dtype_guessed(ref: torch.Tensor, data: list) -> torch.Tensor:
    """beginner | torch.tensor(data) guesses the dtype from the data (int64 for ints) and ignores ref | differs when: ref=torch.zeros(1, dtype=torch.float64), data=[1, 2] gives int64 instead of float64"""
    return torch.tensor(data)


def wrong__new_from_data__forgets_device(ref: torch.Tensor, data: list) -> torch.Tensor:
    """tf-habit | keeps ref's dtype like tf.constant(data, dtype=x.dtype) but never passes device=, so the tensor is always on the CPU | differs when: ref=torch.zeros(1, device="meta"), data=[1.0] returns a CPU tensor instead of a meta one"""
    return torch.tensor(data, dtype=ref.dtype)


def wrong__new_from_data__float32_detour_to_ref(ref: torch.Tensor, data: list) -> torch.Tensor:
    """subtle | torch.tensor(data).to(ref) matches dtype and device, but floats were first rounded to float32, so float64 values lose precision | differs when: ref=torch.zeros(1, dtype=torch.float64), data=[0.1] gives 0.10000000149011612 instead of 0.1"""
    return torch.tensor(data).to(ref)


def wrong__new_from_data__float64_detour(ref: torch.Tensor, data: list) -> torch.Tensor:
    """subtle | goes through float64 'to be safe' then casts with .type_as(ref); large int64 values above 2**53 are rounded on the way | differs when: ref=torch.zeros(1, dtype=torch.int64), data=[2**53 + 1] gives 9007199254740992 instead of 9007199254740993"""
    return torch.tensor(data, dtype=torch.float64, device=ref.device).type_as(ref)


def wrong__new_from_data__legacy_tensor_ctor(ref: torch.Tensor, data: list) -> torch.Tensor:
    """old-api | torch.Tensor(data).type(ref.type()) builds a float32 tensor first, so ints beyond 2**24 and float64 values are rounded before the cast | differs when: ref=torch.zeros(1, dtype=torch.int64), data=[16777217] gives 16777216 instead of 16777217"""
    return torch.Tensor(data).type(ref.type())


def wrong__new_from_data__numpy_float32(ref: torch.Tensor, data: list) -> torch.Tensor:
    """tf-habit | goes through np.array(data, dtype=np.float32) (TF's float32 default) before torch.from_numpy(...).to(ref.device, ref.dtype): float64 data is rounded to float32 | differs when: ref=torch.zeros(1, dtype=torch.float64), data=[1.1] gives 1.100000023841858 instead of 1.1"""
    return torch.from_numpy(np.array(data, dtype=np.float32)).to(ref.device, ref.dtype)
