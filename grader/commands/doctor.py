"""``pytorch101 doctor``: is this machine ready for the kata? Each problem comes with its fix.

Checks Python, torch and torchvision (and that they match), the other packages, CUDA and MPS,
torch's thread setting, which sandbox grades here (with a trial grading) and what this platform
cannot do, the exercises and solutions folders, whether
saves are noticed here (file events, or polling), and whether the MNIST / CIFAR-10 data are in
``data/``. Exit status 1 when something needs fixing; notes alone do not count.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader import catalogue, paths
from grader.report import paint, use_color
from grader.sandbox import system

MIN_PYTHON = (3, 10)
MIN_TORCH = (2, 6)
PACKAGES = ("numpy", "hypothesis", "pytest", "pytest-timeout", "rich", "watchfiles",
            "tensorboardX", "psutil")
MNIST_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
               "t10k-labels-idx1-ubyte")
CIFAR_FILES = ("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5",
               "test_batch", "batches.meta")


@dataclass
class Finding:
    name: str
    level: str
    """"ok", "note" (fine, worth knowing) or "fix" (a problem)."""
    detail: str
    fix: str = ""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--exercises", metavar="DIR", default=None,
                        help="the folder with your exercises (default: exercises/)")
    parser.add_argument("--data", metavar="DIR", default=None,
                        help="where the datasets live (default: data/ here, else in the repo)")
    parser.add_argument("--no-watch-test", action="store_true",
                        help="skip the live test of file events (it takes a few seconds)")


def run(args: argparse.Namespace) -> int:
    color = use_color(sys.stdout)
    findings: list[Finding] = []
    for check in (_python, _torch, _packages, _accelerators, _threads, _sandbox):
        findings += check()
    exercises_dir = paths.exercises_dir(args.exercises)
    findings += _folders(exercises_dir)
    findings += _watching(exercises_dir, live=not args.no_watch_test)
    findings += _datasets(args.data)
    marks = {"ok": ("✓", "passed"), "note": ("·", "skipped"), "fix": ("✗", "failed")}
    for finding in findings:
        mark, style = marks[finding.level]
        print(f"{paint(mark, style, color)} {finding.name}: {finding.detail}")
        if finding.fix:
            print(f"    {'fix' if finding.level == 'fix' else 'how'}: {finding.fix}")
    problems = sum(f.level == "fix" for f in findings)
    print(f"\n{problems} problem(s) to fix." if problems else "\nAll set: run `pytorch101`.")
    return 1 if problems else 0


def _version(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split("+")[0].split("."):
        digits = "".join(c for c in piece if c.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def _python() -> list[Finding]:
    version = platform.python_version()
    if sys.version_info[:2] < MIN_PYTHON:
        return [Finding("python", "fix", f"{version} at {sys.executable}",
                        f"install Python {'.'.join(map(str, MIN_PYTHON))} or newer and make the "
                        "virtual environment with it")]
    return [Finding("python", "ok", f"{version} at {sys.executable}")]


def _torch() -> list[Finding]:
    try:
        import torch
    except ImportError:
        return [Finding("torch", "fix", "not installed", "pip install -e . (from the repository)")]
    found = [Finding("torch", "ok", torch.__version__)]
    if _version(torch.__version__)[:2] < MIN_TORCH:
        found[0] = Finding("torch", "fix", f"{torch.__version__} is too old for the kata",
                           f"pip install 'torch>={'.'.join(map(str, MIN_TORCH))}'")
    try:
        import torchvision
    except Exception as exc:  # noqa: BLE001 - a broken torchvision raises all sorts
        return found + [Finding("torchvision", "fix", f"cannot be imported ({exc})",
                                "pip install torchvision, the version made for your torch")]
    tv, to = _version(torchvision.__version__), _version(torch.__version__)
    expected = (0, to[1] + 15) if len(to) > 1 and to[0] == 2 else None
    if expected and tv[:2] != expected:
        found.append(Finding("torchvision", "fix", f"{torchvision.__version__} was not built for "
                             f"torch {torch.__version__} (expected 0.{expected[1]}.x)",
                             f"pip install 'torchvision==0.{expected[1]}.*'"))
    else:
        found.append(Finding("torchvision", "ok", torchvision.__version__))
    return found


def _packages() -> list[Finding]:
    found = []
    for name in PACKAGES:
        try:
            found.append(Finding(name, "ok", importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            found.append(Finding(name, "fix", "not installed", "pip install -e . (from the "
                                 "repository) installs everything the kata needs"))
    return found


def _accelerators() -> list[Finding]:
    import torch

    found = []
    if torch.cuda.is_available():
        name = torch.cuda.get_device_name(0) if torch.cuda.device_count() else "?"
        found.append(Finding("cuda", "ok", f"available: {torch.cuda.device_count()} device(s), "
                             f"{name}; CUDA {torch.version.cuda}"))
    else:
        why = "this torch was built without CUDA" if torch.version.cuda is None else (
            "no usable NVIDIA GPU or driver")
        found.append(Finding("cuda", "note", f"not available ({why}). Everything runs on the "
                             "CPU; chapter 5's GPU-only checks are skipped, never failed"))
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        found.append(Finding("mps", "ok", "Apple GPU available (torch.device('mps'))"))
    elif platform.system() == "Darwin":
        found.append(Finding("mps", "note", "not available (needs Apple silicon and macOS 12.3+)"))
    return found


def _threads() -> list[Finding]:
    import torch

    cores = system.usable_cores()
    threads = torch.get_num_threads()
    omp = os.environ.get("OMP_NUM_THREADS")
    detail = (f"torch uses {threads} thread(s) here; {cores} core(s) usable; OMP_NUM_THREADS="
              f"{omp if omp is not None else '(unset)'}. Grading workers always use 1 thread")
    if threads > cores:
        return [Finding("threads", "fix", detail + f": {threads} threads on {cores} core(s) "
                        "slow each other down (training, timing exercises)",
                        f"export OMP_NUM_THREADS={cores}")]
    return [Finding("threads", "ok", detail)]


SANDBOX_WHAT = {
    "fork": "each worker is forked from the grading process (fast)",
    "forkserver": "a clean server process imports torch once and forks each worker",
    "spawn": "each worker is a fresh Python; a few are kept starting ahead of need",
}


def _sandbox() -> list[Finding]:
    """Which sandbox backend grades here, proved by grading one reference exercise with it."""
    from grader.sandbox import backends

    try:
        name = backends.choose()
    except backends.Unavailable as error:
        return [Finding("sandbox", "fix", str(error),
                        f"unset {backends.VARIABLE}, or set it to one of: "
                        f"{', '.join(backends.available())}")]
    solutions = paths.solutions_dir()
    if not solutions.is_dir():
        return [Finding("sandbox", "note", f"{name}: {SANDBOX_WHAT[name]} (not tried: no "
                        "reference folder to grade)")]
    from grader.runner import Options, grade

    first = catalogue.load().exercises[0]
    report = grade([first], Options(exercises=str(solutions), solutions=str(solutions)))
    result = report.results[0]
    if result.status != "passed":
        return [Finding("sandbox", "fix", f"{name}: grading the reference of {first.id} gave "
                        f"{result.status}: {result.message.splitlines()[0]}",
                        "run `pytorch101 doctor` again; if it persists, report it (set "
                        "PYTORCH101_DEBUG=1)")]
    found = [Finding("sandbox", "ok", f"{name}: {SANDBOX_WHAT[name]}; a trial grading passed")]
    found += [Finding("platform", "note", note) for note in report.notes]
    return found


def _folders(exercises_dir: Path) -> list[Finding]:
    found = []
    cat = catalogue.load()
    if not exercises_dir.is_dir():
        return [Finding("exercises", "fix", f"{exercises_dir} does not exist",
                        "run pytorch101 from the repository folder, or pass --exercises DIR")]
    missing = [e.path for e in cat.exercises if not (exercises_dir / e.path).is_file()]
    if missing:
        found.append(Finding("exercises", "fix", f"{len(missing)} exercise file(s) missing in "
                             f"{exercises_dir}: {', '.join(sorted(set(missing))[:5])}",
                             "`pytorch101 reset ID --yes` puts an original stub back"))
    else:
        found.append(Finding("exercises", "ok", f"{exercises_dir} ({len(cat.exercises)} "
                             f"exercises in {len(cat.chapters)} chapters)"))
    solutions = paths.solutions_dir()
    if not solutions.is_dir():
        found.append(Finding("solutions", "fix", f"{solutions} does not exist: nothing to grade "
                             "against", "set $PYTORCH101_SOLUTIONS to the reference folder, or "
                             "restore solutions/ from the repository"))
    else:
        found.append(Finding("solutions", "ok", str(solutions)))
    return found


def _watching(exercises_dir: Path, live: bool) -> list[Finding]:
    from grader.watching import events_arrive, polling_reason

    folder = exercises_dir if exercises_dir.is_dir() else Path.cwd()
    reason = polling_reason(folder)
    if reason:
        return [Finding("watch", "note", f"{reason}: `pytorch101 watch` polls for saves there "
                        "(automatic; about 4 checks a second, costs next to nothing)")]
    if not live:
        return [Finding("watch", "ok", "file events expected to work (not tested live)")]
    # The probe goes beside the exercises (same file system), never among your files.
    base = exercises_dir.resolve().parent / ".pytorch101"
    created = not base.exists()
    try:
        base.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="watch-probe-", dir=base) as probe:
            works = events_arrive(Path(probe))
        if created:
            base.rmdir()
    except OSError as exc:
        return [Finding("watch", "note", f"could not test file events ({exc}); "
                        "`pytorch101 watch --poll` always works")]
    if works is None:
        return [Finding("watch", "fix", "watchfiles is not installed; watch falls back to polling",
                        "pip install watchfiles")]
    if not works:
        return [Finding("watch", "fix", "saves here produce no file events, so watch would not "
                        "notice them", "use `pytorch101 watch --poll`")]
    return [Finding("watch", "ok", "saves are noticed through file events (tested live)")]


def _datasets(option: str | None) -> list[Finding]:
    candidates = [Path(option)] if option else [Path.cwd() / "data", paths.REPO / "data"]
    root = next((c for c in candidates if c.is_dir()), candidates[0])
    found = []
    mnist = root / "MNIST" / "raw"
    have = [f for f in MNIST_FILES if (mnist / f).is_file() or (mnist / f"{f}.gz").is_file()]
    if len(have) == len(MNIST_FILES):
        found.append(Finding("MNIST", "ok", str(mnist)))
    else:
        found.append(Finding("MNIST", "note", f"not in {mnist}. The checks never need it (they "
                             "use small synthetic data); training on the real digits does",
                             f"python -c \"from torchvision import datasets; "
                             f"datasets.MNIST('{root}', download=True)\" (needs internet)"))
    cifar = root / "cifar-10-batches-py"
    have = [f for f in CIFAR_FILES if (cifar / f).is_file()]
    if len(have) == len(CIFAR_FILES):
        found.append(Finding("CIFAR-10", "ok", str(cifar)))
    else:
        found.append(Finding("CIFAR-10", "note", f"not in {cifar}. The checks never need it; "
                             "training on the real images does",
                             f"python -c \"from torchvision import datasets; "
                             f"datasets.CIFAR10('{root}', download=True)\" (needs internet)"))
    return found
