"""Checks for exercises/03_nn/05_state_dict.py: loading the state_dict entries that fit.

A source model is built and given non-trivial BatchNorm statistics; a target model of another
(or the same) layout receives its state_dict. Compared: the names reported as loaded, and the
target's whole state_dict afterwards (parameters and buffers).
"""

import torch
import torch.nn as nn
from hypothesis import strategies as st

from grader.mistakes import mistake

LAYOUTS = {
    # name: (hidden width, classes, extra layer before the head, head has a bias)
    "10 classes": (8, 10, False, True),
    "5 classes": (8, 5, False, True),
    "no head bias": (8, 10, False, False),
    "wider body": (12, 10, False, True),
    "extra layer": (8, 10, True, True),
}


def build(layout):
    hidden, classes, extra, bias = LAYOUTS[layout]
    layers = [nn.Linear(6, hidden), nn.BatchNorm1d(hidden), nn.ReLU()]
    if extra:
        layers += [nn.Linear(hidden, hidden), nn.ReLU()]
    return nn.Sequential(*layers, nn.Linear(hidden, classes, bias=bias))


def transfer(load_matching_weights, source, target, seed):
    torch.manual_seed(seed)
    src = build(source)
    src.train()
    for _ in range(3):  # running statistics that differ from a fresh model's
        src(torch.randn(4, 6) * 3 + 1)
    dst = build(target)
    loaded = load_matching_weights(dst, src.state_dict())
    return {"loaded": list(loaded), "state": dst.state_dict()}


def test_load_matching_weights(kata):
    inputs = st.fixed_dictionaries({"source": st.sampled_from(sorted(LAYOUTS)),
                                    "target": st.sampled_from(sorted(LAYOUTS)),
                                    "seed": st.integers(0, 1000)})
    kata.compare("load_matching_weights", inputs, probe=transfer, max_examples=10, examples=[
        {"source": "10 classes", "target": "no head bias", "seed": 3},
        {"source": "10 classes", "target": "5 classes", "seed": 0},
        {"source": "10 classes", "target": "10 classes", "seed": 1},
        {"source": "extra layer", "target": "10 classes", "seed": 2}],
        notes={"result['state']": "the model's state_dict after loading: entries that match "
                                  "by name and shape take the source's values, the rest keep "
                                  "their own."})


@mistake("load_matching_weights", diagnosis="strict=False forgives missing and unexpected keys, "
         "but a tensor whose shape differs still raises a size-mismatch error: filter the "
         "entries by shape (own[name].shape == value.shape) before loading.")
def not_strict_unfiltered(model, state):
    own = model.state_dict()
    model.load_state_dict(state, strict=False)
    return [name for name in own if name in state]


@mistake("load_matching_weights", diagnosis="load_state_dict is strict by default: any missing "
         "or unexpected key raises. Keep only the entries that exist in the model with the same "
         "shape and load them with strict=False.")
def strict_load(model, state):
    model.load_state_dict(state)
    return list(model.state_dict())


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


@mistake("load_matching_weights")
def names_of_state(model, state):
    own = model.state_dict()
    matching = {k: v for k, v in state.items() if k in own and own[k].shape == v.shape}
    model.load_state_dict(matching, strict=False)
    return list(state)
