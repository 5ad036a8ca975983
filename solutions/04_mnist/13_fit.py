# %% [markdown]
# # fit: train, evaluate, log
# Keras's `model.fit(..., validation_data=..., callbacks=[TensorBoard(...)])`, written out.
# Each epoch trains on every batch and then measures test accuracy. Log the training loss at
# every step with a *global* step that keeps counting across epochs (so TensorBoard draws one
# continuous curve), and the test accuracy once per epoch. Exercise files stand alone, so the
# loop and the accuracy count are written here again.
# Docs: https://pytorch.org/tutorials/beginner/basics/optimization_tutorial.html

# %%
from typing import Any

import torch
from torch import nn
from torch.utils.data import DataLoader


def fit_mnist(model: nn.Module, train_loader: DataLoader, test_loader: DataLoader,
              epochs: int, lr: float, writer: Any) -> list[float]:
    """Train with ``Adam(model.parameters(), lr=lr)`` and ``CrossEntropyLoss``; return the test
    accuracy after each epoch (Python floats).

    Log ``"loss/train"`` (``loss.item()``) at steps 0, 1, 2, ... counting every batch of every
    epoch, and ``"accuracy/test"`` at step ``epoch`` (0, 1, ...). Remember ``model.train()``
    before training and ``model.eval()`` + ``torch.no_grad()`` for testing, every epoch.
    The grader's budget: 3 epochs over 1000 synthetic digits at batch size 32 (96 steps, lr
    3e-3, a small CNN) must reach at least 90 % test accuracy.

    Example:
        >>> accuracies = fit_mnist(model, train_loader, test_loader, 3, 3e-3, writer)
    """
    # Why: a global step makes one continuous curve; train()/eval() switch dropout each epoch.
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    step, accuracies = 0, []
    for epoch in range(epochs):
        model.train()
        for images, labels in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.item(), step)
            step += 1
        model.eval()
        correct = 0
        with torch.no_grad():
            for images, labels in test_loader:
                correct += (model(images).argmax(dim=1) == labels).sum().item()
        accuracies.append(correct / len(test_loader.dataset))
        writer.add_scalar("accuracy/test", accuracies[-1], epoch)
    return accuracies
