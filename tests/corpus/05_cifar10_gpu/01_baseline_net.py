"""Realistic learner answers for exercises/05_cifar10_gpu/01_baseline_net.py (BaselineCifarNet)."""
import torch
import torch.nn.functional as F
from torch import nn


# ---------------------------------------------------------------------------------------------
# right answers
# ---------------------------------------------------------------------------------------------

class right__BaselineCifarNet__functional_ops(nn.Module):
    """alternative | ReLU, max-pool and flatten through torch.nn.functional / torch.flatten(x, 1)"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(12544, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, kernel_size=2, stride=2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


class right__BaselineCifarNet__parameterless_modules(nn.Module):
    """alternative | keeps nn.ReLU / nn.MaxPool2d / nn.Flatten as attributes (no parameters, so the state_dict is unchanged)"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels=3, out_channels=32, kernel_size=3)
        self.conv2 = nn.Conv2d(in_channels=32, out_channels=64, kernel_size=3)
        self.fc1 = nn.Linear(in_features=64 * 14 * 14, out_features=128)
        self.fc2 = nn.Linear(in_features=128, out_features=10)
        self.act = nn.ReLU()
        self.pool = nn.MaxPool2d(2)
        self.flatten = nn.Flatten()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.act(self.conv1(x))
        x = self.pool(self.act(self.conv2(x)))
        x = self.flatten(x)
        return self.fc2(self.act(self.fc1(x)))


class right__BaselineCifarNet__reshape_minus_one(nn.Module):
    """alternative | flattens with x.reshape(-1, 12544) (copes with a batch of 0 and channels_last inputs) and uses clamp(min=0) as the ReLU"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, (3, 3))
        self.conv2 = nn.Conv2d(32, 64, (3, 3))
        self.fc1 = nn.Linear(12544, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.conv1(x).clamp(min=0)
        h = self.conv2(h).clamp(min=0)
        h = F.max_pool2d(h, 2)
        h = h.reshape(-1, 64 * 14 * 14)
        h = self.fc1(h).clamp(min=0)
        return self.fc2(h)


class right__BaselineCifarNet__flatten_method(nn.Module):
    """alternative | Tensor.flatten(start_dim=1) and F.relu on each layer in one expression chain"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, kernel_size=3, stride=1, padding=0)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, stride=1, padding=0)
        self.fc1 = nn.Linear(12544, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(F.relu(self.fc1(
            F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2).flatten(start_dim=1))))


# ---------------------------------------------------------------------------------------------
# wrong answers
# ---------------------------------------------------------------------------------------------

class wrong__BaselineCifarNet__relu_on_logits(nn.Module):
    """old-api | copies the source notebook's final F.relu: negative logits are clamped to 0 | differs when: default init, input torch.randn(2, 3, 32, 32) (some logits are negative and come out as 0.0)"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(12544, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return x


class wrong__BaselineCifarNet__log_softmax_output(nn.Module):
    """examples | ends with F.log_softmax(x, dim=1) like pytorch/examples' MNIST net: returns log-probabilities, not raw logits | differs when: any input, e.g. torch.zeros(2, 3, 32, 32) (each row is shifted by its logsumexp)"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.fc1 = nn.Linear(12544, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv1(x)
        x = F.relu(x)
        x = self.conv2(x)
        x = F.relu(x)
        x = F.max_pool2d(x, 2)
        x = torch.flatten(x, 1)
        x = self.fc1(x)
        x = F.relu(x)
        x = self.fc2(x)
        return F.log_softmax(x, dim=1)


class wrong__BaselineCifarNet__softmax_output(nn.Module):
    """tf-habit | Keras' Dense(10, activation="softmax") habit: returns probabilities, so CrossEntropyLoss applies softmax twice | differs when: any input, e.g. torch.zeros(2, 3, 32, 32) (rows sum to 1 instead of being raw scores)"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(12544, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return F.softmax(self.fc2(x), dim=1)


class wrong__BaselineCifarNet__channels_last_flatten(nn.Module):
    """tf-habit | permutes to (N, H, W, C) before flattening to mimic Keras' Flatten, so fc1 sees the 12544 features in a different order | differs when: the same weights, input torch.randn(2, 3, 32, 32) (logits differ although shapes match)"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(12544, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = torch.flatten(x.permute(0, 2, 3, 1), 1)  # like Keras: (N, H, W, C) -> Flatten
        x = F.relu(self.fc1(x))
        return self.fc2(x)


class wrong__BaselineCifarNet__flatten_whole_batch(nn.Module):
    """beginner | torch.flatten(x) without start_dim also flattens the batch dimension | differs when: input torch.zeros(1, 3, 32, 32) returns shape (10,) instead of (1, 10), and a batch of 2 raises a shape error"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(12544, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = torch.flatten(x)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


class wrong__BaselineCifarNet__mnist_dropouts_kept(nn.Module):
    """examples | copies the chapter-3 / pytorch/examples MNIST net with its Dropout(0.25) and Dropout(0.5), which the spec does not have: in train mode (the default) outputs are randomly masked | differs when: a freshly built model (train mode), input torch.randn(2, 3, 32, 32)"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(12544, 128)
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


class wrong__BaselineCifarNet__pool_after_each_conv(nn.Module):
    """examples | follows the PyTorch CIFAR-10 tutorial's Net (a max-pool after each conv) and resizes fc1 to Linear(2304, 128): fc1.weight has the wrong shape and the feature map is different | differs when: loading a state_dict with fc1.weight of shape (128, 12544), or comparing parameter shapes"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(64 * 6 * 6, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


class wrong__BaselineCifarNet__same_padding(nn.Module):
    """tf-habit | Conv2d(..., padding="same") as in many Keras models keeps 32x32, so the flatten is 64*16*16 and fc1 becomes Linear(16384, 128) | differs when: comparing parameter shapes / loading a state_dict with fc1.weight (128, 12544)"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding="same")
        self.conv2 = nn.Conv2d(32, 64, 3, padding="same")
        self.fc1 = nn.Linear(64 * 16 * 16, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


class wrong__BaselineCifarNet__reshape_batch_minus_one(nn.Module):
    """subtle | x.reshape(x.size(0), -1) cannot infer -1 for an empty batch and raises | differs when: input torch.zeros(0, 3, 32, 32) (a correct net returns an empty (0, 10) tensor)"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(12544, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = x.reshape(x.size(0), -1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


class wrong__BaselineCifarNet__casts_input_to_float(nn.Module):
    """subtle | forward starts with x = x.float() (a habit from uint8 images), which breaks a model converted with .double() (or .half()/.bfloat16()) | differs when: model.double() with a float64 input torch.zeros(2, 3, 32, 32, dtype=torch.float64) raises a dtype mismatch"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(12544, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.float()
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


class wrong__BaselineCifarNet__view_needs_contiguous(nn.Module):
    """subtle | x.view(-1, 12544) needs a contiguous feature map: a channels_last input gives a channels_last conv output and view raises | differs when: input torch.randn(2, 3, 32, 32).to(memory_format=torch.channels_last)"""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(12544, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = x.view(-1, 12544)
        x = F.relu(self.fc1(x))
        return self.fc2(x)
