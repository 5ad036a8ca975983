"""compile_strict / compile_in_place: graded with a counting backend of the grader's own
(``_helpers.Counting``, as good as backend="eager": no C compiler needed). compile_strict must
capture the grader's whole-graph functions (results equal eager, one graph) and raise on those
with a graph break; compile_in_place must compile the very module it got (same object, same
state_dict keys, same mode) with outputs and batch-norm statistics equal to eager, in train and
eval mode, though its forward breaks the graph."""

import pytest
import torch
from hypothesis import strategies as st
from torch import nn

from grader import corners
from grader import strategies as ts
from grader.checks.ch06_pytorch2 import _helpers
from grader.mistakes import mistake


def _poly(x):
    return torch.sin(x) ** 2 + x * torch.cos(x)


def _scaled(x):
    return x / (x.abs().sum(-1, keepdim=True) + 1)


def _with_item(x):
    return x - x.mean().item()  # .item(): a graph break in older releases (2.14 keeps it)


def _with_branch(x):
    if x.sum() > 0:  # a Python if on a tensor's value
        return x * 2
    return -x


FUNCTIONS = {"poly": _poly, "scaled": _scaled, "with_item": _with_item,
             "with_branch": _with_branch}


def strict_probe(compile_strict, fn, x):
    backend = _helpers.fresh_backend()
    compiled = compile_strict(FUNCTIONS[fn], backend=backend)
    try:
        result = compiled(x)
    except Exception as exc:  # noqa: BLE001 - the graph-break error is the expected answer
        result = _helpers.graph_break_error(exc)
        if result is None:
            raise
    return {"result": result, "graphs_captured": backend.graphs}


@st.composite
def strict_inputs(draw):
    dtype = draw(st.sampled_from([torch.float32, torch.float64, torch.float16, torch.bfloat16]))
    corners.record_dtype(dtype)
    x = draw(ts.tensors(ts.shapes(1, 3, 0, 4), torch.float32, -3, 3, noncontiguous=True))
    return {"fn": draw(st.sampled_from(sorted(FUNCTIONS))), "x": x.to(dtype)}


STRICT_NOTES = {
    "result['result']": "with fullgraph=True a function with a graph break (with_branch: "
                        "`if x.sum() > 0`; with_item: x - x.mean().item() where this torch "
                        "cannot keep .item() in the graph) raises at its first call; a "
                        "whole-graph function returns what it returns eagerly",
    "result['graphs_captured']": "how many graphs the grader's backend received: pass "
                                 "backend= on to torch.compile",
}


def test_compile_strict(kata):
    kata.compare("compile_strict", strict_inputs(), probe=strict_probe, max_examples=2,
                 notes=STRICT_NOTES,
                 examples=[{"fn": "with_branch", "x": torch.tensor([1.0, 2.0, 4.0])},
                           {"fn": "poly", "x": torch.zeros(0, 3)},
                           {"fn": "scaled", "x": torch.tensor([0.5, -1.0, 2.0],
                                                              requires_grad=True)}])


class _Net(nn.Module):
    """Batch norm and dropout (train and eval differ), a parameter on the root module, and a
    Python branch on a tensor's value (a graph break: compiled in two pieces, not refused)."""

    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.linspace(0.5, 1.5, 5))
        self.body = nn.Sequential(nn.Linear(5, 6), nn.BatchNorm1d(6), nn.ReLU(), nn.Dropout(0.3),
                                  nn.Linear(6, 2))

    def forward(self, x):
        y = self.body(x * self.scale)
        if y.sum() > 0:  # a graph break
            return y
        return -y


def in_place_probe(compile_in_place, x, seed):
    backend = _helpers.fresh_backend()
    torch.manual_seed(seed)
    net = _Net()
    returned = compile_in_place(net, backend=backend)
    mode_after = net.training  # made in training mode: compiling must not change it
    net.train()
    train_output = net(x)
    net.eval()
    eval_output = net(x)
    return {"returned the model itself": returned is net,
            "type returned": type(returned).__name__,
            "state_dict keys": list(returned.state_dict()) if isinstance(returned, nn.Module)
            else None,
            "compiled": backend.graphs > 0, "training mode after compiling": mode_after,
            "train-mode output": train_output.detach(), "eval-mode output": eval_output.detach(),
            "buffers after": [b.clone() for b in net.buffers()]}


