"""Checks for exercises/03_nn/05_state_dict.py: loading the state_dict entries that fit.

A source model (given non-trivial BatchNorm statistics) hands its state_dict, maybe changed (keys
in another order, floating tensors as float64, num_batches_tracked left out), to a target model
of another (or the same) layout. Compared: the names reported as loaded, the target's whole
state_dict afterwards (parameters and buffers, dtypes included), the caller's dict after the call,
and which of the model's tensors share memory with it. The named examples come first, ordered so
that each known mistake fails on its own example.
"""

import torch
import torch.nn as nn
from hypothesis import strategies as st

from grader import corners
from grader.mistakes import mistake

HEAD_10 = "nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 10))"
HEAD_5 = "nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 5))"
NO_HEAD_BIAS = ("nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.ReLU(), "
                "nn.Linear(8, 10, bias=False))")
WIDER = "nn.Sequential(nn.Linear(6, 12), nn.BatchNorm1d(12), nn.ReLU(), nn.Linear(12, 10))"
EXTRA = ("nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 8), "
         "nn.ReLU(), nn.Linear(8, 10))")
LINEAR_2_3, LINEAR_3_2 = "nn.Linear(2, 3)", "nn.Linear(3, 2)"
LAYOUTS = {
    HEAD_10: lambda: nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.ReLU(),
                                   nn.Linear(8, 10)),
    HEAD_5: lambda: nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 5)),
    NO_HEAD_BIAS: lambda: nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.ReLU(),
                                        nn.Linear(8, 10, bias=False)),
    WIDER: lambda: nn.Sequential(nn.Linear(6, 12), nn.BatchNorm1d(12), nn.ReLU(),
                                 nn.Linear(12, 10)),
    EXTRA: lambda: nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 8),
                                 nn.ReLU(), nn.Linear(8, 10)),
    LINEAR_2_3: lambda: nn.Linear(2, 3),
    LINEAR_3_2: lambda: nn.Linear(3, 2),
}
REORDERED, DOUBLE, NO_COUNT = ("keys in reverse order", "floating tensors as float64",
                               "without num_batches_tracked")


def transfer(load_matching_weights, source, target, changes, seed):
    """torch.manual_seed(seed); src = source code, run 3 times in train mode on torch.randn(4, in_features) * 3 + 1 (BatchNorm statistics); dst = target code; state = src.state_dict() with the changes listed; loaded = load_matching_weights(dst, state)"""
    torch.manual_seed(seed)
    src = LAYOUTS[source]()
    src.train()
    for _ in range(3):
        src(torch.randn(4, next(src.parameters()).shape[1]) * 3 + 1)
    dst = LAYOUTS[target]()
    state = src.state_dict()
    if NO_COUNT in changes:
        state = {k: v for k, v in state.items() if not k.endswith("num_batches_tracked")}
    if DOUBLE in changes:
        state = {k: v.double() if v.is_floating_point() else v for k, v in state.items()}
    if REORDERED in changes:
        state = dict(reversed(list(state.items())))
    loaded = load_matching_weights(dst, state)
    own = dst.state_dict()
    ptrs = {v.untyped_storage().data_ptr() for v in state.values() if v.numel()}
    return {"loaded": loaded, "model's state_dict": {k: v.clone() for k, v in own.items()},
            "the caller's state after the call": state,
            "model tensors sharing memory with the caller's state":
                [k for k, v in own.items() if v.numel() and v.untyped_storage().data_ptr() in ptrs]}


@st.composite
def transfers(draw):
    changes = [change for change in (REORDERED, NO_COUNT) if draw(st.booleans())]
    if draw(corners.flags("float64")):
        changes.append(DOUBLE)
    layouts = sorted(LAYOUTS)
    source, target = draw(st.sampled_from(layouts)), draw(st.sampled_from(layouts))
    _record(source, target)
    return {"source": source, "target": target, "changes": changes,
            "seed": draw(st.integers(0, 1000))}


def _record(*layouts):
    for layout in layouts:
        corners.reach("buffers" if "BatchNorm" in layout else "root_parameters")


def test_load_matching_weights(kata):
    _record(HEAD_10, LINEAR_2_3)  # the named examples' models: BatchNorm, a bare nn.Linear
    kata.compare("load_matching_weights", transfers(), probe=transfer, max_examples=10, examples=[
        {"source": HEAD_10, "target": HEAD_10, "changes": [], "seed": 1},
        {"source": HEAD_10, "target": NO_HEAD_BIAS, "changes": [], "seed": 3},
        {"source": NO_HEAD_BIAS, "target": HEAD_10, "changes": [], "seed": 4},
        {"source": HEAD_10, "target": HEAD_5, "changes": [], "seed": 0},
        {"source": HEAD_10, "target": HEAD_10, "changes": [REORDERED], "seed": 5},
        {"source": LINEAR_2_3, "target": LINEAR_3_2, "changes": [], "seed": 6},
        {"source": HEAD_10, "target": HEAD_10, "changes": [NO_COUNT], "seed": 7},
        {"source": HEAD_10, "target": WIDER, "changes": [DOUBLE], "seed": 8},
        {"source": EXTRA, "target": HEAD_10, "changes": [], "seed": 2}],
        notes={"result['model's state_dict']": "the model's state_dict after loading: entries "
               "that match by name and shape take the source's values, the rest keep their own, "
               "and every tensor keeps its dtype."})


