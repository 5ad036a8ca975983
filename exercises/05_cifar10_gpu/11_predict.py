# %% [markdown]
# # Predicting on a device, answering on the CPU
# Inference needs three things the training loop does not: `model.eval()` (batch norm uses its
# running statistics, dropout is off), `torch.no_grad()` (no graph, less memory), and bringing
# the results back with `.cpu()` before NumPy or Python touch them: `.numpy()` on a CUDA tensor
# raises "can't convert cuda:0 device type tensor to numpy".
# Docs: https://pytorch.org/docs/stable/generated/torch.no_grad.html

# %%
import torch
from torch import nn
from torch.utils.data import DataLoader


def predict_classes(model: nn.Module, loader: DataLoader, device: torch.device) -> torch.Tensor:
    """The predicted class of every image in ``loader``, in order, as an int64 CPU tensor (N,).

    Move the model to ``device``, switch it to eval mode, and under ``torch.no_grad()`` move each
    batch of images to ``device``, take the arg-max of the logits and bring it back with
    ``.cpu()``; concatenate the batches. The loader yields (images, labels) pairs, at least one
    batch (its last batch may be smaller, even a single image). The model is left in eval mode.
    TensorFlow 2: ``model.predict(ds).argmax(axis=1)`` does the device work for you.
    Example:
        >>> predict_classes(net, test_loader, torch.device("cuda"))[:4]
        tensor([3, 8, 8, 0])
    """
    # TODO: eval + no_grad, move each batch in, argmax, .cpu(), torch.cat.
    raise NotImplementedError("predict_classes")
