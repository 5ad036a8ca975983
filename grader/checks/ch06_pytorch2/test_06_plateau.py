"""fit_with_plateau: a small net with dropout is trained on batches whose labels disagree with
the validation batches' (so the validation loss stalls and rises, and the lr is cut); the lr in
force at every training batch, the validation losses returned and the final weights must equal
the reference's. The model starts in eval mode, as after an earlier evaluation."""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from grader.mistakes import mistake


def _net():
    return nn.Sequential(nn.Linear(5, 8), nn.ReLU(), nn.Dropout(0.3), nn.Linear(8, 3))


def plateau_probe(fit_with_plateau, epochs, batches, lr, seed):
    torch.manual_seed(seed)
    model = _net()
    model.eval()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.5)
    g = torch.Generator().manual_seed(seed)
    xs = [torch.randn(4, 5, generator=g) for _ in range(batches)]
    train = [(x, torch.randint(0, 3, (4,), generator=g)) for x in xs]
    val = [(x, (y + 1) % 3) for x, y in train[:2]]  # the training labels, shifted
    val[-1] = (val[-1][0][:1], val[-1][1][:1])  # sizes 4 and 1: the mean is per batch
    seen, grad_in_validation = [], []

    def record(module, inputs):
        if module.training:
            seen.append(optimizer.param_groups[0]["lr"])
        else:
            grad_in_validation.append(torch.is_grad_enabled())

    model.register_forward_pre_hook(record)
    history = fit_with_plateau(model, optimizer, train, val, epochs)
    return {"lr at each training batch": seen, "validation losses returned": history,
            "autograd on during validation forwards": grad_in_validation,
            "weights after training": [p.detach().clone() for p in model.parameters()]}


NOTES = {"result['lr at each training batch']": "the lr in force at each training batch: "
         "scheduler.step(val_loss) once per epoch, after the validation pass",
         "result['validation losses returned']": "the mean over val_batches of each batch's "
         "cross-entropy, computed in eval mode under torch.no_grad()",
         "result['autograd on during": "validate under torch.no_grad(): no graph is needed"}


def test_fit_with_plateau(kata):
    kata.compare("fit_with_plateau", st.fixed_dictionaries({
        "epochs": st.integers(1, 6), "batches": st.integers(2, 3),
        "lr": st.sampled_from([0.3, 1.0]), "seed": st.integers(0, 99)}),
        probe=plateau_probe, max_examples=3, notes=NOTES,
        examples=[{"epochs": 6, "batches": 3, "lr": 1.0, "seed": 0}])


@mistake("fit_with_plateau", diagnosis="ReduceLROnPlateau.step needs the number it watches: "
         "call scheduler.step(val_loss) once per epoch, after computing the validation loss.")
def step_without_metric(model, optimizer, train_batches, val_batches, epochs):
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
            val_loss = sum(F.cross_entropy(model(x), y).item() for x, y in val_batches) / len(
                val_batches)
        scheduler.step()
        history.append(val_loss)
    return history


@mistake("fit_with_plateau", diagnosis="The scheduler watched the training loss, once per "
         "batch: a plateau scheduler is stepped once per epoch, with the validation loss.")
def steps_on_training_loss(model, optimizer, train_batches, val_batches, epochs):
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=0.5,
                                                           patience=1)
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
            history.append(sum(F.cross_entropy(model(x), y).item() for x, y in val_batches)
                           / len(val_batches))
    return history


@mistake("fit_with_plateau", diagnosis="The validation pass ran in training mode, so dropout "
         "was active: call model.eval() before validating (and model.train() before training).")
def validates_in_train_mode(model, optimizer, train_batches, val_batches, epochs):
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=0.5,
                                                           patience=1)
    history = []
    model.train()
    for _ in range(epochs):
        for x, y in train_batches:
            optimizer.zero_grad()
            F.cross_entropy(model(x), y).backward()
            optimizer.step()
        with torch.no_grad():
            val_loss = sum(F.cross_entropy(model(x), y).item() for x, y in val_batches) / len(
                val_batches)
        scheduler.step(val_loss)
        history.append(val_loss)
    return history


