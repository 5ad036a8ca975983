"""adamw_with_groups: on small models (norm layers, a bias-free layer, parameters on the root
module, a weight shared by two layers, a frozen layer), every parameter must be in exactly one
group, with the reference's lr and weight decay, in an AdamW; a few training steps must then
leave the reference's weights (decoupled decay, not Adam's L2)."""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from grader.mistakes import mistake


def _mlp():
    return nn.Sequential(nn.Linear(4, 8), nn.LayerNorm(8), nn.ReLU(), nn.Linear(8, 3))


class _Conv(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3, padding=1, bias=False)
        self.norm = nn.BatchNorm2d(2)
        self.head = nn.Linear(2 * 2 * 2, 3)

    def forward(self, x):
        x = torch.relu(self.norm(self.conv(x.reshape(-1, 1, 2, 2))))
        return self.head(torch.flatten(x, 1))


class _RootParams(nn.Module):
    """Parameters on the model itself: a matrix (decayed), a vector and a scalar (not)."""

    def __init__(self):
        super().__init__()
        self.proj = nn.Parameter(torch.randn(4, 5) / 2)
        self.scale = nn.Parameter(torch.ones(5))
        self.temperature = nn.Parameter(torch.tensor(1.5))
        self.group_norm = nn.GroupNorm(1, 5)
        self.out = nn.Linear(5, 3)

    def forward(self, x):
        return self.out(self.group_norm(x @ self.proj * self.scale)) / self.temperature


