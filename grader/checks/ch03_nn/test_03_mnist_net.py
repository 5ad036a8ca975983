"""Checks for exercises/03_nn/03_mnist_net.py: the MNIST CNN as an nn.Module.

Architecture (parameter names and shapes, the count), then forward passes after loading weights
drawn from a seed (strictly, so the names must be the docstring's): batch sizes 1, 2 and 5, eval
mode and (seeded) train mode, so the order of operations, the flatten, the dropouts and the raw
logits are all compared. The weights are made in the worker from the seed, so the input shown is
small enough to re-create.
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from grader import corners
from grader.mistakes import mistake

NOTES = {
    "result['parameters']": "parameter names come from the attribute names (conv1, conv2, fc1, "
                            "fc2) and shapes from the layer sizes in the docstring.",
    "result['eval']": "eval mode: dropout is off, so this is the plain forward pass.",
    "result['train']": "train mode (same seed on both sides): the dropouts are on; their place "
                       "and probabilities show up here.",
}
SHAPES = {"conv1.weight": (32, 1, 3, 3), "conv1.bias": (32,), "conv2.weight": (64, 32, 3, 3),
          "conv2.bias": (64,), "fc1.weight": (128, 9216), "fc1.bias": (128,),
          "fc2.weight": (10, 128), "fc2.bias": (10,)}


def architecture(MnistNet):
    """MnistNet(): names, shapes and trainability of its parameters (by name), and their count"""
    model = MnistNet()
    table = sorted((name, tuple(p.shape), p.requires_grad) for name, p in model.named_parameters())
    return {"parameters": table, "count": sum(p.numel() for p in model.parameters()),
            "is an nn.Module": isinstance(model, nn.Module)}


def seeded_state(seed):
    """Weights like PyTorch's default init (uniform in +-1/sqrt(fan_in)), from ``seed``."""
    g = torch.Generator().manual_seed(seed)
    state = {}
    for name, shape in SHAPES.items():
        fan_in = math.prod(SHAPES[name.replace("bias", "weight")][1:])
        bound = 1 / math.sqrt(fan_in)
        state[name] = (torch.rand(shape, generator=g) * 2 - 1) * bound
    return state


def forward(MnistNet, batches, seed):
    """weights drawn uniformly in +-1/sqrt(fan_in) from torch.Generator().manual_seed(seed), loaded with load_state_dict (strict); for each batch size N: x = torch.randn(N, 1, 28, 28) after torch.manual_seed(seed + N), the output in model.eval(), then in model.train() after torch.manual_seed(seed + N) again"""
    model = MnistNet()
    model.load_state_dict(seeded_state(seed))
    results = {"eval": [], "train": []}
    with torch.no_grad():
        for batch in batches:
            torch.manual_seed(seed + batch)
            images = torch.randn(batch, 1, 28, 28)
            model.eval()
            results["eval"].append(model(images))
            model.train()
            torch.manual_seed(seed + batch)
            results["train"].append(model(images))
    return results


def test_MnistNet(kata):
    kata.compare("MnistNet", {}, probe=architecture, notes=NOTES)
    corners.reach("size_one")   # a batch of one, in both modes
    corners.reach("eval_mode")
    kata.compare("MnistNet", {"batches": [1, 2, 5], "seed": 0}, probe=forward, notes=NOTES)


