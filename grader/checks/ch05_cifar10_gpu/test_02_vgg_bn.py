"""VggBnNet: layout (parameters and BN buffers), logits in eval and train mode, BN statistics."""

import torch
from hypothesis import strategies as st
from torch import nn

from grader.checks.ch05_cifar10_gpu import _helpers
from grader.mistakes import mistake


def run_both_modes(target, batch, seed):
    """VggBnNet() filled in state_dict order: eval logits, train logits, running statistics after"""
    model = target()
    _helpers.fill_in_order(model, seed)
    images, _ = _helpers.tiny_data(batch, seed, size=32)
    with torch.no_grad():
        evaluated = model.eval()(images)
        trained = model.train()(images)
    buffers = [t.clone() for name, t in model.state_dict().items() if "running" in name]
    return {"layout": _helpers.layout(model), "state_dict keys": list(model.state_dict()),
            "eval_logits": evaluated,
            "train_logits": trained, "running_stats_after_train_pass": buffers}


def test_VggBnNet(kata):
    kata.compare("VggBnNet",
                 st.fixed_dictionaries({"batch": st.integers(2, 4), "seed": st.integers(0, 99)}),
                 probe=run_both_modes, max_examples=2, atol=1e-4, rtol=1e-3,
                 examples=[{"batch": 2, "seed": 0}],
                 notes={"result['layout']": "compare your layers, in order, with the docstring: "
                                            "conv → BatchNorm2d → ReLU, pool after every two "
                                            "convs, then Flatten, Linear, BatchNorm1d, ReLU, "
                                            "Linear",
                        "result['state_dict keys']": "a checkpoint loads by key: keep the two "
                                                     "Sequentials and the order of their "
                                                     "layers, nn.Flatten() included"})


def _features(order="bn_first", bias=True, bn=True, momentum=0.1, eps=1e-5, last_pool=None):
    layers, channels = [], 3
    for width in (64, 128, 256):
        for _ in range(2):
            conv = nn.Conv2d(channels, width, 3, padding=1, bias=bias)
            if not bn:
                layers += [conv, nn.ReLU()]
            elif order == "bn_first":
                layers += [conv, nn.BatchNorm2d(width, eps=eps, momentum=momentum), nn.ReLU()]
            else:
                layers += [conv, nn.ReLU(), nn.BatchNorm2d(width, eps=eps, momentum=momentum)]
            channels = width
        layers.append(last_pool if width == 256 and last_pool is not None else nn.MaxPool2d(2))
    return nn.Sequential(*layers)


def _head(momentum=0.1, eps=1e-5):
    return nn.Sequential(nn.Flatten(), nn.Linear(4096, 256),
                         nn.BatchNorm1d(256, eps=eps, momentum=momentum), nn.ReLU(),
                         nn.Linear(256, 10))


class _Vgg(nn.Module):
    def forward(self, x):
        return self.classifier(self.features(x))


@mistake("VggBnNet", diagnosis="The logits go through a ReLU at the end: the last layer must be "
         "the Linear(256, 10), so that negative scores survive.")
class VggReluOnLogits(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = _features()
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.BatchNorm1d(256),
                                        nn.ReLU(), nn.Linear(256, 10), nn.ReLU())

    def forward(self, x):
        return self.classifier(self.features(x))


@mistake("VggBnNet", diagnosis="BatchNorm comes after the ReLU: the docstring's order is conv → "
         "BatchNorm2d → ReLU, and Linear → BatchNorm1d → ReLU in the head (normalise the "
         "layer's output, then clip).")
class BnAfterRelu(_Vgg):
    def __init__(self):
        super().__init__()
        self.features = _features("relu_first")
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.ReLU(),
                                        nn.BatchNorm1d(256), nn.Linear(256, 10))


@mistake("VggBnNet", diagnosis="The head has no BatchNorm1d(256) between Linear(4096, 256) and its "
         "ReLU (the source's plain VGG never learned without batch norm).")
class NoBnInHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = _features()
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.ReLU(),
                                        nn.Linear(256, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


@mistake("VggBnNet", diagnosis="There is no batch norm at all (the source notebook's plain VGG, "
         "which never learned): BatchNorm2d after every convolution, BatchNorm1d(256) in the "
         "head.")
class NoBatchNorm(_Vgg):
    def __init__(self):
        super().__init__()
        self.features = _features(bn=False)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.ReLU(),
                                        nn.Linear(256, 10))


@mistake("VggBnNet", diagnosis="momentum=0.99 is Keras's convention (the weight of the old "
         "average); PyTorch's momentum is the weight of the new batch, and the spec keeps "
         "BatchNorm's default 0.1.")
class KerasMomentum(_Vgg):
    def __init__(self):
        super().__init__()
        self.features, self.classifier = _features(momentum=0.99), _head(momentum=0.99)


@mistake("VggBnNet", diagnosis="eps=1e-3 is Keras's BatchNormalization default; the spec keeps "
         "PyTorch's BatchNorm default, eps=1e-5.")
class KerasEpsilon(_Vgg):
    def __init__(self):
        super().__init__()
        self.features, self.classifier = _features(eps=1e-3), _head(eps=1e-3)


@mistake("VggBnNet", diagnosis="The head is torchvision's VGG classifier (Linear, ReLU, "
         "Dropout, Linear); the spec's head is Flatten, Linear(4096, 256), BatchNorm1d(256), "
         "ReLU, Linear(256, 10), without dropout.")
class TorchvisionHead(_Vgg):
    def __init__(self):
        super().__init__()
        self.features = _features()
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.ReLU(True),
                                        nn.Dropout(), nn.Linear(256, 10))


@mistake("VggBnNet", diagnosis="The convolutions have bias=False: the spec keeps the default "
         "bias=True (the state_dict has a bias for every Conv2d, and in eval mode it changes "
         "the output).")
class ConvWithoutBias(_Vgg):
    def __init__(self):
        super().__init__()
        self.features, self.classifier = _features(bias=False), _head()


@mistake("VggBnNet", diagnosis="The last block ends in a global average pool (ResNet style), "
         "so the head's Linear takes 256 features; the spec max-pools to (256, 4, 4) and "
         "flattens 4096.")
class GlobalAveragePoolHead(_Vgg):
    def __init__(self):
        super().__init__()
        self.features = _features(last_pool=nn.AdaptiveAvgPool2d(1))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(256, 256), nn.BatchNorm1d(256),
                                        nn.ReLU(), nn.Linear(256, 10))


@mistake("VggBnNet", diagnosis="The flatten happens in forward and nn.Flatten() is missing "
         "from self.classifier, so every classifier key moves by one (classifier.0.weight "
         "instead of classifier.1.weight) and a saved checkpoint no longer loads. Keep "
         "nn.Flatten() as classifier's first layer.")
class FlattenInForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = _features()
        self.classifier = nn.Sequential(nn.Linear(4096, 256), nn.BatchNorm1d(256), nn.ReLU(),
                                        nn.Linear(256, 10))

    def forward(self, x):
        x = self.features(x)
        return self.classifier(x.view(x.size(0), -1))
