"""export_for_deployment: the saved program reloads with torch.export.load (without the Python
class), in eval mode, and gives the eager model's eval outputs for batch sizes other than the
example's (1, 5 and 256: any batch size, no upper bound), for a model whose forward argument is
not called x too."""

import os
import tempfile

import torch

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def _model(kind, seed):
    """The model to export: the BN + dropout net (forward(x)), or an nn.Sequential
    (forward(input)): dynamic_shapes given as a tuple fit any argument name."""
    if kind == "sequential":
        torch.manual_seed(seed)
        model = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3, padding=1), torch.nn.BatchNorm2d(4),
                                    torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Dropout(0.25),
                                    torch.nn.Linear(4 * 8 * 8, 10))
    else:
        model = _helpers.tiny_net(seed)
    _helpers.fill_in_order(model, seed)
    return model.train()


def export_and_rerun(target, root, example_batch, run_batches, seed, kind="tiny_net"):
    """export_for_deployment(model in train mode, example, path), torch.export.load(path).module()
    run on other batch sizes"""
    model = _model(kind, seed)
    example, _ = _helpers.tiny_data(example_batch, seed)
    path = os.path.join(tempfile.mkdtemp(dir=root), "model.pt2")
    target(model, example, path)
    try:
        program = torch.export.load(path).module()
    except Exception as exc:  # noqa: BLE001
        return (f"torch.export.load(path) cannot read the file ({type(exc).__name__}): it holds "
                f"{_helpers.describe_file(path)}")
    outputs = {}
    for batch in run_batches:
        images, _ = _helpers.tiny_data(batch, seed + 1)
        try:
            with torch.no_grad():
                outputs[f"batch of {batch}"] = program(images)
        except Exception as exc:  # noqa: BLE001
            outputs[f"batch of {batch}"] = f"the program fails ({type(exc).__name__})"
    return {"outputs of the reloaded program": outputs}


def test_export_for_deployment(kata):
    root = str(kata.tmp_path)
    # Two examples only: an export takes about half a second.
    for kind in ("tiny_net", "sequential"):
        kata.compare("export_for_deployment",
                     {"root": root, "example_batch": 2, "run_batches": [5, 1, 256], "seed": 0,
                      "kind": kind},
                     probe=export_and_rerun, atol=1e-5, rtol=1e-4,
                     notes={"result": "export in eval mode with a dynamic batch dimension, and "
                                      "save the program with torch.export.save"})


@mistake("export_for_deployment", diagnosis="The model was exported in training mode, so the "
         "program uses batch statistics and dropout: call model.eval() before exporting.")
def exported_in_train_mode(model, example, path):
    program = torch.export.export(model, (example,),
                                  dynamic_shapes=({0: torch.export.Dim("batch")},))
    torch.export.save(program, path)


@mistake("export_for_deployment", diagnosis="The program only accepts the example's batch size: "
         "without dynamic_shapes (or with {0: None}, which means static in torch.export) the "
         "batch is fixed. Pass dynamic_shapes=({0: torch.export.Dim(\"batch\")},).")
def fixed_batch(model, example, path):
    model.eval()
    torch.export.save(torch.export.export(model, (example,)), path)


@mistake("export_for_deployment", diagnosis="A state_dict is not a program: deployment needs the "
         "graph too. Use torch.export.export(...) and torch.export.save(program, path).")
def saved_state_dict(model, example, path):
    model.eval()
    torch.save(model.state_dict(), path)


def _export(model, example, path, args=None, dynamic_shapes=None, save="export"):
    from torch.export import Dim

    model.eval()
    shapes = ({0: Dim("batch")},) if dynamic_shapes is None else dynamic_shapes
    program = torch.export.export(model, (example,) if args is None else args,
                                  dynamic_shapes=shapes)
    (torch.export.save if save == "export" else torch.save)(program, path)


@mistake("export_for_deployment", diagnosis="torch.jit.trace + torch.jit.save write a "
         "TorchScript archive (the deprecated route), which torch.export.load cannot read: "
         "torch.export.export, then torch.export.save.")
def torchscript(model, example, path):
    model.eval()
    torch.jit.save(torch.jit.trace(model, example), path)


@mistake("export_for_deployment", diagnosis="torch.save pickles the ExportedProgram; the .pt2 "
         "archive that torch.export.load reads is written by torch.export.save(program, path).")
def pickles_the_program(model, example, path):
    _export(model, example, path, save="pickle")


@mistake("export_for_deployment", diagnosis="args must be a tuple of the positional inputs: "
         "torch.export.export(model, (example,), ...), not the tensor itself.")
def args_not_a_tuple(model, example, path):
    _export(model, example, path, args=example)


@mistake("export_for_deployment", diagnosis="Dim(\"batch\", max=...) bounds the batch size, so "
         "bigger batches are refused; the spec wants any batch size: Dim(\"batch\").")
def bounded_batch(model, example, path):
    from torch.export import Dim

    _export(model, example, path, dynamic_shapes=({0: Dim("batch", max=128)},))


@mistake("export_for_deployment", diagnosis="dynamic_shapes keyed by an argument name "
         "({\"x\": ...}) only fits models whose forward argument has that name (nn.Sequential's "
         "is `input`). Give them by position: dynamic_shapes=({0: Dim(\"batch\")},).")
def keyed_by_argument_name(model, example, path):
    from torch.export import Dim

    _export(model, example, path, dynamic_shapes={"x": {0: Dim("batch")}})
