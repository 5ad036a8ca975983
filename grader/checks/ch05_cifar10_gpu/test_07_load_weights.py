"""load_for_inference: a checkpoint written on a GPU machine (CUDA location tags) loads on a CPU
machine; the model comes back on the device (sent there with model.to(device): recorded, as on a
CPU-only machine it is there anyway), in eval mode, with the saved weights; a file that would
run code while unpickled is refused (weights_only=True)."""

import os
import tempfile

import pytest
import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def load_gpu_file(target, root, device, seed, dtype="float32"):
    """load_for_inference(a fresh model in `dtype`, a float32 file saved on a GPU, device)"""
    path = os.path.join(tempfile.mkdtemp(dir=root), "weights.pt")
    trained = _helpers.tiny_net(seed)
    _helpers.fill_in_order(trained, seed)
    _helpers.save_as_if_from_gpu(trained.state_dict(), path)
    model = _helpers.tiny_net(seed + 1).to(getattr(torch, dtype))
    with _helpers.cuda_available(False), _helpers.record_moves(model) as moves:
        returned = target(model, path, torch.device(device))
    images, _ = _helpers.tiny_data(4, seed)
    with torch.no_grad():
        outputs = model(images.to(getattr(torch, dtype)))
    trap = _helpers.load_booby_trapped(
        lambda p: target(_helpers.tiny_net(seed), p, torch.device(device)), root,
        trained.state_dict(), "load_for_inference")
    return {"returns_the_model": returned is model, "training": model.training,
            "devices": _helpers.device_types(model),
            "dtypes of the model's parameters": sorted({str(p.dtype) for p in model.parameters()}),
            "model_sent_to_the_device": device in moves or "assign" in moves,
            "outputs": outputs, **trap}


def load_real_gpu_file(target, root):
    """A file saved from real CUDA tensors loaded onto the CPU, and a CPU file onto the GPU."""
    folder = tempfile.mkdtemp(dir=root)
    from_gpu, from_cpu = os.path.join(folder, "gpu.pt"), os.path.join(folder, "cpu.pt")
    torch.save(_helpers.tiny_net(0).cuda().state_dict(), from_gpu)
    torch.save(_helpers.tiny_net(2).state_dict(), from_cpu)
    on_cpu = target(_helpers.tiny_net(1), from_gpu, torch.device("cpu"))
    on_gpu = target(_helpers.tiny_net(1), from_cpu, torch.device("cuda"))
    return {"devices": [_helpers.device_types(on_cpu), _helpers.device_types(on_gpu)],
            "weights": _helpers.params(on_cpu) + [w.cpu() for w in _helpers.params(on_gpu)]}


def load_another_models_file(target, root):
    """load_for_inference(model, a file whose keys do not fit it (nn.DataParallel's "module."))"""
    path = os.path.join(tempfile.mkdtemp(dir=root), "weights.pt")
    torch.save({f"module.{k}": v for k, v in _helpers.tiny_net(0).state_dict().items()}, path)
    model = _helpers.tiny_net(1)
    before = _helpers.params(model)
    try:
        returned = target(model, path, torch.device("cpu"))
        outcome = ("returned the model" if returned is model
                   else f"returned a {type(returned).__name__}, not the model")
    except Exception as exc:  # noqa: BLE001 - the exception's kind is the fact
        outcome = f"raised {'RuntimeError' if isinstance(exc, RuntimeError) else type(exc).__name__}"
    same = all(torch.equal(a, b) for a, b in zip(before, _helpers.params(model)))
    return {"loading the mismatched file": outcome, "the model's weights unchanged": same}


