"""Imported by the grader before it forks this chapter's workers (the catalogue's ``preload``).

TorchDynamo and the distributed package take seconds to import and to run for the first time
(lazy imports, first-compile caches; DistributedDataParallel and the optimizers import Dynamo
too). Doing it once here, in the grading process, lets every forked worker start warm. No
learner code runs here: this compiles and runs the grader's own tiny functions. Never a backward
pass: autograd's worker threads, once started, would make every forked worker's autograd fail.
"""

import torch
import torch._dynamo
import torch.distributed  # noqa: F401
import torch.nn.functional as F
import torch.utils.data  # noqa: F401
from torch import nn
from torch.nn.parallel import DistributedDataParallel  # noqa: F401


def _warm() -> None:
    def backend(gm, example_inputs):
        return gm.forward

    model = nn.Sequential(nn.Linear(4, 4), nn.LayerNorm(4))
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0)
    compiled = torch.compile(model, backend=backend, dynamic=True)
    for batch in (2, 3):
        with torch.no_grad():
            F.cross_entropy(compiled(torch.randn(batch, 4)), torch.zeros(batch, dtype=torch.long))
        for p in model.parameters():
            p.grad = torch.ones_like(p)
        optimizer.step()
        scheduler.step()
    torch._dynamo.explain(lambda x: x.sin() + 1)(torch.ones(2))
    torch._dynamo.reset()


_warm()
