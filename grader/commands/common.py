"""Pieces shared by the commands: target resolution, folder checks, usage errors."""

from __future__ import annotations

import argparse
import ast
import difflib
import sys
from pathlib import Path

from grader import catalogue, paths
from grader.catalogue import Exercise

USAGE_ERROR = 2


class UsageError(Exception):
    """Bad usage: the message says what was wrong and what is valid (exit status 2)."""


def add_folder_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--exercises", metavar="DIR", default=None,
                        help="the folder with your exercises (default: exercises/)")
    parser.add_argument("--solutions", metavar="DIR", default=None,
                        help="the folder with the reference solutions (default: solutions/, or "
                             "$PYTORCH101_SOLUTIONS)")


def select(targets: list[str]) -> list[Exercise]:
    """The exercises named by the targets (all when none), in catalogue order."""
    cat = catalogue.load()
    if not targets:
        return list(cat.exercises)
    chosen: dict[str, Exercise] = {}
    for target in targets:
        try:
            found = cat.select(target)
        except KeyError:
            names = cat.targets() + [e.path for e in cat.exercises]
            raise UsageError(unknown("exercise, chapter or file", target, names)) from None
        chosen.update((e.id, e) for e in found)
    return [e for e in cat.exercises if e.id in chosen]


def folders(args: argparse.Namespace) -> tuple[Path, Path]:
    """The exercises and solutions folders; a UsageError names a missing one."""
    exercises = paths.exercises_dir(args.exercises)
    solutions = paths.solutions_dir(args.solutions)
    for label, folder in (("exercises", exercises), ("solutions", solutions)):
        if not folder.is_dir():
            raise UsageError(f"the {label} folder {folder} does not exist{paths.advice(label)}")
    return exercises, solutions


def stub_line(exercises_dir: Path, exercise: Exercise) -> int | None:
    """The line where the exercise's function or class is defined in the learner's file."""
    try:
        tree = ast.parse((exercises_dir / exercise.path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and (
                node.name == exercise.id):
            return node.lineno
    return None


def unknown(kind: str, given: str, names: list[str]) -> str:
    """'unknown exercise 'add_inot'. Did you mean add_into?' with a few close names, never the
    whole catalogue (``pytorch101 list`` shows it)."""
    wanted = given.strip().rstrip("/").removeprefix("exercises/")
    close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.6)
    close += [n for n in names if wanted and wanted.lower() in n.lower() and n not in close][:3]
    text = f"unknown {kind} {given!r}."
    if close:
        text += " Did you mean " + ", ".join(dict.fromkeys(close[:3])) + "?"
    return text + " (`pytorch101 list` shows every exercise, chapter and file)"


def usage_error(message: str) -> int:
    print(f"pytorch101: error: {message}", file=sys.stderr)
    return USAGE_ERROR
