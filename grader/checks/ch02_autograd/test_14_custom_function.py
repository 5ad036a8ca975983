"""Checks for exercises/02_autograd/14_custom_function.py: a torch.autograd.Function.

The learner's backward is compared with the reference's, checked against finite differences
with torch.autograd.gradcheck (in the worker), and compared with F.silu's autograd here.
"""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import strategies as ts
from grader.compare import first_difference
from grader.mistakes import mistake


def silu_report(function, x, v):
    """runs function.apply on a tracked x, backward(v), and torch.autograd.gradcheck"""
    leaf = x.clone().requires_grad_(True)
    y = function.apply(leaf)
    custom = isinstance(y.grad_fn, torch.autograd.function.BackwardCFunction)
    y.backward(v)
    check = torch.autograd.gradcheck(function.apply, (x.clone().requires_grad_(True),),
                                     raise_exception=False)
    return {"y": y.detach(), "grad": leaf.grad, "custom_backward_used": custom,
            "gradcheck_passed": check}


@st.composite
def silu_args(draw):
    shape = draw(ts.shapes(min_side=1, max_dims=2, max_side=3))
    return {"x": draw(ts.tensors(shape, torch.float64, -4, 4)),
            "v": draw(ts.tensors(shape, torch.float64, -2, 2))}


def test_SiLUFunction(kata):
    kata.compare("SiLUFunction", silu_args(), probe=silu_report, max_examples=6,
                 notes={"result['gradcheck_passed']": "gradcheck compares your backward with "
                        "finite differences of your forward: the derivative formula is off."})
    x = torch.linspace(-4, 4, 9, dtype=torch.float64)
    got = kata.call("SiLUFunction", probe=silu_report, x=x, v=torch.ones_like(x))
    leaf = x.clone().requires_grad_(True)
    F.silu(leaf).sum().backward()
    kata.expect(first_difference(leaf.grad, got["grad"]) is None,
                f"SiLUFunction's gradient should equal F.silu's: expected "
                f"{leaf.grad.tolist()}, got {got['grad']}.")


@mistake("SiLUFunction", diagnosis="backward returned the local derivative without multiplying "
         "by grad_output, which breaks the chain rule: return grad_output * (derivative).")
class IgnoresGradOutput(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return s * (1 + x * (1 - s))


@mistake("SiLUFunction", diagnosis="the derivative of x * sigmoid(x) is not sigmoid(x): by the "
         "product rule it is s * (1 + x * (1 - s)) with s = sigmoid(x).")
class SigmoidAsDerivative(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.sigmoid(x)
