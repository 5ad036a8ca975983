"""Realistic learner answers for exercises/01_tensors/16_timing.py (time_gpu_work)."""
import contextlib
import time

import torch


# --------------------------------------------------------------------------- right


def right__time_gpu_work__sync_helper(fn, device: torch.device):
    """alternative | a small local sync() helper that is a no-op off CUDA, called before each clock read"""
    def sync():
        if device.type == "cuda":
            torch.cuda.synchronize(device)

    sync()
    start = time.perf_counter()
    result = fn()
    sync()
    stop = time.perf_counter()
    return result, stop - start


def right__time_gpu_work__context_manager(fn, device: torch.device):
    """alternative | wraps the timed region in a contextmanager that synchronises and reads time.perf_counter on entry and on exit"""
    elapsed = []

    @contextlib.contextmanager
    def timer():
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        t0 = time.perf_counter()
        yield
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        elapsed.append(time.perf_counter() - t0)

    with timer():
        result = fn()
    return result, elapsed[0]


def right__time_gpu_work__precomputed_flag(fn, device: torch.device):
    """alternative | computes is_cuda once from torch.device(device).type and keeps the clock readings in a list"""
    is_cuda = torch.device(device).type == "cuda"
    stamps = []
    if is_cuda:
        torch.cuda.synchronize(device)
    stamps.append(time.perf_counter())
    out = fn()
    if is_cuda:
        torch.cuda.synchronize(device)
    stamps.append(time.perf_counter())
    return out, stamps[1] - stamps[0]


# --------------------------------------------------------------------------- wrong


def wrong__time_gpu_work__no_sync(fn, device: torch.device):
    """beginner | never synchronises: on a GPU the clock stops when the kernels are queued, so only the launch is measured | differs when: device=torch.device("cuda"): torch.cuda.synchronize is never called (a slow GPU matmul is timed at microseconds)"""
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def wrong__time_gpu_work__sync_only_at_end(fn, device: torch.device):
    """subtle | synchronises only before the final clock read, so work queued before the call is counted in the timing | differs when: device=torch.device("cuda"): synchronize is called once (after fn) instead of before the first clock read and before the second"""
    start = time.perf_counter()
    result = fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return result, time.perf_counter() - start


def wrong__time_gpu_work__sync_after_clock(fn, device: torch.device):
    """subtle | reads the end clock and only then synchronises, so the wait is not inside the timed interval | differs when: device=torch.device("cuda"): the second clock read happens before the second synchronize, not after it"""
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    result = fn()
    stop = time.perf_counter()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return result, stop - start


def wrong__time_gpu_work__always_sync(fn, device: torch.device):
    """tf-habit | synchronises unconditionally, as if the device were handled for you: on a machine without CUDA torch.cuda.synchronize raises even for device cpu | differs when: device=torch.device("cpu") on a machine without a GPU raises RuntimeError instead of returning (result, seconds)"""
    torch.cuda.synchronize(device)
    start = time.perf_counter()
    result = fn()
    torch.cuda.synchronize(device)
    return result, time.perf_counter() - start


def wrong__time_gpu_work__time_time(fn, device: torch.device):
    """old-api | times with time.time() as in old notebooks instead of time.perf_counter (wall clock, coarse, can jump) | differs when: time.perf_counter is replaced by a fake clock returning 0 then 2: returns a tiny real duration instead of 2.0"""
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = time.time()
    result = fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return result, time.time() - start


def wrong__time_gpu_work__swapped_tuple(fn, device: torch.device):
    """beginner | returns (seconds, result) instead of (result, seconds) | differs when: fn=lambda: torch.ones(3).sum(), device=torch.device("cpu") returns (0.00001, tensor(3.))"""
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    result = fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return time.perf_counter() - start, result


def wrong__time_gpu_work__warmup_run(fn, device: torch.device):
    """examples | benchmark habit from the tutorials: one warm-up call before the timed call, so fn runs twice although the docstring says once | differs when: fn appends to a list each call: the list has 2 entries afterwards instead of 1"""
    fn()  # warm-up
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    result = fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return result, time.perf_counter() - start


def wrong__time_gpu_work__sync_current_device(fn, device: torch.device):
    """subtle | torch.cuda.synchronize() without the device argument waits on the current device only, not on the device the work runs on | differs when: device=torch.device("cuda", 1) while the current device is cuda:0: synchronize is called with no device instead of with device"""
    if device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    result = fn()
    if device.type == "cuda":
        torch.cuda.synchronize()
    return result, time.perf_counter() - start


def wrong__time_gpu_work__compares_to_cuda_device(fn, device: torch.device):
    """subtle | tests device == torch.device("cuda"), which is False for an indexed device such as cuda:0, so no synchronisation happens there | differs when: device=torch.device("cuda:0"): synchronize is never called"""
    is_cuda = device == torch.device("cuda")
    if is_cuda:
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    result = fn()
    if is_cuda:
        torch.cuda.synchronize(device)
    return result, time.perf_counter() - start


def wrong__time_gpu_work__cuda_events(fn, device: torch.device):
    """examples | the tutorials' CUDA-event timing (Event.elapsed_time, in milliseconds) instead of time.perf_counter seconds; on the CPU it falls back to perf_counter | differs when: device=torch.device("cuda"): the duration comes from CUDA events in milliseconds (1000x too large), time.perf_counter is not read"""
    if device.type != "cuda":
        start = time.perf_counter()
        result = fn()
        return result, time.perf_counter() - start
    begin = torch.cuda.Event(enable_timing=True)
    end = torch.cuda.Event(enable_timing=True)
    begin.record()
    result = fn()
    end.record()
    torch.cuda.synchronize(device)
    return result, begin.elapsed_time(end)
