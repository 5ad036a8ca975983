"""``pytorch101 train mnist|cifar10``: train a model end to end with the learner's own code.

It puts the exercises to work together, as a real script would: for MNIST chapter 4's transform,
loaders, CNN, training epoch, evaluation and TensorBoard writer; for CIFAR-10 chapter 5's
transforms, device-agnostic loaders and training loop, prediction and atomic save. They are
loaded from their files by path (``--reference`` takes the reference solutions instead). It
picks the best device there is, shows a progress bar, writes TensorBoard logs to
``runs/<alias>``, saves the weights to ``checkpoints/<alias>.pt`` and prints the test accuracy.

Data: the real dataset under ``--data`` (default ``data/``), downloaded there when missing and
online; ``--synthetic`` writes a small learnable stand-in (``grader.datasets``) for an offline
demo. Learner code runs in this process (it is the learner's own script); the grader's checks,
not this command, are what judge it.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import itertools
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from grader import catalogue, paths

CIFAR_ARCHS = {"baseline": "BaselineCifarNet", "vgg": "VggBnNet"}
NEEDED = {
    "mnist": ("mnist_transform", "make_mnist_loaders", "MnistCNN", "train_one_epoch",
              "evaluate_accuracy", "make_run_writer"),
    "cifar10": ("cifar_transforms", "cifar_loader", "train_epoch_on", "predict_classes",
                "save_for_inference", "make_run_writer"),
}
"""The exercises each training run puts to work: MNIST only chapter 4's, CIFAR-10 chapter 5's."""
DEFAULT_LR = {"mnist": 1.0, "cifar10": 0.05}
"""MNIST trains as pytorch/examples' mnist/main.py does (Adadelta, lr 1.0, the rate times 0.7
after each epoch): on real handwriting it beats SGD with momentum in the same epochs
(tools/mnist_benchmark.py). CIFAR-10: SGD with momentum 0.9."""


class TrainError(Exception):
    """A problem the learner can fix (missing data, an unfinished exercise): no traceback."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``pytorch101 train``."""
    parser.add_argument("dataset", choices=sorted(NEEDED), help="what to train on")
    parser.add_argument("--arch", choices=sorted(CIFAR_ARCHS), default="baseline",
                        help="CIFAR-10 network: your BaselineCifarNet or VggBnNet "
                             "(default: baseline)")
    parser.add_argument("--epochs", type=int, default=2, help="passes over the training set "
                        "(default: 2)")
    parser.add_argument("--batch-size", type=int, default=64, help="default: 64")
    parser.add_argument("--lr", type=float, default=None,
                        help="learning rate (MNIST: Adadelta, default 1.0, times 0.7 after each "
                             "epoch, as pytorch/examples does; CIFAR-10: SGD with momentum 0.9, "
                             "default 0.05)")
    parser.add_argument("--max-batches", type=int, default=None, metavar="N",
                        help="stop each epoch after N batches (a quick try-out)")
    parser.add_argument("--device", default="auto",
                        help="auto (CUDA, then Apple MPS, then CPU), cpu, cuda, cuda:1, mps...")
    parser.add_argument("--data", metavar="DIR", default=None,
                        help="folder with (or for) the dataset; downloaded there when missing "
                             "(default: data/)")
    parser.add_argument("--synthetic", action="store_true",
                        help="use a small synthetic dataset (offline demo; accuracy on it says "
                             "nothing about the real data)")
    parser.add_argument("--reference", action="store_true",
                        help="train with the reference solutions instead of your exercises")
    parser.add_argument("--exercises", metavar="DIR", default=None,
                        help="the folder with your exercises (default: exercises/)")
    parser.add_argument("--alias", default=None,
                        help="run name for runs/<alias> and checkpoints/<alias>.pt "
                             "(default: <dataset>-<arch>)")
    parser.add_argument("--runs", metavar="DIR", default="runs",
                        help="TensorBoard log folder (default: runs/)")
    parser.add_argument("--checkpoints", metavar="DIR", default="checkpoints",
                        help="where the final weights go (default: checkpoints/)")
    parser.add_argument("--seed", type=int, default=0, help="default: 0")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def main(argv: list[str]) -> int:
    """Parse ``argv`` (the arguments after ``train``) and run; returns the exit status."""
    parser = argparse.ArgumentParser(prog="pytorch101 train",
                                     description="train MNIST or CIFAR-10 with your code")
    add_arguments(parser)
    return run(parser.parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Run the command on parsed arguments (what the CLI calls)."""
    try:
        check_prerequisites(args)
        result = train(args)
    except TrainError as error:
        print(f"pytorch101 train: {error}", file=sys.stderr)
        return 1
    print(f"test accuracy: {result.accuracy:.4f} ({result.correct}/{result.total})"
          + ("  [synthetic data]" if args.synthetic else ""))
    print(f"checkpoint:    {result.checkpoint}")
    if importlib.util.find_spec("tensorboard") is not None:
        print(f"tensorboard:   tensorboard --logdir {args.runs}")
    else:
        print(f"tensorboard:   logs are in {args.runs}/; to see them, install TensorBoard "
              f"(pip install tensorboard), then run tensorboard --logdir {args.runs}")
    return 0


def check_prerequisites(args: argparse.Namespace) -> None:
    """Say which exercises the run needs that are not done yet, before any work (no torch):
    a stub still raising NotImplementedError is found by reading its file."""
    folder = paths.solutions_dir() if args.reference else paths.exercises_dir(args.exercises)
    needed = NEEDED[args.dataset] + ((CIFAR_ARCHS[args.arch],) if args.dataset == "cifar10"
                                     else ())
    cat = catalogue.load()
    todo = []
    for exercise in (cat.exercise(i) for i in needed):
        path = folder / exercise.path
        if not path.is_file():
            raise TrainError(f"{path} does not exist (`pytorch101 reset {exercise.id}` puts the "
                             "stub back)")
        if _still_a_stub(path, exercise.id):
            todo.append(exercise)
    if todo:
        names = ", ".join(f"{e.id} ({e.path})" for e in todo)
        raise TrainError(f"training on {args.dataset} uses these exercises, not done yet: "
                         f"{names}. Check one with `pytorch101 check {todo[0].id}`, or add "
                         "--reference to train with the reference solutions.")


def _still_a_stub(path: Path, name: str) -> bool:
    """Whether ``name``'s definition in the file still raises NotImplementedError."""
    import ast

    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return False  # loading it will say what is wrong
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
            return any(isinstance(n, ast.Raise) and "NotImplementedError" in ast.dump(n)
                       for n in ast.walk(node))
    return False


@dataclass
class Result:
    """What a training run produced."""

    accuracy: float
    correct: int
    total: int
    checkpoint: Path
    losses: list[float]
    device: str


def train(args: argparse.Namespace) -> Result:
    """Train, evaluate and save with the learner's code (or the reference); raise TrainError."""
    import torch

    if args.epochs < 1 or args.batch_size < 1:
        raise TrainError("--epochs and --batch-size must be at least 1")
    code = LearnerCode(paths.solutions_dir() if args.reference else
                       paths.exercises_dir(args.exercises))
    device = pick_device(args.device)
    alias = args.alias or (f"{args.dataset}-{args.arch}" if args.dataset == "cifar10"
                           else args.dataset)
    torch.manual_seed(args.seed)
    with tempfile.TemporaryDirectory(prefix="pytorch101-synthetic-") as scratch:
        train_set, test_set = load_datasets(args, code, scratch)
        with code.running():
            fit = _fit_mnist if args.dataset == "mnist" else _fit_cifar10
            model, losses, correct, total = fit(args, code, device, train_set, test_set, alias)
            checkpoint = Path(args.checkpoints) / f"{alias}.pt"
            if args.dataset == "mnist":
                _save(model, checkpoint)
            else:
                code.get("save_for_inference")(model, str(checkpoint))
    if not losses:
        raise TrainError("no training batch was run (is the training set smaller than one "
                         "batch?)")
    return Result(correct / total, correct, total, checkpoint, losses, str(device))


def _fit_mnist(args: argparse.Namespace, code: LearnerCode, device: Any, train_set: Any,
               test_set: Any, alias: str) -> tuple[Any, list[float], int, int]:
    """Chapter 4's pieces: loaders, CNN, one epoch at a time, accuracy, TensorBoard."""
    import torch

    model = code.get("MnistCNN")().to(device)
    optimizer = torch.optim.Adadelta(model.parameters(), lr=args.lr or DEFAULT_LR["mnist"])
    schedule = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.7)
    train_loader, test_loader = code.get("make_mnist_loaders")(train_set, test_set,
                                                               args.batch_size, args.seed)
    writer = code.get("make_run_writer")(args.runs, alias)
    losses: list[float] = []
    accuracy = 0.0
    try:
        for epoch in range(args.epochs):
            batches = _limited(train_loader, args.max_batches)
            with _progress(batches, f"epoch {epoch + 1}/{args.epochs}", args.quiet,
                           device) as shown:
                loss = code.get("train_one_epoch")(model, _OnDevice(shown, device), optimizer,
                                                   torch.nn.CrossEntropyLoss())
            schedule.step()
            losses.append(float(loss))
            accuracy = float(code.get("evaluate_accuracy")(model, _OnDevice(test_loader,
                                                                             device)))
            writer.add_scalar("loss/train", loss, epoch)
            writer.add_scalar("accuracy/test", accuracy, epoch)
            if not args.quiet:
                print(f"epoch {epoch + 1}: mean loss {loss:.4f}, test accuracy "
                      f"{accuracy:.4f}", file=sys.stderr)
    finally:
        writer.close()
    total = len(test_set)
    return model, losses, round(accuracy * total), total


