"""Checks for exercises/01_tensors/16_timing.py: synchronize around the clock, on CUDA only.

Without a GPU, the probe replaces the clocks and ``torch.cuda.synchronize`` with recorders and
compares the order of events: synchronize (for which device), read which clock, work,
synchronize, read the clock. ``time.perf_counter`` and ``perf_counter_ns`` are one clock (also
when imported with ``from time import ...``); ``time.time`` and ``time.monotonic`` are others.
The pretend machine's current CUDA device is cuda:0, so ``synchronize()`` without an argument
waits for cuda:0 only.
"""

import time

import pytest
import torch

from grader.checks._patch import namespaces_of, patched
from grader.mistakes import mistake

CURRENT = 0
"""The pretend machine's current CUDA device."""


def _synchronized(device):
    """The device a torch.cuda.synchronize(device) call waits for, as text."""
    if device is None:
        return f"cuda:{CURRENT}"
    if isinstance(device, int):
        return f"cuda:{device}"
    device = torch.device(device)
    if device.type == "cuda" and device.index is None:
        return f"cuda:{CURRENT}"
    return str(device)


def timeline(time_gpu_work, device):
    """Run time_gpu_work with fake clocks and a recording synchronize; return what happened."""
    cuda = device.startswith("cuda")
    events, now = [], {"perf_counter": 0.0, "time": 1000.0, "monotonic": 50.0}
    step = {"perf_counter": 0.25, "time": 1.0, "monotonic": 0.5}

    def clock(name):
        def read():
            events.append(f"read time.{name}")
            now[name] += step[name]
            return now[name]

        def read_ns():
            return round(read() * 1e9)
        return read, read_ns

    def synchronize(device=None):
        if not cuda:  # as torch.cuda.synchronize does on a machine without CUDA
            raise RuntimeError("Found no NVIDIA driver on your system (the pretend machine "
                               "timing on a non-CUDA device has no GPU)")
        events.append(f"synchronize {_synchronized(device)}")

    def work():
        events.append("work")
        return torch.arange(3.0) * 2

    perf_counter, perf_counter_ns = clock("perf_counter")
    wall, wall_ns = clock("time")
    monotonic, monotonic_ns = clock("monotonic")
    with patched((time, "perf_counter", perf_counter), (time, "perf_counter_ns", perf_counter_ns),
                 (time, "time", wall), (time, "time_ns", wall_ns),
                 (time, "monotonic", monotonic), (time, "monotonic_ns", monotonic_ns),
                 (torch.cuda, "synchronize", synchronize),
                 (torch.accelerator, "synchronize", synchronize),
                 (torch.cuda, "current_device", lambda: CURRENT),
                 (torch.cuda, "is_available", lambda: cuda),
                 reaching=namespaces_of(time_gpu_work)):
        result, seconds = time_gpu_work(work, torch.device(device))
    return {"events": events, "result": result, "seconds": seconds}


NOTES = {"result['events']": "on CUDA the order must be: synchronize(device), read "
         "time.perf_counter, work, synchronize(device), read time.perf_counter; on other "
         "devices: read time.perf_counter, work, read time.perf_counter."}


def test_time_gpu_work(kata):
    kata.compare("time_gpu_work", {"device": "cuda"}, probe=timeline, notes=NOTES,
                 examples=[{"device": d} for d in ("cuda", "cpu", "meta", "cuda:0", "cuda:1")])


def real_timing(time_gpu_work):
    x = torch.randn(256, 256, device="cuda")
    result, seconds = time_gpu_work(lambda: (x @ x).sum() * 0, torch.device("cuda"))
    return {"result": result, "positive_seconds": seconds > 0}


@pytest.mark.gpu
def test_time_gpu_work__cuda(kata):
    kata.compare("time_gpu_work", {}, probe=real_timing)


@mistake("time_gpu_work", diagnosis="no torch.cuda.synchronize: CUDA work is queued "
         "asynchronously, so the clock measured only the launch. Synchronize before each clock "
         "read when device.type == \"cuda\".")
def no_sync(fn, device):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


@mistake("time_gpu_work", diagnosis="there was no synchronize before the first clock read, so "
         "GPU work queued earlier is counted too: synchronize before starting the clock as well.")
def sync_at_end_only(fn, device):
    start = time.perf_counter()
    result = fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return result, time.perf_counter() - start


@mistake("time_gpu_work", diagnosis="the clock stopped before the final synchronize, so it "
         "measured only the launch: synchronize first, then read the clock.")
def reads_clock_before_sync(fn, device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return result, elapsed


@mistake("time_gpu_work", diagnosis="torch.cuda.synchronize was called for a device that is not "
         "CUDA (it fails on machines without CUDA): synchronize only when "
         "device.type == \"cuda\".")
def always_syncs(fn, device):
    torch.cuda.synchronize(device)
    start = time.perf_counter()
    result = fn()
    torch.cuda.synchronize(device)
    return result, time.perf_counter() - start


@mistake("time_gpu_work", diagnosis="torch.cuda.synchronize() without an argument waits for the "
         "current device only, not for `device` (here another GPU): pass it, "
         "torch.cuda.synchronize(device).")
def syncs_current_device(fn, device):
    if device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    result = fn()
    if device.type == "cuda":
        torch.cuda.synchronize()
    return result, time.perf_counter() - start


@mistake("time_gpu_work", diagnosis="device == torch.device(\"cuda\") is False for an indexed "
         "device such as cuda:0, so nothing was synchronized there: test "
         "device.type == \"cuda\".")
def compares_to_cuda_device(fn, device):
    cuda = device == torch.device("cuda")
    if cuda:
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    result = fn()
    if cuda:
        torch.cuda.synchronize(device)
    return result, time.perf_counter() - start


@mistake("time_gpu_work", diagnosis="time.time() is the wall clock (coarse on some systems, and "
         "it jumps when the system clock is set): time with time.perf_counter(), as asked.")
def wall_clock(fn, device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = time.time()
    result = fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return result, time.time() - start


@mistake("time_gpu_work", diagnosis="fn ran twice (a warm-up call first): run it once, and "
         "return that run's result and time.")
def warm_up_call(fn, device):
    fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    result = fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return result, time.perf_counter() - start


@mistake("time_gpu_work", diagnosis="the pair is the wrong way round: return (result, seconds), "
         "the result first.")
def swapped_pair(fn, device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    result = fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return time.perf_counter() - start, result
