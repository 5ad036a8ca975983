# %% [markdown]
# # Loading a GPU-trained model on any machine
# A checkpoint remembers the device each tensor was saved from. Loading a file written on a GPU
# machine onto a CPU-only one fails ("Attempting to deserialize object on a CUDA device")
# unless `map_location` says where the tensors should go. Then switch the model to eval mode:
# batch norm and dropout behave differently at inference.
# Docs: https://pytorch.org/docs/stable/generated/torch.load.html

# %%
import torch
from torch import nn


def load_for_inference(model: nn.Module, path: str, device: torch.device) -> nn.Module:
    """Load the state_dict at ``path`` into ``model`` on ``device``, ready for inference.

    ``torch.load(path, map_location=device, weights_only=True)``, then
    ``model.load_state_dict(...)``, ``model.to(device)`` and ``model.eval()``; return ``model``.
    ``load_state_dict`` copies the values into the model's own tensors, so the model keeps
    its dtype (a float64 model stays float64); loading is strict: a file whose keys do not fit
    the model raises (never ``strict=False``, nor ``assign=True``).
    TensorFlow 2: ``model.load_weights(path)``; TF places the variables itself, PyTorch puts
    them where ``map_location`` says.
    Example:
        >>> net = load_for_inference(BaselineCifarNet(), "model/baseline.pt", torch.device("cpu"))
        >>> net.training
        False
    """
    # Why: map_location remaps the saved device tags; eval() freezes BN statistics and dropout.
    state = torch.load(path, map_location=device, weights_only=True)
    model.load_state_dict(state)
    model.to(device)
    model.eval()
    return model
