"""Build a Gradescope autograder bundle: ``pytorch101 autograder --output autograder.zip``.

The zip, in Gradescope's layout (https://gradescope-autograders.readthedocs.io/en/latest/specs/;
unzipped into /autograder/source on their image):

    setup.sh                    installs Python, the pinned dependencies (torch and torchvision
                                CPU-only, from PyTorch's CPU index) in source/.venv, and creates
                                the unprivileged user the learner's code runs as
    run_autograder              grades /autograder/submission into /autograder/results/results.json
                                (``python -m grader.gradescope``)
    requirements-torch.txt      torch and torchvision, pinned, for the CPU index
    requirements.txt            everything else the grader needs, pinned (the versions installed
                                where the bundle was built, i.e. the ones you graded with)
    pytorch101-autograder.json  which exercises, visibility, the learner user, what built it
    grader/                     the grader (its checks, catalogue and sandbox)
    solutions/                  the reference, only the files of the chosen exercises

Nothing is downloaded here: the pins are read from this environment's installed packages.
"""

from __future__ import annotations

import importlib.metadata
import json
import platform
import re
import stat
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from grader import paths
from grader.catalogue import Exercise
from grader.gradescope import CONFIG_FORMAT, CONFIG_NAME

CPU_INDEX = "https://download.pytorch.org/whl/cpu"
TORCH_PACKAGES = ("torch", "torchvision")
"""Installed from PyTorch's CPU index (PyPI's Linux wheels of torch pull in CUDA: gigabytes)."""
GPU_ONLY = re.compile(r"^(nvidia-.*|cuda-.*|triton)$")
"""Requirements of a CUDA build of torch that a CPU-only install does without."""
LEARNER_USER = "learner"
"""The unprivileged user setup.sh creates for the learner's code."""
EXCLUDED_PARTS = {"__pycache__"}
EXECUTABLE = 0o755
REGULAR = 0o644


class BundleError(Exception):
    """The bundle cannot be built as asked; the message says why."""


@dataclass(frozen=True)
class Pin:
    name: str
    version: str

    def line(self) -> str:
        return f"{self.name}=={self.version}"


def build(output: Path, exercises: list[Exercise], solutions: Path,
          visibility: str = "visible", stdout_visibility: str = "hidden") -> list[str]:
    """Write the bundle to ``output``; the names of the files in it, in order."""
    missing = sorted({e.path for e in exercises if not (solutions / e.path).is_file()})
    if missing:
        raise BundleError(f"the reference folder {solutions} lacks {', '.join(missing)}")
    pins = pinned()
    torch_pins = [p for p in pins if p.name in TORCH_PACKAGES]
    other_pins = [p for p in pins if p.name not in TORCH_PACKAGES]
    if len(torch_pins) != len(TORCH_PACKAGES):
        raise BundleError("torch and torchvision must be installed here: their versions are "
                          "the ones the bundle pins")
    python = ".".join(platform.python_version_tuple()[:2])
    config = {
        "format": CONFIG_FORMAT,
        "targets": [e.id for e in exercises],
        "visibility": visibility,
        "stdout_visibility": stdout_visibility,
        "learner_user": LEARNER_USER,
        "built": {"pytorch101": _version(), "python": platform.python_version(),
                  **{p.name: p.version for p in torch_pins},
                  "date": time.strftime("%Y-%m-%d")},
    }
    files: dict[str, tuple[bytes, int]] = {
        "setup.sh": (setup_script(python).encode(), EXECUTABLE),
        "run_autograder": (RUN_AUTOGRADER.encode(), EXECUTABLE),
        "requirements-torch.txt": (_requirements(torch_pins, f"--index-url {CPU_INDEX}"),
                                   REGULAR),
        "requirements.txt": (_requirements(other_pins + torch_pins), REGULAR),
        CONFIG_NAME: ((json.dumps(config, indent=2) + "\n").encode(), REGULAR),
    }
    grader_dir = paths.REPO / "grader"
    for path in sorted(grader_dir.rglob("*")):
        relative = path.relative_to(grader_dir)
        if path.is_file() and not EXCLUDED_PARTS & set(relative.parts) and path.suffix != ".pyc":
            files[f"grader/{relative.as_posix()}"] = (path.read_bytes(), REGULAR)
    for path in dict.fromkeys(e.path for e in exercises):
        files[f"solutions/{path}"] = ((solutions / path).read_bytes(), REGULAR)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, (data, mode) in files.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, data)
    tmp.replace(output)
    return list(files)


