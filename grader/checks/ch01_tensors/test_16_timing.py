"""Checks for exercises/01_tensors/16_timing.py: synchronize around the clock, on CUDA only.

Without a GPU, the probe replaces the clock and ``torch.cuda.synchronize`` with recorders and
compares the order of events: synchronize, clock, work, synchronize, clock.
"""

import time

import pytest
import torch

from grader.checks._patch import patched
from grader.mistakes import mistake


def timeline(time_gpu_work, device_type):
    """Run time_gpu_work with a fake clock and a recording synchronize; return what happened."""
    events, now = [], [0.0]

    def clock():
        events.append("read clock")
        now[0] += 0.25
        return now[0]

    def synchronize(device=None):
        events.append("synchronize")

    def work():
        events.append("work")
        return torch.arange(3.0) * 2

    def clock_ns():
        return round(clock() * 1e9)

    with patched((time, "perf_counter", clock), (time, "monotonic", clock), (time, "time", clock),
                 (time, "perf_counter_ns", clock_ns), (time, "monotonic_ns", clock_ns),
                 (time, "time_ns", clock_ns),
                 (torch.cuda, "synchronize", synchronize),
                 (torch.cuda, "is_available", lambda: device_type == "cuda")):
        result, seconds = time_gpu_work(work, torch.device(device_type))
    return {"events": events, "result": result, "seconds": seconds}


NOTES = {"result['events']": "on CUDA the order must be: synchronize, read clock, work, "
         "synchronize, read clock; on the CPU: read clock, work, read clock."}


def test_time_gpu_work(kata):
    kata.compare("time_gpu_work", {"device_type": "cuda"}, probe=timeline, notes=NOTES,
                 examples=[{"device_type": "cpu"}, {"device_type": "meta"}])


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


@mistake("time_gpu_work", diagnosis="torch.cuda.synchronize was called for a CPU device (it "
         "fails on machines without CUDA): synchronize only when device.type == \"cuda\".")
def always_syncs(fn, device):
    torch.cuda.synchronize()
    start = time.perf_counter()
    result = fn()
    torch.cuda.synchronize()
    return result, time.perf_counter() - start
