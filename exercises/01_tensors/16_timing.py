# %% [markdown]
# # Timing GPU work
# CUDA calls are asynchronous: `y = x @ w` on a GPU queues the kernel and returns at once. A
# clock read right after measures only the launch. `torch.cuda.synchronize()` waits until all
# queued work is done: call it before starting the clock (so earlier work is not counted) and
# before stopping it. On the CPU there is nothing to wait for (and no CUDA to call).
# Docs: https://pytorch.org/docs/stable/notes/cuda.html#asynchronous-execution

# %%
import time

import torch


def time_gpu_work(fn, device: torch.device):
    """Run ``fn()`` once; return ``(its result, seconds it took)``, timed with time.perf_counter.

    When ``device.type == "cuda"`` (``cuda``, ``cuda:0``, ``cuda:1``...), call
    ``torch.cuda.synchronize(device)`` right before reading the clock at the start and right
    before reading it at the end: it must wait for that device, which may not be the current
    one. ``from time import perf_counter`` and ``time.perf_counter_ns`` read the same clock.
    TensorFlow 2: GPU ops run asynchronously too; ``tf.test.experimental.sync_devices()``
    (TF 2.12+) waits for all of them, as ``torch.cuda.synchronize()`` does here, and ``.numpy()``
    on a result waits for that result.

    Example:
        >>> result, seconds = time_gpu_work(lambda: torch.ones(3).sum(), torch.device("cpu"))
        >>> result, seconds >= 0
        (tensor(3.), True)
    """
    # TODO: sync if cuda, read the clock, run fn, sync if cuda, read the clock again.
    raise NotImplementedError("time_gpu_work")
