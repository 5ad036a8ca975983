"""Checks for exercises/02_autograd/12_clipping.py: clipping gradients by value and by norm.

Beside the differential check, the learner's results on fixed examples are compared with
torch.nn.utils.clip_grad_value_ / clip_grad_norm_ run in the grader. The parameters drawn have
gradients that are None, zeros, 0-d, empty or non-contiguous, in every float dtype (one per
call); the list may be empty or have no gradient at all. The probe keeps the gradient tensors
the caller holds before the call: clipping must write into them.
"""

import torch
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch02_autograd._inputs import literal, shown_as
from grader.compare import first_difference
from grader.mistakes import mistake

CORNERS = ("zero_dim", "empty", "size_one", "noncontiguous", "negative")
LOW = (torch.float16, torch.bfloat16)
"""Norms in these dtypes round differently along equally right paths: compared more loosely."""


def make_params(values, grads):
    params = [v.clone().requires_grad_(True) for v in values]
    for p, g in zip(params, grads):
        p.grad = None if g is None else g.clone()
    return params


def clipped_by_value(clip_grads_by_value, values, grads, clip_value):
    """calls clip_grads_by_value(params, clip_value), params having these values and grads"""
    params = make_params(values, grads)
    held = [p.grad for p in params]
    returned = clip_grads_by_value(params, clip_value)
    return {"what clip_grads_by_value returned": returned,
            "p.grad of each p": [p.grad for p in params],
            "the gradient tensors held before the call": held,
            "the parameters": [p.detach() for p in params]}


def clipped_by_norm(clip_grads_by_norm, values, grads, max_norm):
    """calls clip_grads_by_norm(params, max_norm), params having these values and grads"""
    params = make_params(values, grads)
    held = [p.grad for p in params]
    total = clip_grads_by_norm(params, max_norm)
    return {"total norm returned": total, "p.grad of each p": [p.grad for p in params],
            "the gradient tensors held before the call": held,
            "the parameters": [p.detach() for p in params]}


@st.composite
def params_with_grads(draw, limit, dtypes):
    dtype = draw(st.sampled_from(dtypes))
    values, grads = [], []
    for _ in range(draw(st.integers(0, 4))):
        shape = draw(corners.shapes(max_dims=2, corners=CORNERS))
        values.append(draw(corners.tensors(shape, (dtype,), -5, 5, corners=("negative",))))
        kind = draw(st.sampled_from(["grad", "grad", "grad", "zeros", "none"]))
        if kind == "none":
            grads.append(None)
        elif kind == "zeros":
            grads.append(shown_as(torch.zeros(shape, dtype=dtype),
                                  f"torch.zeros({shape}, dtype={dtype})"))
        else:
            grads.append(draw(corners.tensors(shape, (dtype,), -10, 10, corners=CORNERS)))
    return {"values": values, "grads": grads, **limit(draw)}


def f64(*values):
    return literal(list(values), torch.float64)


VALUE_EXAMPLES = [  # first the inputs that tell the known mistakes apart
    {"values": [f64(5.0, -5.0, 0.2), f64(0.0)], "grads": [f64(3.0, -3.0, 0.5), None],
     "clip_value": 1.0},
    {"values": [f64(0.0), f64(5.0, -5.0, 0.2)], "grads": [None, f64(3.0, -3.0, 0.5)],
     "clip_value": 1.0},
    {"values": [f64(1.0, 2.0)], "grads": [None], "clip_value": 1.0},
    {"values": [], "grads": [], "clip_value": 1.0},
]
NORM_EXAMPLES = [  # first the inputs that tell the known mistakes apart
    {"values": [f64(0.0, 0.0), f64(0.0), f64(0.0)], "grads": [f64(3.0, 4.0), f64(-4.0), None],
     "max_norm": 1.0},
    {"values": [f64(1.0, 2.0)], "grads": [f64(0.3, 0.0)], "max_norm": 1.0},
    {"values": [f64(1.0, 2.0)], "grads": [None], "max_norm": 1.0},
    {"values": [], "grads": [], "max_norm": 1.0},
]
FIXED = {"values": [torch.zeros(2), torch.zeros(1), torch.zeros(3)],
         "grads": [torch.tensor([3.0, 0.0]), torch.tensor([-4.0]), None]}


def torch_says(clip, example, limit):
    params = make_params(example["values"], example["grads"])
    total = clip(params, limit)
    return total, [p.grad for p in params]


