"""Realistic learner answers for 04_mnist/08_cnn.py (MnistCNN)."""
import torch
import torch.nn.functional as F
from torch import nn


# ----------------------------------------------------------------------------- right

class right__MnistCNN__module_activations(nn.Module):
    """alternative | uses nn.ReLU / nn.MaxPool2d / nn.Flatten modules (parameter-free, created after the required layers) instead of functional calls"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.dropout2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)
        self.relu = nn.ReLU()
        self.pool = nn.MaxPool2d(2)
        self.flatten = nn.Flatten()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.relu(self.conv1(x))
        x = self.relu(self.conv2(x))
        x = self.dropout1(self.pool(x))
        x = self.flatten(x)
        x = self.dropout2(self.relu(self.fc1(x)))
        return self.fc2(x)


class right__MnistCNN__functional_dropout_flag(nn.Module):
    """alternative | keeps the Dropout attributes but applies dropout with F.dropout(p, training=self.training), flattens with x.reshape(x.shape[0], 9216) and uses torch.relu"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels=1, out_channels=32, kernel_size=3)
        self.conv2 = nn.Conv2d(in_channels=32, out_channels=64, kernel_size=3)
        self.dropout1 = nn.Dropout(p=0.25)
        self.fc1 = nn.Linear(in_features=9216, out_features=128)
        self.dropout2 = nn.Dropout(p=0.5)
        self.fc2 = nn.Linear(in_features=128, out_features=10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.conv1(x))
        x = torch.relu(self.conv2(x))
        x = F.max_pool2d(x, kernel_size=2, stride=2)
        x = F.dropout(x, p=self.dropout1.p, training=self.training)
        x = x.reshape(x.shape[0], 9216)
        x = torch.relu(self.fc1(x))
        x = F.dropout(x, p=self.dropout2.p, training=self.training)
        return self.fc2(x)


class right__MnistCNN__start_dim_flatten_inplace_relu(nn.Module):
    """alternative | F.relu(inplace=True) on fresh conv outputs and torch.flatten(x, start_dim=1)"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(12 * 12 * 64, 128)
        self.dropout2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x), inplace=True)
        x = F.relu(self.conv2(x), inplace=True)
        x = self.dropout1(F.max_pool2d(x, 2))
        x = torch.flatten(x, start_dim=1)
        x = self.dropout2(F.relu(self.fc1(x), inplace=True))
        return self.fc2(x)


# ----------------------------------------------------------------------------- wrong

class wrong__MnistCNN__softmax_output(nn.Module):
    """tf-habit | ends with softmax like Keras's Dense(10, activation="softmax"), so it returns probabilities instead of raw logits | differs when: MnistCNN().eval()(torch.randn(2, 1, 28, 28)) with the same weights: rows sum to 1 and differ from the logits"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.dropout2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = self.dropout1(F.max_pool2d(x, 2))
        x = torch.flatten(x, 1)
        x = self.dropout2(F.relu(self.fc1(x)))
        return F.softmax(self.fc2(x), dim=1)


class wrong__MnistCNN__log_softmax_output(nn.Module):
    """examples | copies pytorch/examples/mnist, whose forward ends with F.log_softmax(x, dim=1) (it trains with nll_loss), instead of returning the logits of fc2 | differs when: eval mode, same weights, any input: outputs are log-probabilities (logsumexp of each row is 0) instead of logits"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.dropout2 = nn.Dropout(0.5)
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


class wrong__MnistCNN__relu_on_logits(nn.Module):
    """beginner | applies ReLU after fc2 too ("every layer gets an activation"), so negative logits are clipped to 0 | differs when: eval mode, same weights, torch.randn(2, 1, 28, 28): outputs have no negative entries while the reference's logits do"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.dropout2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = self.dropout1(F.max_pool2d(x, 2))
        x = x.flatten(1)
        x = self.dropout2(F.relu(self.fc1(x)))
        return F.relu(self.fc2(x))


class wrong__MnistCNN__functional_dropout_always_on(nn.Module):
    """subtle | uses F.dropout(x, 0.25) / F.dropout(x, 0.5) without training=self.training; F.dropout defaults to training=True, so dropout stays active after model.eval() | differs when: model.eval() and the same input twice: outputs differ between calls and from the deterministic eval-mode logits"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.dropout2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.dropout(F.max_pool2d(x, 2), 0.25)
        x = torch.flatten(x, 1)
        x = F.dropout(F.relu(self.fc1(x)), 0.5)
        return self.fc2(x)


class wrong__MnistCNN__view_batch_minus_one(nn.Module):
    """subtle | flattens with x.view(x.size(0), -1), which cannot infer -1 when the batch is empty | differs when: input torch.zeros(0, 1, 28, 28): raises RuntimeError instead of returning a (0, 10) tensor"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.dropout2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = self.dropout1(F.max_pool2d(x, 2))
        x = x.view(x.size(0), -1)
        x = self.dropout2(F.relu(self.fc1(x)))
        return self.fc2(x)


class wrong__MnistCNN__dropout2d_first(nn.Module):
    """old-api | older pytorch/examples used dropout1 = nn.Dropout2d(0.25), which zeroes whole feature maps instead of single activations | differs when: model.train() with the same seed and weights: the training-mode outputs differ (entire 12x12 channels dropped); isinstance(model.dropout1, nn.Dropout) is False"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout2d(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.dropout2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = self.dropout1(F.max_pool2d(x, 2))
        x = torch.flatten(x, 1)
        x = self.dropout2(F.relu(self.fc1(x)))
        return self.fc2(x)


class wrong__MnistCNN__missing_relu_after_conv2(nn.Module):
    """beginner | forgets the ReLU between conv2 and the max-pool | differs when: eval mode, same weights, torch.randn(2, 1, 28, 28): different logits (negative conv2 outputs survive the pool)"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.dropout2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = self.conv2(x)
        x = self.dropout1(F.max_pool2d(x, 2))
        x = torch.flatten(x, 1)
        x = self.dropout2(F.relu(self.fc1(x)))
        return self.fc2(x)


class wrong__MnistCNN__dropout_rates_swapped(nn.Module):
    """subtle | applies dropout2 (p=0.5) after the pool and dropout1 (p=0.25) after fc1, i.e. the two dropouts in the wrong places | differs when: model.train() with the same seed and weights: training-mode outputs differ (eval mode is unaffected)"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.dropout2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = self.dropout2(F.max_pool2d(x, 2))
        x = torch.flatten(x, 1)
        x = self.dropout1(F.relu(self.fc1(x)))
        return self.fc2(x)


class wrong__MnistCNN__flatten_everything(nn.Module):
    """beginner | uses torch.flatten(x) with no start_dim, which merges the batch axis into the features, so fc1 gets a 1-D vector | differs when: input torch.zeros(1, 1, 28, 28): output shape (10,) instead of (1, 10); with 2 images it raises RuntimeError"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.dropout2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = self.dropout1(F.max_pool2d(x, 2))
        x = torch.flatten(x)
        x = self.dropout2(F.relu(self.fc1(x)))
        return self.fc2(x)
