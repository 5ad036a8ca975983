"""Right answers to chapter 1 (tensors) written differently from the reference: all must pass."""

import random
import time

import numpy as np
import torch

from grader.mistakes import alternative


@alternative("make_tensor")
def if_chain(kind, shape, dtype=torch.float32):
    if kind == "empty":
        return torch.empty(size=shape, dtype=dtype)
    if kind == "zeros":
        return torch.zeros(size=shape, dtype=dtype)
    if kind == "ones":
        return torch.ones(size=shape, dtype=dtype)
    if kind == "rand":
        return torch.rand(size=shape, dtype=dtype)
    if kind == "randn":
        return torch.randn(size=shape, dtype=dtype)
    raise ValueError(kind)


@alternative("new_like")
def new_methods(ref, fill, dtype=None):
    dtype = dtype or ref.dtype
    if fill == "zeros":
        return ref.new_zeros(ref.shape, dtype=dtype)
    if fill == "ones":
        return ref.new_ones(ref.shape, dtype=dtype)
    if fill == "randn":
        return torch.randn(ref.shape, dtype=dtype, device=ref.device)
    raise ValueError(fill)


@alternative("new_from_data")
def tensor_with_dtype_and_device(ref, data):
    return torch.tensor(data, dtype=ref.dtype, device=ref.device)


@alternative("to_python_number")
def reshape_then_index(t):
    if t.numel() != 1:
        raise ValueError("expected one element")
    return t.reshape(-1)[0].item()


@alternative("add_into")
def copy_into_out(x, y, out):
    return out.copy_(x + y)


@alternative("add_into")
def slice_assignment(x, y, out):
    out[...] = x + y
    return out


@alternative("accumulate_")
def augmented_assignment(acc, x):
    acc += x
    return acc


@alternative("take_column")
def select(t, j):
    return t.select(1, j)


@alternative("take_column")
def transpose_then_row(t, j):
    return t.T[j]


@alternative("reshape_rows")
def explicit_rows(t, width):
    if t.numel() % width:
        raise ValueError("width does not divide the number of elements")
    return torch.reshape(t, (t.numel() // width, width))


@alternative("reshape_rows")
def contiguous_then_view(t, width):
    if t.numel() % width != 0:
        raise ValueError("width does not divide the number of elements")
    return t.contiguous().view(-1, width)


@alternative("nhwc_to_nchw")
def movedim(images):
    return torch.movedim(images, -1, 1)


@alternative("add_batch_dim")
def none_index(x):
    return x[None]


@alternative("drop_channel_dim")
def index_channel(x):
    return x[:, 0]


@alternative("stack_samples")
def unsqueeze_then_cat(samples):
    return torch.cat([s.unsqueeze(0) for s in samples])


@alternative("concat_batches")
def concatenate(batches):
    return torch.concatenate(batches)


@alternative("seed_everything")
def seeds_in_another_order(seed):
    torch.manual_seed(seed)
    np.random.seed(seed)
    random.seed(seed)
    return seed


@alternative("seeded_uniform")
def fork_rng(seed, shape):
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        return torch.rand(shape)


@alternative("seeded_uniform")
def save_and_restore_state(seed, shape):
    state = torch.get_rng_state()
    torch.manual_seed(seed)
    values = torch.rand(shape)
    torch.set_rng_state(state)
    return values


@alternative("float32_batch")
def tensor_with_dtype(a):
    return torch.tensor(a, dtype=torch.float32)


@alternative("float32_batch")
def as_tensor_to(a):
    return torch.as_tensor(a).to(torch.float32)


@alternative("to_unit_float")
def true_division_promotes(images):
    return images / 255.0


@alternative("to_unit_float")
def cast_then_divide_in_place(images):
    return images.to(torch.float32).div_(255)


@alternative("numpy_to_tensor")
def as_tensor_or_clone(a, copy):
    shared = torch.as_tensor(a)
    return shared.clone() if copy else shared


@alternative("tensor_to_numpy")
def numpy_force(t):
    return t.numpy(force=True)


@alternative("choose_device")
def names_first(*_):
    name = "cpu"
    if torch.backends.mps.is_available():
        name = "mps"
    if torch.cuda.is_available():
        name = "cuda"
    return torch.device(name)


@alternative("move_batch")
def dispatch_on_type(batch, device):
    if torch.is_tensor(batch):
        if device.type == "cuda" and batch.is_cpu:
            batch = batch.pin_memory()
        return batch.to(device=device, non_blocking=True)
    if isinstance(batch, dict):
        return dict((k, dispatch_on_type(v, device)) for k, v in batch.items())
    if isinstance(batch, tuple):
        return tuple(dispatch_on_type(v, device) for v in batch)
    if isinstance(batch, list):
        return [dispatch_on_type(v, device) for v in batch]
    return batch


@alternative("time_gpu_work")
def imported_clock_keyword_sync(fn, device):
    from time import perf_counter

    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda **_: None)
    sync(device=device)
    start = perf_counter()
    result = fn()
    sync(device=device)
    return result, perf_counter() - start


@alternative("make_tensor")
def allocate_then_fill(kind, shape, dtype=torch.float32):
    if kind not in ("empty", "zeros", "ones", "rand", "randn"):
        raise ValueError(f"unknown kind {kind}")
    t = torch.empty(shape, dtype=dtype)
    if kind == "zeros":
        t.zero_()
    elif kind == "ones":
        t.fill_(1)
    elif kind == "rand":
        t.uniform_()
    elif kind == "randn":
        t.normal_()
    return t


@alternative("new_like")
def randn_then_cast(ref, fill, dtype=None):
    if fill == "randn":
        return torch.randn(ref.shape, device=ref.device).to(dtype or ref.dtype)
    if fill in ("zeros", "ones"):
        return torch.full_like(ref, 0 if fill == "zeros" else 1, dtype=dtype)
    raise ValueError(fill)


@alternative("time_gpu_work")
def nanoseconds(fn, device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = time.perf_counter_ns()
    result = fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return result, (time.perf_counter_ns() - start) / 1e9


@alternative("describe")
def shape_attribute_and_nelement(x):
    return x.shape, x.nelement(), x.dtype, x.device


@alternative("describe")
def product_of_sizes(x):
    import math

    return torch.Size(x.shape), math.prod(x.shape), x.dtype, x.device


@alternative("ones_on")
def ones_of_shape_on_device(x, device, dtype):
    return torch.ones(x.shape, dtype=dtype, device=device)


@alternative("ones_on")
def new_ones_on_device(x, device, dtype):
    return x.new_ones(x.shape, dtype=dtype, device=device)


@alternative("ones_on")
def full_like_one(x, device, dtype):
    return torch.full_like(x, 1, dtype=dtype, device=device)


@alternative("to_device_and_dtype")
def keywords(x, device, dtype):
    return x.to(device=device, dtype=dtype)


@alternative("to_device_and_dtype")
def cast_then_move(x, device, dtype):
    return x.to(dtype).to(device)


@alternative("to_device_and_dtype")
def type_then_to(x, device, dtype):
    return x.type(dtype).to(device)


@alternative("labels_tensor")
def as_tensor_long(labels):
    return torch.as_tensor(labels, dtype=torch.long)


@alternative("labels_tensor")
def through_numpy_int64(labels):
    return torch.from_numpy(np.array(labels, dtype=np.int64))


@alternative("labels_tensor")
def notebook_variable_still_works(labels):
    from torch.autograd import Variable

    return Variable(torch.tensor(labels).long())