class _Body(nn.Module):
    """The right layers; subclasses get the forward pass wrong in one way each."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def features(self, x):
        return F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2)  # (N, 64, 12, 12)


@mistake("MnistNet", diagnosis="a ReLU on the last layer (as in the notebook) clamps every "
         "negative logit to 0: return the raw output of fc2; nn.CrossEntropyLoss applies "
         "log-softmax itself.")
class ReluOnLogits(_Body):
    def forward(self, x):
        x = torch.flatten(self.dropout1(self.features(x)), 1)
        return F.relu(self.fc2(self.dropout2(F.relu(self.fc1(x)))))


@mistake("MnistNet", diagnosis="the model returns softmax probabilities: return raw logits. "
         "nn.CrossEntropyLoss applies log-softmax itself, so a softmax before it squashes the "
         "loss and shrinks the gradients (Keras: from_logits=True).")
class SoftmaxOnLogits(_Body):
    def forward(self, x):
        x = torch.flatten(self.dropout1(self.features(x)), 1)
        return F.softmax(self.fc2(self.dropout2(F.relu(self.fc1(x)))), dim=1)


@mistake("MnistNet", diagnosis="F.dropout(x, p) is always on: its training argument defaults "
         "to True, so evaluation is random too. Use the nn.Dropout layers (they follow "
         "model.eval()) or pass training=self.training.")
class DropoutAlwaysOn(_Body):
    def forward(self, x):
        x = torch.flatten(F.dropout(self.features(x), 0.25), 1)
        return self.fc2(F.dropout(F.relu(self.fc1(x)), 0.5))


@mistake("MnistNet", diagnosis="in train mode the output differs: the dropouts are missing (the "
         "notebook's text describes them, its code never built them). Apply dropout1 after the "
         "pool and dropout2 after fc1's ReLU.")
class NoDropout(_Body):
    def forward(self, x):
        x = torch.flatten(self.features(x), 1)
        return self.fc2(F.relu(self.fc1(x)))


@mistake("MnistNet", diagnosis="the features were flattened in channels-last (H, W, C) order, "
         "as Keras does: PyTorch's fc1 expects torch.flatten(x, 1) of the (N, C, H, W) map.")
class FlattensChannelsLast(_Body):
    def forward(self, x):
        x = self.dropout1(self.features(x)).permute(0, 2, 3, 1)  # (N, 12, 12, 64)
        x = torch.flatten(x, 1)
        return self.fc2(self.dropout2(F.relu(self.fc1(x))))


@mistake("MnistNet", diagnosis="in train mode the output differs: the dropout rates are "
         "swapped. The dropout after the pool (dropout1) drops 25 % of the activations, the one "
         "after fc1's ReLU (dropout2) 50 %.")
class DropoutsSwapped(_Body):
    def forward(self, x):
        x = torch.flatten(self.dropout2(self.features(x)), 1)
        return self.fc2(self.dropout1(F.relu(self.fc1(x))))


@mistake("MnistNet", diagnosis="the model returns log-probabilities (a log_softmax at the end, as "
         "in pytorch/examples' MNIST net for nll_loss): return the raw fc2 output. "
         "nn.CrossEntropyLoss applies log-softmax itself.")
class LogSoftmaxOnLogits(_Body):
    def forward(self, x):
        x = torch.flatten(self.dropout1(self.features(x)), 1)
        return F.log_softmax(self.fc2(self.dropout2(F.relu(self.fc1(x)))), dim=1)


@mistake("MnistNet", diagnosis="in train mode the output differs: the dropout after the pool "
         "drops whole channels (nn.Dropout2d), not single activations. Use nn.Dropout(0.25).")
class ChannelDropout(_Body):
    def __init__(self):
        super().__init__()
        self.dropout1 = nn.Dropout2d(0.25)

    def forward(self, x):
        x = torch.flatten(self.dropout1(self.features(x)), 1)
        return self.fc2(self.dropout2(F.relu(self.fc1(x))))


@mistake("MnistNet", diagnosis="in train mode the output differs: dropout2 is never applied. "
         "Call it on fc1's ReLU output, before fc2.")
class SecondDropoutUnused(_Body):
    def forward(self, x):
        x = torch.flatten(self.dropout1(self.features(x)), 1)
        return self.fc2(F.relu(self.fc1(x)))


@mistake("MnistNet", diagnosis="the ReLU after conv2 is missing (Keras' Conv2D(..., "
         "activation='relu') bundles it; here it is a call of its own): relu(conv2(x)) before "
         "the pool.")
class NoReluAfterConv2(_Body):
    def forward(self, x):
        x = F.max_pool2d(self.conv2(F.relu(self.conv1(x))), 2)
        x = torch.flatten(self.dropout1(x), 1)
        return self.fc2(self.dropout2(F.relu(self.fc1(x))))


@mistake("MnistNet", diagnosis="the parameter names differ from the reference's: keep the layer "
         "attributes conv1, conv2, fc1 and fc2 (an nn.Sequential renames them 0, 1, ...), so a "
         "saved state_dict loads.")
class SequentialNames(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Dropout(0.25), nn.Flatten(), nn.Linear(9216, 128), nn.ReLU(), nn.Dropout(0.5),
            nn.Linear(128, 10))

    def forward(self, x):
        return self.layers(x)
