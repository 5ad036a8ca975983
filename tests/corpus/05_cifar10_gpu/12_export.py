"""Realistic learner answers for exercises/05_cifar10_gpu/12_export.py (export_for_deployment)."""
import torch
from torch import nn
from torch.export import Dim


# ---------------------------------------------------------------------------------------------
# right answers
# ---------------------------------------------------------------------------------------------

def right__export_for_deployment__file_object(model: nn.Module, example: torch.Tensor, path: str) -> None:
    """alternative | train(False), a Dim named "N" given in a list, and the program written through an open binary file"""
    model.train(False)
    n = Dim("N")
    program = torch.export.export(model, args=(example,), dynamic_shapes=[{0: n}])
    with open(path, "wb") as f:
        torch.export.save(program, f)


def right__export_for_deployment__dim_dynamic(model: nn.Module, example: torch.Tensor, path: str) -> None:
    """alternative | the Dim.DYNAMIC hint instead of a named Dim (any batch size, export raises if the model pins it)"""
    model.eval()
    ep = torch.export.export(model, (example,), dynamic_shapes=({0: Dim.DYNAMIC},))
    torch.export.save(ep, path)


def right__export_for_deployment__explicit_min(model: nn.Module, example: torch.Tensor, path: str) -> None:
    """alternative | Dim("batch", min=0) with the bound spelled out (same range as the default), the example in a one-element tuple built with tuple([...])"""
    model = model.eval()
    batch = Dim("batch", min=0)
    args = tuple([example])
    exported = torch.export.export(model, args, dynamic_shapes=(dict([(0, batch)]),))
    torch.export.save(exported, path)


# ---------------------------------------------------------------------------------------------
# wrong answers
# ---------------------------------------------------------------------------------------------

def wrong__export_for_deployment__train_mode(model: nn.Module, example: torch.Tensor, path: str) -> None:
    """beginner | forgets model.eval(): the program records train-mode batch norm (batch statistics) and active dropout | differs when: a model with BatchNorm2d/Dropout fresh from its constructor: the reloaded program's outputs for torch.randn(5, 3, 32, 32) differ from model.eval()(x)"""
    program = torch.export.export(model, (example,), dynamic_shapes=({0: Dim("batch")},))
    torch.export.save(program, path)


def wrong__export_for_deployment__static_batch(model: nn.Module, example: torch.Tensor, path: str) -> None:
    """beginner | no dynamic_shapes: the batch size is frozen to the example's | differs when: example of batch 2, then the reloaded module is called with torch.randn(5, 3, 32, 32) (guard error instead of a (5, 10) result)"""
    model.eval()
    program = torch.export.export(model, (example,))
    torch.export.save(program, path)


def wrong__export_for_deployment__keras_none_batch(model: nn.Module, example: torch.Tensor, path: str) -> None:
    """tf-habit | dynamic_shapes=({0: None},), by analogy with Keras' Input(shape=(None, ...)) batch: in torch.export None means static | differs when: example of batch 2, reloaded module called with batch 5 (AssertionError: Guard failed: x.size()[0] == 2)"""
    model.eval()
    program = torch.export.export(model, (example,), dynamic_shapes=({0: None},))
    torch.export.save(program, path)


def wrong__export_for_deployment__torchscript(model: nn.Module, example: torch.Tensor, path: str) -> None:
    """old-api | torch.jit.trace + torch.jit.save (the deprecated TorchScript route): the file is a TorchScript archive that torch.export.load cannot read | differs when: any model: torch.export.load(path) raises RuntimeError"""
    model.eval()
    traced = torch.jit.trace(model, example)
    torch.jit.save(traced, path)


def wrong__export_for_deployment__torch_save(model: nn.Module, example: torch.Tensor, path: str) -> None:
    """subtle | torch.save(program, path) pickles the ExportedProgram instead of writing the .pt2 archive with torch.export.save | differs when: any model: torch.export.load(path) fails (PytorchStreamReader: archive_format not found)"""
    model.eval()
    program = torch.export.export(model, (example,), dynamic_shapes=({0: Dim("batch")},))
    torch.save(program, path)


def wrong__export_for_deployment__args_not_tuple(model: nn.Module, example: torch.Tensor, path: str) -> None:
    """beginner | passes the example tensor itself as args (like tf.function's input_signature / torch.jit.trace(model, x)): export wants a tuple of positional inputs | differs when: any call (UserError: Expecting `args` to be a tuple of example positional inputs)"""
    model.eval()
    program = torch.export.export(model, example, dynamic_shapes=({0: Dim("batch")},))
    torch.export.save(program, path)


def wrong__export_for_deployment__bounded_batch(model: nn.Module, example: torch.Tensor, path: str) -> None:
    """subtle | Dim("batch", max=128), copied from a docs example: the program refuses batches above 128, while the docstring wants any batch size | differs when: the reloaded module called with torch.randn(256, 3, 32, 32) (guard failure instead of (256, 10))"""
    model.eval()
    batch = Dim("batch", max=128)
    program = torch.export.export(model, (example,), dynamic_shapes=({0: batch},))
    torch.export.save(program, path)


def wrong__export_for_deployment__keyed_by_arg_name(model: nn.Module, example: torch.Tensor, path: str) -> None:
    """subtle | dynamic_shapes={"x": {0: Dim("batch")}} keyed by the forward's argument name: only works when forward's parameter is literally called x | differs when: model=nn.Sequential(...) (its forward argument is `input`: export raises a UserError about dynamic_shapes keys)"""
    model.eval()
    program = torch.export.export(model, (example,), dynamic_shapes={"x": {0: Dim("batch")}})
    torch.export.save(program, path)
