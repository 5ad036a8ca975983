"""Every lower bound pyproject.toml declares is the version CI tests (.ci/floors).

constraints/lowest.txt pins each dependency at its declared floor; .ci/floors installs the kata
with it on the lowest Python ``requires-python`` admits and grades the reference and the stubs.
A bound raised in one place and not the other would make the floor a claim nobody tests.
"""

from __future__ import annotations

import re
import sys

from conftest import REPO

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def lower_bounds() -> dict[str, str]:
    bounds = {}
    for requirement in PROJECT["dependencies"]:
        found = re.match(r"\s*([A-Za-z0-9_.-]+)\s*>=\s*([0-9][^,;\s]*)", requirement)
        assert found, f"{requirement!r} has no lower bound: declare one, and test it"
        bounds[found.group(1).lower()] = found.group(2)
    return bounds


def pinned() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints" / "lowest.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.strip().lower()] = version.strip()
    return pins


def test_the_lowest_constraints_pin_every_declared_floor() -> None:
    from packaging.version import Version

    declared = {name: Version(v) for name, v in lower_bounds().items()}
    assert {name: Version(v) for name, v in pinned().items()} == declared


def test_ci_tests_the_lowest_python_that_requires_python_admits() -> None:
    floor = re.match(r">=\s*(\d+\.\d+)", PROJECT["requires-python"]).group(1)
    script = (REPO / ".ci" / "floors").read_text(encoding="utf-8")
    assert f"find_python {floor})" in script
    assert "\nbash .ci/floors\n" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_this_interpreter_is_admitted() -> None:
    floor = tuple(int(n) for n in re.findall(r"\d+", PROJECT["requires-python"])[:2])
    assert sys.version_info[:2] >= floor
