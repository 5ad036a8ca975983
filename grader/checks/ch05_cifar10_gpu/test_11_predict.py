"""predict_classes: eval mode and no_grad, every batch moved to the device, predictions brought
back with .cpu() (on meta, standing in for a GPU, .numpy() fails where .cpu() is expected)."""

import pytest
import torch
from hypothesis import strategies as st
from torch.utils.data import DataLoader, TensorDataset

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def predict_on_cpu(target, n, batch_size, seed):
    """predict_classes(a BN + dropout net in train mode, DataLoader(n images, batch_size), cpu)"""
    model = _helpers.tiny_net(seed).train()
    _helpers.fill_in_order(model, seed)
    images, labels = _helpers.tiny_data(n, seed)
    loader = DataLoader(TensorDataset(images, labels), batch_size=batch_size)
    autograd = []
    model.register_forward_pre_hook(lambda *_: autograd.append(torch.is_grad_enabled()))
    predictions = target(model, loader, torch.device("cpu"))
    return {"predictions": predictions, "training_after": model.training,
            "autograd on during the forward passes": any(autograd)}


def predict_on_meta(target):
    """device=meta stands in for a GPU; bringing a meta tensor home with .cpu() raises
    NotImplementedError ("no data"), while .numpy() raises TypeError as it would on CUDA."""
    model = _helpers.tiny_net(0)
    images, labels = _helpers.tiny_data(8, 0)
    loader = DataLoader(TensorDataset(images, labels), batch_size=4)
    with _helpers.record_forward_devices(model) as seen:
        try:
            result = target(model, loader, torch.device("meta"))
            error = None
        except Exception as exc:  # noqa: BLE001
            _helpers.unless_todo(exc, "predict_classes")
            result, error = None, _what_failed(exc)
    return {"(input device, model device) at forward": sorted(seen),
            "how_results_came_back": error,
            "returned_device": result.device.type if torch.is_tensor(result) else None}


def _what_failed(exc):
    text = str(exc)
    if isinstance(exc, NotImplementedError) and "meta tensor" in text:
        return "copied to the CPU (.cpu() or .to('cpu'))"
    if isinstance(exc, TypeError) and "numpy" in text:
        return ".numpy() on a tensor still on the device"
    if "device" in text:
        return f"tensors on different devices met ({type(exc).__name__})"
    return type(exc).__name__


def predict_on_cuda(target):
    model = _helpers.tiny_net(0)
    _helpers.fill_in_order(model, 0)
    images, labels = _helpers.tiny_data(10, 0)
    predictions = target(model, DataLoader(TensorDataset(images, labels), batch_size=4),
                         torch.device("cuda"))
    return {"predictions": predictions}


def test_predict_classes(kata):
    kata.compare("predict_classes", {}, probe=predict_on_meta,
                 notes={"result['(input": "move the model and each batch to the device",
                        "result['how_results": "bring predictions back with .cpu() (calling "
                                                ".numpy() on a GPU tensor fails)",
                        "result['returned_device']": "return a CPU tensor: call .cpu()"})
    kata.compare("predict_classes",
                 st.fixed_dictionaries({"n": st.integers(1, 11), "batch_size": st.integers(1, 4),
                                        "seed": st.integers(0, 99)}),
                 probe=predict_on_cpu, max_examples=5,
                 examples=[{"n": 10, "batch_size": 4, "seed": 0},
                           {"n": 5, "batch_size": 2, "seed": 1}],
                 notes={"result['predictions']": "predict in eval mode (model.eval()) under "
                                                 "torch.no_grad(), the arg-max over the classes",
                        "result['autograd": "wrap the loop in `with torch.no_grad():` "
                                            "(Variable(..., volatile=True) no longer does "
                                            "anything)"})


@pytest.mark.gpu
def test_predict_classes__cuda(kata):
    kata.compare("predict_classes", {}, probe=predict_on_cuda)


@mistake("predict_classes", diagnosis="The model stays in training mode, so dropout and batch norm "
         "change the predictions: call model.eval() first.")
def forgot_eval(model, loader, device):
    model.to(device)
    predictions = []
    with torch.no_grad():
        for images, _ in loader:
            predictions.append(model(images.to(device)).argmax(dim=1).cpu())
    return torch.cat(predictions)


@mistake("predict_classes", diagnosis=".numpy() on a tensor that lives on a GPU fails (\"can't "
         "convert cuda:0 device type tensor to numpy\"): call .cpu() first, and return a tensor.")
