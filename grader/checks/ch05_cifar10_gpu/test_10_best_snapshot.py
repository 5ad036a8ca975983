"""snapshot_weights: the copy keeps the values of the moment it was taken while training goes on,
for parameters and buffers alike, and shares no memory with the model."""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def snapshot_then_train(target, seed, steps, kind="cifar"):
    """best = snapshot_weights(model), then `steps` SGD steps in train mode: is best unchanged?"""
    if kind == "cifar":
        model = _helpers.tiny_net(seed)
        images, labels = _helpers.tiny_data(4, seed)
        loss_of = lambda: F.cross_entropy(model(images), labels)  # noqa: E731
    else:  # a model of grader.corners: parameters on the root, tied, buffers, a subclass
        model = corners.build_module(kind, seed)
        x = torch.randn(4, 3, generator=torch.Generator().manual_seed(seed))
        loss_of = lambda: model(x).square().mean()  # noqa: E731
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    best = target(model)
    for _ in range(steps):
        optimizer.zero_grad()
        loss_of().backward()
        optimizer.step()
    live = [t.untyped_storage().data_ptr() for t in model.state_dict().values()]
    shared = sorted(name for name, t in dict(best).items() if torch.is_tensor(t)
                    and t.untyped_storage().data_ptr() in live)
    return {"snapshot": dict(best), "shares_memory_with_model": shared}


def test_snapshot_weights(kata):
    kinds = corners.module_kinds(("root_parameters", "tied_parameters", "buffers", "subclass"))
    kata.compare("snapshot_weights",
                 st.fixed_dictionaries({"seed": st.integers(0, 99), "steps": st.integers(1, 3),
                                        "kind": st.just("cifar") | kinds}),
                 probe=snapshot_then_train, max_examples=6, exact=True,
                 examples=[{"seed": 0, "steps": 2}, {"seed": 1, "steps": 1, "kind": "linear"},
                           {"seed": 2, "steps": 1, "kind": "tied"},
                           {"seed": 3, "steps": 2, "kind": "with_buffers"}],
                 notes={"result['snapshot']": "the snapshot must keep the values it had when it "
                                              "was taken: clone every tensor"})
    for kind in ("linear", "tied", "with_buffers"):
        corners.reach(corners.MODULE_KINDS[kind])


@mistake("snapshot_weights", diagnosis="Your snapshot holds the model's live tensors, so your "
         "\"best\" weights changed with every optimizer step: model.state_dict() itself, a "
         "copy of the dict (dict(...), .copy()), .data, .detach() or .cpu() on a CPU tensor all "
         "share the model's memory. Clone them: {k: v.detach().clone() for k, v in "
         "model.state_dict().items()}, or copy.deepcopy(model.state_dict()).")
def live_state_dict(model):
    return model.state_dict()


@mistake("snapshot_weights", covered_by="live_state_dict")  # same results as live_state_dict
def shallow_copy(model):
    return dict(model.state_dict())


@mistake("snapshot_weights", diagnosis="named_parameters() misses the buffers (batch norm's "
         "running mean and variance) and returns tensors that require grad: copy "
         "model.state_dict() instead.")
def parameters_only(model):
    return {name: p.detach().clone() for name, p in model.named_parameters()}


@mistake("snapshot_weights", diagnosis="The values are NumPy arrays (Keras's get_weights() "
         "habit) made with .numpy(), which shares memory with the CPU tensors, so training "
         "changes them; load_state_dict wants tensors anyway. Clone the tensors: "
         "v.detach().clone().")
def numpy_like_get_weights(model):
    return {k: v.numpy() for k, v in model.state_dict().items()}


@mistake("snapshot_weights", diagnosis="The parameters were cloned without detach(): the copies "
         "still require grad and carry a graph, and named_parameters() + named_buffers() is not "
         "state_dict()'s order. Copy model.state_dict(): {k: v.detach().clone() ...}.")
def clones_with_autograd(model):
    import itertools

    return {name: t.clone() for name, t in itertools.chain(model.named_parameters(),
                                                           model.named_buffers())}
