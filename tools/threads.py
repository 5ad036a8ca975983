"""Why workers use one torch thread: time a training step with 1 and 2 threads, idle and busy.

    python tools/threads.py

"Busy" runs a second process spinning on one core meanwhile, as a parallel grading worker or an
editor would. Prints milliseconds per step (median of 30) and the ratio 2 threads / 1 thread.
"""

from __future__ import annotations

import multiprocessing
import statistics
import time

import torch
from torch import nn


def _model() -> nn.Module:
    return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(9216, 128), nn.ReLU(),
                         nn.Linear(128, 10))


def step_ms(threads: int, steps: int = 30) -> float:
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model, x, y = _model(), torch.randn(4, 1, 28, 28), torch.randint(0, 10, (4,))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    times = []
    for _ in range(steps + 3):
        started = time.perf_counter()
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times[3:])


def _spin(stop: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    while not stop.is_set():
        pass


def main() -> None:
    for label, busy in (("idle", False), ("busy (one core taken)", True)):
        stop = multiprocessing.Event()
        spinner = multiprocessing.Process(target=_spin, args=(stop,)) if busy else None
        if spinner:
            spinner.start()
        one, two = step_ms(1), step_ms(2)
        if spinner:
            stop.set()
            spinner.join()
        print(f"{label:<24} 1 thread {one:7.1f} ms/step   2 threads {two:7.1f} ms/step   "
              f"2/1 = {two / one:.2f}")


if __name__ == "__main__":
    main()