def numpy_on_device(model, loader, device):
    model.to(device)
    model.eval()
    predictions = []
    with torch.no_grad():
        for images, _ in loader:
            predictions.append(torch.from_numpy(model(images.to(device)).argmax(dim=1).numpy()))
    return torch.cat(predictions)


@mistake("predict_classes", diagnosis="The images are not moved to the model's device: "
         "images = images.to(device) before the forward pass.")
def batches_not_moved(model, loader, device):
    model.to(device)
    model.eval()
    predictions = []
    with torch.no_grad():
        for images, _ in loader:
            predictions.append(model(images).argmax(dim=1).cpu())
    return torch.cat(predictions)


@mistake("predict_classes", diagnosis="The predictions stay on the device: bring them back with "
         ".cpu() before returning.")
def stays_on_device(model, loader, device):
    model.to(device)
    model.eval()
    with torch.no_grad():
        return torch.cat([model(images.to(device)).argmax(dim=1) for images, _ in loader])


def _predict(model, loader, device, predict=lambda logits: logits.argmax(dim=1).cpu(),
             join=torch.cat):
    model.to(device)
    model.eval()
    predictions = []
    with torch.no_grad():
        for images, _ in loader:
            predictions.append(predict(model(images.to(device))))
    return join(predictions)


@mistake("predict_classes", diagnosis="Variable(images, volatile=True) (0.4-era code) no longer "
         "switches autograd off, so every forward builds a graph: use `with torch.no_grad():`.")
def volatile_variable(model, loader, device):
    from torch.autograd import Variable

    model.to(device)
    model.eval()
    predictions = []
    for images, _ in loader:
        output = model(Variable(images.to(device), volatile=True))
        predictions.append(output.data.max(1)[1].cpu())
    return torch.cat(predictions)


@mistake("predict_classes", diagnosis="argmax() without dim runs over the whole (batch, 10) "
         "block and gives one index per batch; the class of each image is argmax(dim=1).")
def argmax_without_dim(model, loader, device):
    return _predict(model, loader, device, predict=lambda out: out.argmax().view(1).cpu())


@mistake("predict_classes", diagnosis="argmax(dim=1, keepdim=True) (pytorch/examples' "
         "pred.eq(target.view_as(pred)) idiom) gives (N, 1); the result is (N,): drop keepdim.")
def keepdim(model, loader, device):
    return _predict(model, loader, device,
                    predict=lambda out: out.argmax(dim=1, keepdim=True).cpu())


@mistake("predict_classes", diagnosis="torch.zeros(n) is float32, so the classes come back as "
         "3.0, 8.0...: the result must be int64. Collect the argmax tensors and torch.cat them "
         "(or make the buffer with dtype=torch.long).")
def float_buffer(model, loader, device):
    model.to(device)
    model.eval()
    out = torch.zeros(len(loader.dataset))
    start = 0
    with torch.no_grad():
        for images, _ in loader:
            predicted = model(images.to(device)).argmax(dim=1).cpu()
            out[start:start + len(predicted)] = predicted
            start += len(predicted)
    return out[:start]


@mistake("predict_classes", diagnosis="logits.squeeze() also drops the batch axis of a batch of "
         "one image, so its argmax is 0-d and torch.cat refuses it: argmax(dim=1) on the "
         "logits as they are.")
def squeezes_the_logits(model, loader, device):
    return _predict(model, loader, device, predict=lambda out: out.squeeze().argmax(-1).cpu())


@mistake("predict_classes", diagnosis="torch.stack makes a (batches, batch_size) block (and "
         "fails on a smaller last batch); torch.cat joins the batches into one (N,) tensor.")
def stacks_the_batches(model, loader, device):
    return _predict(model, loader, device, join=torch.stack)


@mistake("predict_classes", diagnosis="next(iter(loader)) predicts the first batch only: loop "
         "over every batch of the loader.")
def first_batch_only(model, loader, device):
    model.to(device)
    model.eval()
    images, _ = next(iter(loader))
    with torch.no_grad():
        return model(images.to(device)).argmax(dim=1).cpu()


@mistake("predict_classes", diagnosis="The result is a NumPy array (model.predict(...).argmax("
         "axis=1) style); return a torch tensor: torch.cat of the batches' argmax(dim=1).cpu().")
def numpy_like_keras(model, loader, device):
    import numpy as np

    model.to(device)
    model.eval()
    outputs = []
    with torch.no_grad():
        for images, _ in loader:
            outputs.append(model(images.to(device)).cpu().numpy())
    return np.concatenate(outputs).argmax(axis=1)