def test_load_for_inference(kata):
    root = str(kata.tmp_path)
    corners.reach("float64")
    kata.compare("load_for_inference",
                 st.fixed_dictionaries({"root": st.just(root),
                                        "device": st.just("cpu"),
                                        "seed": st.integers(0, 99),
                                        "dtype": st.sampled_from(["float32", "float64"])}),
                 probe=load_gpu_file, max_examples=4,
                 examples=[{"root": root, "device": "cpu", "seed": 0},
                           {"root": root, "device": "cpu", "seed": 1, "dtype": "float64"}],
                 notes={"result['training']": "call model.eval() before inference",
                        "result['model_sent": "call model.to(device): loading puts the values "
                                              "in the model's tensors, wherever they are",
                        "result['malicious_code_ran']": "the file's payload ran while loading: "
                                                        "load with weights_only=True",
                        "result['dtypes": "load_state_dict copies the values into the model's "
                                          "own tensors, which keep their dtype (assign=True "
                                          "would put the checkpoint's float32 tensors in)"})
    kata.compare("load_for_inference", {"root": root}, probe=load_another_models_file,
                 notes={"result['loading": "load strictly (the default strict=True): a file "
                                           "that does not fit the model must raise"})


@pytest.mark.gpu
def test_load_for_inference__cuda(kata):
    kata.compare("load_for_inference", {"root": str(kata.tmp_path)}, probe=load_real_gpu_file)


@mistake("load_for_inference", diagnosis="torch.load without map_location tries to put the tensors "
         "back on the GPU they were saved from, which fails on a machine without one: pass "
         "map_location=device.")
def no_map_location(model, path, device):
    model.load_state_dict(torch.load(path, weights_only=True))
    model.to(device)
    model.eval()
    return model


@mistake("load_for_inference", diagnosis="The model is still in training mode: call model.eval() "
         "(batch norm must use its running statistics, dropout must be off).")
def no_eval(model, path, device):
    model.load_state_dict(torch.load(path, map_location=device, weights_only=True))
    model.to(device)
    return model


@mistake("load_for_inference", diagnosis="Return the model itself (model.load_state_dict returns a "
         "report of missing and unexpected keys, not the model).")
def returns_load_report(model, path, device):
    result = model.load_state_dict(torch.load(path, map_location=device, weights_only=True))
    model.to(device)
    model.eval()
    return result


@mistake("load_for_inference", diagnosis="weights_only=False unpickles anything, so a crafted file "
         "runs its code while loading. A state_dict needs only weights_only=True (the default "
         "since PyTorch 2.6).")
def trusts_the_file(model, path, device):
    model.load_state_dict(torch.load(path, map_location=device, weights_only=False))
    model.to(device)
    model.eval()
    return model


@mistake("load_for_inference", diagnosis="The model is never sent to the device: "
         "model.load_state_dict copies the loaded values into the model's own tensors, wherever "
         "they are (map_location only places what torch.load returns). Call model.to(device).")
def not_moved(model, path, device):
    model.load_state_dict(torch.load(path, map_location=device, weights_only=True))
    model.eval()
    return model


@mistake("load_for_inference", diagnosis="model = torch.load(path) (0.4-era code for pickled "
         "models) gives the state_dict itself, a dict of tensors, and the model is never "
         "filled: model.load_state_dict(torch.load(...)), then return the model.")
def returns_the_loaded_dict(model, path, device):
    model = torch.load(path, map_location=device, weights_only=True)
    if isinstance(model, torch.nn.Module):
        model.eval()
    return model


@mistake("load_for_inference", diagnosis="strict=False loads whatever keys happen to match and "
         "ignores the rest, so a file of another model (or with \"module.\" prefixes) leaves "
         "the weights random without a word. Keep the default strict=True.")
def not_strict(model, path, device):
    model.load_state_dict(torch.load(path, map_location=device, weights_only=True), strict=False)
    model.to(device)
    model.eval()
    return model


@mistake("load_for_inference", diagnosis="load_state_dict(..., assign=True) puts the loaded "
         "tensors themselves in the model, so it takes the checkpoint's dtype (a float64 model "
         "comes back float32) and new Parameter objects. The default copies the values into "
         "the model's own tensors.")
def assigns_the_loaded_tensors(model, path, device):
    model.load_state_dict(torch.load(path, map_location=device, weights_only=True), assign=True)
    model.to(device)
    model.eval()
    return model
