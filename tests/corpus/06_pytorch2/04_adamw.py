"""Realistic learner answers for exercises/06_pytorch2/04_adamw.py (adamw_with_groups)."""
import torch
from torch import nn


# --------------------------------------------------------------------------- right


def right__adamw_with_groups__dict_of_lists(model: nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    """alternative | sorts the parameters into a dict keyed by p.dim() >= 2, builds the two groups from it in a comprehension and passes lr once to AdamW"""
    buckets: dict[bool, list[nn.Parameter]] = {True: [], False: []}
    for p in model.parameters():
        buckets[p.dim() >= 2].append(p)
    groups = [{"params": buckets[decay], "weight_decay": weight_decay if decay else 0.0}
              for decay in (True, False)]
    return torch.optim.AdamW(groups, lr=lr)


def right__adamw_with_groups__identity_set(model: nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    """alternative | walks named_parameters(), keeps an id() set to skip a shared parameter a second time, and sets lr in each group dict"""
    seen: set[int] = set()
    decay, no_decay = [], []
    for _, p in model.named_parameters():
        if id(p) in seen:
            continue
        seen.add(id(p))
        (no_decay if p.ndim < 2 else decay).append(p)
    return torch.optim.AdamW([
        dict(params=decay, weight_decay=weight_decay, lr=lr),
        dict(params=no_decay, weight_decay=0.0, lr=lr),
    ], lr=lr)


# --------------------------------------------------------------------------- wrong


def wrong__adamw_with_groups__by_name(model: nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    """tf-habit | excludes by variable name, as exclude_from_weight_decay(var_names=["bias", "norm"]): a norm layer in an nn.Sequential is named "1.weight" and is decayed | differs when: the docstring example nn.Sequential(nn.Linear(4, 4), nn.LayerNorm(4)) gives [(2, 0.01), (2, 0.0)] instead of [(1, 0.01), (3, 0.0)]"""
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if "bias" in name or "norm" in name.lower():
            no_decay.append(p)
        else:
            decay.append(p)
    return torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}], lr=lr)


def wrong__adamw_with_groups__one_group(model: nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    """beginner | AdamW(model.parameters(), lr=lr, weight_decay=weight_decay): one group, biases and norm parameters decayed too | differs when: the docstring example gives [(4, 0.01)] instead of [(1, 0.01), (3, 0.0)]"""
    return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)


def wrong__adamw_with_groups__adam_l2(model: nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    """old-api | the right two groups but torch.optim.Adam, from tutorials written before AdamW: weight_decay becomes L2 added to the gradient, not decoupled decay | differs when: the docstring example returns an Adam, not an AdamW, and one step with all-zero gradients moves each Linear weight by about lr (Adam normalises the L2 term wd*w to lr*sign(w)) instead of shrinking it by lr*wd*w"""
    decay = [p for p in model.parameters() if p.ndim >= 2]
    no_decay = [p for p in model.parameters() if p.ndim < 2]
    return torch.optim.Adam([{"params": decay, "weight_decay": weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=lr)


def wrong__adamw_with_groups__only_vectors_excluded(model: nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    """subtle | tests p.ndim == 1 for 'bias or norm': a 0-dim scalar parameter falls into the decayed group | differs when: a model with model.temperature = nn.Parameter(torch.tensor(1.0)) beside a Linear puts the temperature in the weight_decay group instead of the 0.0 one"""
    decay = [p for p in model.parameters() if p.ndim != 1]
    no_decay = [p for p in model.parameters() if p.ndim == 1]
    return torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}], lr=lr)


def wrong__adamw_with_groups__skips_frozen(model: nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    """subtle | copies the fine-tuning recipe's `if not p.requires_grad: continue`: frozen parameters are left out of the optimizer | differs when: the docstring example with the Linear's bias frozen (requires_grad_(False)) gives [(1, 0.01), (2, 0.0)]: the bias does not appear, though it is in model.parameters()"""
    decay, no_decay = [], []
    for p in model.parameters():
        if not p.requires_grad:
            continue
        (decay if p.ndim >= 2 else no_decay).append(p)
    return torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}], lr=lr)
