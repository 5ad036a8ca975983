"""Realistic learner answers for exercises/02_autograd/03_grad_fn.py (grad_fn_chain)."""
import re
import string

import torch


# --------------------------------------------------------------------------- right answers

def right__grad_fn_chain__rstrip_digits(t: torch.Tensor) -> list[str]:
    """alternative | strips trailing digits with str.rstrip(string.digits) instead of a regex"""
    names = []
    node = t.grad_fn
    while node is not None:
        names.append(type(node).__name__.rstrip(string.digits))
        if not node.next_functions:
            break
        node = node.next_functions[0][0]
    return names


def _chain(node):
    if node is None:
        return []
    name = re.sub(r"[0-9]+$", "", node.__class__.__name__)
    rest = _chain(node.next_functions[0][0]) if len(node.next_functions) > 0 else []
    return [name] + rest


def right__grad_fn_chain__recursive(t: torch.Tensor) -> list[str]:
    """alternative | recursion over the first input, class name via __class__ and a regex anchored at the end"""
    return _chain(t.grad_fn)


def right__grad_fn_chain__while_true(t: torch.Tensor) -> list[str]:
    """alternative | while True loop with an explicit character scan from the right to drop the digits"""
    out = []
    node = t.grad_fn
    while True:
        if node is None:
            return out
        name = type(node).__name__
        i = len(name)
        while i > 0 and name[i - 1].isdigit():
            i -= 1
        out.append(name[:i])
        nxt = node.next_functions
        node = nxt[0][0] if len(nxt) else None


# --------------------------------------------------------------------------- wrong answers

def wrong__grad_fn_chain__drops_every_digit(t: torch.Tensor) -> list[str]:
    """subtle | removes every digit, not only the trailing ones: names with a digit inside are mangled ("Log1PBackward0" -> "LogPBackward") | differs when: t = torch.log1p(torch.ones(2, requires_grad=True)) or torch.atan2(x, x)"""
    names = []
    node = t.grad_fn
    while node is not None:
        names.append(re.sub(r"\d", "", type(node).__name__))
        if not node.next_functions:
            break
        node = node.next_functions[0][0]
    return names


def wrong__grad_fn_chain__strip_zero_only(t: torch.Tensor) -> list[str]:
    """beginner | only handles the "0" suffix seen in the example (replace("Backward0", "Backward")): other overload numbers survive | differs when: t = 1 - torch.ones(2, requires_grad=True) (gives "RsubBackward1") or x ** x ("PowBackward1")"""
    names = []
    node = t.grad_fn
    while node is not None:
        names.append(type(node).__name__.replace("Backward0", "Backward"))
        if not node.next_functions:
            break
        node = node.next_functions[0][0]
    return names


def wrong__grad_fn_chain__node_name_method(t: torch.Tensor) -> list[str]:
    """subtle | uses node.name() instead of type(node).__name__: for the leaf node it is the C++ name "torch::autograd::AccumulateGrad" | differs when: t = ((x + 7) * 3).sum() with x = torch.ones(2, requires_grad=True) (last item "torch::autograd::AccumulateGrad")"""
    names = []
    node = t.grad_fn
    while node is not None:
        names.append(node.name().rstrip("0123456789"))
        if not node.next_functions:
            break
        node = node.next_functions[0][0]
    return names


def wrong__grad_fn_chain__skip_none_inputs(t: torch.Tensor) -> list[str]:
    """beginner | follows the first input that is not None instead of always the first one, so it walks past constants that the rule says stop the walk | differs when: t = torch.ones(2) + x with x = torch.ones(2, requires_grad=True) (gives ['AddBackward', 'AccumulateGrad'] instead of ['AddBackward'])"""
    names = []
    node = t.grad_fn
    while node is not None:
        names.append(re.sub(r"\d+$", "", type(node).__name__))
        node = next((fn for fn, _ in node.next_functions if fn is not None), None)
    return names


def wrong__grad_fn_chain__misses_last_node(t: torch.Tensor) -> list[str]:
    """beginner | loops only while next_functions is non-empty, so the final node (AccumulateGrad) is never appended | differs when: t = ((x + 7) * 3).sum() with x = torch.ones(2, requires_grad=True) (no 'AccumulateGrad' at the end)"""
    names = []
    node = t.grad_fn
    while node is not None and node.next_functions:
        names.append(re.sub(r"\d+$", "", type(node).__name__))
        node = node.next_functions[0][0]
    return names


def wrong__grad_fn_chain__last_input(t: torch.Tensor) -> list[str]:
    """subtle | follows next_functions[-1][0] (the last input): for (x + 7) * 3 the last input of the multiplication is the constant 3, so the walk stops early | differs when: t = ((x + 7) * 3).sum() with x = torch.ones(2, requires_grad=True) (gives ['SumBackward', 'MulBackward'])"""
    names = []
    node = t.grad_fn
    while node is not None:
        names.append(re.sub(r"\d+$", "", type(node).__name__))
        if not node.next_functions:
            break
        node = node.next_functions[-1][0]
    return names


def wrong__grad_fn_chain__cut_last_char(t: torch.Tensor) -> list[str]:
    """beginner | drops the last character of every name assuming it is always one digit: "AccumulateGrad" becomes "AccumulateGra" | differs when: t = ((x + 7) * 3).sum() with x = torch.ones(2, requires_grad=True)"""
    names = []
    node = t.grad_fn
    while node is not None:
        names.append(type(node).__name__[:-1])
        if not node.next_functions:
            break
        node = node.next_functions[0][0]
    return names
