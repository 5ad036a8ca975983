# %% [markdown]
# # Exporting a trained model for deployment
# TensorFlow's strength in the seed post: turn a trained network into a file that runs without
# Python, from C++ on a Raspberry Pi. PyTorch's answer today is `torch.export`: it captures the
# model as a graph (an ExportedProgram, saved as `.pt2`) that AOTInductor compiles for C++ and
# ExecuTorch runs on phones and microcontrollers. (TorchScript, the older answer, is deprecated.)
# Docs: https://pytorch.org/docs/stable/export.html

# %%
import torch
from torch import nn


def export_for_deployment(model: nn.Module, example: torch.Tensor, path: str) -> None:
    """Export ``model`` in eval mode with a dynamic batch size, and save the program to ``path``.

    ``model.eval()`` first (export records train-mode batch norm and dropout otherwise); then
    ``torch.export.export(model, (example,), dynamic_shapes=({0: torch.export.Dim("batch")},))``
    so the program accepts any batch size, not just ``example``'s; then
    ``torch.export.save(program, path)``. Reload with ``torch.export.load(path).module()``.
    ``example`` holds at least 2 images (from a batch of 1, export cannot tell the batch axis
    is dynamic); the program must accept any batch size, without an upper bound.
    TensorFlow 2: ``tf.saved_model.save(model, path)``, then the TFLite converter for devices.
    Example:
        >>> export_for_deployment(net, torch.randn(2, 3, 32, 32), "model/baseline.pt2")
        >>> torch.export.load("model/baseline.pt2").module()(torch.randn(5, 3, 32, 32)).shape
        torch.Size([5, 10])
    """
    # TODO: eval(), torch.export.export with a dynamic batch dim, torch.export.save.
    raise NotImplementedError("export_for_deployment")
