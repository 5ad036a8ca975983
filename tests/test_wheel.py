"""The wheel carries the kata: built from this checkout, installed with --no-deps into a
temporary --target, it writes a workspace with `init` and grades it with `check` against the
packaged reference, from a folder with no clone in sight (this environment provides torch and
the other dependencies; PYTHONPATH points at the target)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from grader import catalogue
from tests.conftest import REPO

pytest.importorskip("setuptools")  # the build runs without isolation: nothing is downloaded

FILES = sorted({e.path for e in catalogue.load().exercises})
SOURCES = ("pyproject.toml", "setup.py", "README.md", "grader", "exercises", "solutions")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources (the build leaves build/ behind it)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(REPO / name, source / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "--wheel-dir", str(base / "dist"), str(source)])
    found = list((base / "dist").glob("pytorch101-*.whl"))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def target(wheel: Path) -> Path:
    folder = wheel.parent.parent / "target"
    _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile", "--target",
          str(folder), str(wheel)])
    return folder


def test_the_wheel_carries_exercises_solutions_and_catalogue(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for kind in ("exercises", "solutions"):
            for relative in FILES:
                name = f"grader/bundled/{kind}/{relative}"
                assert name in names, name
                assert archive.read(name) == (REPO / kind / relative).read_bytes()
    assert "grader/catalogue/stubs.json" in names
    assert "grader/checks/ch01_tensors/__init__.py" in names
    assert not [n for n in names if n.startswith(("tests/", "tools/", "docs/"))]


@pytest.mark.slow
def test_installed_init_and_check_work_with_no_clone(target: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}
    env.pop("PYTORCH101_SOLUTIONS", None)
    where = _run([sys.executable, "-c", "import grader; print(grader.__file__)"], tmp_path, env)
    assert Path(where.stdout.strip()).resolve().is_relative_to(target.resolve())

    outside = _grader(["check", "add_into"], tmp_path, env)
    assert outside.returncode == 2 and "pytorch101 init" in outside.stderr

    made = _grader(["init", "ws"], tmp_path, env)
    assert made.returncode == 0, made.stderr
    ws = tmp_path / "ws"
    assert (ws / ".gitignore").is_file() and (ws / "README.md").is_file()
    assert all((ws / "exercises" / f).read_bytes() == (REPO / "exercises" / f).read_bytes()
               for f in FILES)
    again = _grader(["init", "ws"], tmp_path, env)
    assert again.returncode == 2 and "not empty" in again.stderr and "--force" in again.stderr

    todo = _grader(["check", "--format", "json", "01_tensors/04_inplace.py"], ws, env)
    assert todo.returncode == 1, todo.stderr
    assert {r["status"] for r in json.loads(todo.stdout)["results"]} == {"todo"}

    relative = "01_tensors/04_inplace.py"
    packaged = target / "grader" / "bundled" / "solutions" / relative
    shutil.copy2(packaged, ws / "exercises" / relative)
    done = _grader(["check", "--format", "json", relative], ws, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert [r["status"] for r in json.loads(done.stdout)["results"]] == ["passed", "passed"]
    assert (ws / ".pytorch101" / "progress.toml").is_file()  # ignored by the workspace's git


def _grader(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def _run(command: list[str], cwd: Path | None = None,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result
