"""Checks for exercises/01_tensors/15_move_batch.py: nested batches, .to is not in place, pinning.

Without a GPU: moving to the ``meta`` device, to the CPU, and to a fake CUDA where
``.to("cuda")`` lands on ``meta``, in one probe (so a mistake is named from all three), while
the probe records every ``non_blocking`` flag and the device of every tensor pinned. Batches are
plain dicts, lists and tuples (the docstring asks no subclasses: namedtuples, OrderedDict).
"""

import pytest
import torch
import torch.fx.experimental.symbolic_shapes  # noqa: F401 - warms the meta device before forks
from hypothesis import strategies as st

from grader import corners
from grader.checks._patch import patched
from grader.checks.ch01_tensors._common import EVERY, examples
from grader.mistakes import mistake

KEYS = st.sampled_from(["image", "label", "mask", "ids", "meta"])
LEAF_CORNERS = ("zero_dim", "empty", "size_one", "noncontiguous", "requires_grad")


def batches():
    """Nested plain dicts, lists and tuples of tensors (every dtype, 0-d, empty, strided,
    requiring grad) and other values (ints, strings, None)."""
    tensors = corners.tensors(corners.shapes(max_dims=2, corners=LEAF_CORNERS), dtypes=EVERY,
                              corners=LEAF_CORNERS)
    leaves = tensors | st.integers(-5, 5) | st.text("abc", max_size=3) | st.none()
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
    """Move with Tensor.to/pin_memory recorded; for a 'cuda' target, .to/.cuda land on meta."""
    flags, pinned = [], []
    to = torch.Tensor.to

    def recording_to(self, *args, **kwargs):
        flags.append(bool(kwargs.get("non_blocking", False)))
        if target == "cuda":
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

    fakes = [(torch.Tensor, "to", recording_to), (torch.Tensor, "pin_memory", recording_pin),
             (torch.Tensor, "is_pinned", lambda self, *a, **k: False),
             (torch.cuda, "is_available", lambda: target == "cuda")]
    if target == "cuda":  # elsewhere .cuda() is the real one: it fails, or lands on a real GPU
        fakes.append((torch.Tensor, "cuda", recording_cuda))
    with patched(*fakes):
        moved = move_batch(batch, torch.device(target))
    return {"batch": moved, NON_BLOCKING: all(flags), PINNED: pinned}


def _devices(batch, depth=0):
    if isinstance(batch, torch.Tensor):
        return {batch.device.type}
    if isinstance(batch, dict):
        batch = list(batch.values())
    if isinstance(batch, (list, tuple)) and depth < 10:
        return set().union(*(_devices(item, depth + 1) for item in batch))
    return set()


def moved(move_batch, batch):
    """Move the batch to meta, to the CPU and to a pretend CUDA device (copies land on meta).

    Tensors already on the target come back as they are; nothing may be pinned but CPU tensors
    going to CUDA. (A batch holding meta tensors is not moved to the CPU: they hold no data.)
    """
    targets = ("cpu", "cuda", "meta") if _devices(batch) <= {"cpu"} else ("cuda", "meta")
    # Each move but the last gets new containers holding the same leaves, so code that changes
    # the caller's containers is seen in `batch` after the call, not in the other moves.
    return {f"to {target}": _recorded_move(move_batch, batch if target == "meta"
                                           else _new_containers(batch), target)
            for target in targets}


