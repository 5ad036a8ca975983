# %% [markdown]
# # A custom autograd Function
# When you need your own backward formula (speed, stability, a non-differentiable trick),
# subclass `torch.autograd.Function` with two static methods: `forward(ctx, ...)` computes
# the output and saves what backward needs with `ctx.save_for_backward`; `backward(ctx,
# grad_output)` returns grad_output times the local derivative (the chain rule). Call it
# as `MyFn.apply(x)`. Check a hand-written backward with `torch.autograd.gradcheck`.
# TensorFlow 2: the `@tf.custom_gradient` decorator.
# Docs: https://pytorch.org/docs/stable/notes/extending.html

# %%
import torch


class SiLUFunction(torch.autograd.Function):
    """SiLU (swish), ``x * sigmoid(x)``, with a hand-written backward.

    d/dx [x * s(x)] = s(x) * (1 + x * (1 - s(x))), where s = sigmoid. ``forward`` saves ``x``
    with ``ctx.save_for_backward(x)`` (not as an attribute of ``ctx``): then autograd raises if
    ``x`` is changed in place between forward and backward, instead of silently using the new
    values.

    Example:
        >>> x = torch.tensor([0.0, 1.0], dtype=torch.float64, requires_grad=True)
        >>> SiLUFunction.apply(x).sum().backward()
        >>> x.grad
        tensor([0.5000, 0.9277], dtype=torch.float64)
    """

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        # TODO: save x with ctx.save_for_backward(x) and return x * torch.sigmoid(x).
        raise NotImplementedError("SiLUFunction")

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
        # TODO: read x from ctx.saved_tensors and return grad_output * s * (1 + x * (1 - s)).
        raise NotImplementedError("SiLUFunction")
