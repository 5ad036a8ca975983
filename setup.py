"""Packaging that pyproject.toml cannot say alone: the wheel carries the kata itself.

The repository keeps ``exercises/`` and ``solutions/`` at the top level (the clone workflow, and
``diff exercises/X solutions/X``); the wheel carries them as package data under
``grader/bundled/`` through a package-dir mapping, so that an installed ``pytorch101`` can
``init`` a workspace and grade against the packaged reference with no clone
(``grader/paths.py`` decides which folders are used). Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

BUNDLED = {"grader.bundled.exercises": "exercises", "grader.bundled.solutions": "solutions"}

setup(
    packages=find_packages(include=["grader*"]) + list(BUNDLED),
    package_dir=BUNDLED,
    package_data={"grader": ["catalogue/*.toml", "catalogue/stubs.json"],
                  **{name: ["*/*.py"] for name in BUNDLED}},
)
