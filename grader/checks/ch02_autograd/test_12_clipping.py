"""Checks for exercises/02_autograd/12_clipping.py: clipping gradients by value and by norm.

Beside the differential check, the learner's results on fixed examples are compared with
torch.nn.utils.clip_grad_value_ / clip_grad_norm_ run in the grader.
"""

import torch
from hypothesis import strategies as st

from grader import strategies as ts
from grader.compare import first_difference
from grader.mistakes import mistake


def make_params(values, grads):
    params = [v.clone().requires_grad_(True) for v in values]
    for p, g in zip(params, grads):
        p.grad = None if g is None else g.clone()
    return params


def clipped_by_value(clip_grads_by_value, values, grads, clip_value):
    """builds parameters with these grads, calls clip_grads_by_value, reports the grads"""
    params = make_params(values, grads)
    clip_grads_by_value(params, clip_value)
    return {"grads": [p.grad for p in params], "params": [p.detach() for p in params]}


def clipped_by_norm(clip_grads_by_norm, values, grads, max_norm):
    """builds parameters with these grads, calls clip_grads_by_norm, reports norm and grads"""
    params = make_params(values, grads)
    total = clip_grads_by_norm(params, max_norm)
    return {"total_norm": total, "grads": [p.grad for p in params],
            "params": [p.detach() for p in params]}


@st.composite
def params_with_grads(draw, limit):
    values, grads = [], []
    for _ in range(draw(st.integers(1, 4))):
        shape = draw(ts.shapes(min_side=1, max_dims=2))
        values.append(draw(ts.tensors(shape, min_value=-5, max_value=5)))
        grads.append(draw(st.none() | ts.tensors(shape, min_value=-10, max_value=10)))
    if all(g is None for g in grads):
        grads[0] = draw(ts.tensors(values[0].shape, min_value=-10, max_value=10))
    return {"values": values, "grads": grads, **limit(draw)}


FIXED = {"values": [torch.zeros(2), torch.zeros(1), torch.zeros(3)],
         "grads": [torch.tensor([3.0, 0.0]), torch.tensor([-4.0]), None]}


def torch_says(clip, example, limit):
    params = make_params(example["values"], example["grads"])
    total = clip(params, limit)
    return total, [p.grad for p in params]


def test_clip_grads_by_value(kata):
    kata.compare("clip_grads_by_value",
                 params_with_grads(lambda d: {"clip_value": d(st.floats(0.1, 5))}),
                 probe=clipped_by_value, max_examples=10,
                 examples=[{"values": [torch.zeros(3)], "grads": [torch.tensor([3.0, -3.0, 0.5])],
                            "clip_value": 1.0}])
    for c in (1.0, 3.5, 10.0):
        got = kata.call("clip_grads_by_value", probe=clipped_by_value, clip_value=c, **FIXED)
        _, grads = torch_says(torch.nn.utils.clip_grad_value_, FIXED, c)
        kata.expect(first_difference(grads, got["grads"]) is None,
                    f"clip_grads_by_value(clip_value={c}) should agree with "
                    f"torch.nn.utils.clip_grad_value_: expected grads {grads}, got "
                    f"{got['grads']}.")


def test_clip_grads_by_norm(kata):
    kata.compare("clip_grads_by_norm",
                 params_with_grads(lambda d: {"max_norm": d(st.floats(0.1, 30))}),
                 probe=clipped_by_norm, max_examples=10, examples=[{**FIXED, "max_norm": 1.0}])
    tiny = {"values": [torch.zeros(2, dtype=torch.float64)],
            "grads": [torch.tensor([2e-6, 0.0], dtype=torch.float64)], "max_norm": 1e-6}
    kata.compare("clip_grads_by_norm", tiny, probe=clipped_by_norm, rtol=1e-9, atol=0.0,
                 notes={"result['grads']": "scale by max_norm / (total_norm + 1e-6), as "
                        "clip_grad_norm_ does: the 1e-6 matters for tiny gradients."})
    for m in (1.0, 4.0, 10.0):
        got = kata.call("clip_grads_by_norm", probe=clipped_by_norm, max_norm=m, **FIXED)
        total, grads = torch_says(torch.nn.utils.clip_grad_norm_, FIXED, m)
        kata.expect(first_difference([total, grads], [got["total_norm"], got["grads"]]) is None,
                    f"clip_grads_by_norm(max_norm={m}) should agree with "
                    f"torch.nn.utils.clip_grad_norm_: expected norm {float(total)} and grads "
                    f"{grads}, got {got['total_norm']} and {got['grads']}.")


@mistake("clip_grads_by_value", diagnosis="torch.clamp(p.grad, ...) returns a new tensor and the "
         "gradients stayed as they were: clamp in place with p.grad.clamp_(-c, c).")
def clamp_not_in_place(params, clip_value):
    for p in params:
        if p.grad is not None:
            torch.clamp(p.grad, -clip_value, clip_value)


@mistake("clip_grads_by_value", diagnosis="only the upper side was clipped: large negative "
         "gradients got through. Clamp into [-clip_value, clip_value].")
def clamps_upper_side_only(params, clip_value):
    for p in params:
        if p.grad is not None:
            p.grad.clamp_(max=clip_value)


@mistake("clip_grads_by_norm", diagnosis="each gradient was clipped by its own norm (that is "
         "tf.clip_by_norm). The spec, like clip_grad_norm_ and tf.clip_by_global_norm, uses "
         "one global norm over all gradients and one scale for all.")
def per_tensor_norm(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    for g in grads:
        g.mul_(torch.clamp(max_norm / (torch.linalg.vector_norm(g) + 1e-6), max=1.0))
    return total


@mistake("clip_grads_by_norm", diagnosis="small gradients were scaled *up* to max_norm: the "
         "scale must be min(1, max_norm / (total + 1e-6)), so gradients under the limit stay "
         "as they are.")
def scales_up_small_grads(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    for g in grads:
        g.mul_(max_norm / (total + 1e-6))
    return total


@mistake("clip_grads_by_norm", diagnosis="the norm returned was measured after clipping; return "
         "the total norm from before, as clip_grad_norm_ does (it tells you how large the "
         "gradients really were).")
def returns_clipped_norm(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    for g in grads:
        g.mul_(torch.clamp(max_norm / (total + 1e-6), max=1.0))
    return torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