class _Tied(nn.Module):
    """An embedding whose weight is also the output layer's (tied, as in language models)."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(6, 4)
        self.mix = nn.Linear(4, 4)
        self.out = nn.Linear(4, 6)
        self.out.weight = self.embed.weight

    def forward(self, x):
        tokens = (x.abs() * 10).long().clamp(max=5)[:, :2]
        return self.out(torch.tanh(self.mix(self.embed(tokens).mean(1))))[:, :3]


def _frozen():
    """Fine-tuning: the first layer frozen (its parameters are still model.parameters())."""
    net = _mlp()
    net[0].requires_grad_(False)
    return net


MODELS = {"mlp": _mlp, "conv": _Conv, "root_params": _RootParams, "tied": _Tied,
          "frozen": _frozen}


def optimizer_probe(adamw_with_groups, model, lr, weight_decay, seed):
    torch.manual_seed(seed)
    net = MODELS[model]()
    optimizer = adamw_with_groups(net, lr, weight_decay)
    where = {}
    for group in optimizer.param_groups:
        for p in group["params"]:
            where.setdefault(id(p), []).append(
                {"lr": group["lr"], "weight_decay": group["weight_decay"],
                 "betas": tuple(group["betas"]), "eps": group["eps"],
                 "amsgrad": group["amsgrad"]})
    settings = {name: where.get(id(p), []) for name, p in net.named_parameters()}
    g = torch.Generator().manual_seed(seed)
    x, y = torch.randn(6, 4, generator=g), torch.randint(0, 3, (6,), generator=g)
    for _ in range(3):
        optimizer.zero_grad()
        F.cross_entropy(net(x), y).backward()
        optimizer.step()
    return {"optimizer": type(optimizer).__name__,
            "groups of each parameter": settings,
            "parameters after 3 steps": {n: p.detach().clone() for n, p in
                                         net.named_parameters()}}


NOTES = {"result['groups of each parameter']": "each parameter must be in exactly one group: "
         "weight_decay for 2-D and larger ones, 0.0 for biases, norm layers and other vectors",
         "result['parameters after 3": "the weights after three AdamW steps"}


def test_adamw_with_groups(kata):
    kata.compare("adamw_with_groups", st.fixed_dictionaries({
        "model": st.sampled_from(sorted(MODELS)), "lr": st.sampled_from([1e-3, 0.05]),
        "weight_decay": st.sampled_from([0.01, 0.5]), "seed": st.integers(0, 99)}),
        probe=optimizer_probe, max_examples=4, rtol=1e-5, atol=1e-6, notes=NOTES,
        examples=[{"model": m, "lr": 0.05, "weight_decay": 0.5, "seed": 0}
                  for m in sorted(MODELS)])


@mistake("adamw_with_groups", diagnosis="Adam(weight_decay=...) is L2 regularisation: it adds "
         "weight_decay * w to the gradient, which Adam's scaling then shrinks. Use "
         "torch.optim.AdamW, which decays the weights directly (decoupled).")
def adam_l2(model, lr, weight_decay):
    decay = [p for p in model.parameters() if p.ndim >= 2]
    no_decay = [p for p in model.parameters() if p.ndim < 2]
    return torch.optim.Adam([{"params": decay, "weight_decay": weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=lr)


@mistake("adamw_with_groups", diagnosis="One group decays everything, biases and "
         "normalisation layers too: split the parameters into two groups, weight_decay for "
         "p.ndim >= 2 and 0.0 for the rest.")
def one_group(model, lr, weight_decay):
    return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)


@mistake("adamw_with_groups", diagnosis="Only parameters named `bias` escaped the decay; the "
         "weights of LayerNorm/BatchNorm/GroupNorm (and other vectors) are decayed too. Split "
         "by dimension: p.ndim < 2 gets weight_decay=0.0.")
def by_bias_name(model, lr, weight_decay):
    decay = [p for n, p in model.named_parameters() if not n.endswith("bias")]
    no_decay = [p for n, p in model.named_parameters() if n.endswith("bias")]
    return torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}], lr=lr)


@mistake("adamw_with_groups", diagnosis="Parameters registered on the model itself (not in a "
         "layer) are in no group, so they never train: iterate over model.parameters() (or "
         "named_parameters()), not over the layers' own parameters.")
def layers_only(model, lr, weight_decay):
    decay, no_decay = [], []
    for module in model.modules():
        if module is model:
            continue
        for p in module.parameters(recurse=False):
            (decay if p.ndim >= 2 else no_decay).append(p)
    unique = lambda ps: list({id(p): p for p in ps}.values())  # noqa: E731
    return torch.optim.AdamW([{"params": unique(decay), "weight_decay": weight_decay},
                              {"params": unique(no_decay), "weight_decay": 0.0}], lr=lr)


@mistake("adamw_with_groups", diagnosis="A shared (tied) parameter was listed twice, once per "
         "layer, so every step updates it twice: take the parameters from model.parameters(), "
         "which lists each parameter once.")
def per_module_duplicates(model, lr, weight_decay):
    decay, no_decay = [], []
    for module in model.modules():
        for p in module.parameters(recurse=False):
            (decay if p.ndim >= 2 else no_decay).append(p)
    return torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}], lr=lr)


@mistake("adamw_with_groups", diagnosis="Every parameter of model.parameters() belongs in a "
         "group, frozen ones (requires_grad=False) too: AdamW skips a parameter without a "
         "gradient, and one unfrozen later is then trained.")
def skips_frozen(model, lr, weight_decay):
    decay, no_decay = ([], [])
    for p in model.parameters():
        if not p.requires_grad:
            continue
        (decay if p.ndim >= 2 else no_decay).append(p)
    return torch.optim.AdamW([{'params': decay, 'weight_decay': weight_decay},
                              {'params': no_decay, 'weight_decay': 0.0}], lr=lr)


@mistake("adamw_with_groups", diagnosis="Choosing by name misses what the names do not say: in an "
         "nn.Sequential a LayerNorm's weight is called \"1.weight\". Choose by shape: parameters "
         "with 2 or more dimensions decay, the others (p.ndim < 2) do not.")
def by_layer_name(model, lr, weight_decay):
    decay, no_decay = ([], [])
    for name, p in model.named_parameters():
        if 'bias' in name or 'norm' in name.lower():
            no_decay.append(p)
        else:
            decay.append(p)
    return torch.optim.AdamW([{'params': decay, 'weight_decay': weight_decay},
                              {'params': no_decay, 'weight_decay': 0.0}], lr=lr)


@mistake("adamw_with_groups", diagnosis="p.ndim == 1 leaves out 0-d parameters (a learned "
         "temperature or scale), which then decay: every parameter with fewer than 2 dimensions "
         "is exempt, p.ndim < 2.")
def scalar_decayed(model, lr, weight_decay):
    decay = [p for p in model.parameters() if p.ndim != 1]
    no_decay = [p for p in model.parameters() if p.ndim == 1]
    return torch.optim.AdamW([{'params': decay, 'weight_decay': weight_decay},
                              {'params': no_decay, 'weight_decay': 0.0}], lr=lr)
