# %% [markdown]
# # Reduce the learning rate when the validation loss stalls
# Keras' `ReduceLROnPlateau` is a callback: `fit` hands it the epoch's logs and it reads
# `val_loss` itself. PyTorch's `torch.optim.lr_scheduler.ReduceLROnPlateau` is a scheduler that
# you step yourself, once per epoch, *with the number it watches*: `scheduler.step(val_loss)`.
# The counting differs by one: Keras reduces when `wait >= patience` bad epochs have passed,
# PyTorch when `num_bad_epochs > patience`, so Keras' `patience=2` is PyTorch's `patience=1`.
# (Keras' `min_delta` is absolute; PyTorch's `threshold` is relative unless `threshold_mode="abs"`.)
# Docs: https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html

# %%
import torch
import torch.nn.functional as F
from torch import nn


def fit_with_plateau(model: nn.Module, optimizer: torch.optim.Optimizer,
                     train_batches: list[tuple[torch.Tensor, torch.Tensor]],
                     val_batches: list[tuple[torch.Tensor, torch.Tensor]],
                     epochs: int) -> list[float]:
    """Train ``model`` for ``epochs`` epochs, halving the lr whenever the validation loss stalls.

    Make ``ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=1)`` before the first
    epoch. Each epoch: train on every ``(x, y)`` of ``train_batches`` in order (``model.train()``,
    ``optimizer.zero_grad()``, ``F.cross_entropy(model(x), y)``, ``backward()``,
    ``optimizer.step()``); then compute the validation loss, the mean of
    ``F.cross_entropy(model(x), y)`` over ``val_batches`` (one number per batch, averaged), with
    ``model.eval()`` and under ``torch.no_grad()``; then call ``scheduler.step(val_loss)``.
    Return the validation losses as Python floats, one per epoch.
    TensorFlow 2: ``model.fit(..., validation_data=val, epochs=epochs,
    callbacks=[keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=2)])``.
    Example:
        >>> history = fit_with_plateau(net, torch.optim.SGD(net.parameters(), lr=0.1),
        ...                            train_batches, val_batches, epochs=5)
        >>> len(history)
        5
    """
    # Why: the plateau scheduler decides from the metric it watches, once per epoch.
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=0.5,
                                                           patience=1)
    history = []
    for _ in range(epochs):
        model.train()
        for x, y in train_batches:
            optimizer.zero_grad()
            F.cross_entropy(model(x), y).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            losses = [F.cross_entropy(model(x), y).item() for x, y in val_batches]
        val_loss = sum(losses) / len(losses)
        scheduler.step(val_loss)
        history.append(val_loss)
    return history
