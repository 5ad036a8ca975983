"""Realistic learner answers for exercises/05_cifar10_gpu/04_device_loop.py (cifar_loader, train_epoch_on)."""
import torch
import torch.nn.functional as F
from torch import nn
from torch.autograd import Variable
from torch.utils.data import BatchSampler, DataLoader, Dataset, RandomSampler, SequentialSampler


# =============================================================================================
# cifar_loader
# =============================================================================================

def right__cifar_loader__explicit_samplers(dataset: Dataset, batch_size: int, train: bool,
                                           device: torch.device) -> DataLoader:
    """alternative | passes a RandomSampler / SequentialSampler instead of shuffle= (same order for the same seed)"""
    sampler = RandomSampler(dataset) if train else SequentialSampler(dataset)
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler, drop_last=train,
                      pin_memory=device.type == "cuda")


def right__cifar_loader__batch_sampler(dataset: Dataset, batch_size: int, train: bool,
                                       device: torch.device) -> DataLoader:
    """alternative | builds the batches with a BatchSampler(drop_last=train) given as batch_sampler= (loader.batch_size/drop_last attributes are then None/False, the batches are the same)"""
    base = RandomSampler(dataset) if train else SequentialSampler(dataset)
    batches = BatchSampler(base, batch_size=batch_size, drop_last=train)
    return DataLoader(dataset, batch_sampler=batches, pin_memory=(device.type == "cuda"))


def right__cifar_loader__kwargs_dict(dataset: Dataset, batch_size: int, train: bool,
                                     device: torch.device) -> DataLoader:
    """alternative | pytorch/examples-style kwargs dict that adds pin_memory only for CUDA, with drop_last tied to train"""
    kwargs = {"batch_size": batch_size, "shuffle": bool(train), "drop_last": bool(train)}
    if torch.device(device).type == "cuda":
        kwargs["pin_memory"] = True
    return DataLoader(dataset, **kwargs)


def wrong__cifar_loader__always_shuffle(dataset: Dataset, batch_size: int, train: bool,
                                        device: torch.device) -> DataLoader:
    """tf-habit | shuffle=True for both sets (the tf.data pipeline habit of always calling .shuffle()): evaluation batches come out of order | differs when: train=False, TensorDataset(torch.arange(10.)), batch_size=4: the first batch is not [0, 1, 2, 3]"""
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=train,
                      pin_memory=device.type == "cuda")


def wrong__cifar_loader__always_drop_last(dataset: Dataset, batch_size: int, train: bool,
                                          device: torch.device) -> DataLoader:
    """beginner | drop_last=True for evaluation too: the last test images are never scored | differs when: train=False, 10 items, batch_size=4 (len 2 instead of 3; items 8 and 9 missing)"""
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=True,
                      pin_memory=device.type == "cuda")


def wrong__cifar_loader__examples_kwargs_no_drop_last(dataset: Dataset, batch_size: int, train: bool,
                                                      device: torch.device) -> DataLoader:
    """examples | pytorch/examples' `{"num_workers": 1, "pin_memory": True} if use_cuda else {}` pattern without drop_last: the training loader keeps the last partial batch (a batch of 1 breaks BatchNorm) | differs when: train=True, 10 items, batch_size=4 (len 3 instead of 2)"""
    kwargs = {"num_workers": 1, "pin_memory": True} if device.type == "cuda" else {}
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, **kwargs)


def wrong__cifar_loader__always_pin_memory(dataset: Dataset, batch_size: int, train: bool,
                                           device: torch.device) -> DataLoader:
    """subtle | pin_memory=True whatever the device (copied from a CUDA tutorial): on a CPU device it is useless (and warns) | differs when: device=torch.device("cpu"): loader.pin_memory is True instead of False"""
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=train, pin_memory=True)


def wrong__cifar_loader__device_equals_string(dataset: Dataset, batch_size: int, train: bool,
                                              device: torch.device) -> DataLoader:
    """subtle | pin_memory=(device == "cuda"): a torch.device never compares equal to a str, so memory is never pinned | differs when: device=torch.device("cuda") (loader.pin_memory is False instead of True)"""
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=train,
                      pin_memory=(device == "cuda"))


