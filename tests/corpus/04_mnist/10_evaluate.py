"""Realistic learner answers for 04_mnist/10_evaluate.py (evaluate_accuracy)."""
import torch
from torch import nn
from torch.utils.data import DataLoader


# ----------------------------------------------------------------------------- right

def right__evaluate_accuracy__inference_mode(model: nn.Module, loader: DataLoader) -> float:
    """alternative | torch.inference_mode() instead of no_grad, and the correct count kept as a Python int per batch"""
    model.eval()
    correct = 0
    with torch.inference_mode():
        for images, labels in loader:
            predictions = model(images).argmax(dim=1)
            correct += int((predictions == labels).sum())
    return correct / len(loader.dataset)


def right__evaluate_accuracy__set_grad_enabled_max(model: nn.Module, loader: DataLoader) -> float:
    """alternative | torch.set_grad_enabled(False) as a context manager, model.train(False), and the indices of torch.max(logits, 1) as predictions"""
    model.train(False)
    hits = 0
    with torch.set_grad_enabled(False):
        for x, y in loader:
            _, predicted = torch.max(model(x), 1)
            hits += predicted.eq(y).sum().item()
    return float(hits) / float(len(loader.dataset))


def right__evaluate_accuracy__concatenate_then_count(model: nn.Module, loader: DataLoader) -> float:
    """alternative | gathers all predictions and labels with torch.cat under the no_grad decorator, then counts matches once"""

    @torch.no_grad()
    def predict_all():
        preds, targets = [], []
        for x, y in loader:
            preds.append(model(x).argmax(1))
            targets.append(y)
        return torch.cat(preds), torch.cat(targets)

    model.eval()
    preds, targets = predict_all()
    return (preds == targets).sum().item() / len(loader.dataset)


# ----------------------------------------------------------------------------- wrong

def wrong__evaluate_accuracy__mean_of_batch_accuracies(model: nn.Module, loader: DataLoader) -> float:
    """beginner | averages the per-batch accuracies, which over-weights the smaller last batch | differs when: 3 examples at batch_size=2 where only the third is right: (0/2 + 1/1) / 2 = 0.5 instead of 1/3"""
    model.eval()
    accs = []
    with torch.no_grad():
        for x, y in loader:
            pred = model(x).argmax(dim=1)
            accs.append((pred == y).float().mean().item())
    return sum(accs) / len(accs)


def wrong__evaluate_accuracy__batches_times_batch_size(model: nn.Module, loader: DataLoader) -> float:
    """examples | divides by len(loader) * loader.batch_size, which counts a full last batch that is not there | differs when: 3 examples at batch_size=2 all predicted right: 3/4 = 0.75 instead of 1.0"""
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(1) == y).sum().item()
    return correct / (len(loader) * loader.batch_size)


def wrong__evaluate_accuracy__no_eval_mode(model: nn.Module, loader: DataLoader) -> float:
    """subtle | forgets model.eval(), so dropout (and batch norm) stay in training behaviour while evaluating | differs when: model = nn.Sequential(nn.Linear(3, 16), nn.Dropout(0.9), nn.Linear(16, 3)) in train mode: predictions are random and the accuracy differs; model.training stays True"""
    correct = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(dim=1) == y).sum().item()
    return correct / len(loader.dataset)


def wrong__evaluate_accuracy__no_no_grad(model: nn.Module, loader: DataLoader) -> float:
    """subtle | evaluates without torch.no_grad(), so every forward builds an autograd graph (and the result is the same, just slower and heavier) | differs when: a model whose forward records torch.is_grad_enabled(): it sees True instead of False"""
    model.eval()
    correct = 0
    for x, y in loader:
        correct += (model(x).argmax(dim=1) == y).sum().item()
    return correct / len(loader.dataset)


def wrong__evaluate_accuracy__grad_mode_not_restored(model: nn.Module, loader: DataLoader) -> float:
    """subtle | switches gradients off with torch.set_grad_enabled(False) as a plain call and never switches them back, so autograd stays off for the caller | differs when: any call: torch.is_grad_enabled() is False after it returns instead of True"""
    model.eval()
    torch.set_grad_enabled(False)
    correct = 0
    for x, y in loader:
        correct += (model(x).argmax(dim=1) == y).sum().item()
    return correct / len(loader.dataset)


def wrong__evaluate_accuracy__argmax_axis0(model: nn.Module, loader: DataLoader) -> float:
    """tf-habit | argmax(0): tf.argmax's default axis is 0, which here runs over the batch instead of over the classes | differs when: a 2x2 batch whose logits are [[0, 1], [0, 1]] with labels [1, 1]: accuracy 0.0 instead of 1.0 (batches that are not square raise RuntimeError)"""
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(0) == y).sum().item()
    return correct / len(loader.dataset)


def wrong__evaluate_accuracy__max_values_not_indices(model: nn.Module, loader: DataLoader) -> float:
    """beginner | takes torch.max(logits, 1)[0], the largest *values*, and compares them with the labels instead of the indices | differs when: nn.Linear(3, 3) on torch.eye(3) with labels [0, 1, 2]: the count compares float maxima with class numbers and is almost always 0"""
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in loader:
            pred = torch.max(model(x), 1)[0]
            correct += (pred == y).sum().item()
    return correct / len(loader.dataset)


def wrong__evaluate_accuracy__percentage(model: nn.Module, loader: DataLoader) -> float:
    """examples | returns 100. * correct / len(loader.dataset) like pytorch/examples' test(), a percentage instead of a fraction in [0, 1] | differs when: every prediction right: 100.0 instead of 1.0"""
    model.eval()
    correct = 0
    with torch.no_grad():
        for data, target in loader:
            pred = model(data).argmax(dim=1, keepdim=True)
            correct += pred.eq(target.view_as(pred)).sum().item()
    return 100. * correct / len(loader.dataset)


def wrong__evaluate_accuracy__tensor_result(model: nn.Module, loader: DataLoader) -> float:
    """subtle | accumulates the correct count as a tensor (no .item()), so the result is a 0-d tensor, not a Python float | differs when: any loader: type(result) is torch.Tensor instead of float"""
    model.eval()
    correct = torch.tensor(0)
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(dim=1) == y).sum()
    return correct / len(loader.dataset)