def _fit_cifar10(args: argparse.Namespace, code: LearnerCode, device: Any, train_set: Any,
                 test_set: Any, alias: str) -> tuple[Any, list[float], int, int]:
    """Chapter 5's pieces: device-agnostic loaders and epochs, predictions, TensorBoard."""
    import torch

    model = code.get(CIFAR_ARCHS[args.arch])()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr or DEFAULT_LR["cifar10"],
                                momentum=0.9)
    train_loader = code.get("cifar_loader")(train_set, args.batch_size, True, device)
    test_loader = code.get("cifar_loader")(test_set, args.batch_size, False, device)
    writer = code.get("make_run_writer")(args.runs, alias)
    losses: list[float] = []
    correct, total = 0, len(test_set)
    try:
        for epoch in range(args.epochs):
            batches = _limited(train_loader, args.max_batches)
            with _progress(batches, f"epoch {epoch + 1}/{args.epochs}", args.quiet,
                           device) as shown:
                epoch_losses = code.get("train_epoch_on")(model, shown, optimizer, device)
            for i, loss in enumerate(epoch_losses):
                writer.add_scalar("loss/train", loss, len(losses) + i)
            losses += epoch_losses
            correct, total = _score(code, model, test_loader, test_set, device)
            writer.add_scalar("accuracy/test", correct / total, epoch)
            if not args.quiet:
                print(f"epoch {epoch + 1}: mean loss {_mean(epoch_losses):.4f}, "
                      f"test accuracy {correct / total:.4f}", file=sys.stderr)
    finally:
        writer.close()
    return model, losses, correct, total


