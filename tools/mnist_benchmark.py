"""`pytorch101 train mnist --reference` against pytorch/examples' MNIST network, on real digits.

    python tools/mnist_benchmark.py [--epochs 2] [--threads 2] [--data DIR]

Real MNIST cannot be downloaded here, so the real handwriting comes from scikit-learn's bundled
8x8 digits (1,797 images written by 43 people; pip install scikit-learn), upsampled to 28x28 and
written in MNIST's IDX files (writers' split: train on 80 %, test on the rest, seeded). On them,
in this one run and with the same torch threads:
  examples   pytorch/examples' mnist/main.py: its Net (two convolutions, dropout 0.25/0.5,
             fully connected 9216-128-10), Adadelta(lr=1.0), StepLR(step_size=1, gamma=0.7),
             batch 64, Normalize((0.1307,), (0.3081,))
  kata       `pytorch101 train mnist --reference` (the reference solutions of chapter 4)
Each trains --epochs epochs from seed 1 (examples) / 0 (kata), testing after each, and prints its
final test accuracy and the seconds from building the model to the last test (the kata's also
load its data sets and the learner's files: a little more work, counted against it). --data DIR points at real MNIST (MNIST/raw/*-ubyte) instead, where one has it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def write_real_digits(root: Path, seed: int = 0) -> Path:
    """scikit-learn's 8x8 handwritten digits, upsampled to 28x28, as MNIST IDX files."""
    import numpy as np
    import torch

    from grader.datasets import MNIST_FILES, write_idx

    try:
        from sklearn.datasets import load_digits
    except ImportError:
        sys.exit("this benchmark needs scikit-learn for its real handwritten digits: "
                 "pip install scikit-learn")
    digits = load_digits()
    images = torch.tensor(digits.images, dtype=torch.float32)[:, None] / 16.0  # (N, 1, 8, 8)
    big = torch.nn.functional.interpolate(images, size=(20, 20), mode="bilinear",
                                          align_corners=False)
    padded = torch.nn.functional.pad(big, (4, 4, 4, 4))  # MNIST: a 20x20 digit in a 28x28 box
    pixels = (padded[:, 0].clamp(0, 1) * 255).round().to(torch.uint8).numpy()
    order = np.random.default_rng(seed).permutation(len(pixels))
    cut = int(len(order) * 0.8)
    raw = root / "MNIST" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for split, chosen in (("train", order[:cut]), ("t10k", order[cut:])):
        image_file, label_file = MNIST_FILES[split]
        write_idx(raw / image_file, pixels[chosen])
        write_idx(raw / label_file, digits.target[chosen].astype(np.uint8))
    return root


EXAMPLES = '''
import sys, time, torch, torch.nn as nn, torch.nn.functional as F
from torchvision import datasets, transforms
torch.set_num_threads(int(sys.argv[3]))
class Net(nn.Module):  # pytorch/examples mnist/main.py
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1); self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25); self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128); self.fc2 = nn.Linear(128, 10)
    def forward(self, x):
        x = F.relu(self.conv1(x)); x = F.relu(self.conv2(x)); x = F.max_pool2d(x, 2)
        x = self.dropout1(x); x = torch.flatten(x, 1); x = F.relu(self.fc1(x))
        x = self.dropout2(x); return F.log_softmax(self.fc2(x), dim=1)
torch.manual_seed(1)
tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
train = torch.utils.data.DataLoader(datasets.MNIST(sys.argv[1], train=True, transform=tf),
                                    batch_size=64, shuffle=True)
test = torch.utils.data.DataLoader(datasets.MNIST(sys.argv[1], train=False, transform=tf),
                                   batch_size=1000)
started = time.perf_counter()
model = Net(); optimizer = torch.optim.Adadelta(model.parameters(), lr=1.0)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.7)
for epoch in range(int(sys.argv[2])):
    model.train()
    for data, target in train:
        optimizer.zero_grad(); loss = F.nll_loss(model(data), target); loss.backward()
        optimizer.step()
    model.eval(); correct = 0  # main.py tests after every epoch
    with torch.no_grad():
        for data, target in test:
            correct += int((model(data).argmax(1) == target).sum())
    scheduler.step()
print(f"{correct / len(test.dataset):.4f} {time.perf_counter() - started:.2f}")
'''


def run_examples(root: Path, epochs: int, threads: int) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", EXAMPLES, str(root), str(epochs), str(threads)],
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def run_kata(root: Path, epochs: int, threads: int, scratch: Path) -> tuple[float, float]:
    script = ("import sys, time, torch; torch.set_num_threads(int(sys.argv[1])); "
              "from grader import train; started = time.perf_counter(); "
              "code = train.main(sys.argv[2:]); "
              "print(f'seconds: {time.perf_counter() - started:.2f}'); sys.exit(code)")
    result = subprocess.run(
        [sys.executable, "-c", script, str(threads), "mnist", "--reference", "--quiet",
         "--data", str(root), "--epochs", str(epochs), "--runs", str(scratch / "runs"),
         "--checkpoints", str(scratch / "checkpoints"), "--device", "cpu"],
        capture_output=True, text=True, cwd=REPO, check=False)
    if result.returncode != 0:
        sys.exit(f"pytorch101 train failed:\n{result.stderr}")
    accuracy = float(result.stdout.split("test accuracy:")[1].split()[0])
    return accuracy, float(result.stdout.split("seconds:")[1].split()[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data", default=None, help="real MNIST (MNIST/raw/*-ubyte) instead")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pytorch101-mnist-") as tmp:
        root = Path(args.data) if args.data else write_real_digits(Path(tmp) / "digits")
        source = args.data or "scikit-learn's real handwritten digits, upsampled to 28x28"
        print(f"data: {source}; {args.epochs} epochs; {args.threads} torch threads")
        examples = run_examples(root, args.epochs, args.threads)
        kata = run_kata(root, args.epochs, args.threads, Path(tmp))
    print(f"{'':<40} {'accuracy':>9} {'seconds':>8}")
    print(f"{'pytorch/examples Net, Adadelta':<40} {examples[0]:9.4f} {examples[1]:8.2f}")
    print(f"{'pytorch101 train mnist --reference':<40} {kata[0]:9.4f} {kata[1]:8.2f}")
    print(f"kata - examples: accuracy {kata[0] - examples[0]:+.4f}, time "
          f"x{kata[1] / examples[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
