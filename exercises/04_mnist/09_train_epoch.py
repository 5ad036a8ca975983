# %% [markdown]
# # One training epoch
# Keras's `model.fit` hides this loop; in PyTorch you write it. For each batch:
# `optimizer.zero_grad()` (gradients accumulate otherwise), forward, loss, `loss.backward()`,
# `optimizer.step()`. Call `model.train()` first: dropout (and batch norm) behave differently
# in training. Keep the running loss as a Python float with `loss.item()`: adding the loss
# *tensor* keeps every batch's autograd graph alive and leaks memory.
# Docs: https://pytorch.org/tutorials/beginner/basics/optimization_tutorial.html

# %%
import torch
from torch import nn
from torch.utils.data import DataLoader


def train_one_epoch(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer,
                    criterion: nn.Module) -> float:
    """Train ``model`` for one pass over ``loader``; return the mean of the batch losses.

    The mean is over batches (sum of ``loss.item()`` / number of batches), as a Python float.
    The loader yields at least one batch; it may be any iterable of (inputs, labels) pairs.
    The model may arrive with leftover gradients (a backward done before the call): zero them
    at the start of every batch, before the forward pass.
    TensorFlow 2: the body of a custom ``train_step`` with ``tf.GradientTape``, or one epoch
    of ``model.fit``.

    Example:
        >>> model = nn.Linear(2, 2); opt = torch.optim.SGD(model.parameters(), lr=0.1)
        >>> data = [(torch.ones(4, 2), torch.zeros(4, dtype=torch.long))]
        >>> type(train_one_epoch(model, data, opt, nn.CrossEntropyLoss()))
        <class 'float'>
    """
    # TODO: model.train(); per batch: zero_grad, forward, loss, backward, step; sum loss.item().
    raise NotImplementedError("train_one_epoch")
