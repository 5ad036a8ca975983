# %% [markdown]
# # A device-agnostic training loop
# PyTorch never moves anything for you: the model and every batch must be on the same device.
# Write the loop once for a `device` argument and it runs on CPU, CUDA (or Apple's MPS).
# On CUDA, *pinned* (page-locked) host memory lets `.to(device, non_blocking=True)` copy the
# next batch while the GPU is still busy. Docs: https://pytorch.org/docs/stable/notes/cuda.html

# %%
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset


def cifar_loader(dataset: Dataset, batch_size: int, train: bool,
                 device: torch.device) -> DataLoader:
    """A DataLoader for training (shuffled, last partial batch dropped) or evaluation (in order).

    Set ``pin_memory`` only when ``device`` is a CUDA device (it is useless elsewhere); drop the
    last partial batch only for training (BatchNorm cannot train on a batch of one).
    TensorFlow: ``tf.data.Dataset.shuffle(...).batch(bs, drop_remainder=True).prefetch(...)``.
    Example:
        >>> ds = torch.utils.data.TensorDataset(torch.zeros(10, 3, 32, 32), torch.zeros(10).long())
        >>> len(cifar_loader(ds, 4, train=True, device=torch.device("cpu")))
        2
    """
    # Why: pinned pages can be copied to the GPU asynchronously; on CPU they only cost memory.
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=train,
                      pin_memory=device.type == "cuda")


def train_epoch_on(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer,
                   device: torch.device) -> list[float]:
    """Train ``model`` for one epoch on ``device`` with cross-entropy; return each batch's loss.

    Move the model to ``device`` and put it in train mode; for every (images, labels) batch move
    both tensors with ``.to(device, non_blocking=True)`` (always: it is simply ignored where it
    does not apply) and *reassign* them (a tensor's ``.to`` returns a new tensor, unlike a
    module's); then zero_grad, forward, loss, backward, step (zero_grad first: the model may
    arrive with leftover gradients, from a backward done before the call).
    TensorFlow 2 places ops on the GPU automatically (``tf.device`` overrides it); PyTorch
    placement is explicit, and mixing devices raises "Expected all tensors to be on the same
    device".
    Example:
        >>> losses = train_epoch_on(model, loader, optimizer, torch.device("cpu"))  # [2.31, ...]
    """
    # Why: everything a computation touches must live on one device; .item() gives a float.
    model.to(device)
    model.train()
    losses = []
    for images, labels in loader:
        images = images.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
