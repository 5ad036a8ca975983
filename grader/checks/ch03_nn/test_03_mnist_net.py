"""Checks for exercises/03_nn/03_mnist_net.py: the MNIST CNN as an nn.Module.

Architecture (parameter names and shapes, the count), then forward passes after loading the
reference's state_dict strictly: several batch sizes, eval mode and (seeded) train mode, so the
order of operations, the flatten, the dropouts and the raw logits are all compared.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F

from grader.mistakes import mistake

NOTES = {
    "result['parameters']": "parameter names come from the attribute names (conv1, conv2, fc1, "
                            "fc2) and shapes from the layer sizes in the docstring.",
    "result['eval']": "eval mode: dropout is off, so this is the plain forward pass.",
    "result['train']": "train mode (same seed on both sides): the dropouts are on; their place "
                       "and probabilities show up here.",
}


def architecture(MnistNet):
    """Names, shapes and trainability of the parameters (by name), and their total count."""
    model = MnistNet()
    table = sorted((name, tuple(p.shape), p.requires_grad) for name, p in model.named_parameters())
    return {"parameters": table, "count": sum(p.numel() for p in model.parameters()),
            "is_module": isinstance(model, nn.Module)}


def initial_state(MnistNet):
    return MnistNet().state_dict()


def forward(MnistNet, state, batches, seed):
    """Load ``state`` strictly; run eval mode and (seeded) train mode for each batch size."""
    model = MnistNet()
    model.load_state_dict(state)
    generator = torch.Generator().manual_seed(seed)
    results = {"eval": [], "train": []}
    with torch.no_grad():
        for batch in batches:
            images = torch.randn(batch, 1, 28, 28, generator=generator)
            model.eval()
            results["eval"].append(model(images))
            model.train()
            torch.manual_seed(seed + batch)
            results["train"].append(model(images))
    return results


def test_MnistNet(kata):
    kata.compare("MnistNet", {}, probe=architecture, notes=NOTES)
    # The state (1.2M numbers) travels once, and is compared once after the call: one example.
    state = kata.call("MnistNet", probe=initial_state, side="reference")
    kata.compare("MnistNet", {"state": state, "batches": [1, 2, 5], "seed": 0}, probe=forward,
                 notes=NOTES)


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


@mistake("MnistNet")
class DropoutsSwapped(_Body):
    def forward(self, x):
        x = torch.flatten(self.dropout2(self.features(x)), 1)
        return self.fc2(self.dropout1(F.relu(self.fc1(x))))


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
