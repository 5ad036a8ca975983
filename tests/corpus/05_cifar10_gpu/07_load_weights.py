"""Realistic learner answers for exercises/05_cifar10_gpu/07_load_weights.py (load_for_inference)."""
import torch
from torch import nn


# ---------------------------------------------------------------------------------------------
# right answers
# ---------------------------------------------------------------------------------------------

def right__load_for_inference__move_first(model: nn.Module, path: str, device: torch.device) -> nn.Module:
    """alternative | moves the model to `device` before load_state_dict (which copies into the already-placed parameters); train(False) instead of eval()"""
    model.to(device)
    state = torch.load(path, map_location=device, weights_only=True)
    model.load_state_dict(state)
    model.train(False)
    return model


def right__load_for_inference__file_object_chained(model: nn.Module, path: str, device: torch.device) -> nn.Module:
    """alternative | reads through an open binary file, strict=True spelled out, and returns model.to(device).eval() (both return the module itself)"""
    with open(path, "rb") as f:
        state_dict = torch.load(f, map_location=device, weights_only=True)
    model.load_state_dict(state_dict, strict=True)
    return model.to(device).eval()


def right__load_for_inference__map_location_str(model: nn.Module, path: str, device: torch.device) -> nn.Module:
    """alternative | map_location given as the string str(device), keyword-only call style"""
    sd = torch.load(f=path, map_location=str(device), weights_only=True)
    model.load_state_dict(state_dict=sd)
    model = model.to(device=device)
    model.eval()
    return model


# ---------------------------------------------------------------------------------------------
# wrong answers
# ---------------------------------------------------------------------------------------------

def wrong__load_for_inference__no_eval(model: nn.Module, path: str, device: torch.device) -> nn.Module:
    """beginner | forgets model.eval() (Keras needs no mode switch for predict): dropout stays active and BatchNorm keeps using batch statistics | differs when: any model straight from its constructor (returned model.training is True instead of False)"""
    model.load_state_dict(torch.load(path, map_location=device, weights_only=True))
    model.to(device)
    return model


def wrong__load_for_inference__returns_load_result(model: nn.Module, path: str, device: torch.device) -> nn.Module:
    """beginner | chains on load_state_dict, which returns an _IncompatibleKeys(missing_keys, unexpected_keys) tuple, not the model | differs when: any valid checkpoint (the result is _IncompatibleKeys(missing_keys=[], unexpected_keys=[]), not a Module)"""
    model.to(device)
    model.eval()
    return model.load_state_dict(torch.load(path, map_location=device, weights_only=True))


def wrong__load_for_inference__loads_whole_model(model: nn.Module, path: str, device: torch.device) -> nn.Module:
    """old-api | 0.4-era `model = torch.load(path)` that expected a pickled model: with a state_dict file it returns the OrderedDict and never fills the model | differs when: any state_dict checkpoint (returns a dict of tensors instead of the module)"""
    model = torch.load(path, map_location=device, weights_only=True)
    if isinstance(model, nn.Module):
        model.eval()
    return model


def wrong__load_for_inference__no_map_location(model: nn.Module, path: str, device: torch.device) -> nn.Module:
    """old-api | torch.load(path) without map_location (the notebook loaded on the machine that saved it): tensors go back to the device they were saved from | differs when: a checkpoint written on a CUDA machine loaded with device=torch.device("cpu") on a CPU-only machine (RuntimeError "Attempting to deserialize object on a CUDA device")"""
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state)
    model.to(device)
    model.eval()
    return model


def wrong__load_for_inference__strict_false(model: nn.Module, path: str, device: torch.device) -> nn.Module:
    """subtle | load_state_dict(..., strict=False) "to avoid key errors": a checkpoint of another model (or with DataParallel's "module." prefixes) loads nothing and the model keeps its random weights silently | differs when: the file's keys do not match, e.g. a state_dict saved from nn.DataParallel(model) or nn.Sequential(model): a correct answer raises RuntimeError"""
    state = torch.load(path, map_location=device, weights_only=True)
    model.load_state_dict(state, strict=False)
    model.to(device)
    model.eval()
    return model


def wrong__load_for_inference__weights_only_false(model: nn.Module, path: str, device: torch.device) -> nn.Module:
    """subtle | weights_only=False (copied to silence an old FutureWarning): unpickling may run arbitrary code from the file | differs when: the file holds a pickled object with a __reduce__ (e.g. one calling print or os.system): its code runs instead of torch.load raising UnpicklingError"""
    state = torch.load(path, map_location=device, weights_only=False)
    model.load_state_dict(state)
    model.to(device)
    model.eval()
    return model


def wrong__load_for_inference__model_not_moved(model: nn.Module, path: str, device: torch.device) -> nn.Module:
    """beginner | relies on map_location alone: load_state_dict copies the values into the model's existing (CPU) parameters, so the model never reaches `device` | differs when: a CPU-built model loaded with device=torch.device("cuda") (parameters stay on cpu); identical on CPU"""
    state = torch.load(path, map_location=device, weights_only=True)
    model.load_state_dict(state)
    model.eval()
    return model


def wrong__load_for_inference__assign_true(model: nn.Module, path: str, device: torch.device) -> nn.Module:
    """subtle | load_state_dict(..., assign=True) replaces the parameters by the loaded tensors instead of copying into them: the model takes the checkpoint's dtype and new Parameter objects (an optimizer built before holds stale ones) | differs when: model.double() with a float32 checkpoint (parameters come back float32 instead of float64)"""
    state = torch.load(path, map_location=device, weights_only=True)
    model.load_state_dict(state, assign=True)
    model.to(device)
    model.eval()
    return model