def pinned() -> list[Pin]:
    """The grader's runtime dependencies and everything they need, at their installed versions
    (GPU-only packages of a CUDA build of torch left out)."""
    found: dict[str, Pin] = {}
    todo = list(_project_requirements())
    while todo:
        requirement = todo.pop()
        name = _name(requirement)
        if name is None or name in found or GPU_ONLY.match(name):
            continue
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            raise BundleError(f"{name} (needed by the grader) is not installed here") from None
        found[name] = Pin(name, version.split("+", 1)[0])
        todo.extend(importlib.metadata.requires(name) or [])
    return sorted(found.values(), key=lambda p: p.name)


def _project_requirements() -> list[str]:
    pyproject = paths.REPO / "pyproject.toml"
    if pyproject.is_file():
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib
        return list(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
                    ["dependencies"])
    return [r for r in importlib.metadata.requires("pytorch101") or [] if "extra ==" not in r]


def _name(requirement: str) -> str | None:
    """The normalised name of a requirement that applies here (no extra), else None."""
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        parsed = Requirement(requirement)
    except InvalidRequirement:
        return None
    if parsed.marker is not None and not parsed.marker.evaluate({"extra": ""}):
        return None
    return re.sub(r"[-_.]+", "-", parsed.name).lower()


def _requirements(pins: list[Pin], header: str = "") -> bytes:
    lines = ["# pinned by `pytorch101 autograder` from the environment that built the bundle"]
    lines += [header] if header else []
    lines += [pin.line() for pin in pins]
    return ("\n".join(lines) + "\n").encode()


def _version() -> str:
    from grader import __version__

    return __version__


def setup_script(python: str) -> str:
    """setup.sh for Python ``python`` (major.minor, the version the pins were taken from)."""
    return SETUP_SH.replace("@PYTHON@", python).replace("@USER@", LEARNER_USER)


SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image; the zip is unzipped
# in /autograder/source. It installs Python @PYTHON@ (the version the pins come from), the pinned
# dependencies in /autograder/source/.venv (torch and torchvision CPU-only, from PyTorch's CPU
# index), and creates the unprivileged user the learner's code runs as.
set -euo pipefail
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY="python@PYTHON@"

if ! command -v "$PY" >/dev/null 2>&1 || ! "$PY" -c "import venv, ensurepip" >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    if ! apt-get install -y --no-install-recommends "$PY" "$PY-venv"; then
        echo "setup.sh: Python @PYTHON@ is not available on this image. Choose a Gradescope base" \
             "image that has it, or rebuild the bundle with the Python of the image" \
             "(pytorch101 autograder pins the versions installed where it runs)." >&2
        exit 1
    fi
fi

"$PY" -m venv "$SOURCE/.venv"
"$SOURCE/.venv/bin/python" -m pip install -r "$SOURCE/requirements-torch.txt"
"$SOURCE/.venv/bin/python" -m pip install -r "$SOURCE/requirements.txt"
"$SOURCE/.venv/bin/python" -c "import torch, torchvision, hypothesis, pytest; print('torch', torch.__version__)"

# The learner's code runs as this user: it can read the grader, not the reference.
if ! id -u @USER@ >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin @USER@
fi
chown -R root:root "$SOURCE"
chmod -R go+rX,go-w "$SOURCE"
chmod -R go-rwx "$SOURCE/solutions"
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Gradescope runs this as root for each submission: it grades /autograder/submission and writes
# /autograder/results/results.json. PYTORCH101_AUTOGRADER_ROOT moves /autograder (tests),
# PYTORCH101_AUTOGRADER_PYTHON picks the interpreter (default: the one setup.sh installed).
ROOT="${PYTORCH101_AUTOGRADER_ROOT:-/autograder}"
export PYTORCH101_AUTOGRADER_ROOT="$ROOT"
SOURCE="$ROOT/source"
PYTHON="${PYTORCH101_AUTOGRADER_PYTHON:-$SOURCE/.venv/bin/python}"
RESULTS="$ROOT/results/results.json"
mkdir -p "$ROOT/results"
cd "$SOURCE" || exit 1
PYTHONPATH="$SOURCE" "$PYTHON" -m grader.gradescope
status=$?
if [ ! -s "$RESULTS" ]; then
    # Python itself could not run (setup.sh failed?): still tell the student, visibly.
    cat > "$RESULTS" <<'JSON'
{"score": 0, "output": "The autograder itself failed before grading (its Python could not start). This is a problem with the grader, not with your code: please tell your instructor.", "tests": [{"name": "autograder failed", "score": 0, "max_score": 0, "status": "failed", "output": "The autograder's Python could not start: see the autograder's output (stdout).", "visibility": "visible"}], "visibility": "visible", "stdout_visibility": "hidden"}
JSON
fi
exit $status
"""
