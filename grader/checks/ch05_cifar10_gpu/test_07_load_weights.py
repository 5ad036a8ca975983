"""load_for_inference: a checkpoint written on a GPU machine (CUDA location tags) loads on a CPU
machine; the model comes back on the device (sent there with model.to(device): recorded, as on a
CPU-only machine it is there anyway), in eval mode, with the saved weights; a file that would
run code while unpickled is refused (weights_only=True)."""

import os
import tempfile

import pytest
import torch
from hypothesis import strategies as st

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def load_gpu_file(target, root, device, seed):
    """Load a 'GPU-saved' file (CUDA is made to look absent), then describe the model."""
    path = os.path.join(tempfile.mkdtemp(dir=root), "weights.pt")
    trained = _helpers.tiny_net(seed)
    _helpers.fill_in_order(trained, seed)
    _helpers.save_as_if_from_gpu(trained.state_dict(), path)
    model = _helpers.tiny_net(seed + 1)
    with _helpers.cuda_available(False), _helpers.record_moves(model) as moves:
        returned = target(model, path, torch.device(device))
    images, _ = _helpers.tiny_data(4, seed)
    with torch.no_grad():
        outputs = model(images)
    trap = _helpers.load_booby_trapped(
        lambda p: target(_helpers.tiny_net(seed), p, torch.device(device)), root,
        trained.state_dict(), "load_for_inference")
    return {"returns_the_model": returned is model, "training": model.training,
            "devices": _helpers.device_types(model),
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


def test_load_for_inference(kata):
    root = str(kata.tmp_path)
    kata.compare("load_for_inference",
                 st.fixed_dictionaries({"root": st.just(root),
                                        "device": st.just("cpu"),
                                        "seed": st.integers(0, 99)}),
                 probe=load_gpu_file, max_examples=4,
                 examples=[{"root": root, "device": "cpu", "seed": 0}],
                 notes={"result['training']": "call model.eval() before inference",
                        "result['model_sent": "call model.to(device): loading puts the values "
                                              "in the model's tensors, wherever they are",
                        "result['malicious_code_ran']": "the file's payload ran while loading: "
                                                        "load with weights_only=True"})


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