def wrong__cifar_loader__str_device_no_index(dataset: Dataset, batch_size: int, train: bool,
                                             device: torch.device) -> DataLoader:
    """subtle | pin_memory=str(device) == "cuda" misses indexed devices | differs when: device=torch.device("cuda:0") (loader.pin_memory is False instead of True)"""
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=train,
                      pin_memory=str(device) == "cuda")


def wrong__cifar_loader__pins_for_any_accelerator(dataset: Dataset, batch_size: int, train: bool,
                                                  device: torch.device) -> DataLoader:
    """subtle | pin_memory=device.type != "cpu" also pins for MPS (and other accelerators), where the docstring says only CUDA | differs when: device=torch.device("mps") (loader.pin_memory is True instead of False)"""
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=train,
                      pin_memory=device.type != "cpu")


def wrong__cifar_loader__pins_when_cuda_exists(dataset: Dataset, batch_size: int, train: bool,
                                               device: torch.device) -> DataLoader:
    """beginner | pin_memory=torch.cuda.is_available() looks at the machine, not at the `device` argument | differs when: device=torch.device("cpu") on a machine with a CUDA GPU (pin_memory True instead of False); on a CPU-only machine it also misses device=torch.device("cuda") (False instead of True)"""
    return DataLoader(dataset, batch_size=batch_size, shuffle=train, drop_last=train,
                      pin_memory=torch.cuda.is_available())


# =============================================================================================
# train_epoch_on
# =============================================================================================

def right__train_epoch_on__loss_module(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer,
                                       device: torch.device) -> list[float]:
    """alternative | nn.CrossEntropyLoss() module, model = model.to(device), zero_grad(set_to_none=True)"""
    criterion = nn.CrossEntropyLoss()
    model = model.to(device)
    model.train()
    losses: list[float] = []
    for images, labels in loader:
        images = images.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        optimizer.zero_grad(set_to_none=True)
        outputs = model(images)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def right__train_epoch_on__generator_unpack(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer,
                                            device: torch.device) -> list[float]:
    """alternative | unpacks each batch through a generator expression, train(True), float(loss) instead of .item()"""
    model.to(device)
    model.train(True)
    history = []
    for batch in loader:
        images, labels = (t.to(device, non_blocking=True) for t in batch)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels, reduction="mean")
        loss.backward()
        optimizer.step()
        history.append(float(loss))
    return history


def right__train_epoch_on__items_at_the_end(model: nn.Module, loader: DataLoader,
                                            optimizer: torch.optim.Optimizer,
                                            device: torch.device) -> list[float]:
    """alternative | keeps detached loss tensors (no sync per step) and converts them with .item() after the loop"""
    model.to(device).train()
    detached = []
    for i, (x, y) in enumerate(loader):
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        optimizer.zero_grad()
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        optimizer.step()
        detached.append(loss.detach())
    return [t.item() for t in detached]


def wrong__train_epoch_on__no_train_mode(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer,
                                         device: torch.device) -> list[float]:
    """beginner | never calls model.train(): a model left in eval mode (after an evaluation) trains with dropout off and BatchNorm frozen on running stats | differs when: a model with nn.Dropout(0.5) or BatchNorm passed in eval mode (losses and updated weights differ; model.training stays False)"""
    model.to(device)
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


