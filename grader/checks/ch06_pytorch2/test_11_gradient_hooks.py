"""clip_grad_hooks: on a net with a frozen layer, a parameter on the root module, a weight shared
by two layers and stale gradients left in .grad, a backward pass must leave the reference's
gradients (this pass clipped, the stale part not); after removing the returned handles, a second
backward pass must not be clipped and no hook may be left on any parameter."""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from grader.mistakes import mistake


class _Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.frozen = nn.Linear(4, 5)
        self.frozen.requires_grad_(False)
        self.gain = nn.Parameter(torch.linspace(0.5, 2.0, 5))  # on the root module
        self.shared = nn.Linear(5, 5)
        self.out = nn.Linear(5, 3)

    def forward(self, x):
        h = torch.tanh(self.shared(torch.relu(self.frozen(x)) * self.gain))
        return self.out(torch.tanh(self.shared(h)))  # `shared` is used twice


def _grads(model):
    return {name: (p.grad.clone() if p.grad is not None else None)
            for name, p in model.named_parameters()}


def _hooks_left(model):
    return sum(len(p._backward_hooks or {}) + len(getattr(p, "_post_accumulate_grad_hooks", None)
                                                  or {}) for p in model.parameters())


def hooks_probe(clip_grad_hooks, clip_value, scale, stale, seed):
    torch.manual_seed(seed)
    model = _Net()
    g = torch.Generator().manual_seed(seed)
    x, y = torch.randn(6, 4, generator=g), torch.randint(0, 3, (6,), generator=g)
    if stale:
        for p in model.parameters():
            if p.requires_grad:
                p.grad = torch.full_like(p, 0.75)
    handles = clip_grad_hooks(model, clip_value)
    (scale * F.cross_entropy(model(x), y)).backward()
    clipped = _grads(model)
    for handle in handles:
        handle.remove()
    model.zero_grad()
    (scale * F.cross_entropy(model(x), y)).backward()
    return {"gradients with the hooks": clipped, "hooks left after removing the handles":
            _hooks_left(model), "gradients after removing them": _grads(model)}


NOTES = {"result['gradients with the hooks']": "each parameter's gradient from this backward "
         "pass, clamped to [-clip_value, clip_value] before it is added to .grad",
         "result['hooks left": "return every handle, so that removing them takes every hook off"}


def test_clip_grad_hooks(kata):
    kata.compare("clip_grad_hooks", st.fixed_dictionaries({
        "clip_value": st.sampled_from([0.01, 0.1, 1.0]), "scale": st.sampled_from([1.0, 20.0]),
        "stale": st.booleans(), "seed": st.integers(0, 99)}),
        probe=hooks_probe, max_examples=4, notes=NOTES,
        examples=[{"clip_value": 0.05, "scale": 20.0, "stale": True, "seed": 0}])


@mistake("clip_grad_hooks", diagnosis="clip_grad_value_ clips the gradients that are in .grad "
         "now, once, and registers nothing: later backward passes are not clipped. Register a "
         "hook on each parameter: p.register_hook(lambda g: g.clamp(-c, c)).")
def clips_now(model, clip_value):
    torch.nn.utils.clip_grad_value_(model.parameters(), clip_value)
    return []


@mistake("clip_grad_hooks", diagnosis="A post-accumulate hook clips .grad after this pass was "
         "added to it, so it also clips what earlier passes left there: a tensor hook "
         "(p.register_hook) clips only this pass's gradient.")
def clips_accumulated(model, clip_value):
    def clip(p):
        p.grad.clamp_(-clip_value, clip_value)

    return [p.register_post_accumulate_grad_hook(clip) for p in model.parameters()
            if p.requires_grad]


@mistake("clip_grad_hooks", diagnosis="The hooks were registered but their handles not "
         "returned, so nobody can take them off: return the list of handles "
         "p.register_hook(...) gives.")
def loses_handles(model, clip_value):
    for p in model.parameters():
        if p.requires_grad:
            p.register_hook(lambda grad: grad.clamp(-clip_value, clip_value))
    return []


@mistake("clip_grad_hooks", diagnosis="Only the upper side was clipped: clamp to "
         "[-clip_value, clip_value], grad.clamp(-clip_value, clip_value).")
def clips_upper_only(model, clip_value):
    return [p.register_hook(lambda grad: grad.clamp(max=clip_value))
            for p in model.parameters() if p.requires_grad]


@mistake("clip_grad_hooks", diagnosis="A module's full backward hook sees the gradients with "
         "respect to the module's inputs and outputs, not its parameters': register a hook on "
         "each parameter tensor, p.register_hook(...).")
def module_backward_hooks(model, clip_value):
    def hook(module, grad_input, grad_output):
        return tuple(None if g is None else g.clamp(-clip_value, clip_value) for g in grad_input)

    return [m.register_full_backward_hook(hook) for m in model.modules()
            if isinstance(m, nn.Linear)]


@mistake("clip_grad_hooks", diagnosis="A tensor hook changes the gradient only through what it "
         "returns: grad.clamp(...) makes a new tensor, and a hook returning None leaves the "
         "gradient as it was. return grad.clamp(-clip_value, clip_value).")
def hook_returns_nothing(model, clip_value):

    def hook(grad):
        grad.clamp(-clip_value, clip_value)
    return [p.register_hook(hook) for p in model.parameters() if p.requires_grad]


@mistake("clip_grad_hooks", diagnosis="That rescales each gradient to an L2 norm of at most "
         "clip_value (Keras' clipnorm); the exercise clips each element to [-clip_value, "
         "clip_value] (Keras' clipvalue): grad.clamp(-clip_value, clip_value).")
def clips_by_norm(model, clip_value):

    def hook(grad):
        norm = grad.norm()
        return grad * torch.clamp(clip_value / norm, max=1.0)
    return [p.register_hook(hook) for p in model.parameters() if p.requires_grad]


@mistake("clip_grad_hooks", diagnosis="register_hook refuses a tensor that does not require grad: "
         "skip frozen parameters (if p.requires_grad), which get no gradient to clip anyway.")
def hooks_frozen(model, clip_value):
    return [p.register_hook(lambda g: torch.clamp(g, -clip_value, clip_value))
            for p in model.parameters()]
