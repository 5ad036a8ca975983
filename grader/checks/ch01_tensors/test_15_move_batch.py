"""Checks for exercises/01_tensors/15_move_batch.py: nested batches, .to is not in place, pinning.

Without a GPU: moving to the ``meta`` device, and a fake CUDA where ``.to("cuda")`` lands on
``meta`` while the probe records every ``non_blocking`` flag and every ``pin_memory`` call.
"""

import pytest
import torch
import torch.fx.experimental.symbolic_shapes  # noqa: F401 - warms the meta device before forks
from hypothesis import strategies as st

from grader import strategies as ts
from grader.checks._patch import patched
from grader.mistakes import mistake

KEYS = st.sampled_from(["image", "label", "mask", "ids", "meta"])


def batches():
    leaves = (ts.tensors(ts.shapes(max_dims=2), ts.dtypes()) | st.integers(-5, 5)
              | st.text("abc", max_size=3) | st.none())
    return st.recursive(leaves, lambda inner: st.lists(inner, max_size=3)
                        | st.lists(inner, max_size=3).map(tuple)
                        | st.dictionaries(KEYS, inner, max_size=3), max_leaves=6)


EXAMPLE = {"image": torch.ones(2, 3), "label": torch.tensor([1, 0]),
           "meta": {"ids": [1, 2], "names": ("a", "b")},
           "extra": [torch.zeros(1), (torch.arange(2.0), 5)]}


def _on_meta(device):
    if isinstance(device, torch.device) and device.type == "cuda":
        return torch.device("meta")
    if isinstance(device, str) and device.startswith("cuda"):
        return "meta"
    return device


def _recorded_move(move_batch, batch, target):
    """Move with Tensor.to/cuda/pin_memory recorded; a 'cuda' target lands on meta."""
    flags, pinned = [], []
    to = torch.Tensor.to

    def recording_to(self, *args, **kwargs):
        flags.append(bool(kwargs.get("non_blocking", False)))
        args = tuple(_on_meta(a) for a in args)
        if "device" in kwargs:
            kwargs["device"] = _on_meta(kwargs["device"])
        return to(self, *args, **kwargs)

    def recording_cuda(self, device=None, non_blocking=False, memory_format=None):
        flags.append(bool(non_blocking))
        return to(self, "meta", non_blocking=non_blocking)

    def recording_pin(self, *args, **kwargs):
        pinned.append(self.device.type)
        return self.clone()  # (pinning copies into page-locked memory)

    with patched((torch.Tensor, "to", recording_to), (torch.Tensor, "cuda", recording_cuda),
                 (torch.Tensor, "pin_memory", recording_pin),
                 (torch.Tensor, "is_pinned", lambda self, *a, **k: False),
                 (torch.cuda, "is_available", lambda: target == "cuda")):
        moved = move_batch(batch, torch.device(target))
    return {"batch": moved, "every_copy_non_blocking": all(flags),
            "tensors_pinned_first": len(pinned)}


def moved_to_meta(move_batch, batch):
    """Move to the meta device (not CUDA: nothing may be pinned)."""
    return _recorded_move(move_batch, batch, "meta")


def moved_to_cpu(move_batch, batch):
    """Move to the CPU (nothing may be pinned: pinning is for copies to CUDA)."""
    return _recorded_move(move_batch, batch, "cpu")


def moved_to_fake_cuda(move_batch, batch):
    """Move to a pretend CUDA device: every tensor pinned first, every copy non_blocking."""
    return _recorded_move(move_batch, batch, "cuda")


NOTES = {
    "result['every_copy_non_blocking']": "pass non_blocking=True to every .to(device, ...) call.",
    "result['tensors_pinned_first']": "pin_memory() each CPU tensor before a copy to CUDA, and "
                                      "only then (pinning for other devices wastes memory).",
}


def test_move_batch(kata):
    kata.compare("move_batch", ts.kwargs(batch=batches()), probe=moved_to_meta, notes=NOTES,
                 max_examples=15, examples=[{"batch": EXAMPLE}, {"batch": (torch.ones(2), 3)}])
    kata.compare("move_batch", {"batch": EXAMPLE}, probe=moved_to_cpu, notes=NOTES)


def test_move_batch__fake_cuda(kata):
    kata.compare("move_batch", ts.kwargs(batch=batches()), probe=moved_to_fake_cuda,
                 notes=NOTES, max_examples=10, examples=[
                     {"batch": EXAMPLE},
                     {"batch": {"on_meta": torch.ones(1, device="meta"), "x": torch.ones(2)}}])


def moved_to_cuda(move_batch, batch):
    """The real thing: move to CUDA and wait for the copies."""
    moved = move_batch(batch, torch.device("cuda"))
    torch.cuda.synchronize()
    return moved


@pytest.mark.gpu
def test_move_batch__cuda(kata):
    kata.compare("move_batch", ts.kwargs(batch=batches()), probe=moved_to_cuda, max_examples=5,
                 examples=[{"batch": EXAMPLE}])


@mistake("move_batch", diagnosis="Tensor.to returns a new tensor and leaves the original where "
         "it was (unlike Module.to): keep what it returns, building a new dict/list/tuple.")
def not_reassigned(batch, device):
    if isinstance(batch, torch.Tensor):
        batch.to(device, non_blocking=True)
    elif isinstance(batch, dict):
        for value in batch.values():
            not_reassigned(value, device)
    elif isinstance(batch, (list, tuple)):
        for value in batch:
            not_reassigned(value, device)
    return batch


@mistake("move_batch", diagnosis="only the top level was moved: tensors inside nested dicts, "
         "lists and tuples stay behind. Call the function recursively on each value.")
def top_level_only(batch, device):
    def move(x):
        return x.to(device, non_blocking=True) if isinstance(x, torch.Tensor) else x
    if isinstance(batch, dict):
        return {key: move(value) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(move(value) for value in batch)
    return move(batch)


@mistake("move_batch", diagnosis="a tuple came back as a list: rebuild each container with its "
         "own type, type(batch)(...).")
def tuples_become_lists(batch, device):
    if isinstance(batch, torch.Tensor):
        return batch.to(device, non_blocking=True)
    if isinstance(batch, dict):
        return {key: tuples_become_lists(value, device) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        return [tuples_become_lists(value, device) for value in batch]
    return batch


@mistake("move_batch", diagnosis="the copies were made without non_blocking=True, so the CPU "
         "waits for each one: t.to(device, non_blocking=True).")
def blocking(batch, device):
    if isinstance(batch, torch.Tensor):
        return batch.to(device)
    if isinstance(batch, dict):
        return {key: blocking(value, device) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(blocking(value, device) for value in batch)
    return batch


@mistake("move_batch", diagnosis="tensors going to CUDA were not pinned: a non_blocking copy is "
         "only asynchronous from pinned memory, so call t.pin_memory() first when "
         "device.type == \"cuda\".")
def never_pins(batch, device):
    if isinstance(batch, torch.Tensor):
        return batch.to(device, non_blocking=True)
    if isinstance(batch, dict):
        return {key: never_pins(value, device) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(never_pins(value, device) for value in batch)
    return batch


@mistake("move_batch", diagnosis="tensors were pinned for a non-CUDA device: pinning only helps "
         "CPU-to-CUDA copies; test device.type == \"cuda\" first.")
def pins_always(batch, device):
    if isinstance(batch, torch.Tensor):
        return batch.pin_memory().to(device, non_blocking=True)
    if isinstance(batch, dict):
        return {key: pins_always(value, device) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(pins_always(value, device) for value in batch)
    return batch
