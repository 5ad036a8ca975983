"""Realistic learner answers for exercises/05_cifar10_gpu/09_untrusted.py (load_untrusted)."""
import pickle
from pathlib import Path
from typing import Any

import torch


# ---------------------------------------------------------------------------------------------
# right answers
# ---------------------------------------------------------------------------------------------

def right__load_untrusted__with_open(path: str) -> dict[str, Any]:
    """alternative | opens the file itself in a with block and passes the handle, map_location as torch.device("cpu")"""
    with open(path, "rb") as f:
        return torch.load(f, map_location=torch.device("cpu"), weights_only=True)


def right__load_untrusted__storage_lambda(path: str) -> dict[str, Any]:
    """alternative | the classic `map_location=lambda storage, loc: storage` (keeps every storage on the CPU) together with weights_only=True"""
    return torch.load(path, map_location=lambda storage, loc: storage, weights_only=True)


def right__load_untrusted__pathlib_positional(path: str) -> dict[str, Any]:
    """alternative | a pathlib.Path and map_location passed positionally"""
    state = torch.load(Path(path), "cpu", weights_only=True)
    return state


# ---------------------------------------------------------------------------------------------
# wrong answers
# ---------------------------------------------------------------------------------------------

def wrong__load_untrusted__weights_only_false(path: str) -> dict[str, Any]:
    """old-api | weights_only=False, as old notebooks needed to load pickled models: any callable in the file runs during loading | differs when: a file whose pickle holds an object with __reduce__ returning (print, ("pwned",)): the call runs and the dict is returned instead of UnpicklingError"""
    return torch.load(path, map_location="cpu", weights_only=False)


def wrong__load_untrusted__plain_pickle(path: str) -> dict[str, Any]:
    """beginner | pickle.load on the file: a .pt file is a zip with persistent storage ids, so even an honest state_dict fails (and a plain pickle would run any code) | differs when: any file written by torch.save, e.g. {"fc.bias": torch.zeros(3)} (UnpicklingError instead of the dict)"""
    with open(path, "rb") as f:
        return pickle.load(f)


def wrong__load_untrusted__no_map_location(path: str) -> dict[str, Any]:
    """subtle | weights_only=True but no map_location: tensors go back to the device they were saved from | differs when: a file saved from a CUDA device, loaded on a CPU-only machine (RuntimeError "Attempting to deserialize object on a CUDA device"); on a GPU machine the tensors land on cuda instead of cpu"""
    return torch.load(path, weights_only=True)


def wrong__load_untrusted__falls_back_to_unsafe(path: str) -> dict[str, Any]:
    """subtle | tries weights_only=True and, on failure, retries with weights_only=False "so that it always loads": exactly the files that should be refused get unpickled | differs when: a file holding an object with __reduce__ (print/os.system): code runs and the dict is returned instead of UnpicklingError"""
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        return torch.load(path, map_location="cpu", weights_only=False)


def wrong__load_untrusted__returns_empty_on_error(path: str) -> dict[str, Any]:
    """beginner | catches the refusal and returns an empty dict, so the error never reaches the caller (a later load_state_dict then fails far away, or strict=False silently keeps random weights) | differs when: a file holding a pickled callable: returns {} instead of raising UnpicklingError"""
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except Exception:
        return {}


def wrong__load_untrusted__reraises_value_error(path: str) -> dict[str, Any]:
    """subtle | wraps the refusal in a ValueError with a friendlier message: the wrong exception type (callers catching pickle.UnpicklingError miss it) | differs when: a file holding a pickled callable: raises ValueError instead of pickle.UnpicklingError"""
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        raise ValueError(f"refusing to load untrusted file {path!r}") from exc


def wrong__load_untrusted__unclosed_file(path: str) -> dict[str, Any]:
    """subtle | torch.load(open(path, "rb"), ...) never closes the handle it opened | differs when: any call with warnings.simplefilter("always"): a ResourceWarning "unclosed file" is emitted (and on Windows the file stays locked until garbage collection)"""
    return torch.load(open(path, "rb"), map_location="cpu", weights_only=True)


def wrong__load_untrusted__relies_on_default(path: str) -> dict[str, Any]:
    """subtle | leaves weights_only to its default (True since 2.6): the environment can flip it, and older PyTorch versions default to False | differs when: TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1 is set and the file holds a pickled callable (the code runs instead of UnpicklingError)"""
    return torch.load(path, map_location="cpu")


def wrong__load_untrusted__maps_only_cuda0(path: str) -> dict[str, Any]:
    """subtle | map_location={"cuda:0": "cpu"} remaps only tensors saved from cuda:0: tensors from another GPU keep their device | differs when: a file saved from cuda:1 (RuntimeError "Attempting to deserialize object on a CUDA device" on a CPU-only machine, a cuda:1 tensor on a multi-GPU one)"""
    return torch.load(path, map_location={"cuda:0": "cpu"}, weights_only=True)
