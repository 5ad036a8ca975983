"""Corpus for exercises/03_nn/05_state_dict.py: load_matching_weights."""
import torch
import torch.nn as nn


def right__load_matching_weights__copy_into_state(model: nn.Module,
                                                  state: dict[str, torch.Tensor]) -> list[str]:
    "alternative | copy_ into the tensors of model.state_dict() (they share storage with the parameters and buffers) under no_grad, no load_state_dict call"
    loaded = []
    with torch.no_grad():
        for name, dest in model.state_dict().items():
            src = state.get(name)
            if src is not None and src.shape == dest.shape:
                dest.copy_(src)
                loaded.append(name)
    return loaded


def right__load_matching_weights__update_strict(model: nn.Module,
                                                state: dict[str, torch.Tensor]) -> list[str]:
    "alternative | overlays the matching entries on the model's own state_dict and loads the merged dict with strict=True"
    merged = model.state_dict()
    loaded = []
    for name in list(merged):
        if name in state and tuple(state[name].shape) == tuple(merged[name].shape):
            merged[name] = state[name]
            loaded.append(name)
    model.load_state_dict(merged)
    return loaded


def right__load_matching_weights__key_intersection(model: nn.Module,
                                                   state: dict[str, torch.Tensor]) -> list[str]:
    "alternative | intersects the key sets first (own.keys() & state.keys()), keeps those whose tuple(shape) agree, loads with strict=False and lists them in the model's order"
    own = model.state_dict()
    common = own.keys() & state.keys()
    fitting = {k for k in common if tuple(state[k].shape) == tuple(own[k].shape)}
    model.load_state_dict({k: state[k] for k in fitting}, strict=False)
    return [k for k in own if k in fitting]


def wrong__load_matching_weights__no_filter(model: nn.Module,
                                            state: dict[str, torch.Tensor]) -> list[str]:
    "beginner | load_state_dict(state, strict=False) without filtering: strict=False forgives missing/unexpected keys but a shape mismatch still raises | differs when: the docstring example (a 10-class state into a 5-class model) raises RuntimeError instead of returning ['0.weight', '0.bias']"
    model.load_state_dict(state, strict=False)
    return [k for k in model.state_dict() if k in state]


def wrong__load_matching_weights__name_only(model: nn.Module,
                                            state: dict[str, torch.Tensor]) -> list[str]:
    "beginner | filters by name only (k in model.state_dict()), not by shape: the mismatched head still raises a size-mismatch error | differs when: the docstring example raises RuntimeError instead of returning ['0.weight', '0.bias']"
    own = model.state_dict()
    keep = {k: v for k, v in state.items() if k in own}
    model.load_state_dict(keep, strict=False)
    return list(keep)


def wrong__load_matching_weights__strict_load(model: nn.Module,
                                              state: dict[str, torch.Tensor]) -> list[str]:
    "beginner | filters correctly but loads with the default strict=True: the skipped keys are then 'missing' and it raises | differs when: the docstring example raises RuntimeError (Missing key(s): '1.weight', '1.bias')"
    own = model.state_dict()
    keep = {k: v for k, v in state.items() if k in own and v.shape == own[k].shape}
    model.load_state_dict(keep)
    return list(keep)


def wrong__load_matching_weights__dict_assign(model: nn.Module,
                                              state: dict[str, torch.Tensor]) -> list[str]:
    "beginner | assigns into the dict returned by model.state_dict() (sd[k] = v): that rebinds a dict entry and never touches the model's tensors | differs when: the docstring example returns the right names but net[0].weight keeps its old values"
    sd = model.state_dict()
    loaded = []
    for k in sd:
        if k in state and state[k].shape == sd[k].shape:
            sd[k] = state[k]
            loaded.append(k)
    return loaded


def wrong__load_matching_weights__data_rebind(model: nn.Module,
                                              state: dict[str, torch.Tensor]) -> list[str]:
    "old-api | p.data = state[k] for matching parameters and buffers: rebinds to the caller's tensors (no copy, no dtype cast), so the model now shares memory with state | differs when: state holds float64 tensors (old.double().state_dict()): the model's weight becomes float64 instead of staying float32; also state['0.weight'].zero_() afterwards zeroes the model"
    loaded = []
    own = dict(model.named_parameters())
    own.update(dict(model.named_buffers()))
    for k in model.state_dict():
        if k in state and k in own and state[k].shape == own[k].shape:
            own[k].data = state[k]
            loaded.append(k)
    return loaded


def wrong__load_matching_weights__state_order(model: nn.Module,
                                              state: dict[str, torch.Tensor]) -> list[str]:
    "subtle | returns the names in the order of state, not of model.state_dict() | differs when: state = dict(reversed(list(old.state_dict().items()))) in the docstring example gives ['0.bias', '0.weight'] instead of ['0.weight', '0.bias']"
    own = model.state_dict()
    keep = {k: v for k, v in state.items() if k in own and v.shape == own[k].shape}
    model.load_state_dict(keep, strict=False)
    return list(keep)


def wrong__load_matching_weights__numel_check(model: nn.Module,
                                              state: dict[str, torch.Tensor]) -> list[str]:
    "subtle | compares numel() instead of the shape: a transposed tensor with the same number of elements passes the filter and load_state_dict raises | differs when: model=nn.Linear(2, 3), state=nn.Linear(3, 2).state_dict() raises RuntimeError instead of returning []"
    own = model.state_dict()
    keep = {k: v for k, v in state.items() if k in own and v.numel() == own[k].numel()}
    model.load_state_dict(keep, strict=False)
    return [k for k in own if k in keep]


def wrong__load_matching_weights__pops_from_state(model: nn.Module,
                                                  state: dict[str, torch.Tensor]) -> list[str]:
    "subtle | removes the mismatched entries from the caller's dict (state.pop) before loading: the input is mutated | differs when: the docstring example leaves the caller's state without '1.weight' and '1.bias' afterwards"
    own = model.state_dict()
    for k in list(state):
        if k not in own or state[k].shape != own[k].shape:
            state.pop(k)
    model.load_state_dict(state, strict=False)
    return [k for k in own if k in state]


def wrong__load_matching_weights__parameters_only(model: nn.Module,
                                                  state: dict[str, torch.Tensor]) -> list[str]:
    "tf-habit | matches only named_parameters() (Keras weights), so buffers such as BatchNorm's running_mean/running_var/num_batches_tracked are never loaded | differs when: model=nn.BatchNorm1d(3), state from a BatchNorm1d(3) with running_mean filled with 1.0: returns ['weight', 'bias'] and running_mean stays 0"
    params = dict(model.named_parameters())
    keep = {k: v for k, v in state.items() if k in params and v.shape == params[k].shape}
    model.load_state_dict(keep, strict=False)
    return [k for k in params if k in keep]


def wrong__load_matching_weights__from_missing_keys(model: nn.Module,
                                                    state: dict[str, torch.Tensor]) -> list[str]:
    "subtle | derives the loaded names from load_state_dict's missing_keys: BatchNorm's load hook quietly fills a missing num_batches_tracked from the module itself, so that key is reported as loaded although state lacks it | differs when: model=nn.BatchNorm1d(3), state=nn.BatchNorm1d(3).state_dict() without 'num_batches_tracked' returns 5 names (with 'num_batches_tracked') instead of ['weight', 'bias', 'running_mean', 'running_var']"
    own = model.state_dict()
    fitting = {k: v for k, v in state.items() if k in own and v.size() == own[k].size()}
    result = model.load_state_dict(fitting, strict=False)
    missing = set(result.missing_keys)
    return [k for k in own if k not in missing]