@mistake("fit_with_plateau", diagnosis="After validating in eval mode the model must go back to "
         "training mode: call model.train() at the start of every epoch, or dropout stays off "
         "from the second epoch on.")
def train_mode_once(model, optimizer, train_batches, val_batches, epochs):
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=0.5,
                                                           patience=1)
    history = []
    model.train()
    for _ in range(epochs):
        for x, y in train_batches:
            optimizer.zero_grad()
            F.cross_entropy(model(x), y).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            val_loss = sum(F.cross_entropy(model(x), y).item() for x, y in val_batches) / len(
                val_batches)
        scheduler.step(val_loss)
        history.append(val_loss)
    return history


@mistake("fit_with_plateau", diagnosis="The validation pass recorded autograd graphs it never "
         "uses: run it under torch.no_grad() (as Keras' evaluate does without a tape).")
def validates_with_grad(model, optimizer, train_batches, val_batches, epochs):
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
        val_loss = sum(F.cross_entropy(model(x), y).item() for x, y in val_batches) / len(
            val_batches)
        scheduler.step(val_loss)
        history.append(val_loss)
    return history


@mistake("fit_with_plateau", diagnosis="mode=\"max\" waits for the watched number to grow: a "
         "loss should shrink, so use mode=\"min\" (mode=\"max\" is for accuracies).")
def mode_max(model, optimizer, train_batches, val_batches, epochs):
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="max", factor=0.5,
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
            val_loss = sum(F.cross_entropy(model(x), y).item() for x, y in val_batches) / len(
                val_batches)
        scheduler.step(val_loss)
        history.append(val_loss)
    return history


@mistake("fit_with_plateau", diagnosis="patience=2 is Keras' count: PyTorch reduces after more "
         "than `patience` bad epochs (Keras after `patience`), so Keras' patience=2 is "
         "ReduceLROnPlateau(..., patience=1).")
def keras_patience(model, optimizer, train_batches, val_batches, epochs):
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=0.5,
                                                           patience=2)
    history = []
    for _ in range(epochs):
        model.train()
        for x, y in train_batches:
            optimizer.zero_grad()
            F.cross_entropy(model(x), y).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            val_loss = sum(F.cross_entropy(model(x), y).item() for x, y in val_batches) / len(
                val_batches)
        scheduler.step(val_loss)
        history.append(val_loss)
    return history


@mistake("fit_with_plateau", diagnosis="The validation loss is the mean of the per-batch losses "
         "(one number per batch, averaged), not the mean over all samples: with batches of "
         "different sizes the two differ.")
def per_sample_mean(model, optimizer, train_batches, val_batches, epochs):
    from torch.optim.lr_scheduler import ReduceLROnPlateau
    scheduler = ReduceLROnPlateau(optimizer, mode='min', factor=0.5, patience=1)
    history = []
    for _ in range(epochs):
        model.train()
        for x, y in train_batches:
            optimizer.zero_grad()
            F.cross_entropy(model(x), y).backward()
            optimizer.step()
        model.eval()
        total, count = (0.0, 0)
        with torch.no_grad():
            for x, y in val_batches:
                total += F.cross_entropy(model(x), y, reduction='sum').item()
                count += len(y)
        val_loss = total / count
        scheduler.step(val_loss)
        history.append(val_loss)
    return history


@mistake("fit_with_plateau", diagnosis="Return Python floats: .item() turns a 0-d tensor into a "
         "float (.data keeps a tensor).")
def tensor_history(model, optimizer, train_batches, val_batches, epochs):
    from torch.optim.lr_scheduler import ReduceLROnPlateau
    scheduler = ReduceLROnPlateau(optimizer, mode='min', factor=0.5, patience=1)
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
