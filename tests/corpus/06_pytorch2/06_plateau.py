"""Realistic learner answers for exercises/06_pytorch2/06_plateau.py (fit_with_plateau)."""
import torch
import torch.nn.functional as F
from torch import nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


# --------------------------------------------------------------------------- right


def right__fit_with_plateau__helper_functions(model: nn.Module, optimizer: torch.optim.Optimizer,
                                              train_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                              val_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                              epochs: int) -> list[float]:
    """alternative | splits the epoch into inner train_one_epoch() and validate() functions; the validation mean is a Python sum of .item() values over len(val_batches)"""
    scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=1)

    def train_one_epoch() -> None:
        model.train()
        for x, y in train_batches:
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()

    def validate() -> float:
        model.eval()
        with torch.no_grad():
            return sum(F.cross_entropy(model(x), y).item() for x, y in val_batches) / len(val_batches)

    history = []
    for _ in range(epochs):
        train_one_epoch()
        val_loss = validate()
        scheduler.step(val_loss)
        history.append(val_loss)
    return history


def right__fit_with_plateau__stacked_losses(model: nn.Module, optimizer: torch.optim.Optimizer,
                                            train_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                            val_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                            epochs: int) -> list[float]:
    """alternative | nn.CrossEntropyLoss module as the criterion, per-batch validation losses stacked into a tensor and averaged with .mean(), zero_grad(set_to_none=True)"""
    criterion = nn.CrossEntropyLoss()
    scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=1)
    val_history: list[float] = []
    for epoch in range(epochs):
        model.train()
        for inputs, labels in train_batches:
            optimizer.zero_grad(set_to_none=True)
            criterion(model(inputs), labels).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            per_batch = torch.stack([criterion(model(inputs), labels) for inputs, labels in val_batches])
        val_loss = per_batch.mean().item()
        scheduler.step(val_loss)
        val_history.append(val_loss)
    return val_history


# --------------------------------------------------------------------------- wrong


def wrong__fit_with_plateau__keras_patience(model: nn.Module, optimizer: torch.optim.Optimizer,
                                            train_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                            val_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                            epochs: int) -> list[float]:
    """tf-habit | copies Keras' patience=2 into ReduceLROnPlateau, which counts one more: the lr is halved one stalled epoch later | differs when: epochs=5 and the validation losses of epochs 1 and 2 (0-based) are no better than epoch 0's (e.g. an lr so large that training diverges): epoch 3 still trains with the initial lr instead of half of it, so the last losses differ"""
    scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=2)
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


def wrong__fit_with_plateau__step_per_batch(model: nn.Module, optimizer: torch.optim.Optimizer,
                                            train_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                            val_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                            epochs: int) -> list[float]:
    """beginner | steps the scheduler once per batch, as with LambdaLR, with that batch's training loss: the plateau is judged on noisy training batches, not on the epoch's validation loss | differs when: 4 training batches whose losses do not fall from batch to batch: the lr is halved within the first epoch, though the validation loss has had no chance to stall"""
    scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=1)
    history = []
    for _ in range(epochs):
        model.train()
        for x, y in train_batches:
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
            scheduler.step(loss.item())
        model.eval()
        with torch.no_grad():
            val_loss = sum(F.cross_entropy(model(x), y).item() for x, y in val_batches) / len(val_batches)
        history.append(val_loss)
    return history


def wrong__fit_with_plateau__train_mode_once(model: nn.Module, optimizer: torch.optim.Optimizer,
                                             train_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                             val_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                             epochs: int) -> list[float]:
    """subtle | calls model.train() once before the loop: after the first validation the model stays in eval mode, so epochs 2 and later train without dropout and with frozen batch-norm statistics | differs when: a model with nn.Dropout(0.5) or nn.BatchNorm1d and epochs=2: the second epoch's training (and so its validation loss) differs"""
    scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=1)
    history = []
    model.train()
    for _ in range(epochs):
        for x, y in train_batches:
            optimizer.zero_grad()
            F.cross_entropy(model(x), y).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            val_loss = sum(F.cross_entropy(model(x), y).item() for x, y in val_batches) / len(val_batches)
        scheduler.step(val_loss)
        history.append(val_loss)
    return history


def wrong__fit_with_plateau__per_sample_mean(model: nn.Module, optimizer: torch.optim.Optimizer,
                                             train_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                             val_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                             epochs: int) -> list[float]:
    """examples | the test loop of pytorch/examples' MNIST: sums reduction="sum" losses and divides by the number of samples, a per-sample mean instead of the mean of per-batch losses | differs when: val_batches of 4 and 1 samples: the last, smaller batch weighs 1/5 instead of 1/2, so the returned losses differ"""
    scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=1)
    history = []
    for _ in range(epochs):
        model.train()
        for x, y in train_batches:
            optimizer.zero_grad()
            F.cross_entropy(model(x), y).backward()
            optimizer.step()
        model.eval()
        total, count = 0.0, 0
        with torch.no_grad():
            for x, y in val_batches:
                total += F.cross_entropy(model(x), y, reduction="sum").item()
                count += len(y)
        val_loss = total / count
        scheduler.step(val_loss)
        history.append(val_loss)
    return history


def wrong__fit_with_plateau__tensor_history(model: nn.Module, optimizer: torch.optim.Optimizer,
                                            train_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                            val_batches: list[tuple[torch.Tensor, torch.Tensor]],
                                            epochs: int) -> list[float]:
    """old-api | accumulates loss.data as in pre-0.4 tutorials and keeps the result: the history holds 0-dim tensors, not Python floats | differs when: any call: history[0] is a torch.Tensor instead of a float"""
    scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=1)
    history = []
    for _ in range(epochs):
        model.train()
        for x, y in train_batches:
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
        model.eval()
        val_loss = 0
        with torch.no_grad():
            for x, y in val_batches:
                val_loss += F.cross_entropy(model(x), y).data
        val_loss = val_loss / len(val_batches)
        scheduler.step(val_loss)
        history.append(val_loss)
    return history