def test_clip_grads_by_value(kata):
    kata.compare("clip_grads_by_value",
                 params_with_grads(lambda d: {"clip_value": d(st.floats(0.1, 5))},
                                   (torch.float32, torch.float64)),
                 probe=clipped_by_value, max_examples=12, examples=VALUE_EXAMPLES)
    kata.compare("clip_grads_by_value",
                 params_with_grads(lambda d: {"clip_value": d(st.floats(0.1, 5))}, LOW),
                 probe=clipped_by_value, max_examples=4)
    for c in (1.0, 3.5, 10.0):
        got = kata.call("clip_grads_by_value", probe=clipped_by_value, clip_value=c, **FIXED)
        _, grads = torch_says(torch.nn.utils.clip_grad_value_, FIXED, c)
        kata.expect(first_difference(grads, got["p.grad of each p"]) is None,
                    f"clip_grads_by_value(clip_value={c}) should agree with "
                    f"torch.nn.utils.clip_grad_value_: expected grads {grads}, got "
                    f"{got['p.grad of each p']}.")


def test_clip_grads_by_norm(kata):
    kata.compare("clip_grads_by_norm",
                 params_with_grads(lambda d: {"max_norm": d(st.floats(0.1, 30))},
                                   (torch.float32, torch.float64)),
                 probe=clipped_by_norm, max_examples=12, examples=NORM_EXAMPLES)
    kata.compare("clip_grads_by_norm",
                 params_with_grads(lambda d: {"max_norm": d(st.floats(0.1, 30))}, LOW),
                 probe=clipped_by_norm, max_examples=4, rtol=2e-2, atol=1e-2)
    tiny = {"values": [torch.zeros(2, dtype=torch.float64)],
            "grads": [torch.tensor([2e-6, 0.0], dtype=torch.float64)], "max_norm": 1e-6}
    kata.compare("clip_grads_by_norm", tiny, probe=clipped_by_norm, rtol=1e-9, atol=0.0,
                 notes={"result['p.grad of each p']": "scale by max_norm / (total_norm + 1e-6), "
                        "as clip_grad_norm_ does: the 1e-6 matters for tiny gradients."})
    for m in (1.0, 4.0, 10.0):
        got = kata.call("clip_grads_by_norm", probe=clipped_by_norm, max_norm=m, **FIXED)
        total, grads = torch_says(torch.nn.utils.clip_grad_norm_, FIXED, m)
        kata.expect(first_difference([total, grads],
                                     [got["total norm returned"], got["p.grad of each p"]])
                    is None,
                    f"clip_grads_by_norm(max_norm={m}) should agree with "
                    f"torch.nn.utils.clip_grad_norm_: expected norm {float(total)} and grads "
                    f"{grads}, got {got['total norm returned']} and {got['p.grad of each p']}.")


@mistake("clip_grads_by_value", diagnosis="clamp(...) (no trailing underscore) returns a new "
         "tensor, which was never written back: the gradients stayed as they were. Clamp in "
         "place with p.grad.clamp_(-c, c).")
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


@mistake("clip_grads_by_value", diagnosis="p.grad = p.grad.clamp(...) installs a new tensor: "
         "whoever held the old gradient tensor (an optimizer, a hook) still sees the unclipped "
         "values. Clamp in place: p.grad.clamp_(-c, c).")
def rebinds_grad(params, clip_value):
    for p in params:
        if p.grad is not None:
            p.grad = p.grad.clamp(-clip_value, clip_value)


@mistake("clip_grads_by_value", diagnosis="a parameter without a gradient (p.grad is None: "
         "unused or frozen) made the code fail: skip those, `if p.grad is not None:`.")
def no_none_check(params, clip_value):
    for p in params:
        p.grad.clamp_(-clip_value, clip_value)


@mistake("clip_grads_by_value", diagnosis="`if p.grad:` asks for the truth of a whole tensor, "
         "which raises for more than one element (and skips a one-element zero): test "
         "`if p.grad is not None:`.")
def truthiness(params, clip_value):
    for p in params:
        if p.grad:
            p.grad.clamp_(-clip_value, clip_value)


@mistake("clip_grads_by_value", diagnosis="the loop stopped (break) at the first parameter "
         "without a gradient, so the ones after it were not clipped: skip it with continue.")
def break_on_none(params, clip_value):
    for p in params:
        if p.grad is None:
            break
        p.grad.clamp_(-clip_value, clip_value)


@mistake("clip_grads_by_value", diagnosis="clip_grad_norm_ rescales by the global norm; this "
         "exercise clamps each element into [-clip_value, clip_value] (clip_grad_value_).")
def clips_by_norm(params, clip_value):
    torch.nn.utils.clip_grad_norm_(params, clip_value)