def _new_containers(batch, depth=0):
    if depth > 10:
        return batch
    if isinstance(batch, dict):
        return {key: _new_containers(value, depth + 1) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(_new_containers(value, depth + 1) for value in batch)
    return batch


NON_BLOCKING = "non_blocking=True on every copy"
PINNED = "pin_memory() called on tensors on"
NOTES = {
    **{f"result['to {t}']['{NON_BLOCKING}']": "pass non_blocking=True to every "
       ".to(device, ...) call." for t in ("meta", "cpu", "cuda")},
    f"result['to cuda']['{PINNED}']": "pin_memory() each CPU tensor (and only CPU tensors) "
                                      "before a copy to CUDA.",
    **{f"result['to {t}']['{PINNED}']": "pin only CPU tensors going to CUDA (pinning for other "
       "devices wastes memory, and needs CUDA)." for t in ("meta", "cpu")},
}


def test_move_batch(kata):
    kata.compare("move_batch", st.fixed_dictionaries({"batch": batches()}), probe=moved,
                 notes=NOTES, max_examples=15, examples=examples(
                     {"batch": EXAMPLE}, {"batch": (torch.ones(2), 3)},
                     {"batch": [torch.tensor(2.5, requires_grad=True), "abc", None]},
                     {"batch": {"x": torch.zeros(2, 3).T, "y": torch.tensor([True])}},
                     {"batch": {"empty": torch.zeros(0, 3), "n": 7}},
                     {"batch": {"on_meta": torch.ones(1, device="meta"), "x": torch.ones(2)}}))


def moved_to_cuda(move_batch, batch):
    """The real thing: move to CUDA and wait for the copies."""
    moved = move_batch(batch, torch.device("cuda"))
    torch.cuda.synchronize()
    return moved


@pytest.mark.gpu
def test_move_batch__cuda(kata):
    kata.compare("move_batch", st.fixed_dictionaries({"batch": batches()}), probe=moved_to_cuda,
                 max_examples=5, examples=[{"batch": EXAMPLE}])


@mistake("move_batch", diagnosis="the tensors were not moved: Tensor.to returns a new tensor "
         "and leaves the original where it was (unlike Module.to), and `with torch.device(...)` "
         "only sets where new tensors are made. Keep what t.to(...) returns, in a new "
         "dict/list/tuple.")
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


@mistake("move_batch", covered_by="not_reassigned")  # the batch comes back unmoved
def device_context(batch, device):
    with torch.device(device):
        return batch


@mistake("move_batch", diagnosis="only the top level was moved: tensors inside nested dicts, "
         "lists and tuples stay behind. Call the function recursively on each value.")
def top_level_only(batch, device):
    def move(x):
        if isinstance(x, torch.Tensor):
            if device.type == "cuda" and x.device.type == "cpu":
                x = x.pin_memory()
            return x.to(device, non_blocking=True)
        return x
    if isinstance(batch, dict):
        return {key: move(value) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(move(value) for value in batch)
    return move(batch)


@mistake("move_batch", diagnosis="the caller's dicts and lists were changed in place "
         "(batch[key] = ...), so they now hold the moved tensors: build new containers and "
         "leave the batch as it was.")
def mutates_input(batch, device):
    if isinstance(batch, torch.Tensor):
        if device.type == "cuda" and batch.device.type == "cpu":
            batch = batch.pin_memory()
        return batch.to(device, non_blocking=True)
    if isinstance(batch, dict):
        for key in batch:
            batch[key] = mutates_input(batch[key], device)
        return batch
    if isinstance(batch, list):
        for i, value in enumerate(batch):
            batch[i] = mutates_input(value, device)
        return batch
    if isinstance(batch, tuple):
        return tuple(mutates_input(value, device) for value in batch)
    return batch


@mistake("move_batch", diagnosis="a tuple came back as a list: rebuild each container with its "
         "own type, type(batch)(...).")
def tuples_become_lists(batch, device):
    if isinstance(batch, torch.Tensor):
        if device.type == "cuda" and batch.device.type == "cpu":
            batch = batch.pin_memory()
        return batch.to(device, non_blocking=True)
    if isinstance(batch, dict):
        return {key: tuples_become_lists(value, device) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        return [tuples_become_lists(value, device) for value in batch]
    return batch


@mistake("move_batch", diagnosis="a str is a Sequence too, whose items are again strings, so "
         "recursing into every collections.abc.Sequence never ends on a string "
         "(RecursionError): recurse into lists and tuples only and return other values as "
         "they are.")
def recurses_into_strings(batch, device):
    import collections.abc

    if isinstance(batch, torch.Tensor):
        if device.type == "cuda" and batch.device.type == "cpu":
            batch = batch.pin_memory()
        return batch.to(device, non_blocking=True)
    if isinstance(batch, collections.abc.Mapping):
        return type(batch)({k: recurses_into_strings(v, device) for k, v in batch.items()})
    if isinstance(batch, collections.abc.Sequence):
        return type(batch)([recurses_into_strings(v, device) for v in batch])
    return batch


@mistake("move_batch", diagnosis="t.cuda() moves to the GPU whatever `device` says (and fails "
         "where there is no CUDA): move with t.to(device, non_blocking=True).")
def cuda_call(batch, device):
    if isinstance(batch, torch.Tensor):
        return batch.cuda(non_blocking=True)
    if isinstance(batch, dict):
        return {key: cuda_call(value, device) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(cuda_call(value, device) for value in batch)
    return batch


@mistake("move_batch", diagnosis="the copies were made without non_blocking=True, so the CPU "
         "waits for each one: t.to(device, non_blocking=True).")
def blocking(batch, device):
    if isinstance(batch, torch.Tensor):
        if device.type == "cuda" and batch.device.type == "cpu":
            batch = batch.pin_memory()
        return batch.to(device)
    if isinstance(batch, dict):
        return {key: blocking(value, device) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(blocking(value, device) for value in batch)
    return batch


@mistake("move_batch", diagnosis="t.to(device) alone neither pins nor copies asynchronously: "
         "when device.type == \"cuda\", pin each CPU tensor first (t.pin_memory()), and pass "
         "non_blocking=True to every .to(...).")
def plain_to(batch, device):
    if isinstance(batch, torch.Tensor):
        return batch.to(device)
    if isinstance(batch, dict):
        return {key: plain_to(value, device) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(plain_to(value, device) for value in batch)
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
         "CPU-to-CUDA copies (and needs CUDA); test device.type == \"cuda\" first.")
def pins_always(batch, device):
    if isinstance(batch, torch.Tensor):
        return batch.pin_memory().to(device, non_blocking=True)
    if isinstance(batch, dict):
        return {key: pins_always(value, device) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(pins_always(value, device) for value in batch)
    return batch


@mistake("move_batch", diagnosis="a tensor that is not on the CPU was pinned: only host memory "
         "can be pinned (pin_memory() fails for a GPU tensor). Pin when device.type == "
         "\"cuda\" and t.device.type == \"cpu\".")
def pins_non_cpu(batch, device):
    if isinstance(batch, torch.Tensor):
        if device.type == "cuda":
            batch = batch.pin_memory()
        return batch.to(device, non_blocking=True)
    if isinstance(batch, dict):
        return {key: pins_non_cpu(value, device) for key, value in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(pins_non_cpu(value, device) for value in batch)
    return batch