def wrong__train_epoch_on__no_zero_grad(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer,
                                        device: torch.device) -> list[float]:
    """tf-habit | no optimizer.zero_grad() (a GradientTape gives fresh gradients every step, PyTorch accumulates into .grad): every step uses the sum of all gradients so far | differs when: a loader with 2 or more batches (from the second batch on, weights and losses differ)"""
    model.to(device)
    model.train()
    losses = []
    for images, labels in loader:
        images = images.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def wrong__train_epoch_on__to_not_reassigned(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer,
                                             device: torch.device) -> list[float]:
    """beginner | calls images.to(device, non_blocking=True) without reassigning, as if it moved the tensor in place like module.to: the batch stays on the CPU | differs when: device=torch.device("cuda") (RuntimeError "Expected all tensors to be on the same device"); identical on CPU"""
    model.to(device)
    model.train()
    losses = []
    for images, labels in loader:
        images.to(device, non_blocking=True)
        labels.to(device, non_blocking=True)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def wrong__train_epoch_on__model_not_moved(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer,
                                           device: torch.device) -> list[float]:
    """subtle | moves every batch but never the model (it was created on the CPU) | differs when: device=torch.device("cuda") with a CPU model (RuntimeError: input on cuda, weights on cpu); identical when the model is already on `device`"""
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


def wrong__train_epoch_on__variable_cuda(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer,
                                         device: torch.device) -> list[float]:
    """old-api | 0.4-era `Variable(images.cuda())` hard-codes CUDA instead of using `device` | differs when: device=torch.device("cpu") on a machine without CUDA (raises "Torch not compiled with CUDA enabled"/no NVIDIA driver instead of training)"""
    model.train()
    losses = []
    for images, labels in loader:
        images, labels = Variable(images.cuda()), Variable(labels.cuda())
        optimizer.zero_grad()
        output = model(images)
        loss = F.cross_entropy(output, labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def wrong__train_epoch_on__size_average_false(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer,
                                              device: torch.device) -> list[float]:
    """old-api | F.cross_entropy(..., size_average=False) from 0.4-era code: the summed loss (batch_size times the mean) is both returned and back-propagated | differs when: any loader with batch_size 4 (each loss is 4x, and the steps are 4x larger)"""
    model.to(device)
    model.train()
    losses = []
    for images, labels in loader:
        images = images.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels, size_average=False)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def wrong__train_epoch_on__softmax_then_cross_entropy(model: nn.Module, loader: DataLoader,
                                                      optimizer: torch.optim.Optimizer,
                                                      device: torch.device) -> list[float]:
    """tf-habit | applies softmax before F.cross_entropy (Keras' from_logits=False habit), so the loss applies softmax twice | differs when: any batch (the loss of zero logits is still ln 10 but any non-uniform logits give another value and other gradients)"""
    model.to(device)
    model.train()
    losses = []
    for images, labels in loader:
        images = images.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        optimizer.zero_grad()
        probs = F.softmax(model(images), dim=1)
        loss = F.cross_entropy(probs, labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def wrong__train_epoch_on__appends_tensors(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer,
                                           device: torch.device) -> list[float]:
    """subtle | appends the loss tensor itself instead of loss.item(): the list holds 0-d tensors (each keeping its graph alive, on the device) instead of Python floats | differs when: any loader (type(result[0]) is torch.Tensor, not float)"""
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
        losses.append(loss)
    return losses


def wrong__train_epoch_on__running_average(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer,
                                           device: torch.device) -> list[float]:
    """examples | the CIFAR-10 tutorial's running_loss: records the running mean of the losses so far instead of each batch's own loss | differs when: a loader with 2 or more batches (the second entry is (l1 + l2) / 2 instead of l2)"""
    model.to(device)
    model.train()
    losses = []
    running_loss = 0.0
    for i, (inputs, labels) in enumerate(loader):
        inputs = inputs.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        optimizer.zero_grad()
        outputs = model(inputs)
        loss = F.cross_entropy(outputs, labels)
        loss.backward()
        optimizer.step()
        running_loss += loss.item()
        losses.append(running_loss / (i + 1))
    return losses


def wrong__train_epoch_on__zero_grad_after_step(model: nn.Module, loader: DataLoader,
                                                optimizer: torch.optim.Optimizer,
                                                device: torch.device) -> list[float]:
    """subtle | zero_grad at the end of each iteration (backward, step, zero_grad) instead of before the forward: gradients already in .grad when the epoch starts are added to the first step | differs when: the parameters hold a non-zero .grad on entry (e.g. a backward done before the call)"""
    model.to(device)
    model.train()
    losses = []
    for images, labels in loader:
        images = images.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss.item())
    return losses
