"""clip_norm_no_break: eager results equal the reference's (long and short vectors, empty ones,
four float dtypes, non-contiguous inputs, x left unchanged), and torch.compile(fullgraph=True)
with the grader's counting backend captures the learner's function in one graph with the same
result."""

import torch
from hypothesis import strategies as st

from grader import corners
from grader import strategies as ts
from grader.checks.ch06_pytorch2 import _helpers
from grader.mistakes import mistake


def clip_probe(clip_norm_no_break, x, max_norm):
    eager = clip_norm_no_break(x, max_norm)
    backend = _helpers.fresh_backend()
    try:
        compiled = torch.compile(clip_norm_no_break, backend=backend, fullgraph=True)(
            x, max_norm)
    except Exception as exc:  # noqa: BLE001 - a graph break is reported as data
        compiled = _helpers.graph_break_error(exc)
        if compiled is None:
            raise
    return {"eager result": eager, "compiled with fullgraph=True": compiled,
            "graphs captured": backend.graphs}


@st.composite
def clip_inputs(draw):
    dtype = draw(st.sampled_from([torch.float32, torch.float64, torch.float16, torch.bfloat16]))
    corners.record_dtype(dtype)
    x = draw(ts.tensors(ts.shapes(1, 3, 0, 4), torch.float32, -10, 10, noncontiguous=True))
    return {"x": x.to(dtype), "max_norm": draw(st.sampled_from([0.5, 1.0, 5.0, 100.0]))}


NOTES = {"result['compiled with fullgraph=True']": "torch.compile(clip_norm_no_break, "
         "fullgraph=True) must capture your function in one graph: no Python if on a tensor's "
         "value (nor .item(), which older releases cannot keep in a graph)"}


def test_clip_norm_no_break(kata):
    kata.compare("clip_norm_no_break", clip_inputs(), probe=clip_probe, max_examples=1,
                 notes=NOTES,
                 examples=corners.examples(
                     {"x": torch.tensor([3.0, 4.0]), "max_norm": 1.0},
                     {"x": torch.tensor([[0.3, 0.4]]), "max_norm": 1.0},
                     {"x": torch.zeros(0, 2), "max_norm": 1.0},
                     {"x": torch.zeros(3), "max_norm": 1.0},
                     {"x": torch.tensor([30.0, 40.0], dtype=torch.float16), "max_norm": 5.0},
                     {"x": torch.tensor([[3.0], [4.0]], dtype=torch.float64), "max_norm": 1.0}))


@mistake("clip_norm_no_break", diagnosis="A Python `if` on the norm's value (with `.item()` or "
         "without: `if norm > max_norm:` needs the value too) breaks the graph, and "
         "fullgraph=True raises. Keep the decision in the graph: "
         "x * torch.clamp(max_norm / norm, max=1.0), or torch.where(norm > max_norm, ...).")
def item_and_if(x, max_norm):
    norm = torch.linalg.vector_norm(x)
    if norm.item() > max_norm:
        x = x * (max_norm / norm)
    return x


@mistake("clip_norm_no_break", covered_by="item_and_if")  # its diagnosis says "or without"
def tensor_if(x, max_norm):
    norm = torch.linalg.vector_norm(x)
    if norm > max_norm:
        return x * (max_norm / norm)
    return x


@mistake("clip_norm_no_break", diagnosis="Short vectors were scaled up too: the factor "
         "max_norm / norm must be clamped to at most 1, so that x with a norm below max_norm "
         "stays as it is.")
def always_rescales(x, max_norm):
    return x * (max_norm / torch.linalg.vector_norm(x))


@mistake("clip_norm_no_break", diagnosis="That clips each value to [-max_norm, max_norm]; the "
         "exercise limits the vector's L2 norm: scale the whole of x by "
         "min(1, max_norm / norm).")
def clamps_values(x, max_norm):
    return x.clamp(-max_norm, max_norm)


@mistake("clip_norm_no_break", diagnosis="x was changed in place (mul_): return a new tensor "
         "and leave the caller's x as it was.")
def scales_in_place(x, max_norm):
    norm = torch.linalg.vector_norm(x)
    return x.mul_(torch.clamp(max_norm / norm, max=1.0))


@mistake("clip_norm_no_break", diagnosis="Normalising first divides by the norm, 0 for an "
         "all-zero x: 0/0 gives nan. Multiply x by one factor instead, max_norm / norm clamped "
         "to at most 1 (inf clamps to 1).")
def unit_then_scale(x, max_norm):
    norm = torch.linalg.vector_norm(x)
    return x / norm * torch.clamp(norm, max=max_norm)
