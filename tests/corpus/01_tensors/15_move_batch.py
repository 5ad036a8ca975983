"""Realistic learner answers for exercises/01_tensors/15_move_batch.py (move_batch)."""
import collections.abc
import functools

import torch


def _move_tensor(t: torch.Tensor, device: torch.device) -> torch.Tensor:
    if device.type == "cuda" and t.device.type == "cpu":
        t = t.pin_memory()
    return t.to(device, non_blocking=True)


# --------------------------------------------------------------------------- right


def _rebuild_tuple(original: tuple, items: list):
    if hasattr(original, "_fields"):        # a namedtuple keeps its type
        return type(original)(*items)
    return type(original)(items)


def right__move_batch__match_statement(batch, device: torch.device):
    """alternative | a match statement on the container type instead of an isinstance chain, rebuilding each container with its own type"""
    match batch:
        case torch.Tensor():
            if device.type == "cuda" and batch.device.type == "cpu":
                batch = batch.pin_memory()
            return batch.to(device, non_blocking=True)
        case dict():
            return type(batch)((k, move_batch_match(v, device)) for k, v in batch.items())
        case list():
            return type(batch)(move_batch_match(v, device) for v in batch)
        case tuple():
            return _rebuild_tuple(batch, [move_batch_match(v, device) for v in batch])
        case _:
            return batch


def move_batch_match(batch, device):
    return right__move_batch__match_statement(batch, device)


def right__move_batch__singledispatch(batch, device: torch.device):
    """alternative | functools.singledispatch with one overload per container type instead of an isinstance chain"""
    return _dispatch_move(batch, device)


@functools.singledispatch
def _dispatch_move(value, device):
    return value


@_dispatch_move.register
def _(value: torch.Tensor, device):
    return _move_tensor(value, device)


@_dispatch_move.register
def _(value: dict, device):
    return type(value)((k, _dispatch_move(v, device)) for k, v in value.items())


@_dispatch_move.register
def _(value: list, device):
    return type(value)(_dispatch_move(v, device) for v in value)


@_dispatch_move.register
def _(value: tuple, device):
    return _rebuild_tuple(value, [_dispatch_move(v, device) for v in value])


def right__move_batch__pytree_map(batch, device: torch.device):
    """alternative | lets torch.utils._pytree.tree_map_only rebuild the dict/list/tuple structure and apply the move to tensor leaves only"""
    from torch.utils import _pytree as pytree
    return pytree.tree_map_only(torch.Tensor, lambda t: _move_tensor(t, device), batch)


# --------------------------------------------------------------------------- wrong


def wrong__move_batch__result_of_to_dropped(batch, device: torch.device):
    """beginner | calls v.to(device) as if it moved v in place (the module.to habit) and returns the original structure: every tensor stays where it was | differs when: move_batch({"x": torch.ones(2), "n": [7, None]}, torch.device("meta")) returns x still on the CPU"""
    if isinstance(batch, torch.Tensor):
        batch.to(device, non_blocking=True)
        return batch
    if isinstance(batch, dict):
        for v in batch.values():
            move_batch_result_dropped(v, device)
    elif isinstance(batch, (list, tuple)):
        for v in batch:
            move_batch_result_dropped(v, device)
    return batch


def move_batch_result_dropped(batch, device):
    return wrong__move_batch__result_of_to_dropped(batch, device)


def wrong__move_batch__device_context(batch, device: torch.device):
    """tf-habit | wraps the batch in `with torch.device(device):` like `with tf.device(...)`: that only sets the default device for new factory calls, existing tensors are not moved | differs when: move_batch({"x": torch.ones(2)}, torch.device("meta")) returns x still on the CPU"""
    with torch.device(device):
        return batch


def wrong__move_batch__mutates_input_dict(batch, device: torch.device):
    """subtle | updates the dicts and lists in place (batch[k] = moved) instead of building a copy, so the caller's batch now holds the moved tensors | differs when: b = {"x": torch.ones(2)}; move_batch(b, torch.device("meta")) leaves b["x"] on meta instead of the CPU"""
    if isinstance(batch, torch.Tensor):
        return _move_tensor(batch, device)
    if isinstance(batch, dict):
        for k in batch:
            batch[k] = move_batch_mutating(batch[k], device)
        return batch
    if isinstance(batch, list):
        for i, v in enumerate(batch):
            batch[i] = move_batch_mutating(v, device)
        return batch
    if isinstance(batch, tuple):
        return tuple(move_batch_mutating(v, device) for v in batch)
    return batch


def move_batch_mutating(batch, device):
    return wrong__move_batch__mutates_input_dict(batch, device)


