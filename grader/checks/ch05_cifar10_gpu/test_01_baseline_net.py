"""BaselineCifarNet: layer layout, then logits on random images after a positional weight fill."""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def build_and_run(target, batch, seed):
    """Build the net, fill its weights in state_dict order, run a batch of CIFAR-sized images."""
    model = target()
    _helpers.fill_in_order(model, seed)
    images, _ = _helpers.tiny_data(batch, seed, size=32)
    with torch.no_grad():
        logits = model(images)
    return {"layout": _helpers.layout(model),
            "parameters": sum(p.numel() for p in model.parameters()), "logits": logits}


def test_BaselineCifarNet(kata):
    kata.compare("BaselineCifarNet",
                 st.fixed_dictionaries({"batch": st.integers(1, 4), "seed": st.integers(0, 99)}),
                 probe=build_and_run, max_examples=3, atol=1e-5, rtol=1e-4,
                 examples=[{"batch": 3, "seed": 0}],
                 notes={"result['layout']": "the layers (and their sizes) must be conv1, conv2, "
                                            "fc1, fc2 as in the docstring"})


@mistake("BaselineCifarNet", diagnosis="Your logits pass through a ReLU, so every negative score "
         "becomes 0 (the source notebook's bug): return self.fc2(...) as it is, "
         "CrossEntropyLoss applies log-softmax itself.")
class ReluOnLogits(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(3, 32, 3), nn.Conv2d(32, 64, 3)
        self.fc1, self.fc2 = nn.Linear(12544, 128), nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2)
        return F.relu(self.fc2(F.relu(self.fc1(torch.flatten(x, 1)))))


@mistake("BaselineCifarNet", diagnosis="Your forward ends with a softmax: return the raw logits, "
         "nn.CrossEntropyLoss applies log-softmax itself (a softmax before it squashes the "
         "loss and its gradients).")
class SoftmaxOnLogits(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(3, 32, 3), nn.Conv2d(32, 64, 3)
        self.fc1, self.fc2 = nn.Linear(12544, 128), nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2)
        return F.softmax(self.fc2(F.relu(self.fc1(torch.flatten(x, 1)))), dim=1)


@mistake("BaselineCifarNet", diagnosis="fc1 has the MNIST size (9216 = 64·12·12): CIFAR images are "
         "32×32, so after two 3×3 convs (30, then 28) and a 2×2 pool the flatten size is "
         "64·14·14 = 12544.")
class MnistFlattenSize(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(3, 32, 3), nn.Conv2d(32, 64, 3)
        self.fc1, self.fc2 = nn.Linear(9216, 128), nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2)
        return self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))
