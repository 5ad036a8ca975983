"""``pytorch101 hint ID [--level N]``: hints from the idea to almost the answer."""

from __future__ import annotations

import argparse

from grader import catalogue, paths, state
from grader.commands.common import usage_error


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="the exercise id (see `pytorch101 list`)")
    parser.add_argument("--level", "-l", type=int, default=None,
                        help="which hint (1 = the idea ... last = almost the answer); default: "
                             "the next one you have not seen")
    parser.add_argument("--exercises", metavar="DIR", default=None, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    cat = catalogue.load()
    try:
        exercise = cat.exercise(args.id)
    except KeyError:
        return usage_error(f"unknown exercise {args.id!r}. Valid ids: "
                           + ", ".join(e.id for e in cat.exercises))
    exercises_dir = paths.exercises_dir(args.exercises)
    seen = int(state.load(exercises_dir)["hints"].get(exercise.id, 0))
    total = len(exercise.hints)
    level = args.level if args.level is not None else min(seen + 1, total)
    if not 1 <= level <= total:
        return usage_error(f"{exercise.id} has hints 1 to {total}")
    print(f"Hint {level}/{total} for {exercise.id} ({exercise.path}):\n")
    print("  " + exercise.hints[level - 1].strip().replace("\n", "\n  "))
    if level < total:
        print(f"\nMore: `pytorch101 hint {exercise.id} --level {level + 1}`")
    state.record_hint(exercises_dir, exercise.id, level)
    return 0
