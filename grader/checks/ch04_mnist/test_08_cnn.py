"""Checks for exercises/04_mnist/08_cnn.py: the Keras mnist_cnn architecture in PyTorch.

Both sides get the same weights by parameter name (so the order layers are created in does not
matter), then outputs are compared in eval mode and, with the same RNG seed, in train mode
(which compares where dropout is applied and with which rates).
"""

import torch
import torch.nn.functional as F
from torch import nn

from grader import corners
from grader.checks.ch04_mnist._helpers import fill_by_name
from grader.mistakes import mistake


def cnn_facts(target, batch, seed):
    """MnistCNN() with seeded weights, on torch.randn(batch, 1, 28, 28) in eval and train mode"""
    model = target()
    facts = {
        "parameters": sorted((name, tuple(p.shape)) for name, p in model.named_parameters()),
        "parameter_count": sum(p.numel() for p in model.parameters()),
        "training_after_init": model.training,
    }
    fill_by_name(model, seed)
    x = torch.randn(batch, 1, 28, 28, generator=torch.Generator().manual_seed(seed + 1))
    model.eval()
    with torch.no_grad():
        facts["eval_logits"] = model(x)
        facts["eval_is_repeatable"] = torch.equal(facts["eval_logits"], model(x))
    model.train()
    torch.manual_seed(seed + 2)
    with torch.no_grad():
        facts["train_logits"] = model(x)
    return facts


def test_MnistCNN(kata):
    for corner in ("size_one", "empty", "eval_mode"):
        corners.reach(corner)
    for example in ({"batch": 1, "seed": 0}, {"batch": 3, "seed": 1}, {"batch": 0, "seed": 2}):
        kata.compare("MnistCNN", example, probe=cnn_facts, notes={
            "result['train_logits']": "in train mode the outputs depend on where dropout is "
                                      "applied, and with which rate."})


class _Layers(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 32, 3), nn.Conv2d(32, 64, 3)
        self.dropout1, self.dropout2 = nn.Dropout(0.25), nn.Dropout(0.5)
        self.fc1, self.fc2 = nn.Linear(9216, 128), nn.Linear(128, 10)

    def body(self, x):
        x = self.dropout1(F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2))
        return self.dropout2(F.relu(self.fc1(torch.flatten(x, 1))))


@mistake("MnistCNN", diagnosis="a ReLU on the output clamps negative logits to 0 (the original "
         "notebook had this bug). Return fc2's output unchanged.")
class FinalRelu(_Layers):
    def forward(self, x):
        return F.relu(self.fc2(self.body(x)))


@mistake("MnistCNN", diagnosis="the model ends in a softmax (Keras's activation='softmax'). "
         "nn.CrossEntropyLoss applies log-softmax itself: return the raw logits.")
class SoftmaxOutput(_Layers):
    def forward(self, x):
        return F.softmax(self.fc2(self.body(x)), dim=1)


@mistake("MnistCNN", diagnosis="dropout is missing (or not used in forward): apply dropout1 "
         "after the max-pool and dropout2 after fc1's ReLU.")
class NoDropout(_Layers):
    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2)
        return self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))


@mistake("MnistCNN", diagnosis="F.dropout(x, p) defaults to training=True, so dropout stays on "
         "in eval mode. Use the nn.Dropout modules (or pass training=self.training).")
class DropoutAlwaysOn(_Layers):
    def forward(self, x):
        x = F.dropout(F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2), 0.25)
        return self.fc2(F.dropout(F.relu(self.fc1(torch.flatten(x, 1))), 0.5))


@mistake("MnistCNN", diagnosis="the dropout rates are swapped: 0.25 after the pooling, 0.5 "
         "after fc1.")
class SwappedDropoutRates(_Layers):
    def __init__(self):
        super().__init__()
        self.dropout1, self.dropout2 = nn.Dropout(0.5), nn.Dropout(0.25)

    def forward(self, x):
        return self.fc2(self.body(x))


@mistake("MnistCNN", diagnosis="the model ends in log_softmax (pytorch/examples pairs it with "
         "nll_loss). With nn.CrossEntropyLoss, which applies log-softmax itself, return fc2's "
         "raw logits.")
class LogSoftmaxOutput(_Layers):
    def forward(self, x):
        return F.log_softmax(self.fc2(self.body(x)), dim=1)


@mistake("MnistCNN", diagnosis="dropout1 is nn.Dropout2d, which drops whole feature maps; the "
         "spec asks for nn.Dropout(0.25), which drops single activations.")
class Dropout2dFirst(_Layers):
    def __init__(self):
        super().__init__()
        self.dropout1 = nn.Dropout2d(0.25)

    def forward(self, x):
        return self.fc2(self.body(x))


@mistake("MnistCNN", diagnosis="the ReLU between conv2 and the max-pool is missing: conv1 → "
         "ReLU → conv2 → ReLU → max-pool.")
class NoReluAfterConv2(_Layers):
    def forward(self, x):
        x = self.dropout1(F.max_pool2d(self.conv2(F.relu(self.conv1(x))), 2))
        return self.fc2(self.dropout2(F.relu(self.fc1(torch.flatten(x, 1)))))


@mistake("MnistCNN", diagnosis="torch.flatten(x) without start_dim=1 also flattens the batch "
         "axis, so fc1 gets one long vector. Keep the batch: torch.flatten(x, 1).")
class FlattensTheBatchAxis(_Layers):
    def forward(self, x):
        x = self.dropout1(F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2))
        return self.fc2(self.dropout2(F.relu(self.fc1(torch.flatten(x)))))


@mistake("MnistCNN", diagnosis="x.view(x.size(0), -1) cannot infer the -1 for an empty batch "
         "(N = 0: 0 elements fit any size), so it raises. torch.flatten(x, 1) keeps the batch "
         "axis for every N.")
class ViewWithInferredFeatures(_Layers):
    def forward(self, x):
        x = self.dropout1(F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2))
        return self.fc2(self.dropout2(F.relu(self.fc1(x.view(x.size(0), -1)))))
