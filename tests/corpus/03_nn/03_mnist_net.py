"""Corpus for exercises/03_nn/03_mnist_net.py: MnistNet."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class right__MnistNet__module_layers(nn.Module):
    "alternative | activations, pool and flatten as (parameter-free) module attributes instead of functional calls"

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)
        self.relu = nn.ReLU()
        self.pool = nn.MaxPool2d(2)
        self.flatten = nn.Flatten()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.relu(self.conv1(x))
        x = self.relu(self.conv2(x))
        x = self.pool(x)
        x = self.dropout1(x)
        x = self.flatten(x)
        x = self.relu(self.fc1(x))
        x = self.dropout2(x)
        return self.fc2(x)


class right__MnistNet__pool_before_relu(nn.Module):
    "alternative | max-pools before the second ReLU (relu and max commute, so the values are the same) and flattens with x.reshape(x.size(0), 64 * 12 * 12)"

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=3, stride=1)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, stride=1)
        self.dropout1 = nn.Dropout(p=0.25)
        self.dropout2 = nn.Dropout(p=0.5)
        self.fc1 = nn.Linear(64 * 12 * 12, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.conv1(x))
        x = torch.relu(F.max_pool2d(self.conv2(x), kernel_size=2))
        x = self.dropout1(x)
        x = x.reshape(x.size(0), 64 * 12 * 12)
        x = self.dropout2(torch.relu(self.fc1(x)))
        return self.fc2(x)


class right__MnistNet__layer_loop(nn.Module):
    "alternative | forward runs the feature extractor as a loop over a tuple of layers and functions (lambdas for pool and flatten)"

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def _features(self, x):
        for layer in (self.conv1, F.relu, self.conv2, F.relu,
                      lambda t: F.max_pool2d(t, 2), self.dropout1,
                      lambda t: torch.flatten(t, 1)):
            x = layer(x)
        return x

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self._features(x)
        x = self.dropout2(F.relu(self.fc1(x)))
        return self.fc2(x)


class right__MnistNet__functional_dropout_training_flag(nn.Module):
    "alternative | applies F.dropout(x, p, training=self.training) with the rates of dropout1/dropout2 (same RNG use as the modules)"

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = F.dropout(x, p=self.dropout1.p, training=self.training)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.dropout(x, p=self.dropout2.p, training=self.training)
        return self.fc2(x)


class wrong__MnistNet__relu_on_logits(nn.Module):
    "examples | the notebook's final F.relu on the output: negative logits are clamped to 0 | differs when: eval mode, any weights, torch.randn(2, 1, 28, 28): every negative logit of the correct net is 0 here"

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout2(x)
        return F.relu(self.fc2(x))


class wrong__MnistNet__log_softmax_output(nn.Module):
    "examples | pytorch/examples' mnist Net ends with F.log_softmax(x, dim=1) (for nll_loss): log-probabilities, not raw logits | differs when: eval mode, torch.randn(2, 1, 28, 28): outputs are shifted by each row's logsumexp"

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv1(x)
        x = F.relu(x)
        x = self.conv2(x)
        x = F.relu(x)
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = self.fc1(x)
        x = F.relu(x)
        x = self.dropout2(x)
        x = self.fc2(x)
        return F.log_softmax(x, dim=1)


class wrong__MnistNet__softmax_output(nn.Module):
    "tf-habit | ends like Keras' Dense(10, activation='softmax'): returns probabilities, not logits | differs when: eval mode, torch.randn(2, 1, 28, 28): rows sum to 1 instead of being raw scores"

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout2(x)
        return F.softmax(self.fc2(x), dim=1)


class wrong__MnistNet__functional_dropout_always_on(nn.Module):
    "subtle | calls F.dropout(x, 0.25) / F.dropout(x, 0.5) in forward: the functional form defaults to training=True, so dropout stays on after model.eval() | differs when: model.eval(), torch.randn(2, 1, 28, 28): the output is random and differs from the deterministic eval output"

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = F.dropout(x, 0.25)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.dropout(x, 0.5)
        return self.fc2(x)


class wrong__MnistNet__dropout2d(nn.Module):
    "examples | older pytorch/examples built dropout1 = nn.Dropout2d(0.25): it drops whole channels, not single activations | differs when: train mode with torch.manual_seed(0), torch.randn(2, 1, 28, 28): different output than element-wise Dropout(0.25) under the same seed"

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout2d(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout2(x)
        return self.fc2(x)


class wrong__MnistNet__dropout_rates_swapped(nn.Module):
    "beginner | the two rates swapped: 0.5 after the convolutions, 0.25 before fc2 | differs when: train mode with torch.manual_seed(0), torch.randn(2, 1, 28, 28): different output under the same seed (and dropout1.p == 0.5)"

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.5)
        self.dropout2 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout2(x)
        return self.fc2(x)


class wrong__MnistNet__dropout2_unused(nn.Module):
    "subtle | dropout2 is built in __init__ but never called in forward: only one dropout is active in training | differs when: train mode with torch.manual_seed(0), torch.randn(2, 1, 28, 28): output differs (fc1 activations are never dropped or rescaled)"

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


class wrong__MnistNet__keras_flatten_order(nn.Module):
    "tf-habit | permutes to NHWC before flattening to mimic Keras' Flatten: fc1 sees the 9216 features in (h, w, c) order, so a PyTorch state_dict gives different logits | differs when: eval mode, same loaded state_dict, torch.randn(2, 1, 28, 28)"

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = x.permute(0, 2, 3, 1).reshape(x.size(0), -1)
        x = F.relu(self.fc1(x))
        x = self.dropout2(x)
        return self.fc2(x)


class wrong__MnistNet__no_relu_after_conv2(nn.Module):
    "beginner | forgets the ReLU after conv2 (Keras' Conv2D(..., activation='relu') bundled it, here it must be called) | differs when: eval mode, same weights, torch.randn(2, 1, 28, 28): negative pooled activations reach fc1"

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(self.conv2(x), 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout2(x)
        return self.fc2(x)