@mistake("load_matching_weights", diagnosis="strict=False forgives missing and unexpected keys, "
         "but a tensor whose shape differs still raises a size-mismatch error: filter the "
         "entries by shape (own[name].shape == value.shape) before loading.")
def not_strict_unfiltered(model, state):
    own = model.state_dict()
    model.load_state_dict(state, strict=False)
    return [name for name in own if name in state]


@mistake("load_matching_weights", diagnosis="load_state_dict is strict by default: a key of state "
         "that the model lacks raises. Keep only the entries that exist in the model with the "
         "same shape and load them with strict=False.")
def strict_load(model, state):
    model.load_state_dict(state)
    return list(model.state_dict())


@mistake("load_matching_weights", diagnosis="the entries were filtered, but loaded with the "
         "default strict=True: every model entry left out of the filtered dict is then a "
         "missing key, and it raises. Load the filtered dict with strict=False.")
def filtered_but_strict(model, state):
    own = model.state_dict()
    keep = {k: v for k, v in state.items() if k in own and v.shape == own[k].shape}
    model.load_state_dict(keep)
    return [k for k in own if k in keep]


@mistake("load_matching_weights", diagnosis="only the parameters were copied: the state_dict "
         "also holds buffers (BatchNorm's running_mean, running_var, num_batches_tracked), "
         "which must come along, or the loaded model normalises with fresh statistics.")
def parameters_only(model, state):
    loaded = []
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name in state and state[name].shape == p.shape:
                p.copy_(state[name])
                loaded.append(name)
    return loaded


@mistake("load_matching_weights", diagnosis="the returned list must hold only the names that "
         "were loaded (in model.state_dict()'s order); list(state) has every name of state, "
         "loaded or not.")
def names_of_state(model, state):
    own = model.state_dict()
    matching = {k: v for k, v in state.items() if k in own and own[k].shape == v.shape}
    model.load_state_dict(matching, strict=False)
    return list(state)


@mistake("load_matching_weights", diagnosis="the names came back in the order of state: return "
         "them in the order of model.state_dict(), [k for k in own if k in matching].")
def state_order(model, state):
    own = model.state_dict()
    matching = {k: v for k, v in state.items() if k in own and own[k].shape == v.shape}
    model.load_state_dict(matching, strict=False)
    return list(matching)


@mistake("load_matching_weights", diagnosis="equal numel() is not equal shape: a (3, 2) weight "
         "has as many numbers as a (2, 3) one and load_state_dict still raises a size mismatch. "
         "Compare the shapes themselves.")
def numel_filter(model, state):
    own = model.state_dict()
    matching = {k: v for k, v in state.items() if k in own and own[k].numel() == v.numel()}
    model.load_state_dict(matching, strict=False)
    return [k for k in own if k in matching]


@mistake("load_matching_weights", diagnosis="the entries that do not fit were removed from the "
         "caller's dict (state.pop): leave state as it was and build a new, filtered dict.")
def pops_from_state(model, state):
    own = model.state_dict()
    for k in list(state):
        if k not in own or state[k].shape != own[k].shape:
            state.pop(k)
    model.load_state_dict(state, strict=False)
    return [k for k in own if k in state]


@mistake("load_matching_weights", diagnosis="assigning into the dict that model.state_dict() "
         "returned (sd[k] = v) only rebinds a dict entry: the model never sees it. Copy into the "
         "model: model.load_state_dict(filtered, strict=False), or sd[k].copy_(v).")
def assigns_into_state_dict(model, state):
    sd = model.state_dict()
    loaded = []
    for k in sd:
        if k in state and state[k].shape == sd[k].shape:
            sd[k] = state[k]
            loaded.append(k)
    return loaded


@mistake("load_matching_weights", diagnosis="p.data = value points the model's tensor at the "
         "caller's tensor: no copy (the model now shares memory with state) and no cast (its "
         "dtype becomes state's). Copy the values in: load_state_dict(filtered, strict=False), "
         "or p.copy_(value) under torch.no_grad().")
def data_rebind(model, state):
    own = dict(model.named_parameters())
    own.update(dict(model.named_buffers()))
    loaded = []
    for k in model.state_dict():
        if k in state and k in own and state[k].shape == own[k].shape:
            own[k].data = state[k]
            loaded.append(k)
    return loaded


@mistake("load_matching_weights", diagnosis="the names were derived from load_state_dict's "
         "missing_keys, but BatchNorm fills a missing num_batches_tracked itself, so that key is "
         "reported as loaded although state lacks it: return the names of the entries you "
         "passed in, [k for k in own if k in matching].")
def from_missing_keys(model, state):
    own = model.state_dict()
    matching = {k: v for k, v in state.items() if k in own and own[k].shape == v.shape}
    missing = set(model.load_state_dict(matching, strict=False).missing_keys)
    return [k for k in own if k not in missing]
