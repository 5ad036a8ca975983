# %% [markdown]
# # Intermediate features with forward hooks
# In Keras a layer's output is a symbolic tensor, so `keras.Model(model.input,
# model.get_layer("block3").output)` builds a feature extractor. A PyTorch module's forward is
# plain Python, with no graph to cut: instead you register a *forward hook* on a submodule,
# `handle = layer.register_forward_hook(fn)`, and PyTorch calls `fn(module, inputs, output)`
# each time that layer runs. Hooks stay until `handle.remove()`: forget it and every later
# forward pass still runs your hook (and keeps its tensors alive).
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.register_forward_hook

# %%
import torch
from torch import nn


def extract_features(model: nn.Module, layer_names: list[str],
                     x: torch.Tensor) -> dict[str, torch.Tensor]:
    """Run ``model(x)`` once and return ``{name: output of that submodule}`` for each name.

    Names are those of ``model.named_modules()``: dotted for nested layers ("features.0"),
    "" for the model itself (``model.get_submodule(name)`` finds one). Register a forward hook
    on each, run the model under ``torch.no_grad()`` without changing its train/eval mode, and
    keep a *copy* of each output (``output.clone()``): a later in-place operation, such as
    ``nn.ReLU(inplace=True)``, would otherwise change the tensor you kept. A layer that runs
    more than once gives its last output. Remove every hook before returning, also when the
    forward pass raises (try/finally), so the model is left as it was.
    TensorFlow 2: ``keras.Model(model.input, [model.get_layer(n).output for n in names])``.
    Example:
        >>> net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
        >>> {k: v.shape for k, v in extract_features(net, ["0", "2"], torch.ones(3, 4)).items()}
        {'0': torch.Size([3, 8]), '2': torch.Size([3, 2])}
    """
    # TODO: register a hook per name that stores output.clone(); run under no_grad; remove hooks.
    raise NotImplementedError("extract_features")
