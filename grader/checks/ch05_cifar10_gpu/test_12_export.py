"""export_for_deployment: the saved program reloads without the Python class, in eval mode, and
gives the eager model's eval outputs for a batch size other than the example's."""

import os
import tempfile

import torch

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def _reload(path):
    """An ExportedProgram (.pt2) or, as an accepted older format, a TorchScript file."""
    try:
        return torch.export.load(path).module(), "torch.export"
    except Exception:  # noqa: BLE001 - not an ExportedProgram: maybe TorchScript
        return torch.jit.load(path), "TorchScript"


def export_and_rerun(target, root, example_batch, run_batch, seed):
    model = _helpers.tiny_net(seed).train()
    _helpers.fill_in_order(model, seed)
    example, _ = _helpers.tiny_data(example_batch, seed)
    path = os.path.join(tempfile.mkdtemp(dir=root), "model.pt2")
    target(model, example, path)
    images, _ = _helpers.tiny_data(run_batch, seed + 1)
    try:
        program, _ = _reload(path)
    except Exception as exc:  # noqa: BLE001
        return f"the saved file does not load as a program ({type(exc).__name__})"
    try:
        with torch.no_grad():
            outputs = program(images)
    except Exception as exc:  # noqa: BLE001
        return f"the program fails on a batch of {run_batch} ({type(exc).__name__})"
    return {"outputs_for_a_new_batch": outputs}


def test_export_for_deployment(kata):
    root = str(kata.tmp_path)
    # One example only: an export takes about half a second.
    kata.compare("export_for_deployment",
                 {"root": root, "example_batch": 2, "run_batch": 5, "seed": 0},
                 probe=export_and_rerun, atol=1e-5, rtol=1e-4,
                 notes={"result": "export in eval mode with a dynamic batch dimension, and save "
                                  "the program with torch.export.save"})


@mistake("export_for_deployment", diagnosis="The model was exported in training mode, so the "
         "program uses batch statistics and dropout: call model.eval() before exporting.")
def exported_in_train_mode(model, example, path):
    program = torch.export.export(model, (example,),
                                  dynamic_shapes=({0: torch.export.Dim("batch")},))
    torch.export.save(program, path)


@mistake("export_for_deployment", diagnosis="Without dynamic_shapes the program only accepts the "
         "example's batch size: pass dynamic_shapes=({0: torch.export.Dim(\"batch\")},).")
def fixed_batch(model, example, path):
    model.eval()
    torch.export.save(torch.export.export(model, (example,)), path)


@mistake("export_for_deployment", diagnosis="A state_dict is not a program: deployment needs the "
         "graph too. Use torch.export.export(...) and torch.export.save(program, path).")
def saved_state_dict(model, example, path):
    model.eval()
    torch.save(model.state_dict(), path)
