"""Right answers to chapter 2 (autograd) written differently from the reference: all must pass."""

import torch
import torch.nn.functional as F

from grader.mistakes import alternative


@alternative("trainable_copy")
def clone_then_detach(x):
    return x.clone().detach().requires_grad_()


@alternative("trainable_copy")
def filled_with_copy(x):
    return torch.empty_like(x).copy_(x.detach()).requires_grad_()


@alternative("mean_square_grads")
def squares_with_pow(x):
    w = x.detach().clone()
    w.requires_grad = True
    z = 3 * (w + 7) ** 2
    z.retain_grad()
    torch.mean(z).backward()
    return w, z


@alternative("grad_fn_chain")
def recursive_walk(t):
    def walk(node):
        if node is None:
            return []
        rest = node.next_functions[0][0] if node.next_functions else None
        return [node.__class__.__name__.rstrip("0123456789")] + walk(rest)

    return walk(t.grad_fn)


@alternative("vector_jacobian_product")
def with_autograd_grad(fn, x, v):
    leaf = x.detach().clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(fn(leaf), leaf, grad_outputs=v)
    return grad


@alternative("vector_jacobian_product")
def weighted_sum(fn, x, v):
    leaf = x.detach().clone().requires_grad_(True)
    (fn(leaf) * v).sum().backward()
    return leaf.grad


@alternative("accumulated_grad")
def rebuilds_the_graph(x, times):
    w = x.detach().clone().requires_grad_(True)
    for _ in range(times):
        (w ** 3).sum().backward()
    return w.grad


@alternative("predict_no_grad")
def with_inference_mode(w, x):
    with torch.inference_mode():
        return x @ w


@alternative("predict_no_grad")
def detaches_both(w, x):
    return x.detach() @ w.detach()


@alternative("td_loss")
def target_under_no_grad(w, s, r, s_next, gamma):
    with torch.no_grad():
        target = r + gamma * (s_next @ w)
    return F.mse_loss(s @ w, target)


@alternative("derivatives")
def grads_as_tuples(fn, x):
    first = torch.autograd.grad(fn(x), x, grad_outputs=torch.ones_like(x), create_graph=True)[0]
    second = torch.autograd.grad(first, x, grad_outputs=torch.ones_like(x))[0]
    return first, second


@alternative("double_until")
def counts_with_a_list(x, threshold):
    w = x.detach().clone().requires_grad_(True)
    ys = [2 * w]
    while torch.linalg.vector_norm(ys[-1]) < threshold:
        ys.append(2 * ys[-1])
    ys[-1].sum().backward()
    return w.grad, len(ys)


@alternative("manual_gd_step")
def sub_and_zero(w, lr):
    with torch.no_grad():
        w.sub_(lr * w.grad)
    w.grad.zero_()


@alternative("manual_gd_step")
def optimizer_step(w, lr):
    optimizer = torch.optim.SGD([w], lr=lr)
    optimizer.step()
    optimizer.zero_grad()


@alternative("fit_line_manual")
def subtracts_the_product(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(float(loss))
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            w.grad.zero_()
    return w.detach(), losses


@alternative("fit_line_sgd")
def zero_grad_after_step(x, y, lr=1e-3, steps=10):
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    losses = []
    for _ in range(steps):
        loss = ((y - (w[1] * x + w[0])) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    return w.detach(), losses


@alternative("clip_grads_by_value")
def torch_clip_value(params, clip_value):
    with_grad = [p for p in params if p.grad is not None]
    if with_grad:  # clip_grad_value_ raises when no parameter has a gradient
        torch.nn.utils.clip_grad_value_(with_grad, clip_value)


@alternative("clip_grads_by_norm")
def torch_clip_norm(params, max_norm):
    return torch.nn.utils.clip_grad_norm_(params, max_norm)


@alternative("huber_loss")
def masked_branches(pred, target, delta=1.0):
    e = target - pred
    small = e.abs() <= delta
    quadratic = (0.5 * e * e).masked_fill(~small, 0)
    linear = (delta * (e.abs() - 0.5 * delta)).masked_fill(small, 0)
    return (quadratic + linear).sum() / e.numel()


@alternative("huber_loss")
def clipped_linear_branch(pred, target, delta=1.0):
    d = (pred - target).abs()
    quadratic = torch.clamp(d, max=delta)
    return (0.5 * quadratic ** 2 + delta * (d - quadratic)).mean()


@alternative("SiLUFunction")
class SiLUSavesSigmoid(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        s = torch.sigmoid(x)
        ctx.save_for_backward(x, s)
        return x * s

    @staticmethod
    def backward(ctx, grad_output):
        x, s = ctx.saved_tensors
        return grad_output * (s + x * s * (1 - s))
