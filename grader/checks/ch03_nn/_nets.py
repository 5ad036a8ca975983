"""Small seeded models and data shared by the chapter-3 checks (they run inside workers)."""

import torch
import torch.nn as nn
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import corners


class TinyMnistNet(nn.Module):
    """MnistNet in miniature for (N, 1, 8, 8) images: conv, pool, dropout, linear, linear."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3)
        self.dropout = nn.Dropout(0.5)
        self.fc1 = nn.Linear(4 * 3 * 3, 16)
        self.fc2 = nn.Linear(16, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)      # (N, 4, 3, 3)
        x = self.dropout(torch.flatten(x, 1))            # (N, 36)
        return self.fc2(F.relu(self.fc1(x)))             # (N, 10)


class TinyBnNet(nn.Module):
    """Linear -> BatchNorm -> ReLU -> dropout -> Dropout -> Linear on (N, 6): train and eval mode
    differ in every part. The first dropout is F.dropout(..., training=self.training), so the root
    module's own flag matters too, not only its submodules'."""

    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(6, 16)
        self.bn = nn.BatchNorm1d(16)
        self.dropout = nn.Dropout(0.5)
        self.fc2 = nn.Linear(16, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = F.dropout(F.relu(self.bn(self.fc1(x))), 0.2, training=self.training)
        return self.fc2(self.dropout(h))


def batches(steps: int, batch: int, seed: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """``steps`` batches of (batch, 1, 8, 8) images and int64 labels, from their own generator."""
    g = torch.Generator().manual_seed(seed)
    return [(torch.randn(batch, 1, 8, 8, generator=g), torch.randint(0, 10, (batch,), generator=g))
            for _ in range(steps)]


# -- models named by the code that builds them ---------------------------------------------------
# A check draws a model as the line of code a learner would write to build it (so a failing input
# reads as something to paste), and the probe builds it inside the worker from that line's entry
# here. The corner kinds are grader.corners.build_module's models, seeded there with 0.
KIND_MODELS = {
    "mlp": "nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))",
    "linear": "nn.Linear(3, 2)",
    "tied": "nn.Sequential(nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 3)) with "
            "model[2].weight = model[0].weight",
    "with_buffers": "nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.Linear(4, 2))",
    "linear_subclass": "nn.Sequential(ScaledLinear(3, 4), nn.ReLU(), nn.Linear(4, 2)) with "
                       "class ScaledLinear(nn.Linear) halving its output",
    "conv1d": "nn.Sequential(nn.Conv1d(2, 3, 3), nn.ReLU(), nn.Conv1d(3, 2, 1))",
    "conv3d": "nn.Sequential(nn.Conv3d(1, 2, 2), nn.ReLU())",
    "conv_transpose2d": "nn.Sequential(nn.ConvTranspose2d(2, 3, 2), nn.ReLU())",
}


def _shared_module() -> nn.Module:
    head = nn.Linear(3, 3)
    return nn.Sequential(head, nn.ReLU(), head)


def _mnist_on_meta() -> nn.Module:
    return nn.ModuleDict({"conv1": nn.Conv2d(1, 32, 3, device="meta"),
                          "conv2": nn.Conv2d(32, 64, 3, device="meta"),
                          "fc1": nn.Linear(9216, 128, device="meta"),
                          "fc2": nn.Linear(128, 10, device="meta")})


OTHER_MODELS = {
    "nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3), nn.ReLU(), nn.Linear(3, 2, bias=False))":
        lambda: nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3), nn.ReLU(),
                              nn.Linear(3, 2, bias=False)),
    "nn.Sequential(head, nn.ReLU(), head) with head = nn.Linear(3, 3)": _shared_module,
    "nn.BatchNorm1d(3)": lambda: nn.BatchNorm1d(3),
    "nn.ReLU()": lambda: nn.ReLU(),
    "nn.ParameterDict({'scale': nn.Parameter(torch.tensor(1.0))})":
        lambda: nn.ParameterDict({"scale": nn.Parameter(torch.tensor(1.0))}),
    "the notebook's layers on the meta device: nn.ModuleDict({'conv1': nn.Conv2d(1, 32, 3), "
    "'conv2': nn.Conv2d(32, 64, 3), 'fc1': nn.Linear(9216, 128), 'fc2': nn.Linear(128, 10)})":
        _mnist_on_meta,
}
NOTEBOOK_ON_META = next(d for d in OTHER_MODELS if d.startswith("the notebook's"))


def build(description: str, seed: int = 0) -> nn.Module:
    """The model a description names, built with torch.manual_seed(seed)."""
    for kind, text in KIND_MODELS.items():
        if text == description:
            return corners.build_module(kind, seed)
    torch.manual_seed(seed)
    return OTHER_MODELS[description]()


def described_models(admitted=corners.MODULE, others=tuple(OTHER_MODELS)) -> st.SearchStrategy:
    """Descriptions of models: the corner kinds ``admitted`` allows, and the ``others`` given."""
    kinds = corners.module_kinds(admitted).map(KIND_MODELS.__getitem__)
    return st.one_of(kinds, st.sampled_from(list(others))) if others else kinds


@st.composite
def frozen_models(draw, admitted=corners.MODULE, others=tuple(OTHER_MODELS)):
    """{"model": a description, "frozen": names of some of its parameters to freeze}."""
    description = draw(described_models(admitted, others))
    names = [name for name, _ in build(description).named_parameters()]
    frozen = draw(st.lists(st.sampled_from(names), max_size=2, unique=True)) if names else []
    return {"model": description, "frozen": frozen}


def build_frozen(model: str, frozen: list[str], seed: int = 0) -> nn.Module:
    """``build(model)`` with the parameters named in ``frozen`` set to requires_grad=False."""
    built = build(model, seed)
    for name in frozen:
        built.get_parameter(name).requires_grad_(False)
    return built


def example(code: str) -> torch.Tensor:
    """The tensor a line of code makes, for a named example of a check (call it inside the check):
    it remembers the line (a failure message shows it, so the learner can make the same input
    again; the attribute is the one grader.corners reads) and records the corners it reaches."""
    tensor = eval(code, {"torch": torch})  # noqa: S307 - the check's own constant code
    tensor.kata_made = code
    reached = {torch.float16: "low_precision", torch.bfloat16: "low_precision",
               torch.float64: "float64", torch.bool: "bool", torch.int64: "integer",
               torch.int32: "integer", torch.uint8: "integer"}.get(tensor.dtype)
    for corner, on in ((reached, reached is not None), ("zero_dim", tensor.dim() == 0),
                       ("empty", 0 in tensor.shape), ("size_one", 1 in tensor.shape),
                       ("noncontiguous", not tensor.is_contiguous()),
                       ("requires_grad", tensor.requires_grad)):
        if on:
            corners.reach(corner)
    return tensor


def model_code(kind: str) -> str:
    """The code of one of grader.corners' model kinds, for a named example (call it inside the
    check: it records the corner the kind reaches)."""
    if kind in corners.MODULE_KINDS:
        corners.reach(corners.MODULE_KINDS[kind])
    return KIND_MODELS[kind]
