"""Realistic learner answers for exercises/02_autograd/05_retain_graph.py (accumulated_grad)."""
import torch


# --------------------------------------------------------------------------- right answers

def right__accumulated_grad__free_on_last_call(x: torch.Tensor, times: int) -> torch.Tensor:
    """alternative | keeps the graph only while another call will follow (retain_graph=i < times - 1), freeing it on the last backward"""
    w = x.detach().clone().requires_grad_(True)
    loss = (w ** 3).sum()
    for i in range(times):
        loss.backward(retain_graph=i < times - 1)
    return w.grad


def right__accumulated_grad__autograd_backward_while(x: torch.Tensor, times: int) -> torch.Tensor:
    """alternative | torch.autograd.backward(loss, retain_graph=True) in a while loop counting down, loss spelled with pow"""
    with torch.no_grad():
        w = x.clone()
    w.requires_grad = True
    loss = w.pow(3).sum()
    n = times
    while n > 0:
        torch.autograd.backward(loss, retain_graph=True)
        n -= 1
    return w.grad


def right__accumulated_grad__explicit_seed(x: torch.Tensor, times: int) -> torch.Tensor:
    """alternative | seeds each backward with torch.ones_like(loss) and builds the leaf with empty_like + copy_"""
    w = torch.empty_like(x)
    with torch.no_grad():
        w.copy_(x)
    w.requires_grad_()
    loss = torch.sum(w ** 3)
    seed = torch.ones_like(loss)
    for _ in range(times):
        loss.backward(seed, retain_graph=True)
    return w.grad


# --------------------------------------------------------------------------- wrong answers

def wrong__accumulated_grad__reset_each_time(x: torch.Tensor, times: int) -> torch.Tensor:
    """tf-habit | clears w.grad before every backward, expecting fresh gradients like tape.gradient: returns 3 w**2 whatever times is | differs when: x = torch.tensor([1.0, 2.0]), times = 2 (gives [3, 12])"""
    w = x.detach().clone().requires_grad_()
    loss = (w ** 3).sum()
    for _ in range(times):
        w.grad = None
        loss.backward(retain_graph=True)
    return w.grad


def wrong__accumulated_grad__no_retain_graph(x: torch.Tensor, times: int) -> torch.Tensor:
    """beginner | calls loss.backward() without retain_graph=True: the second call raises "Trying to backward through the graph a second time" | differs when: x = torch.tensor([1.0, 2.0]), times = 2"""
    w = x.detach().clone().requires_grad_()
    loss = (w ** 3).sum()
    for _ in range(times):
        loss.backward()
    return w.grad


def wrong__accumulated_grad__old_retain_variables(x: torch.Tensor, times: int) -> torch.Tensor:
    """old-api | uses the pre-0.4 keyword retain_variables=True, which backward() no longer accepts (TypeError) | differs when: x = torch.tensor([1.0, 2.0]), times = 2"""
    w = x.detach().clone().requires_grad_()
    loss = (w ** 3).sum()
    for _ in range(times):
        loss.backward(retain_variables=True)
    return w.grad


def wrong__accumulated_grad__off_by_one(x: torch.Tensor, times: int) -> torch.Tensor:
    """beginner | runs a first backward outside the loop and then `times` more inside it: the gradient is summed times + 1 times | differs when: x = torch.tensor([1.0, 2.0]), times = 2 (gives [9, 36])"""
    w = x.detach().clone().requires_grad_()
    loss = (w ** 3).sum()
    loss.backward(retain_graph=True)
    for _ in range(times):
        loss.backward(retain_graph=True)
    return w.grad


def wrong__accumulated_grad__create_graph(x: torch.Tensor, times: int) -> torch.Tensor:
    """subtle | confuses retain_graph with create_graph=True: the calls succeed but the returned gradient is itself tracked (requires_grad True, grad_fn set) and holds a reference cycle | differs when: x = torch.tensor([1.0, 2.0]), times = 2 (result.requires_grad is True)"""
    w = x.detach().clone().requires_grad_()
    loss = (w ** 3).sum()
    for _ in range(times):
        loss.backward(create_graph=True)
    return w.grad


def wrong__accumulated_grad__clone_not_leaf(x: torch.Tensor, times: int) -> torch.Tensor:
    """subtle | w = x.clone().requires_grad_() is not a leaf when x already requires grad: w.grad is None and the gradients pile up in x.grad | differs when: x = torch.tensor([1.0, 2.0], requires_grad=True), times = 2"""
    w = x.clone().requires_grad_()
    loss = (w ** 3).sum()
    for _ in range(times):
        loss.backward(retain_graph=True)
    return w.grad


def wrong__accumulated_grad__default_dtype_leaf(x: torch.Tensor, times: int) -> torch.Tensor:
    """subtle | rebuilds the leaf with torch.tensor(x.tolist(), requires_grad=True), which uses the default float32: the dtype of x is lost | differs when: x = torch.tensor([1.0, 2.0], dtype=torch.float64), times = 2"""
    w = torch.tensor(x.tolist(), requires_grad=True)
    loss = (w ** 3).sum()
    for _ in range(times):
        loss.backward(retain_graph=True)
    return w.grad
