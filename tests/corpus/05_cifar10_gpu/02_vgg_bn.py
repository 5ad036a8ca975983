"""Realistic learner answers for exercises/05_cifar10_gpu/02_vgg_bn.py (VggBnNet)."""
import torch
from torch import nn


def _conv_bn_relu(cin: int, cout: int) -> list[nn.Module]:
    return [nn.Conv2d(cin, cout, kernel_size=3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


# ---------------------------------------------------------------------------------------------
# right answers
# ---------------------------------------------------------------------------------------------

class right__VggBnNet__built_in_a_loop(nn.Module):
    """alternative | builds self.features with a loop over (in, out) channel pairs and in-place ReLUs; same module indices"""

    def __init__(self) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        for cin, cout in [(3, 64), (64, 128), (128, 256)]:
            layers += _conv_bn_relu(cin, cout)
            layers += _conv_bn_relu(cout, cout)
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Linear(256 * 4 * 4, 256), nn.BatchNorm1d(256), nn.ReLU(inplace=True),
            nn.Linear(256, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


class right__VggBnNet__written_out(nn.Module):
    """alternative | every layer written out by hand, forward applies the two Sequentials one after the other"""

    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.Conv2d(64, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(),
            nn.Conv2d(128, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(128, 256, 3, padding=1), nn.BatchNorm2d(256), nn.ReLU(),
            nn.Conv2d(256, 256, 3, padding=1), nn.BatchNorm2d(256), nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(start_dim=1),
            nn.Linear(4096, 256),
            nn.BatchNorm1d(256),
            nn.ReLU(),
            nn.Linear(256, 10),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.features(x)
        x = self.classifier(x)
        return x


class right__VggBnNet__explicit_module_loop(nn.Module):
    """alternative | padding="same" (identical to padding=1 for 3x3) and forward iterates over the submodules by hand"""

    def __init__(self) -> None:
        super().__init__()
        feats: list[nn.Module] = []
        cin = 3
        for cout in (64, 128, 256):
            for _ in range(2):
                feats.extend([nn.Conv2d(cin, cout, (3, 3), padding="same"), nn.BatchNorm2d(cout), nn.ReLU()])
                cin = cout
            feats.append(nn.MaxPool2d(2))
        self.features = nn.Sequential(*feats)
        self.classifier = nn.Sequential(nn.Flatten(1, -1), nn.Linear(4096, 256), nn.BatchNorm1d(256),
                                        nn.ReLU(), nn.Linear(256, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.features:
            x = layer(x)
        for layer in self.classifier:
            x = layer(x)
        return x


# ---------------------------------------------------------------------------------------------
# wrong answers
# ---------------------------------------------------------------------------------------------

class wrong__VggBnNet__no_batchnorm(nn.Module):
    """old-api | the source notebook's plain VGG: Conv2d + ReLU without any BatchNorm (the net that never learned) | differs when: comparing the state_dict (no BatchNorm weights or running stats) or any forward pass with the same conv/linear weights"""

    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, 3, padding=1), nn.ReLU(),
            nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(),
            nn.Conv2d(128, 128, 3, padding=1), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(128, 256, 3, padding=1), nn.ReLU(),
            nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.ReLU(), nn.Linear(256, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


class wrong__VggBnNet__relu_on_logits(nn.Module):
    """beginner | ends the classifier with another nn.ReLU(): negative logits become 0 | differs when: eval mode, input torch.randn(2, 3, 32, 32) with default init (some logits are negative)"""

    def __init__(self) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        for cin, cout in [(3, 64), (64, 128), (128, 256)]:
            layers += [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                       nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                       nn.MaxPool2d(2)]
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.BatchNorm1d(256), nn.ReLU(),
                                        nn.Linear(256, 10), nn.ReLU())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


class wrong__VggBnNet__keras_momentum(nn.Module):
    """tf-habit | BatchNorm2d/1d(momentum=0.99) copied from Keras' BatchNormalization(momentum=0.99); PyTorch's momentum is the weight of the *new* batch (Keras 0.99 means PyTorch 0.01; the spec keeps the default 0.1) | differs when: one train-mode forward on torch.randn(4, 3, 32, 32), then the running_mean/running_var buffers (and every later eval output) differ"""

    def __init__(self) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        for cin, cout in [(3, 64), (64, 128), (128, 256)]:
            layers += [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout, momentum=0.99), nn.ReLU(),
                       nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout, momentum=0.99), nn.ReLU(),
                       nn.MaxPool2d(2)]
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.BatchNorm1d(256, momentum=0.99),
                                        nn.ReLU(), nn.Linear(256, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


class wrong__VggBnNet__keras_epsilon(nn.Module):
    """tf-habit | BatchNorm(eps=1e-3), Keras' default epsilon, instead of PyTorch's 1e-5 | differs when: eval mode with running_var filled with small values (e.g. 1e-3) and input torch.randn(2, 3, 32, 32): normalised activations and logits differ; also in train mode on any batch (slightly)"""

    def __init__(self) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        for cin, cout in [(3, 64), (64, 128), (128, 256)]:
            layers += [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout, eps=1e-3), nn.ReLU(),
                       nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout, eps=1e-3), nn.ReLU(),
                       nn.MaxPool2d(2)]
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.BatchNorm1d(256, eps=1e-3),
                                        nn.ReLU(), nn.Linear(256, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


class wrong__VggBnNet__relu_before_bn(nn.Module):
    """beginner | Conv -> ReLU -> BatchNorm instead of Conv -> BatchNorm -> ReLU (and Linear -> ReLU -> BatchNorm1d) | differs when: the same parameters filled in state_dict order, input torch.randn(2, 3, 32, 32) in train or eval mode (and the state_dict keys move: features.2.weight instead of features.1.weight)"""

    def __init__(self) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        for cin, cout in [(3, 64), (64, 128), (128, 256)]:
            layers += [nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(cout),
                       nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(cout),
                       nn.MaxPool2d(2)]
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.ReLU(), nn.BatchNorm1d(256),
                                        nn.Linear(256, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


class wrong__VggBnNet__torchvision_vgg_head(nn.Module):
    """examples | copies torchvision's VGG classifier (Linear, ReLU, Dropout, Linear) with no BatchNorm1d in the head | differs when: comparing the state_dict (classifier.2.weight/running_mean missing, classifier.4 is Linear(256, 10) vs classifier.5) or a train-mode forward on torch.randn(4, 3, 32, 32) (dropout mask)"""

    def __init__(self) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        for cin, cout in [(3, 64), (64, 128), (128, 256)]:
            layers += [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                       nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                       nn.MaxPool2d(kernel_size=2, stride=2)]
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(256 * 4 * 4, 256), nn.ReLU(True), nn.Dropout(),
                                        nn.Linear(256, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


class wrong__VggBnNet__conv_bias_false(nn.Module):
    """subtle | Conv2d(..., bias=False) because "BatchNorm cancels the bias": the six conv biases are missing from the state_dict, and in eval mode (running stats) the reference's non-zero biases do change the output | differs when: loading/filling the reference state_dict (6 fewer tensors), or eval mode with non-zero conv biases"""

    def __init__(self) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        for cin, cout in [(3, 64), (64, 128), (128, 256)]:
            layers += [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
                       nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
                       nn.MaxPool2d(2)]
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(4096, 256), nn.BatchNorm1d(256), nn.ReLU(),
                                        nn.Linear(256, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


class wrong__VggBnNet__flatten_in_forward(nn.Module):
    """subtle | flattens in forward with x.view(x.size(0), -1) and leaves nn.Flatten out of self.classifier, so every classifier key shifts by one (classifier.0.weight is the Linear instead of classifier.1.weight); the view also fails on an empty batch | differs when: loading a reference state_dict by key, or eval mode with input torch.zeros(0, 3, 32, 32)"""

    def __init__(self) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        for cin, cout in [(3, 64), (64, 128), (128, 256)]:
            layers += [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                       nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                       nn.MaxPool2d(2)]
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Linear(4096, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Linear(256, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.features(x)
        x = x.view(x.size(0), -1)
        return self.classifier(x)


class wrong__VggBnNet__global_avg_pool_head(nn.Module):
    """subtle | replaces the last MaxPool2d + Flatten with AdaptiveAvgPool2d(1) + Linear(256, 256) (ResNet-style), so the head's weight is (256, 256) instead of (256, 4096) | differs when: comparing parameter shapes / filling the reference parameters, or any forward pass"""

    def __init__(self) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        for cin, cout in [(3, 64), (64, 128)]:
            layers += [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                       nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                       nn.MaxPool2d(2)]
        layers += [nn.Conv2d(128, 256, 3, padding=1), nn.BatchNorm2d(256), nn.ReLU(),
                   nn.Conv2d(256, 256, 3, padding=1), nn.BatchNorm2d(256), nn.ReLU(),
                   nn.AdaptiveAvgPool2d(1)]
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(256, 256), nn.BatchNorm1d(256), nn.ReLU(),
                                        nn.Linear(256, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))
