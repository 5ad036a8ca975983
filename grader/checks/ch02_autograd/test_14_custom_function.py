"""Checks for exercises/02_autograd/14_custom_function.py: a torch.autograd.Function.

The learner's backward is compared with the reference's, checked against finite differences
with torch.autograd.gradcheck (in the worker, in float64), and compared with F.silu's autograd
here. x is saved with ctx.save_for_backward, so changing x in place between forward and backward
must make backward raise, as it does for the reference. float16 and bfloat16 are compared more
loosely (equally right formulas round differently there).
"""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import corners
from grader.checks.ch02_autograd._inputs import literal
from grader.compare import first_difference
from grader.mistakes import mistake

CORNERS = ("zero_dim", "empty", "size_one", "noncontiguous", "negative", "extreme")
LOW = (torch.float16, torch.bfloat16)


def silu_report(function, x, v):
    """y = SiLUFunction.apply(x), y.backward(v); again with x.add_(1) between; gradcheck

    x is a leaf that requires grad; the in-place change runs under torch.no_grad();
    torch.autograd.gradcheck runs on x in float64.
    """
    leaf = x.detach().clone().requires_grad_(True)
    y = function.apply(leaf)
    report = dict.fromkeys(("x after forward", "y", "x.grad",
                            "y's grad_fn is your Function's backward",
                            "backward raised after x was changed in place",
                            "torch.autograd.gradcheck passed"))
    report["x after forward"] = leaf.detach().clone()
    if not torch.equal(report["x after forward"], x.detach()):
        return report  # forward overwrote x: what follows would only fail less clearly
    custom = isinstance(y.grad_fn, torch.autograd.function.BackwardCFunction)
    y.backward(v)
    report.update({"y": y.detach(), "x.grad": leaf.grad,
                   "y's grad_fn is your Function's backward": custom})
    again = x.detach().clone().requires_grad_(True)
    y = function.apply(again)
    with torch.no_grad():
        again.add_(1)
    try:
        y.backward(torch.ones_like(y))
        raised = False
    except RuntimeError:
        raised = True
    report["backward raised after x was changed in place"] = raised
    report["torch.autograd.gradcheck passed"] = torch.autograd.gradcheck(
        function.apply, (x.detach().double().requires_grad_(True),), raise_exception=False)
    return report


def silu_args(dtypes):
    @st.composite
    def draw_silu(draw):
        shape = draw(corners.shapes(max_dims=2, max_side=3, corners=CORNERS))
        dtype = draw(st.sampled_from(dtypes))
        return {"x": draw(corners.tensors(shape, (dtype,), -4, 4, corners=CORNERS)),
                "v": draw(corners.tensors(shape, (dtype,), -2, 2, corners=("negative",)))}

    return draw_silu()


def f64(*values):
    return literal(list(values), torch.float64)


EXAMPLES = [{"x": f64(0.0, 1.0, -2.0), "v": f64(3.0, 3.0, -1.0)}]


def test_SiLUFunction(kata):
    notes = {"result['torch.autograd.gradcheck passed']": "gradcheck compares your backward "
             "with finite differences of your forward: the derivative formula is off.",
             "result['backward raised after x was changed in place']": "save x with "
             "ctx.save_for_backward(x) (not as an attribute of ctx): autograd then notices "
             "when x changed before backward, instead of silently using the new values."}
    kata.compare("SiLUFunction", silu_args((torch.float32, torch.float64)), probe=silu_report,
                 max_examples=8, examples=EXAMPLES, notes=notes)
    kata.compare("SiLUFunction", silu_args(LOW), probe=silu_report, max_examples=4,
                 rtol=2e-2, atol=1e-2, notes=notes)
    x = torch.linspace(-4, 4, 9, dtype=torch.float64)
    got = kata.call("SiLUFunction", probe=silu_report, x=x, v=torch.ones_like(x))
    want = kata.call("SiLUFunction", side="reference", probe=torch_silu_grad, x=x)
    kata.expect(first_difference(want, got["x.grad"]) is None,
                f"SiLUFunction's gradient should equal F.silu's: expected "
                f"{want.tolist()}, got {got['x.grad']}.")


def torch_silu_grad(_function, x):
    """F.silu's gradient (a probe: backward passes run in workers, never in the grader's
    process, whose forked workers would lose autograd)."""
    leaf = x.clone().requires_grad_(True)
    F.silu(leaf).sum().backward()
    return leaf.grad


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


@mistake("SiLUFunction", diagnosis="grad_output * s * (1 - s) is the derivative of the sigmoid "
         "alone; x * sigmoid(x) needs the product rule: s + x * s * (1 - s) = "
         "s * (1 + x * (1 - s)).")
class SigmoidsOwnDerivative(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad_output * s * (1 - s)


@mistake("SiLUFunction", diagnosis="x was kept as an attribute of ctx, not with "
         "ctx.save_for_backward(x): autograd cannot tell when x changes in place before "
         "backward, and the gradient silently uses the new values. Save it with "
         "ctx.save_for_backward(x) and read it from ctx.saved_tensors.")
class SavesOnCtx(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.x = x
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output):
        x = ctx.x
        s = torch.sigmoid(x)
        return grad_output * s * (1 + x * (1 - s))


@mistake("SiLUFunction", diagnosis=".float() made the output float32 whatever x's dtype (and "
         "the gradient lost precision): compute in x's own dtype.")
class Float32Forward(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        xf = x.float()
        return xf * torch.sigmoid(xf)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x.float())
        return grad_output * s * (1 + x.float() * (1 - s))


@mistake("SiLUFunction", diagnosis="grad_output was multiplied in place (mul_): that tensor "
         "belongs to the caller (here the v of y.backward(v)), which was overwritten. Return "
         "a new tensor: grad_output * (derivative).")
class GradOutputInPlace(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad_output.mul_(s * (1 + x * (1 - s)))


@mistake("SiLUFunction", diagnosis="the product rule lost the sigmoid's derivative: "
         "d/dx [x * s(x)] = s + x * s * (1 - s) = s * (1 + x * (1 - s)), not s + x * s.")
class ProductRuleSlip(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad_output * (s + x * s)


@mistake("SiLUFunction", diagnosis="forward wrote its output into x (x.mul_(...)): the caller's "
         "x was overwritten. Return a new tensor: x * torch.sigmoid(x).")
class MutatesInput(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        s = torch.sigmoid(x)
        ctx.save_for_backward(x.clone(), s)
        return x.mul_(s)

    @staticmethod
    def backward(ctx, grad_output):
        x, s = ctx.saved_tensors
        return grad_output * s * (1 + x * (1 - s))
