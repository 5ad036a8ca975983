"""BaselineCifarNet: layer layout, then logits on random images after a positional weight fill."""

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def build_and_run(target, batch, seed, layout="contiguous", dtype="float32"):
    """BaselineCifarNet() with weights filled in state_dict order, on a (batch, 3, 32, 32) batch"""
    model = target()
    _helpers.fill_in_order(model, seed)
    images, _ = _helpers.tiny_data(batch, seed, size=32)
    if dtype == "float64":
        model, images = model.double(), images.double()
    if layout == "channels_last":
        images = images.contiguous(memory_format=torch.channels_last)
    with torch.no_grad():
        logits = model(images)
    return {"layout": _helpers.layout(model),
            "parameters": sum(p.numel() for p in model.parameters()), "logits": logits}


def _reached(example):
    _helpers.reach_example_corners(example)
    return example


def test_BaselineCifarNet(kata):
    examples = [{"batch": 3, "seed": 0}, {"batch": 0, "seed": 1},
                {"batch": 2, "seed": 2, "layout": "channels_last"},
                {"batch": 1, "seed": 3, "dtype": "float64"}]
    for example in examples:
        _reached(example)
    kata.compare("BaselineCifarNet",
                 st.fixed_dictionaries({"batch": st.integers(0, 4), "seed": st.integers(0, 99),
                                        "layout": st.sampled_from(["contiguous",
                                                                   "channels_last"]),
                                        "dtype": st.sampled_from(["float32", "float64"])}
                                       ).map(_reached),
                 probe=build_and_run, max_examples=2, atol=1e-5, rtol=1e-4, examples=examples,
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


class _Layers(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(3, 32, 3), nn.Conv2d(32, 64, 3)
        self.fc1, self.fc2 = nn.Linear(12544, 128), nn.Linear(128, 10)

    def features(self, x):
        return F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2)


@mistake("BaselineCifarNet", diagnosis="Your forward ends with log_softmax (pytorch/examples "
         "pairs it with nll_loss): with nn.CrossEntropyLoss, return fc2's raw logits.")
class LogSoftmaxOnLogits(_Layers):
    def forward(self, x):
        return F.log_softmax(self.fc2(F.relu(self.fc1(torch.flatten(self.features(x), 1)))),
                             dim=1)


@mistake("BaselineCifarNet", diagnosis="torch.flatten(x) without start_dim=1 also flattens the "
         "batch axis: keep it with torch.flatten(x, 1).")
class FlattensTheBatchAxis(_Layers):
    def forward(self, x):
        return self.fc2(F.relu(self.fc1(torch.flatten(self.features(x)))))


@mistake("BaselineCifarNet", diagnosis="The feature map was permuted to (N, H, W, C) before "
         "flattening (Keras's Flatten order), so fc1 sees the features in another order: "
         "flatten PyTorch's (N, C, H, W) map as it is, torch.flatten(x, 1).")
class FlattensChannelsLast(_Layers):
    def forward(self, x):
        return self.fc2(F.relu(self.fc1(torch.flatten(self.features(x).permute(0, 2, 3, 1), 1))))


@mistake("BaselineCifarNet", diagnosis="Your net has dropout layers (the MNIST net's), which the "
         "spec does not: in train mode they zero random activations. Leave them out.")
class MnistDropoutsKept(_Layers):
    def __init__(self):
        super().__init__()
        self.dropout1, self.dropout2 = nn.Dropout(0.25), nn.Dropout(0.5)

    def forward(self, x):
        x = torch.flatten(self.dropout1(self.features(x)), 1)
        return self.fc2(self.dropout2(F.relu(self.fc1(x))))


@mistake("BaselineCifarNet", diagnosis="There is a max-pool after each convolution (the PyTorch "
         "CIFAR-10 tutorial's net): the spec pools once, after conv2, so fc1 is "
         "Linear(64·14·14 = 12544, 128).")
class PoolAfterEachConv(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(3, 32, 3), nn.Conv2d(32, 64, 3)
        self.fc1, self.fc2 = nn.Linear(64 * 6 * 6, 128), nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))


@mistake("BaselineCifarNet", diagnosis="padding=\"same\" keeps 32×32 (Keras habit); the spec's "
         "convolutions have no padding (32 → 30 → 28, pooled to 14), so fc1 is "
         "Linear(12544, 128).")
class SamePadding(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding="same")
        self.conv2 = nn.Conv2d(32, 64, 3, padding="same")
        self.fc1, self.fc2 = nn.Linear(64 * 16 * 16, 128), nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2)
        return self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))


@mistake("BaselineCifarNet", diagnosis="x.reshape(x.size(0), -1) (or view) cannot infer the -1 "
         "for an empty batch (N = 0), so it raises. torch.flatten(x, 1) works for every N.")
class InfersFeaturesFromBatch(_Layers):
    def forward(self, x):
        x = self.features(x)
        return self.fc2(F.relu(self.fc1(x.reshape(x.size(0), -1))))


@mistake("BaselineCifarNet", diagnosis="forward converts the input with x.float(), so a model "
         "turned into float64 (model.double()) gets float32 inputs and raises. Use x as it "
         "comes: the caller matches the model's dtype.")
class CastsInputToFloat(_Layers):
    def forward(self, x):
        x = self.features(x.float())
        return self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))


@mistake("BaselineCifarNet", diagnosis="x.view(-1, 12544) needs contiguous memory, and a "
         "channels_last input gives channels_last feature maps, so view raises. Use "
         "torch.flatten(x, 1) (or reshape), which copies when it must.")
class ViewNeedsContiguous(_Layers):
    def forward(self, x):
        return self.fc2(F.relu(self.fc1(self.features(x).view(-1, 12544))))