@mistake("clip_grads_by_value", diagnosis="torch.nn.utils.clip_grad_value_ raises when no "
         "parameter has a gradient (an empty list, or every .grad None) instead of doing "
         "nothing: hand it only the parameters that have one, and only when there are some "
         "(or clamp each p.grad yourself).")
def library_unguarded(params, clip_value):
    torch.nn.utils.clip_grad_value_(params, clip_value)


@mistake("clip_grads_by_value", diagnosis="the parameters' values were clamped, not their "
         "gradients: clamp p.grad in place, p.grad.clamp_(-c, c).")
def clamps_weights(params, clip_value):
    for p in params:
        if p.grad is not None:
            p.data.clamp_(-clip_value, clip_value)


@mistake("clip_grads_by_norm", diagnosis="each gradient was clipped by its own norm (that is "
         "tf.clip_by_norm). The spec, like clip_grad_norm_ and tf.clip_by_global_norm, uses "
         "one global norm over all gradients and one scale for all.")
def per_tensor_norm(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    for g in grads:
        g.mul_(torch.clamp(max_norm / (torch.linalg.vector_norm(g) + 1e-6), max=1.0))
    return total


@mistake("clip_grads_by_norm", diagnosis="small gradients were scaled *up* to max_norm: the "
         "scale must be min(1, max_norm / (total + 1e-6)), so gradients under the limit stay "
         "as they are.")
def scales_up_small_grads(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    for g in grads:
        g.mul_(max_norm / (total + 1e-6))
    return total


@mistake("clip_grads_by_norm", diagnosis="the norm returned was measured after clipping; return "
         "the total norm from before, as clip_grad_norm_ does (it tells you how large the "
         "gradients really were).")
def returns_clipped_norm(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    for g in grads:
        g.mul_(torch.clamp(max_norm / (total + 1e-6), max=1.0))
    return torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))


@mistake("clip_grads_by_norm", diagnosis="the per-tensor norms were added up: the global norm "
         "is the norm of them, sqrt(sum of squares) (torch.linalg.vector_norm of the stacked "
         "norms).")
def sum_of_norms(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    total = sum(g.norm() for g in grads)
    coef = min(1.0, max_norm / (float(total) + 1e-6))
    for g in grads:
        g.mul_(coef)
    return total


@mistake("clip_grads_by_norm", diagnosis="total.item() is a Python float: return the 0-dim "
         "tensor itself, as clip_grad_norm_ does.")
def returns_float(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return 0.0
    total = torch.stack([g.norm() for g in grads]).norm()
    for g in grads:
        g.mul_(torch.clamp(max_norm / (total + 1e-6), max=1.0))
    return total.item()


@mistake("clip_grads_by_norm", diagnosis="with no gradient at all (an empty list, or every "
         ".grad None) torch.stack([]) raises: change nothing and return torch.tensor(0.0), as "
         "clip_grad_norm_ does.")
def stacks_nothing(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    for g in grads:
        g.mul_(torch.clamp(max_norm / (total + 1e-6), max=1.0))
    return total


@mistake("clip_grads_by_norm", diagnosis="p.grad = p.grad * coef installs a new tensor: whoever "
         "held the old gradient tensor (an optimizer, a hook) still sees the unclipped values. "
         "Scale in place: p.grad.mul_(coef).")
def rebinds_grads(params, max_norm):
    live = [p for p in params if p.grad is not None]
    if not live:
        return torch.tensor(0.0)
    total = torch.stack([p.grad.norm() for p in live]).norm()
    coef = torch.clamp(max_norm / (total + 1e-6), max=1.0)
    for p in live:
        p.grad = p.grad * coef
    return total


@mistake("clip_grads_by_norm", diagnosis="each element was clamped into [-max_norm, max_norm] "
         "(clip_grad_value_): that changes the gradients' direction. Clipping by norm scales "
         "them all by one factor, min(1, max_norm / (total + 1e-6)).")
def clamps_values(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.stack([g.norm() for g in grads]).norm()
    torch.nn.utils.clip_grad_value_(params, max_norm)
    return total


@mistake("clip_grads_by_norm", diagnosis="the norm was computed in float32 (.float()), so the "
         "total and the scale lose the gradients' dtype: compute with the gradients as they "
         "are (torch.linalg.vector_norm(g)).")
def float32_total(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.zeros(())
    for g in grads:
        total = total + g.float().pow(2).sum()
    total = total.sqrt()
    coef = torch.clamp(max_norm / (total + 1e-6), max=1.0)
    for g in grads:
        g.mul_(coef)
    return total
