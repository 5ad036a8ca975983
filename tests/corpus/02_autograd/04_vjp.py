"""Realistic learner answers for exercises/02_autograd/04_vjp.py (vector_jacobian_product)."""
from typing import Callable

import torch


# --------------------------------------------------------------------------- right answers

def right__vector_jacobian_product__autograd_grad(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                                                  v: torch.Tensor) -> torch.Tensor:
    """alternative | torch.autograd.grad(y, leaf, grad_outputs=v) returns the product instead of reading leaf.grad"""
    leaf = x.detach().clone().requires_grad_(True)
    y = fn(leaf)
    (g,) = torch.autograd.grad(y, leaf, grad_outputs=v)
    return g


def right__vector_jacobian_product__weighted_sum(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                                                 v: torch.Tensor) -> torch.Tensor:
    """alternative | backward of the scalar (y * v).sum(), which the docstring's preamble says is the same thing"""
    with torch.no_grad():
        leaf = x.clone()
    leaf.requires_grad_()
    (fn(leaf) * v).sum().backward()
    return leaf.grad


def right__vector_jacobian_product__functional_vjp(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                                                   v: torch.Tensor) -> torch.Tensor:
    """alternative | torch.autograd.functional.vjp, which makes its own detached copy of the input"""
    _, g = torch.autograd.functional.vjp(fn, x.detach(), v)
    return g


# --------------------------------------------------------------------------- wrong answers

def wrong__vector_jacobian_product__ignores_v(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                                              v: torch.Tensor) -> torch.Tensor:
    """beginner | avoids the "grad can be implicitly created only for scalar outputs" error with y.sum().backward(), which weights every output by 1 and ignores v | differs when: fn = lambda t: t * t, x = torch.tensor([1.0, 2.0]), v = torch.tensor([1.0, 10.0]) (gives [2, 4])"""
    leaf = x.detach().clone().requires_grad_()
    y = fn(leaf)
    y.sum().backward()
    return leaf.grad


def wrong__vector_jacobian_product__mean_weighting(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                                                   v: torch.Tensor) -> torch.Tensor:
    """beginner | reduces with (y * v).mean() as a loss would, dividing the product by the number of outputs | differs when: fn = lambda t: t * t, x = torch.tensor([1.0, 2.0]), v = torch.tensor([1.0, 10.0]) (gives [1, 20])"""
    leaf = x.detach().clone().requires_grad_()
    (fn(leaf) * v).mean().backward()
    return leaf.grad


def wrong__vector_jacobian_product__uses_x_itself(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                                                  v: torch.Tensor) -> torch.Tensor:
    """beginner | turns on requires_grad of x itself and backprops into x.grad: x is modified, and a gradient already in x.grad is added to | differs when: x = torch.tensor([1.0, 2.0]) (x.requires_grad is True afterwards), or x has a non-None .grad"""
    x.requires_grad_(True)
    y = fn(x)
    y.backward(v)
    return x.grad


def wrong__vector_jacobian_product__clone_not_leaf(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                                                   v: torch.Tensor) -> torch.Tensor:
    """subtle | x.clone().requires_grad_() is not a leaf when x already requires grad: its .grad stays None and the product is accumulated into x.grad | differs when: x = torch.tensor([1.0, 2.0], requires_grad=True)"""
    leaf = x.clone().requires_grad_()
    fn(leaf).backward(v)
    return leaf.grad


def wrong__vector_jacobian_product__scale_grad_by_v(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                                                    v: torch.Tensor) -> torch.Tensor:
    """subtle | takes the gradient of y.sum() and multiplies it by v afterwards: equal only when the Jacobian is diagonal (elementwise fn) | differs when: fn = lambda t: t.cumsum(0), x = torch.tensor([1.0, 2.0]), v = torch.tensor([1.0, 10.0]) (gives [2, 10] instead of [11, 10])"""
    leaf = x.detach().clone().requires_grad_()
    fn(leaf).sum().backward()
    return leaf.grad * v


def wrong__vector_jacobian_product__jvp_instead(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                                                v: torch.Tensor) -> torch.Tensor:
    """tf-habit | reaches for a forward-mode product (like tf.autodiff.ForwardAccumulator): J v instead of vᵀ J, the same only for elementwise fn | differs when: fn = lambda t: t.cumsum(0), x = torch.tensor([1.0, 2.0]), v = torch.tensor([1.0, 10.0]) (gives [1, 11])"""
    _, jv = torch.autograd.functional.jvp(fn, x.detach(), v)
    return jv


def wrong__vector_jacobian_product__full_jacobian(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                                                  v: torch.Tensor) -> torch.Tensor:
    """subtle | builds the full Jacobian (tape.jacobian style) and contracts it with v via reshape(n, -1): reshape cannot infer -1 for an empty output | differs when: fn = lambda t: t * t, x = torch.empty(0), v = torch.empty(0) (raises instead of returning an empty tensor)"""
    jac = torch.autograd.functional.jacobian(fn, x.detach())
    jac2d = jac.reshape(v.numel(), -1)
    return (v.reshape(-1) @ jac2d).reshape(x.shape)


def wrong__vector_jacobian_product__float_leaf(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                                               v: torch.Tensor) -> torch.Tensor:
    """subtle | copies x with .float(): the product is computed and returned in float32 whatever the dtype of x | differs when: fn = lambda t: t * t, x = torch.tensor([1.0, 2.0], dtype=torch.float64), v = torch.tensor([1.0, 10.0], dtype=torch.float64)"""
    leaf = x.detach().float().requires_grad_()
    fn(leaf).backward(v)
    return leaf.grad