def _save(model: Any, checkpoint: Path) -> None:
    """The weights, written beside the target and renamed over it (a crash leaves no half file)."""
    import os

    import torch

    checkpoint.parent.mkdir(parents=True, exist_ok=True)
    partial = checkpoint.with_name(checkpoint.name + ".partial")
    torch.save(model.state_dict(), partial)
    os.replace(partial, checkpoint)


class _OnDevice:
    """A loader whose (inputs, labels) batches are moved to ``device`` (chapter 4's functions
    take no device: the command moves the data for them)."""

    def __init__(self, loader: Any, device: Any) -> None:
        self.loader, self.device = loader, device

    def __iter__(self) -> Iterator[Any]:
        for inputs, labels in self.loader:
            yield inputs.to(self.device), labels.to(self.device)

    def __len__(self) -> int:
        return len(self.loader)

    @property
    def dataset(self) -> Any:
        return self.loader.dataset


# -- the learner's code -----------------------------------------------------------------------
class LearnerCode:
    """The learner's exercise files, loaded by path on demand (one module per file)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.catalogue = catalogue.load()
        self._modules: dict[str, ModuleType] = {}

    def get(self, exercise_id: str) -> Any:
        exercise = self.catalogue.exercise(exercise_id)
        module = self._module(exercise.path)
        try:
            return getattr(module, exercise_id)
        except AttributeError:
            raise TrainError(f"{self.folder / exercise.path} has no {exercise_id}; was it "
                             "renamed?") from None

    def running(self) -> _Running:
        """A context that turns a stub's NotImplementedError into 'finish exercise X first'."""
        return _Running(self)

    def _module(self, relative: str) -> ModuleType:
        if relative not in self._modules:
            path = self.folder / relative
            if not path.is_file():
                raise TrainError(f"{path} does not exist")
            name = "pytorch101_train_" + "".join(c if c.isalnum() else "_" for c in relative)
            spec = importlib.util.spec_from_file_location(name, path)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module  # inspect.getsource and dataclasses look modules up here
            try:
                spec.loader.exec_module(module)
            except Exception as exc:  # noqa: BLE001 - any error in the learner's file
                del sys.modules[name]
                raise TrainError(f"{path} does not load: {type(exc).__name__}: {exc}") from None
            self._modules[relative] = module
        return self._modules[relative]