def wrong__move_batch__tuples_become_lists(batch, device: torch.device):
    """subtle | handles lists and tuples in one branch with a list comprehension, so tuples come back as lists | differs when: move_batch((torch.ones(1), 2), torch.device("meta")) returns a list instead of a tuple"""
    if isinstance(batch, torch.Tensor):
        return _move_tensor(batch, device)
    if isinstance(batch, dict):
        return {k: move_batch_tuples_as_lists(v, device) for k, v in batch.items()}
    if isinstance(batch, (list, tuple)):
        return [move_batch_tuples_as_lists(v, device) for v in batch]
    return batch


def move_batch_tuples_as_lists(batch, device):
    return wrong__move_batch__tuples_become_lists(batch, device)


def wrong__move_batch__top_level_only(batch, device: torch.device):
    """beginner | moves only the tensors found directly in the top-level dict or list; nested containers are returned untouched | differs when: move_batch({"x": [torch.ones(1)]}, torch.device("meta")) leaves the nested tensor on the CPU"""
    if isinstance(batch, torch.Tensor):
        return _move_tensor(batch, device)
    if isinstance(batch, dict):
        return {k: _move_tensor(v, device) if torch.is_tensor(v) else v for k, v in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(_move_tensor(v, device) if torch.is_tensor(v) else v for v in batch)
    return batch


def wrong__move_batch__sequence_recurses_into_strings(batch, device: torch.device):
    """subtle | recurses into every collections.abc.Sequence, and a str is a Sequence whose items are again strings, so any string in the batch recurses forever (RecursionError) | differs when: move_batch({"name": "a", "x": torch.ones(1)}, torch.device("meta")) raises RecursionError instead of returning {"name": "a", "x": <meta tensor>}"""
    if isinstance(batch, torch.Tensor):
        return _move_tensor(batch, device)
    if isinstance(batch, collections.abc.Mapping):
        return type(batch)({k: move_batch_sequences(v, device) for k, v in batch.items()})
    if isinstance(batch, collections.abc.Sequence):
        moved = [move_batch_sequences(v, device) for v in batch]
        return type(batch)(moved)
    return batch


def move_batch_sequences(batch, device):
    return wrong__move_batch__sequence_recurses_into_strings(batch, device)


def wrong__move_batch__cuda_call(batch, device: torch.device):
    """old-api | moves tensors with the 0.4-era t.cuda(non_blocking=True) (formerly async=True), ignoring the device argument | differs when: move_batch({"x": torch.ones(2)}, torch.device("meta")) raises (no CUDA here) or lands on cuda instead of meta"""
    if isinstance(batch, torch.Tensor):
        return batch.cuda(non_blocking=True)
    if isinstance(batch, dict):
        return {k: move_batch_cuda(v, device) for k, v in batch.items()}
    if isinstance(batch, list):
        return [move_batch_cuda(v, device) for v in batch]
    if isinstance(batch, tuple):
        return tuple(move_batch_cuda(v, device) for v in batch)
    return batch


def move_batch_cuda(batch, device):
    return wrong__move_batch__cuda_call(batch, device)


def wrong__move_batch__pins_everything(batch, device: torch.device):
    """subtle | pins every tensor before moving, whatever its device and whatever the target: pinning needs CUDA, so moving to cpu/meta on a machine without a GPU raises, and a tensor already on the GPU cannot be pinned | differs when: move_batch({"x": torch.ones(2)}, torch.device("meta")) on a machine without CUDA raises RuntimeError instead of returning x on meta"""
    if isinstance(batch, torch.Tensor):
        return batch.pin_memory().to(device, non_blocking=True)
    if isinstance(batch, dict):
        return {k: move_batch_pin_all(v, device) for k, v in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(move_batch_pin_all(v, device) for v in batch)
    return batch


def move_batch_pin_all(batch, device):
    return wrong__move_batch__pins_everything(batch, device)


def wrong__move_batch__never_pins(batch, device: torch.device):
    """examples | the pytorch/examples loop style data.to(device) applied recursively: never pins CPU tensors and copies synchronously, although the docstring asks to pin first and use non_blocking=True for cuda | differs when: device=torch.device("cuda") with a CPU tensor: t.pin_memory() is never called and .to(...) is called without non_blocking=True"""
    if isinstance(batch, torch.Tensor):
        return batch.to(device)
    if isinstance(batch, dict):
        return {k: move_batch_no_pin(v, device) for k, v in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(move_batch_no_pin(v, device) for v in batch)
    return batch


def move_batch_no_pin(batch, device):
    return wrong__move_batch__never_pins(batch, device)
