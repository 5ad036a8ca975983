"""Realistic learner answers for exercises/02_autograd/08_autograd_grad.py (derivatives)."""
from typing import Callable

import torch


# --------------------------------------------------------------------------- right answers

def right__derivatives__grad_outputs_ones(fn: Callable[[torch.Tensor], torch.Tensor],
                                          x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """alternative | weights the elementwise outputs with grad_outputs=ones_like instead of summing them first"""
    y = fn(x)
    (first,) = torch.autograd.grad(y, x, grad_outputs=torch.ones_like(y), create_graph=True)
    if not first.requires_grad:          # fn linear in x: its derivative is a constant
        return first, torch.zeros_like(x)
    (second,) = torch.autograd.grad(first, x, grad_outputs=torch.ones_like(first))
    return first, second


def right__derivatives__keep_second_graph(fn: Callable[[torch.Tensor], torch.Tensor],
                                          x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """alternative | passes create_graph=True to both calls (so a third derivative would still be possible) and uses keyword arguments"""
    first = torch.autograd.grad(outputs=fn(x).sum(), inputs=x, create_graph=True)[0]
    if first.requires_grad:
        second = torch.autograd.grad(outputs=first.sum(), inputs=x, create_graph=True)[0]
    else:
        second = torch.zeros_like(x)
    return first, second


def right__derivatives__torch_func_grad(fn: Callable[[torch.Tensor], torch.Tensor],
                                        x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """alternative | composes torch.func.grad twice (JAX style) on the summed function; never writes x.grad"""
    d1 = torch.func.grad(lambda t: fn(t).sum())
    d2 = torch.func.grad(lambda t: d1(t).sum())
    return d1(x), d2(x)


# --------------------------------------------------------------------------- wrong answers

def wrong__derivatives__no_create_graph(fn: Callable[[torch.Tensor], torch.Tensor],
                                        x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """beginner | first grad without create_graph=True: the first derivative has no graph, so the second call raises "element 0 of tensors does not require grad" | differs when: fn = lambda t: t ** 3, x = torch.tensor([0.0, 1.0], requires_grad=True)"""
    (first,) = torch.autograd.grad(fn(x).sum(), x)
    (second,) = torch.autograd.grad(first.sum(), x)
    return first, second


def wrong__derivatives__backward_into_grad(fn: Callable[[torch.Tensor], torch.Tensor],
                                           x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """tf-habit | gets the first derivative with backward(create_graph=True) and reads x.grad: values are right but x.grad is left filled (the docstring says it stays None) | differs when: fn = lambda t: t ** 3, x = torch.tensor([0.0, 1.0], requires_grad=True) (x.grad is not None afterwards)"""
    fn(x).sum().backward(create_graph=True)
    first = x.grad
    (second,) = torch.autograd.grad(first.sum(), x)
    return first, second


def wrong__derivatives__old_grad_data_zero(fn: Callable[[torch.Tensor], torch.Tensor],
                                           x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """old-api | 0.4-era double backward through x.grad with x.grad.data.zero_() between the passes: leaves x.grad as a tensor of zeros instead of None | differs when: fn = lambda t: t ** 3, x = torch.tensor([0.0, 1.0], requires_grad=True)"""
    fn(x).sum().backward(create_graph=True)
    first = x.grad.clone()
    x.grad.data.zero_()
    first.sum().backward()
    second = x.grad.clone()
    x.grad.data.zero_()
    return first, second


def wrong__derivatives__second_not_summed(fn: Callable[[torch.Tensor], torch.Tensor],
                                          x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """beginner | differentiates the vector first directly (no .sum(), no grad_outputs): raises "grad can be implicitly created only for scalar outputs" as soon as x has more than one element | differs when: fn = lambda t: t ** 3, x = torch.tensor([0.0, 1.0], requires_grad=True)"""
    (first,) = torch.autograd.grad(fn(x).sum(), x, create_graph=True)
    (second,) = torch.autograd.grad(first, x)
    return first, second


def wrong__derivatives__mean_reduction(fn: Callable[[torch.Tensor], torch.Tensor],
                                       x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """subtle | reduces with .mean() as for a loss: both derivatives come out divided by the number of elements (by n for the first, n**2 for the second) | differs when: fn = lambda t: t ** 3, x = torch.tensor([0.0, 1.0], requires_grad=True) (first [0, 1.5] instead of [0, 3])"""
    (first,) = torch.autograd.grad(fn(x).mean(), x, create_graph=True)
    (second,) = torch.autograd.grad(first.mean(), x)
    return first, second


def wrong__derivatives__ones_of_len(fn: Callable[[torch.Tensor], torch.Tensor],
                                    x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """subtle | builds grad_outputs with torch.ones(len(x)), which assumes a 1-D x: len() of a 0-dim tensor raises TypeError and a 2-D x gets a wrongly shaped seed | differs when: fn = lambda t: t ** 3, x = torch.tensor(1.0, requires_grad=True)"""
    seed = torch.ones(len(x), dtype=x.dtype)
    (first,) = torch.autograd.grad(fn(x), x, grad_outputs=seed, create_graph=True)
    (second,) = torch.autograd.grad(first, x, grad_outputs=seed)
    return first, second


def wrong__derivatives__full_hessian(fn: Callable[[torch.Tensor], torch.Tensor],
                                     x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """subtle | returns the whole Hessian of the sum (what a nested tape.jacobian gives) instead of its diagonal: shape x.shape + x.shape, equal only for a single element | differs when: fn = lambda t: t ** 3, x = torch.tensor([0.0, 1.0], requires_grad=True) (second has shape (2, 2))"""
    (first,) = torch.autograd.grad(fn(x).sum(), x, create_graph=True)
    second = torch.autograd.functional.hessian(lambda t: fn(t).sum(), x.detach())
    return first, second


def wrong__derivatives__finite_differences(fn: Callable[[torch.Tensor], torch.Tensor],
                                           x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """beginner | central finite differences instead of autograd: the second difference cancels catastrophically in float32 and is far from exact | differs when: fn = lambda t: t ** 3, x = torch.tensor([0.0, 1.0], requires_grad=True) (second[1] is not 6 in float32)"""
    h = 1e-3
    with torch.no_grad():
        f0, fp, fm = fn(x), fn(x + h), fn(x - h)
        first = (fp - fm) / (2 * h)
        second = (fp - 2 * f0 + fm) / (h * h)
    return first, second
