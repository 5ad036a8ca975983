"""Corpus for exercises/03_nn/11_eval_mode.py: eval_logits."""
import torch
import torch.nn as nn
from torch.autograd import Variable


def right__eval_logits__set_grad_enabled(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    "alternative | torch.set_grad_enabled(False) as the context manager and model.train(mode=was) in a finally block"
    was = model.training
    model.train(False)
    try:
        with torch.set_grad_enabled(False):
            out = model(x)
    finally:
        model.train(mode=was)
    return out


def right__eval_logits__decorated_helper(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    "alternative | inference done by an inner function decorated with @torch.no_grad(); mode restored with an if/else on the saved flag"
    @torch.no_grad()
    def infer(m, inp):
        return m(inp)

    training_before = model.training
    model.eval()
    out = infer(model, x)
    if training_before:
        model.train()
    else:
        model.eval()
    return out


class _EvalMode:
    def __init__(self, model):
        self.model = model

    def __enter__(self):
        self.was_training = self.model.training
        self.model.eval()
        self.no_grad = torch.no_grad()
        self.no_grad.__enter__()
        return self.model

    def __exit__(self, *exc):
        self.no_grad.__exit__(*exc)
        self.model.train(self.was_training)
        return False


def right__eval_logits__context_manager(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    "alternative | a small context-manager class that switches eval mode and no_grad on entry and restores both on exit"
    with _EvalMode(model) as m:
        return m(x)


def wrong__eval_logits__no_no_grad(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    "tf-habit | switches to eval mode (like training=False) but builds the autograd graph anyway: the output requires grad | differs when: the docstring example: out.requires_grad is True instead of False"
    was = model.training
    model.eval()
    out = model(x)
    model.train(was)
    return out


def wrong__eval_logits__no_restore(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    "beginner | model.eval() and no_grad, but the mode is never restored: training continues with dropout off | differs when: the docstring example: net.training is False afterwards instead of True"
    model.eval()
    with torch.no_grad():
        return model(x)


def wrong__eval_logits__eval_without_call(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    "beginner | writes `model.eval` without parentheses: a no-op attribute access, so dropout stays active | differs when: the docstring example with torch.manual_seed(0): the output has dropped (zeroed) and doubled entries instead of the plain Linear output"
    was = model.training
    model.eval
    with torch.no_grad():
        out = model(x)
    model.train(was)
    return out


def wrong__eval_logits__training_attribute(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    "tf-habit | sets model.training = False like Keras' training flag: only the top module changes, the Dropout inside keeps training=True | differs when: the docstring example with torch.manual_seed(0): dropout is still applied to the output"
    was = model.training
    model.training = False
    with torch.no_grad():
        out = model(x)
    model.training = was
    return out


def wrong__eval_logits__volatile(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    "old-api | the 0.3-era Variable(x, volatile=True): volatile has been removed and has no effect, so a graph is built | differs when: the docstring example: out.requires_grad is True instead of False"
    was = model.training
    model.eval()
    out = model(Variable(x, volatile=True))
    model.train(was)
    return out


def wrong__eval_logits__always_train_after(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    "subtle | ends with model.train() unconditionally instead of restoring the saved mode: a model that was in eval mode comes back in training mode | differs when: net.eval() before the call: net.training is True afterwards instead of False"
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train()
    return out


def wrong__eval_logits__grad_mode_leak(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    "subtle | calls torch.set_grad_enabled(False) as a plain function, not as a context manager: grad mode stays off for the caller after the call | differs when: the docstring example: torch.is_grad_enabled() is False after the call instead of True"
    was = model.training
    model.eval()
    torch.set_grad_enabled(False)
    out = model(x)
    model.train(was)
    return out
