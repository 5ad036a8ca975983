# %% [markdown]
# # Linear regression from scratch, then with torch.optim.SGD
# Fit `y ≈ w[1] * x + w[0]` by gradient descent on the sum of squared errors (SSE), first
# with a hand-written loop, then with `torch.optim.SGD`. From the same start, data and
# learning rate they agree: plain SGD runs `w.add_(w.grad, alpha=-lr)`. Written that way your
# loop gives the same bits; `w -= lr * w.grad` rounds the product separately, so it may
# differ in the last bit. Run long enough, both reach the least-squares line.
# TensorFlow 2: `optimizer.apply_gradients(zip(grads, vars))` after `tape.gradient`.
# Docs: https://pytorch.org/docs/stable/generated/torch.optim.SGD.html

# %%
import torch


def line_sse(w: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Sum (not mean) of squared errors of the line ``w[1] * x + w[0]``: a 0-dim tensor."""
    return ((y - (w[1] * x + w[0])) ** 2).sum()


def fit_line_manual(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                    steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """Gradient descent by hand from ``w = [0, 0]``; return ``(w.detach(), losses)``.

    ``w`` is a leaf of ``x``'s dtype that requires grad. Each step: ``loss = line_sse(w, x, y)``,
    append ``loss.item()`` to ``losses``, ``loss.backward()``, update ``w`` in place under
    ``torch.no_grad()`` (``w -= lr * w.grad`` or ``w.add_(w.grad, alpha=-lr)``) and clear
    ``w.grad``. Use ``line_sse`` as given.

    Example:
        >>> x = torch.tensor([0.0, 1.0], dtype=torch.float64)
        >>> w, losses = fit_line_manual(x, 2 * x + 1, lr=0.1, steps=200)
        >>> w.round(decimals=4), losses[0]            # y = 2x + 1; SSE at w = 0 is 1 + 9
        (tensor([1., 2.], dtype=torch.float64), 10.0)
    """
    # Why: zeroing matters: without it every step would add the old gradients again.
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w.add_(w.grad, alpha=-lr)  # w -= lr * w.grad, rounded once, as SGD does
        w.grad = None
    return w.detach(), losses


def fit_line_sgd(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                 steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """The same fit with ``torch.optim.SGD([w], lr=lr)``; return ``(w.detach(), losses)``.

    Each step: ``optimizer.zero_grad()``, loss, record ``loss.item()``, ``loss.backward()``,
    ``optimizer.step()``. The result equals ``fit_line_manual``'s (the same example works):
    bit for bit when that loop updates with ``w.add_(w.grad, alpha=-lr)``, as SGD does, and
    up to the last bits with ``w -= lr * w.grad``.
    TensorFlow: ``tf.keras.optimizers.SGD(lr).apply_gradients(zip(grads, [w]))``.
    """
    # Why: zero_grad() clears last step's gradient before backward writes the new one.
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.detach(), losses
