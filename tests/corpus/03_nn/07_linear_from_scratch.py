"""Corpus for exercises/03_nn/07_linear_from_scratch.py: LinearFromScratch."""
import math

import torch
import torch.nn as nn
from torch.autograd import Variable


def _bound(in_features):
    return 1.0 / math.sqrt(in_features) if in_features > 0 else 0.0


class right__LinearFromScratch__register_and_einsum(nn.Module):
    "alternative | register_parameter for both entries and torch.einsum('...i,oi->...o') in forward"

    def __init__(self, in_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        k = _bound(in_features)
        self.register_parameter("weight", nn.Parameter(torch.empty(out_features, in_features).uniform_(-k, k)))
        if bias:
            self.register_parameter("bias", nn.Parameter(torch.empty(out_features).uniform_(-k, k)))
        else:
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = torch.einsum("...i,oi->...o", x, self.weight)
        if self.bias is not None:
            y = y + self.bias
        return y


class right__LinearFromScratch__rand_scaled(nn.Module):
    "alternative | draws with (torch.rand(...) * 2 - 1) * k and computes torch.matmul(x, weight.t()) with the bias added by broadcasting"

    def __init__(self, in_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        k = _bound(in_features)
        self.weight = nn.Parameter((torch.rand(out_features, in_features) * 2 - 1) * k)
        if bias:
            self.bias = nn.Parameter((torch.rand(out_features) * 2 - 1) * k)
        else:
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = torch.matmul(x, self.weight.t())
        return out if self.bias is None else out + self.bias


class right__LinearFromScratch__kaiming_like_nn_linear(nn.Module):
    "alternative | reset_parameters copied from nn.Linear: kaiming_uniform_(a=sqrt(5)) gives exactly the bound 1/sqrt(in_features)"

    def __init__(self, in_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.empty((out_features, in_features)))
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in = self.weight.shape[1]
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x @ self.weight.mT
        if self.bias is not None:
            y += self.bias
        return y


class wrong__LinearFromScratch__keras_kernel(nn.Module):
    "tf-habit | stores the weight as Keras' kernel, (in_features, out_features), and computes x @ weight: the parameter layout differs from nn.Linear, so nn.Linear's state_dict does not load | differs when: LinearFromScratch(3, 2).weight.shape is (3, 2) instead of (2, 3)"

    def __init__(self, in_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(in_features, out_features).uniform_(-k, k))
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features).uniform_(-k, k))
        else:
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x @ self.weight
        if self.bias is not None:
            y = y + self.bias
        return y


class wrong__LinearFromScratch__zero_bias(nn.Module):
    "tf-habit | bias starts at zeros (Keras' bias_initializer='zeros') instead of uniform in [-k, k] like nn.Linear | differs when: LinearFromScratch(3, 2).bias is exactly [0., 0.] after construction"

    def __init__(self, in_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-k, k))
        if bias:
            self.bias = nn.Parameter(torch.zeros(out_features))
        else:
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x @ self.weight.T
        if self.bias is not None:
            y = y + self.bias
        return y


class wrong__LinearFromScratch__variables_not_registered(nn.Module):
    "old-api | Variable(..., requires_grad=True) attributes (plain tensors today) instead of nn.Parameter: not registered, so parameters() and the state_dict are empty | differs when: [n for n, _ in LinearFromScratch(3, 2).named_parameters()] is [] instead of ['weight', 'bias']"

    def __init__(self, in_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = Variable(torch.empty(out_features, in_features).uniform_(-k, k), requires_grad=True)
        if bias:
            self.bias = Variable(torch.empty(out_features).uniform_(-k, k), requires_grad=True)
        else:
            self.bias = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x.matmul(self.weight.t())
        if self.bias is not None:
            y = y + self.bias
        return y


class wrong__LinearFromScratch__no_transpose(nn.Module):
    "beginner | forward computes x @ weight without the transpose: raises unless in_features == out_features, and then multiplies by the wrong matrix | differs when: LinearFromScratch(3, 3) with weight = torch.arange(9.).reshape(3, 3), zero bias, x = torch.tensor([[1., 0., 0.]]) gives [[0., 1., 2.]] instead of [[0., 3., 6.]]"

    def __init__(self, in_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-k, k))
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features).uniform_(-k, k))
        else:
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x @ self.weight
        if self.bias is not None:
            y = y + self.bias
        return y


class wrong__LinearFromScratch__addmm_2d(nn.Module):
    "beginner | forward uses torch.addmm / torch.mm, which only take 2-D inputs: the (*, in_features) batch dims of the example fail | differs when: LinearFromScratch(3, 2)(torch.ones(4, 7, 3)) raises RuntimeError instead of returning shape (4, 7, 2)"

    def __init__(self, in_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-k, k))
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features).uniform_(-k, k))
        else:
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.bias is None:
            return torch.mm(x, self.weight.t())
        return torch.addmm(self.bias, x, self.weight.t())


class wrong__LinearFromScratch__bias_truthiness(nn.Module):
    "subtle | forward tests `if self.bias:` (truthiness of the tensor) instead of `is not None`: raises for more than one output, and silently skips a bias whose single value is 0 | differs when: LinearFromScratch(3, 2)(torch.ones(4, 3)) raises RuntimeError (Boolean value of Tensor with more than one value is ambiguous)"

    def __init__(self, in_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-k, k))
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features).uniform_(-k, k))
        else:
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x @ self.weight.T
        if self.bias:
            y = y + self.bias
        return y


class wrong__LinearFromScratch__frozen_zero_bias(nn.Module):
    "subtle | with bias=False it still registers a bias Parameter (zeros, requires_grad=False) to keep forward simple: self.bias is not None and 'bias' shows up in parameters and the state_dict | differs when: LinearFromScratch(3, 2, bias=False): named_parameters gives ['weight', 'bias'] instead of ['weight']"

    def __init__(self, in_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-k, k))
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features).uniform_(-k, k))
        else:
            self.bias = nn.Parameter(torch.zeros(out_features), requires_grad=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x @ self.weight.T + self.bias


class wrong__LinearFromScratch__rand_nonnegative(nn.Module):
    "subtle | torch.rand(...) * k draws from [0, k), not [-k, k]: every initial weight and bias is non-negative | differs when: LinearFromScratch(100, 100).weight.min() >= 0 instead of about -0.1"

    def __init__(self, in_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        k = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.rand(out_features, in_features) * k)
        if bias:
            self.bias = nn.Parameter(torch.rand(out_features) * k)
        else:
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x @ self.weight.T
        if self.bias is not None:
            y = y + self.bias
        return y


class wrong__LinearFromScratch__bound_from_out_features(nn.Module):
    "subtle | k = 1 / sqrt(out_features): the fan of the wrong side (the weight's first dim) | differs when: LinearFromScratch(1, 10000): weights stay within [-0.01, 0.01] instead of spreading over [-1, 1]"

    def __init__(self, in_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        k = 1 / math.sqrt(out_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-k, k))
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features).uniform_(-k, k))
        else:
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x @ self.weight.T
        if self.bias is not None:
            y = y + self.bias
        return y
