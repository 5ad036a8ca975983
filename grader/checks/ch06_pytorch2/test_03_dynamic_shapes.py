"""compile_for_any_batch: the returned callable is run on several batch sizes (>= 2, none equal
to a fixed size of the model, sometimes a last batch of 1); its outputs must equal eager and the
grader's counting backend must receive as many graphs as the reference's (1, or 2 with a batch
of 1)."""

import torch
from hypothesis import strategies as st
from torch import nn

from grader.checks.ch06_pytorch2 import _helpers
from grader.mistakes import mistake


def _mlp():
    return nn.Sequential(nn.Linear(16, 12), nn.ReLU(), nn.LayerNorm(12), nn.Linear(12, 10))


class _Conv(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.fc = nn.Linear(4 * 6 * 6, 10)

    def forward(self, x):
        return self.fc(torch.flatten(torch.relu(self.conv(x)), 1))


MODELS = {"mlp": (_mlp, (16,)), "conv": (_Conv, (3, 6, 6))}


def batches_probe(compile_for_any_batch, model, sizes, seed):
    factory, shape = MODELS[model]
    torch.manual_seed(seed)
    net = factory()
    backend = _helpers.fresh_backend()
    compiled = compile_for_any_batch(net, backend=backend)
    g = torch.Generator().manual_seed(seed)
    outputs = [compiled(torch.randn(n, *shape, generator=g)).detach() for n in sizes]
    return {"outputs": outputs, "graphs compiled": backend.graphs}


@st.composite
def batches_inputs(draw):
    sizes = draw(st.lists(st.sampled_from([2, 4, 5, 7, 9]), min_size=2, max_size=4,
                          unique=True))
    if draw(st.booleans()):
        sizes.append(1)
    return {"model": draw(st.sampled_from(sorted(MODELS))), "sizes": sizes,
            "seed": draw(st.integers(0, 99))}


NOTES = {"result['graphs compiled']": "batches of sizes >= 2 must share one graph (a last "
         "batch of 1 compiles once more): compile with dynamic=True"}


def test_compile_for_any_batch(kata):
    kata.compare("compile_for_any_batch", batches_inputs(), probe=batches_probe, max_examples=2,
                 notes=NOTES, examples=[{"model": "mlp", "sizes": [8, 5, 2], "seed": 0}])


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
