"""compile_for_any_batch: the returned callable is run on batches of sizes 8, 5 and 3 (none equal
to a fixed size of the model) and a last batch of 1; its outputs must equal eager and the
grader's counting backend must receive as many graphs as the reference's: one for the sizes >= 2,
one more for the batch of 1."""

import torch
from torch import nn

from grader.checks.ch06_pytorch2 import _helpers
from grader.mistakes import mistake


def _mlp():
    return nn.Sequential(nn.Linear(16, 12), nn.ReLU(), nn.LayerNorm(12), nn.Linear(12, 10))


MODELS = {"mlp": _mlp}


def batches_probe(compile_for_any_batch, model, sizes, seed):
    torch.manual_seed(seed)
    net = MODELS[model]()
    backend = _helpers.fresh_backend()
    compiled = compile_for_any_batch(net, backend=backend)
    g = torch.Generator().manual_seed(seed)
    outputs = [compiled(torch.randn(n, 16, generator=g)).detach() for n in sizes]
    return {"outputs": outputs, "graphs compiled": backend.graphs}


NOTES = {"result['graphs compiled']": "batches of sizes >= 2 must share one graph (a last "
         "batch of 1 compiles once more): compile with dynamic=True"}


def test_compile_for_any_batch(kata):
    # One example (compiling with symbolic shapes takes a few tenths of a second per side):
    # three sizes that must share a graph, then a last batch of 1, which compiles again.
    kata.compare("compile_for_any_batch", {"model": "mlp", "sizes": [8, 5, 3, 1], "seed": 0},
                 probe=batches_probe, notes=NOTES)


@mistake("compile_for_any_batch", diagnosis="The second batch size recompiled: by default "
         "torch.compile specialises its first graph to the shapes it saw (and only then marks "
         "the batch dimension dynamic). Pass dynamic=True to torch.compile.")
def static_first(model, backend="inductor"):
    return torch.compile(model, backend=backend)


@mistake("compile_for_any_batch", diagnosis="dynamic=False compiles a new graph for every batch "
         "size: pass dynamic=True.")
def never_dynamic(model, backend="inductor"):
    return torch.compile(model, backend=backend, dynamic=False)


@mistake("compile_for_any_batch", diagnosis="Nothing was compiled: the grader's backend received "
         "no graph. Return torch.compile(model, backend=backend, dynamic=True).")
def not_compiled(model, backend="inductor"):
    return model