class _Running:
    def __init__(self, code: LearnerCode) -> None:
        self.code = code

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> bool:
        if isinstance(error, NotImplementedError) and error.args:
            try:
                exercise = self.code.catalogue.exercise(str(error.args[0]))
            except KeyError:
                return False
            raise TrainError(f"finish exercise {exercise.id} ({exercise.path}) first: it still "
                             f"raises NotImplementedError. `pytorch101 check {exercise.id}` "
                             "grades it.") from None
        return False


# -- data ---------------------------------------------------------------------------------------
def load_datasets(args: argparse.Namespace, code: LearnerCode, scratch: str) -> tuple[Any, Any]:
    """(train, test) torchvision datasets with the learner's transforms."""
    from torchvision import datasets as tv

    from grader import datasets as synthetic

    with code.running():
        if args.dataset == "mnist":
            train_tf = test_tf = code.get("mnist_transform")()
        else:
            train_tf = code.get("cifar_transforms")(train=True)
            test_tf = code.get("cifar_transforms")(train=False)
    if args.synthetic:
        if args.dataset == "mnist":
            root = str(synthetic.write_mnist(Path(scratch) / "mnist", seed=args.seed))
            make: Callable[..., Any] = tv.MNIST
        else:
            root = str(synthetic.write_cifar10(Path(scratch) / "cifar10", seed=args.seed))
            make = synthetic.OfflineCIFAR10
        return make(root, train=True, transform=train_tf), make(root, train=False,
                                                                transform=test_tf)
    make = tv.MNIST if args.dataset == "mnist" else tv.CIFAR10
    root = args.data or "data"
    try:
        return (make(root, train=True, transform=train_tf, download=True),
                make(root, train=False, transform=test_tf, download=True))
    except Exception as exc:  # noqa: BLE001 - network and file errors of every kind
        name = "MNIST" if args.dataset == "mnist" else "CIFAR-10"
        raise TrainError(f"could not find or download {name} under {root!r} ({type(exc).__name__}"
                         f": {str(exc).splitlines()[0] if str(exc) else ''}). Offline? Pass "
                         "--data DIR with a copy torchvision can read, or --synthetic for an "
                         "offline demo.") from None


# -- helpers ------------------------------------------------------------------------------------
def pick_device(choice: str) -> Any:
    """The device named, or the best one available for 'auto'."""
    import torch

    if choice != "auto":
        try:
            device = torch.device(choice)
        except RuntimeError as exc:
            raise TrainError(f"unknown device {choice!r}: {exc}") from None
        if device.type == "cuda" and not torch.cuda.is_available():
            raise TrainError("--device cuda, but torch.cuda.is_available() is False here")
        return device
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def _score(code: LearnerCode, model: Any, loader: Any, dataset: Any,
           device: Any) -> tuple[int, int]:
    import torch

    predictions = code.get("predict_classes")(model, loader, device)
    labels = torch.as_tensor(dataset.targets)
    if not torch.is_tensor(predictions) or predictions.shape != labels.shape:
        shape = tuple(predictions.shape) if torch.is_tensor(predictions) else type(predictions)
        raise TrainError(f"predict_classes returned {shape}, expected a tensor of "
                         f"{tuple(labels.shape)} (one class per test image)")
    return int((predictions.cpu() == labels).sum()), len(labels)


def _limited(loader: Any, limit: int | None) -> Any:
    if limit is None:
        return loader
    return _Limited(loader, limit)


class _Limited:
    """At most ``limit`` batches of a loader, with a len() for the progress bar."""

    def __init__(self, loader: Any, limit: int) -> None:
        self.loader, self.limit = loader, limit

    def __iter__(self) -> Iterator[Any]:
        return itertools.islice(iter(self.loader), self.limit)

    def __len__(self) -> int:
        return min(len(self.loader), self.limit)


class _progress:
    """A rich progress bar advanced by each batch the training loop takes from the loader."""

    def __init__(self, loader: Any, label: str, quiet: bool, device: Any) -> None:
        self.loader, self.label, self.quiet, self.device = loader, label, quiet, device
        self.bar: Any = None

    def __enter__(self) -> Iterable[Any]:
        if self.quiet:
            return self.loader
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(TextColumn(f"{self.label} [{self.device}]"), BarColumn(),
                            MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
                            console=Console(stderr=True))
        self.bar.start()
        task = self.bar.add_task(self.label, total=len(self.loader))
        return _Advancing(self.loader, lambda: self.bar.advance(task))

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


class _Advancing:
    def __init__(self, loader: Any, step: Callable[[], None]) -> None:
        self.loader, self.step = loader, step

    def __iter__(self) -> Iterator[Any]:
        for batch in self.loader:
            yield batch
            self.step()

    def __len__(self) -> int:
        return len(self.loader)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
