"""VggBnNet: layout (parameters and BN buffers), logits in eval and train mode, BN statistics."""

import torch
from hypothesis import strategies as st
from torch import nn

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def run_both_modes(target, batch, seed):
    """Eval-mode logits, train-mode logits, and the running statistics the train pass updated."""
    model = target()
    _helpers.fill_in_order(model, seed)
    images, _ = _helpers.tiny_data(batch, seed, size=32)
    with torch.no_grad():
        evaluated = model.eval()(images)
        trained = model.train()(images)
    buffers = [t.clone() for name, t in model.state_dict().items() if "running" in name]
    return {"layout": _helpers.layout(model), "eval_logits": evaluated,
            "train_logits": trained, "running_stats_after_train_pass": buffers}


def test_VggBnNet(kata):
    kata.compare("VggBnNet",
                 st.fixed_dictionaries({"batch": st.integers(2, 4), "seed": st.integers(0, 99)}),
                 probe=run_both_modes, max_examples=2, atol=1e-4, rtol=1e-3,
                 examples=[{"batch": 2, "seed": 0}],
                 notes={"result['layout']": "compare your layers, in order, with the docstring: "
                                            "conv → BatchNorm2d → ReLU, pool after every two "
                                            "convs, then Flatten, Linear, BatchNorm1d, ReLU, "
                                            "Linear"})


def _features(order):
    layers, channels = [], 3
    for width in (64, 128, 256):
        for _ in range(2):
            conv, bn = nn.Conv2d(channels, width, 3, padding=1), nn.BatchNorm2d(width)
            layers += [conv, bn, nn.ReLU()] if order == "bn_first" else [conv, nn.ReLU(), bn]
            channels = width
        layers.append(nn.MaxPool2d(2))
    return nn.Sequential(*layers)


@mistake("VggBnNet", diagnosis="The logits go through a ReLU at the end: the last layer must be "
         "the Linear(256, 10), so that negative scores survive.")
class VggReluOnLogits(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = _features("bn_first")
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.BatchNorm1d(256),
                                        nn.ReLU(), nn.Linear(256, 10), nn.ReLU())

    def forward(self, x):
        return self.classifier(self.features(x))


@mistake("VggBnNet", diagnosis="BatchNorm comes after the ReLU: the docstring's order is conv → "
         "BatchNorm2d → ReLU (normalise the convolution's output, then clip).")
class BnAfterRelu(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = _features("relu_first")
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.BatchNorm1d(256),
                                        nn.ReLU(), nn.Linear(256, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


@mistake("VggBnNet", diagnosis="The head has no BatchNorm1d(256) between Linear(4096, 256) and its "
         "ReLU (the source's plain VGG never learned without batch norm).")
class NoBnInHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = _features("bn_first")
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.ReLU(),
                                        nn.Linear(256, 10))

    def forward(self, x):
        return self.classifier(self.features(x))
