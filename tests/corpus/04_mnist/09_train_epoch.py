"""Realistic learner answers for 04_mnist/09_train_epoch.py (train_one_epoch)."""
import torch
from torch import nn
from torch.utils.data import DataLoader


# ----------------------------------------------------------------------------- right

def right__train_one_epoch__losses_list(model: nn.Module, loader: DataLoader,
                                        optimizer: torch.optim.Optimizer,
                                        criterion: nn.Module) -> float:
    """alternative | collects the per-batch loss.item() values in a list, adds them up in order and divides by the list's length; zero_grad(set_to_none=True) spelled out"""
    model.train()
    losses = []
    for inputs, targets in loader:
        optimizer.zero_grad(set_to_none=True)
        outputs = model(inputs)
        loss = criterion(outputs, targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    total = 0.0
    for value in losses:
        total += value
    return total / len(losses)


def right__train_one_epoch__manual_grad_reset(model: nn.Module, loader: DataLoader,
                                              optimizer: torch.optim.Optimizer,
                                              criterion: nn.Module) -> float:
    """alternative | clears the gradients by setting p.grad = None for every parameter of the optimizer's param_groups, uses model.train(True) and float(loss.detach())"""
    model.train(True)
    running, batches = 0.0, 0
    for batch in loader:
        x, y = batch
        for group in optimizer.param_groups:
            for p in group["params"]:
                p.grad = None
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        running += float(loss.detach())
        batches += 1
    return running / batches


def right__train_one_epoch__enumerate_count(model: nn.Module, loader: DataLoader,
                                            optimizer: torch.optim.Optimizer,
                                            criterion: nn.Module) -> float:
    """alternative | enumerate(loader, start=1) gives the batch count; loss.detach().item() for the running sum"""
    model.train()
    total = 0.0
    count = 0
    for count, (data, target) in enumerate(loader, start=1):
        optimizer.zero_grad()
        loss = criterion(model(data), target)
        loss.backward()
        optimizer.step()
        total += loss.detach().item()
    return total / count


# ----------------------------------------------------------------------------- wrong

def wrong__train_one_epoch__no_zero_grad(model: nn.Module, loader: DataLoader,
                                         optimizer: torch.optim.Optimizer,
                                         criterion: nn.Module) -> float:
    """beginner | never calls optimizer.zero_grad() (GradientTape starts fresh each step, .grad does not), so gradients pile up across batches | differs when: two or more batches, e.g. nn.Linear(2, 2), SGD lr 0.1, data = [(torch.ones(4, 2), torch.zeros(4, dtype=torch.long))] * 2: the second step uses the sum of both gradients, so weights and mean loss differ"""
    model.train()
    total, n = 0.0, 0
    for x, y in loader:
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item()
        n += 1
    return total / n


def wrong__train_one_epoch__no_train_mode(model: nn.Module, loader: DataLoader,
                                          optimizer: torch.optim.Optimizer,
                                          criterion: nn.Module) -> float:
    """subtle | never calls model.train() (Keras switches modes for you), so a model left in eval mode by the last evaluation trains with dropout off | differs when: model = nn.Sequential(nn.Linear(2, 8), nn.Dropout(0.5), nn.Linear(8, 2)) put in eval() before the call, same seed: the losses and the updated weights differ; model.training stays False"""
    total, n = 0.0, 0
    for x, y in loader:
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item()
        n += 1
    return total / n


def wrong__train_one_epoch__sums_loss_data(model: nn.Module, loader: DataLoader,
                                           optimizer: torch.optim.Optimizer,
                                           criterion: nn.Module) -> float:
    """old-api | accumulates loss.data as in 0.4-era code (total_loss += loss.data), so the result is a 0-d tensor, not a Python float | differs when: the docstring example: type(result) is torch.Tensor instead of float"""
    model.train()
    total_loss = 0
    for batch_idx, (data, target) in enumerate(loader):
        optimizer.zero_grad()
        output = model(data)
        loss = criterion(output, target)
        loss.backward()
        optimizer.step()
        total_loss += loss.data
    return total_loss / (batch_idx + 1)


def wrong__train_one_epoch__weighted_by_batch_size(model: nn.Module, loader: DataLoader,
                                                   optimizer: torch.optim.Optimizer,
                                                   criterion: nn.Module) -> float:
    """tf-habit | averages per example like Keras's progress bar (sum of loss.item() * batch size / number of examples) instead of the plain mean over batches | differs when: batches of different sizes with different losses, e.g. 10 examples at batch size 4 (sizes 4, 4, 2): the result is the example-weighted mean, not the batch mean"""
    model.train()
    total, seen = 0.0, 0
    for x, y in loader:
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * x.size(0)
        seen += x.size(0)
    return total / seen


def wrong__train_one_epoch__divides_by_dataset_size(model: nn.Module, loader: DataLoader,
                                                    optimizer: torch.optim.Optimizer,
                                                    criterion: nn.Module) -> float:
    """examples | divides the sum of batch-mean losses by len(loader.dataset), as pytorch/examples does for a *summed* test loss, instead of by the number of batches | differs when: a DataLoader over 10 examples at batch size 4: the result is about 3/10 of the mean batch loss; with the docstring's plain list it raises AttributeError"""
    model.train()
    train_loss = 0.0
    for data, target in loader:
        optimizer.zero_grad()
        loss = criterion(model(data), target)
        loss.backward()
        optimizer.step()
        train_loss += loss.item()
    return train_loss / len(loader.dataset)


def wrong__train_one_epoch__last_batch_loss(model: nn.Module, loader: DataLoader,
                                            optimizer: torch.optim.Optimizer,
                                            criterion: nn.Module) -> float:
    """beginner | returns loss.item() of the last batch only, instead of the mean over all batches | differs when: two or more batches whose losses differ: e.g. nn.Linear(2, 2), SGD lr 0.1, the docstring's batch repeated twice"""
    model.train()
    for x, y in loader:
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
    return loss.item()


def wrong__train_one_epoch__zero_grad_before_step(model: nn.Module, loader: DataLoader,
                                                  optimizer: torch.optim.Optimizer,
                                                  criterion: nn.Module) -> float:
    """subtle | calls optimizer.zero_grad() between backward() and step(), which throws the fresh gradients away, so the weights never change | differs when: the docstring example: the Linear layer's weights are unchanged after the call instead of updated"""
    model.train()
    total, n = 0.0, 0
    for x, y in loader:
        out = model(x)
        loss = criterion(out, y)
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
        total += loss.item()
        n += 1
    return total / n


def wrong__train_one_epoch__keras_argument_order(model: nn.Module, loader: DataLoader,
                                                 optimizer: torch.optim.Optimizer,
                                                 criterion: nn.Module) -> float:
    """tf-habit | calls criterion(targets, outputs) in Keras's loss(y_true, y_pred) order; PyTorch losses take (input, target) | differs when: the docstring example with nn.CrossEntropyLoss: raises (NotImplementedError in torch 2.x: the int64 targets are passed as the input, the float logits as the target) instead of returning the mean loss"""
    model.train()
    total, n = 0.0, 0
    for x, y in loader:
        optimizer.zero_grad()
        loss = criterion(y, model(x))
        loss.backward()
        optimizer.step()
        total += loss.item()
        n += 1
    return total / n
