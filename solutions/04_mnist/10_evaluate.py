# %% [markdown]
# # Evaluation: eval mode, no gradients, the right denominator
# Keras's `model.evaluate` becomes three things in PyTorch: `model.eval()` (dropout off,
# batch norm uses its running statistics), `torch.no_grad()` (no autograd graph: faster, less
# memory), and counting correct predictions over the *whole dataset*. The last batch is
# usually smaller, so divide by `len(loader.dataset)`, not by batches × batch size, and do
# not average per-batch accuracies.
# Docs: https://pytorch.org/docs/stable/generated/torch.no_grad.html

# %%
import torch
from torch import nn
from torch.utils.data import DataLoader


def evaluate_accuracy(model: nn.Module, loader: DataLoader) -> float:
    """Return the fraction of examples in ``loader`` whose predicted class is right.

    The loader reads every example of ``loader.dataset`` once, so the fraction is the count of
    right predictions / ``len(loader.dataset)``. The prediction is the argmax of the logits.
    Put the model in eval mode and compute without gradients, inside a ``with`` block, so that
    autograd is as the caller had it afterwards. Return a Python float in [0, 1].

    Example:
        >>> from torch.utils.data import TensorDataset
        >>> ds = TensorDataset(torch.eye(3), torch.tensor([0, 1, 2]))
        >>> 0.0 <= evaluate_accuracy(nn.Linear(3, 3), DataLoader(ds, batch_size=2)) <= 1.0
        True
    """
    # Why: eval() turns dropout off, no_grad() skips the graph, and every example counts once.
    model.eval()
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            correct += (model(images).argmax(dim=1) == labels).sum().item()
    return correct / len(loader.dataset)
