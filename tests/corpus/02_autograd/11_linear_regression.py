"""Realistic learner answers for exercises/02_autograd/11_linear_regression.py (fit_line_manual, fit_line_sgd)."""
import torch
import torch.nn.functional as F


def line_sse(w: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Sum (not mean) of squared errors of the line ``w[1] * x + w[0]``: a 0-dim tensor (as given in the stub)."""
    return ((y - (w[1] * x + w[0])) ** 2).sum()


# =========================================================================== fit_line_manual
# --------------------------------------------------------------------------- right answers

def right__fit_line_manual__sgd_formula(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                        steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """alternative | updates with w.add_(w.grad, alpha=-lr), SGD's own formula, so the bits match torch.optim.SGD"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w.add_(w.grad, alpha=-lr)
        w.grad = None
    return w.detach(), losses


def right__fit_line_manual__sub_and_zero(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                         steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """alternative | w from x.new_zeros(2), update w -= lr * w.grad, gradient cleared with zero_() instead of None"""
    w = x.new_zeros(2).requires_grad_()
    losses: list[float] = []
    step = 0
    while step < steps:
        loss = line_sse(w, x, y)
        losses.append(float(loss.item()))
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            w.grad.zero_()
        step += 1
    return w.detach(), losses


def right__fit_line_manual__autograd_grad(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                          steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """alternative | stores the gradient with torch.autograd.grad instead of backward (nothing to clear) and returns a detached clone"""
    w = torch.zeros(2, dtype=x.dtype).requires_grad_()
    losses = []
    for _ in range(steps):
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        (g,) = torch.autograd.grad(loss, w)
        with torch.no_grad():
            w.sub_(g, alpha=lr)
    return w.detach().clone(), losses


# --------------------------------------------------------------------------- wrong answers

def wrong__fit_line_manual__never_clears(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                         steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """tf-habit | never clears w.grad (tape.gradient gives fresh gradients in TF): gradients pile up across steps, so from the second step on the update uses their sum | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 3"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
    return w.detach(), losses


def wrong__fit_line_manual__default_float32(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                            steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """subtle | creates w with torch.zeros(2, requires_grad=True), the default float32, not x's dtype: a float64 fit is done partly in float32 and returns a float32 w | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 200 (w.dtype float32)"""
    w = torch.zeros(2, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad = None
    return w.detach(), losses


def wrong__fit_line_manual__keeps_loss_tensors(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                               steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """beginner | appends the loss tensor itself instead of loss.item(): the list holds 0-dim tensors (each keeping its graph alive), not Python floats | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 2 (losses[0] is a tensor)"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = line_sse(w, x, y)
        losses.append(loss)
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad = None
    return w.detach(), losses


def wrong__fit_line_manual__loss_after_update(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                              steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """subtle | records the loss re-evaluated after the update, so losses are shifted by one step and losses[0] is not the loss at w = 0 | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 1 (losses[0] != 10.0)"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = line_sse(w, x, y)
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            losses.append(line_sse(w, x, y).item())
        w.grad = None
    return w.detach(), losses


def wrong__fit_line_manual__keras_mse(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                      steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """tf-habit | writes its own loss as a mean (tf.reduce_mean / Keras "mse") instead of using line_sse, the sum: losses and steps are n times smaller | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 1 (losses[0] 5.0 instead of 10.0)"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((y - (w[1] * x + w[0])) ** 2).mean()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad = None
    return w.detach(), losses


def wrong__fit_line_manual__regression_example_loss(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                                    steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """examples | adapted from pytorch/examples regression/main.py: F.smooth_l1_loss and `param.data.add_(-lr * param.grad)` instead of line_sse | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 1 (losses[0] 1.5 instead of 10.0)"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        output = F.smooth_l1_loss(w[1] * x + w[0], y)
        losses.append(output.item())
        w.grad = None
        output.backward()
        w.data.add_(-lr * w.grad)
    return w.detach(), losses


def wrong__fit_line_manual__returns_tracked_w(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                              steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """subtle | returns the leaf w itself instead of w.detach(): the result still requires grad | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 1 (result requires_grad True)"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad = None
    return w, losses


# =========================================================================== fit_line_sgd
# --------------------------------------------------------------------------- right answers

def right__fit_line_sgd__zero_grad_after_step(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                              steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """alternative | clears with zero_grad() after step() (the gradient starts as None, so it is the same) and passes momentum=0 explicitly"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr, momentum=0.0)
    losses = []
    for _ in range(steps):
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    return w.detach(), losses


def right__fit_line_sgd__param_group_no_foreach(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                                steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """alternative | parameter-group dict, foreach=False, zero_grad(set_to_none=False), leaf made with x.new_zeros"""
    w = x.new_zeros(2).requires_grad_()
    optimizer = torch.optim.SGD([{"params": [w]}], lr=lr, foreach=False)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad(set_to_none=False)
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.detach(), losses


def right__fit_line_sgd__closure(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                 steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """alternative | optimizer.step(closure) with the zero_grad / loss / record / backward inside the closure"""
    w = torch.zeros(2, dtype=x.dtype).requires_grad_(True)
    optimizer = torch.optim.SGD([w], lr=lr)
    losses = []

    def closure():
        optimizer.zero_grad()
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        return loss

    for _ in range(steps):
        optimizer.step(closure)
    return w.detach(), losses


# --------------------------------------------------------------------------- wrong answers

def wrong__fit_line_sgd__no_zero_grad(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                      steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """tf-habit | never calls optimizer.zero_grad() (apply_gradients takes fresh grads in TF): gradients accumulate across steps | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 3"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    losses = []
    for _ in range(steps):
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.detach(), losses


def wrong__fit_line_sgd__zero_grad_before_step(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                               steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """beginner | calls zero_grad() between backward() and step(): the step sees no gradient and w never moves | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 2 (w stays [0, 0], losses [10, 10])"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    losses = []
    for _ in range(steps):
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
    return w.detach(), losses


def wrong__fit_line_sgd__momentum_from_mnist(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                             steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """examples | copies the optimizer line of the pytorch/examples MNIST script (SGD with momentum=0.5): no longer plain SGD, so it stops agreeing with the manual loop from step 2 | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 3"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr, momentum=0.5)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.detach(), losses


def wrong__fit_line_sgd__tensor_not_list(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                         steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """beginner | passes the tensor itself, SGD(w, lr=lr), instead of a list of parameters: the constructor raises TypeError ("params argument given to the optimizer should be an iterable of Tensors or dicts") | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 1"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD(w, lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.detach(), losses


def wrong__fit_line_sgd__parameter_float32(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                           steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """subtle | wraps w in nn.Parameter(torch.zeros(2)), whose dtype is the default float32, not x's: a float64 fit returns a float32 w with float32 rounding | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 200 (w.dtype float32)"""
    w = torch.nn.Parameter(torch.zeros(2))
    optimizer = torch.optim.SGD([w], lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.detach(), losses


def wrong__fit_line_sgd__extra_final_loss(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                          steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """subtle | also records the loss at the final w after the loop (Keras-style history of the end state): steps + 1 losses instead of steps | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 2 (3 losses)"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        losses.append(line_sse(w, x, y).item())
    return w.detach(), losses


def wrong__fit_line_sgd__keras_learning_rate_kwarg(x: torch.Tensor, y: torch.Tensor, lr: float = 1e-3,
                                            steps: int = 10) -> tuple[torch.Tensor, list[float]]:
    """tf-habit | passes the Keras-style name SGD([w], learning_rate=lr): torch's SGD calls it lr, so the constructor raises TypeError | differs when: x = torch.tensor([0.0, 1.0], dtype=torch.float64), y = 2 * x + 1, lr = 0.1, steps = 1"""
    w = torch.zeros(2, dtype=x.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], learning_rate=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = line_sse(w, x, y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.detach(), losses
