"""Realistic learner answers for exercises/02_autograd/14_custom_function.py (SiLUFunction)."""
import torch
import torch.nn.functional as F


# --------------------------------------------------------------------------- right answers

class right__SiLUFunction__save_sigmoid_too(torch.autograd.Function):
    """alternative | saves both x and s = sigmoid(x) in forward, so backward reuses s instead of recomputing it"""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        s = torch.sigmoid(x)
        ctx.save_for_backward(x, s)
        return x * s

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
        x, s = ctx.saved_tensors
        return grad_output * s * (1 + x * (1 - s))


class right__SiLUFunction__functional_silu(torch.autograd.Function):
    """alternative | forward with F.silu instead of x * sigmoid(x); backward recomputes s with Tensor.sigmoid()"""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(x)
        return F.silu(x)

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
        (x,) = ctx.saved_tensors
        s = x.sigmoid()
        return grad_output * s * (1 + x * (1 - s))


class right__SiLUFunction__recompute_with_autograd(torch.autograd.Function):
    """alternative | backward re-runs x * sigmoid(x) under enable_grad on a detached copy and lets torch.autograd.grad apply grad_output (checkpoint style)"""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
        (x,) = ctx.saved_tensors
        with torch.enable_grad():
            xx = x.detach().requires_grad_(True)
            yy = xx * torch.sigmoid(xx)
            (g,) = torch.autograd.grad(yy, xx, grad_output)
        return g


class right__SiLUFunction__tuple_and_expit(torch.autograd.Function):
    """alternative | backward takes the sigmoid from torch.special.expit and returns the gradient as a one-element tuple"""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
        (x,) = ctx.saved_tensors
        s = torch.special.expit(x)
        return (grad_output * s * (1 + x * (1 - s)),)


# --------------------------------------------------------------------------- wrong answers

class wrong__SiLUFunction__forgets_grad_output(torch.autograd.Function):
    """beginner | backward returns only the local derivative and forgets to multiply by grad_output (chain rule broken) | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64, requires_grad=True), (SiLUFunction.apply(x) * 3).sum().backward() (grad [0.5, 0.93] instead of [1.5, 2.78])"""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return s * (1 + x * (1 - s))


class wrong__SiLUFunction__sigmoid_derivative(torch.autograd.Function):
    """examples | reuses the sigmoid backward from custom-Function tutorials, grad * s (1 - s), forgetting the product rule for x * s(x) | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64, requires_grad=True), SiLUFunction.apply(x).sum().backward() (grad [0.25, 0.20] instead of [0.5, 0.93])"""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad_output * s * (1 - s)


class wrong__SiLUFunction__saved_on_ctx_attribute(torch.autograd.Function):
    """subtle | stores x as ctx.x instead of ctx.save_for_backward(x): no version check, so if x is modified in place between forward and backward the gradient is silently computed from the new values instead of raising | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64, requires_grad=True), y = SiLUFunction.apply(x), then `with torch.no_grad(): x.add_(1)` and y.sum().backward() (no error)"""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        ctx.x = x
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
        x = ctx.x
        s = torch.sigmoid(x)
        return grad_output * s * (1 + x * (1 - s))


class wrong__SiLUFunction__float32_forward(torch.autograd.Function):
    """subtle | computes the sigmoid on x.float() "to be safe": the output is float32 for a float64 input (dtype not kept) and the float64 gradient loses precision | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64, requires_grad=True) (output dtype float32)"""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(x)
        xf = x.float()
        return xf * torch.sigmoid(xf)

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x.float())
        return grad_output * s * (1 + x.float() * (1 - s))


class wrong__SiLUFunction__inplace_grad_output(torch.autograd.Function):
    """subtle | "saves memory" by multiplying grad_output in place (grad_output.mul_(...)): the incoming gradient tensor belongs to the caller, e.g. the v passed to y.backward(v), which gets overwritten | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64, requires_grad=True), v = torch.ones(2, dtype=torch.float64), SiLUFunction.apply(x).backward(v) (v becomes [0.5, 0.93])"""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad_output.mul_(s * (1 + x * (1 - s)))


class wrong__SiLUFunction__product_rule_slip(torch.autograd.Function):
    """beginner | product rule written s + x * s (missing the (1 - s) of the sigmoid derivative) | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64, requires_grad=True), SiLUFunction.apply(x).sum().backward() (grad[1] 1.40 instead of 0.93)"""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad_output * (s + x * s)


class wrong__SiLUFunction__mutates_input(torch.autograd.Function):
    """subtle | computes the output in place on the input (x.mul_(sigmoid(x))) to save memory: the caller's x is overwritten (forward runs with grad disabled, so nothing stops it) | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64, requires_grad=True), SiLUFunction.apply(x) (x becomes [0, 0.7311])"""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        s = torch.sigmoid(x)
        ctx.save_for_backward(x.clone(), s)
        return x.mul_(s)

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
        x, s = ctx.saved_tensors
        return grad_output * s * (1 + x * (1 - s))
