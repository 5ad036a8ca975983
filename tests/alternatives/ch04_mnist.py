"""Right answers to chapter 4 (MNIST, data, TensorBoard) written differently: all must pass."""

import os
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset, RandomSampler
from torchvision import datasets, transforms
from torchvision.transforms import v2
from torchvision.utils import make_grid

from grader.mistakes import alternative


@alternative("image_to_tensor")
def torchvision_functional(img):
    return transforms.functional.to_tensor(img)


@alternative("image_to_tensor")
def atleast_3d_movedim(img):
    return torch.as_tensor(np.atleast_3d(img)).movedim(-1, 0) / 255.0


@alternative("normalize_channels")
def torchvision_normalize(x, mean, std):
    return transforms.functional.normalize(x, mean, std)


@alternative("normalize_channels")
def sub_div_with_none_axes(x, mean, std):
    m = torch.tensor(mean, dtype=x.dtype)[:, None, None]
    s = torch.tensor(std, dtype=x.dtype)[:, None, None]
    return x.sub(m).div(s)


@alternative("mnist_transform")
def transforms_v2():
    return v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True),
                       v2.Normalize([0.1307], [0.3081])])


@alternative("mnist_transform")
def float_statistics():
    return transforms.Compose([transforms.ToTensor(), transforms.Normalize(0.1307, 0.3081)])


@alternative("load_mnist")
def keyword_arguments(root, train=True, download=False):
    pipeline = transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.1307], [0.3081])])
    return datasets.MNIST(root=root, train=train, download=download, transform=pipeline)


@alternative("ArrayImageDataset")
class TensorLabels(Dataset):
    def __init__(self, images, labels, transform=None):
        self.images = images
        self.labels = torch.as_tensor(labels).long()
        self.transform = transform

    def __len__(self):
        return self.labels.shape[0]

    def __getitem__(self, i):
        image = self.images[i]
        return (self.transform(image) if self.transform else image), self.labels[i].item()


@alternative("make_mnist_loaders")
def sampler_with_generator(train_ds, test_ds, batch_size=64, seed=0, num_workers=0):
    g = torch.Generator()
    g.manual_seed(seed)
    sampler = RandomSampler(train_ds, generator=g)
    return (DataLoader(train_ds, batch_size=batch_size, sampler=sampler, num_workers=num_workers),
            DataLoader(test_ds, batch_size=batch_size, num_workers=num_workers))


@alternative("first_batch")
def loop_and_return(loader):
    for images, labels in loader:
        return images, labels


@alternative("first_batch")
def index_the_batch(loader):
    batch = next(iter(loader))
    return batch[0], batch[1]


@alternative("MnistCNN")
class FunctionalDropoutFlatten(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc2 = nn.Linear(128, 10)
        self.fc1 = nn.Linear(9216, 128)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.flatten = nn.Flatten()

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv2(F.relu(self.conv1(x)))), 2)
        x = self.flatten(F.dropout(x, 0.25, training=self.training))
        return self.fc2(F.dropout(F.relu(self.fc1(x)), 0.5, training=self.training))


@alternative("train_one_epoch")
def list_of_losses(model, loader, optimizer, criterion):
    model.train()
    losses = []
    for images, labels in loader:
        outputs = model(images)
        loss = F.cross_entropy(outputs, labels)
        optimizer.zero_grad(set_to_none=False)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return float(np.mean(losses))


@alternative("evaluate_accuracy")
def inference_mode_count(model, loader):
    model.eval()
    correct = total = 0
    with torch.inference_mode():
        for images, labels in loader:
            predictions = torch.max(model(images), 1).indices
            correct += int((predictions == labels).sum())
            total += labels.numel()
    return correct / total


@alternative("make_run_writer")
def torch_utils_tensorboard(log_root, experiment):
    from torch.utils.tensorboard import SummaryWriter

    return SummaryWriter(log_dir=str(Path(log_root) / experiment))


@alternative("make_run_writer")
def log_dir_keyword(log_root, experiment):
    from tensorboardX import SummaryWriter

    return SummaryWriter(log_dir=os.path.join(log_root, experiment))


@alternative("log_image_grid")
def explicit_value_range(writer, images, step, tag="inputs", nrow=8):
    grid = make_grid(images, nrow=nrow, padding=2, normalize=True,
                     value_range=(float(images.min()), float(images.max())))
    writer.add_image(tag, grid, global_step=step, dataformats="CHW")


@alternative("fit_mnist")
def helper_functions(model, train_loader, test_loader, epochs, lr, writer):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    step = 0

    def accuracy():
        model.eval()
        with torch.no_grad():
            hits = sum(int((model(x).argmax(1) == y).sum()) for x, y in test_loader)
        return hits / len(test_loader.dataset)

    history = []
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
            writer.add_scalar("loss/train", loss.item(), global_step=step)
            step += 1
        history.append(accuracy())
        writer.add_scalar("accuracy/test", history[-1], global_step=epoch)
    return history