def test_compile_in_place(kata):
    # One example (each compiles the net twice, for train and eval mode): a non-contiguous batch.
    x = torch.linspace(-1, 1, 15).reshape(5, 3).t()
    kata.compare("compile_in_place", {"x": x, "seed": 0}, probe=in_place_probe,
                 notes={"result['returned the model itself']": "return the model you got, "
                        "compiled in place with model.compile(backend=backend)",
                        "result['compiled']": "the model's forward must run through "
                        "torch.compile with the given backend",
                        "result['training mode after": "compiling leaves the model in the mode "
                        "it was in (no model.eval())",
                        "result['train-mode output']": "the net's forward has a Python branch "
                        "on a tensor's value: compiled, it must still run (no fullgraph=True)"})


def in_place_on_cuda(compile_in_place):
    """The real thing on a GPU: the default backend (inductor, Triton kernels) on CUDA."""
    torch._dynamo.reset()
    torch.manual_seed(0)
    net = _Net().cuda()
    x = torch.linspace(-1, 1, 40, device="cuda").reshape(8, 5)
    returned = compile_in_place(net)
    net.train()
    train_output = net(x)
    net.eval()
    eval_output = net(x)
    return {"returned the model itself": returned is net,
            "train-mode output": train_output.detach().cpu(),
            "eval-mode output": eval_output.detach().cpu(),
            "buffers after": [b.cpu() for b in net.buffers()]}


@pytest.mark.gpu
def test_compile_in_place__cuda(kata):
    kata.compare("compile_in_place", {}, probe=in_place_on_cuda, atol=1e-4, rtol=1e-4)


@mistake("compile_strict", diagnosis="Without fullgraph=True, torch.compile splits the "
         "function at a graph break and runs that part in plain Python, silently: pass "
         "fullgraph=True so that a graph break raises instead.")
def no_fullgraph(fn, backend="inductor"):
    return torch.compile(fn, backend=backend)


@mistake("compile_strict", diagnosis="Nothing was compiled: the grader's backend never received "
         "a graph. Return torch.compile(fn, backend=backend, fullgraph=True) (TorchScript's "
         "torch.jit.script is not torch.compile, and is deprecated).")
def not_compiled(fn, backend="inductor"):
    return fn


@mistake("compile_in_place", diagnosis="torch.compile(model) returns a new wrapper module "
         "(OptimizedModule, state_dict keys prefixed with `_orig_mod.`) and leaves `model` "
         "itself uncompiled. Compile in place with model.compile(backend=backend), and return "
         "model.")
def wraps_instead(model, backend="inductor"):
    return torch.compile(model, backend=backend)


@mistake("compile_in_place", diagnosis="The model was not compiled: torch.compile(model) "
         "returns a new module and leaves `model` as it was. Call model.compile(backend=backend) "
         "(the module's own method), which compiles it in place.")
def discards_compiled(model, backend="inductor"):
    torch.compile(model, backend=backend)
    return model


@mistake("compile_in_place", diagnosis="model.compile(...) compiles in place and returns None: "
         "return the model itself afterwards.")
def returns_none(model, backend="inductor"):
    return model.compile(backend=backend)


@mistake("compile_in_place", diagnosis="Compiling needs no evaluation mode: model.eval() leaves a "
         "model that was training in eval mode (dropout off, batch-norm statistics frozen). "
         "Compile it as it is: model.compile(backend=backend).")
def eval_first(model, backend='inductor'):
    model.eval()
    model.compile(backend=backend)
    return model


@mistake("compile_in_place", diagnosis="fullgraph=True makes torch.compile refuse a forward with "
         "a graph break (here a Python `if` on a tensor's value) instead of compiling it in "
         "pieces: compile in place without it.")
def in_place_fullgraph(model, backend='inductor'):
    model.compile(backend=backend, fullgraph=True)
    return model


@mistake("compile_strict", diagnosis="The compiled function must return what fn returns, autograd "
         "graph included: under torch.no_grad() the result does not require grad, so nothing can "
         "be backpropagated through it. Return torch.compile(fn, backend=backend, "
         "fullgraph=True) itself.")
def under_no_grad(fn, backend='inductor'):
    compiled = torch.compile(fn, backend=backend, fullgraph=True)

    def run(*args, **kwargs):
        with torch.no_grad():
            return compiled(*args, **kwargs)
    return run


@mistake("compile_in_place", diagnosis="torch.jit.script returns a new ScriptModule (TorchScript, "
         "deprecated) and never uses the backend: compile in place with "
         "model.compile(backend=backend) and return model.")
def torchscript_module(model, backend='inductor'):
    return torch.jit.script(model)


@mistake("compile_strict", diagnosis="Pass backend on, torch.compile(fn, backend=backend, "
         "fullgraph=True): without it torch.compile uses inductor, not the backend you were "
         "given.")
def drops_backend(fn, backend='inductor'):
    return torch.compile(fn, fullgraph=True)
