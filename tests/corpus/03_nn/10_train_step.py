"""Corpus for exercises/03_nn/10_train_step.py: train_one_step."""
import torch
import torch.nn as nn


def right__train_one_step__closure(model: nn.Module, optimizer: torch.optim.Optimizer, criterion: nn.Module,
                                   x: torch.Tensor, target: torch.Tensor) -> float:
    "alternative | the closure form optimizer.step(closure) (as LBFGS needs): the closure zeroes, computes and back-propagates the loss, step returns it"
    model.train()

    def closure():
        optimizer.zero_grad()
        loss = criterion(model(x), target)
        loss.backward()
        return loss

    loss = optimizer.step(closure)
    return loss.item()


def right__train_one_step__enable_grad(model: nn.Module, optimizer: torch.optim.Optimizer, criterion: nn.Module,
                                       x: torch.Tensor, target: torch.Tensor) -> float:
    "alternative | model.train(True), forward and backward inside torch.enable_grad() (works even if called under no_grad), float(loss.detach()) for the value"
    model.train(True)
    optimizer.zero_grad(set_to_none=True)
    with torch.enable_grad():
        output = model(x)
        loss = criterion(output, target)
        loss.backward()
    optimizer.step()
    return float(loss.detach())


def right__train_one_step__zero_after_forward(model: nn.Module, optimizer: torch.optim.Optimizer, criterion: nn.Module,
                                              x: torch.Tensor, target: torch.Tensor) -> float:
    "alternative | forward first, then zero_grad just before backward (any place before backward is fine), value read with .item() after the step"
    model.train()
    logits = model(x)
    loss = criterion(logits, target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


def wrong__train_one_step__no_zero_grad(model: nn.Module, optimizer: torch.optim.Optimizer, criterion: nn.Module,
                                        x: torch.Tensor, target: torch.Tensor) -> float:
    "tf-habit | no zero_grad (tape.gradient returns fresh gradients in TF): backward adds to whatever .grad already holds | differs when: the parameters already hold gradients (e.g. a second call, or net.weight.grad = torch.ones_like(net.weight) before the call): the update is larger than the correct one"
    model.train()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    return loss.item()


def wrong__train_one_step__no_train_mode(model: nn.Module, optimizer: torch.optim.Optimizer, criterion: nn.Module,
                                         x: torch.Tensor, target: torch.Tensor) -> float:
    "beginner | never calls model.train(): after an evaluation the model stays in eval mode and dropout is off during training | differs when: model=nn.Sequential(nn.Linear(4, 3), nn.Dropout(0.5)) put in eval() before the call (torch.manual_seed(0)): loss and update differ, and model.training stays False"
    optimizer.zero_grad()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    return loss.item()


def wrong__train_one_step__returns_tensor(model: nn.Module, optimizer: torch.optim.Optimizer, criterion: nn.Module,
                                          x: torch.Tensor, target: torch.Tensor) -> float:
    "tf-habit | returns the loss tensor (as Keras' train_step returns tensors) instead of loss.item(): the caller keeps the graph alive | differs when: the docstring example: type is torch.Tensor instead of float"
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    return loss


def wrong__train_one_step__softmax_first(model: nn.Module, optimizer: torch.optim.Optimizer, criterion: nn.Module,
                                         x: torch.Tensor, target: torch.Tensor) -> float:
    "tf-habit | feeds softmax probabilities to the criterion (Keras models end in softmax): CrossEntropyLoss applies log-softmax again | differs when: the docstring example: the loss value and the update differ from criterion(model(x), target)"
    model.train()
    optimizer.zero_grad()
    probs = torch.softmax(model(x), dim=1)
    loss = criterion(probs, target)
    loss.backward()
    optimizer.step()
    return loss.item()


def wrong__train_one_step__data_index(model: nn.Module, optimizer: torch.optim.Optimizer, criterion: nn.Module,
                                      x: torch.Tensor, target: torch.Tensor) -> float:
    "old-api | returns loss.data[0], the PyTorch 0.3 idiom: indexing a 0-dim tensor raises IndexError today | differs when: the docstring example raises IndexError instead of returning a float"
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    return loss.data[0]


def wrong__train_one_step__zero_grad_after_step(model: nn.Module, optimizer: torch.optim.Optimizer, criterion: nn.Module,
                                                x: torch.Tensor, target: torch.Tensor) -> float:
    "subtle | zero_grad at the end instead of the start: gradients left over from before the call are added into this step, and .grad is cleared afterwards | differs when: net.weight.grad = torch.ones_like(net.weight) before the call: the update includes the stale gradient"
    model.train()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()


def wrong__train_one_step__step_before_backward(model: nn.Module, optimizer: torch.optim.Optimizer, criterion: nn.Module,
                                                x: torch.Tensor, target: torch.Tensor) -> float:
    "beginner | optimizer.step() before loss.backward(): the step uses the (zeroed, None) gradients, so the parameters do not move in this call | differs when: the docstring example: net.weight is unchanged after the call"
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(x), target)
    optimizer.step()
    loss.backward()
    return loss.item()


def wrong__train_one_step__loss_after_update(model: nn.Module, optimizer: torch.optim.Optimizer, criterion: nn.Module,
                                             x: torch.Tensor, target: torch.Tensor) -> float:
    "subtle | returns the loss recomputed after the step (an extra forward pass): that is the post-update loss, not the one the step was taken on | differs when: the docstring example returns a smaller number than the loss on which the gradient was computed"
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(x), target)
    loss.backward()
    optimizer.step()
    with torch.no_grad():
        return criterion(model(x), target).item()
