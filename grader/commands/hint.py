"""``pytorch101 hint [ID] [--level N]``: hints from the idea to almost the answer, one at a time.

Each exercise has at least three hints: the idea, the API, then almost the answer. Without
``--level`` you get the next one you have not seen; the highest level seen is remembered in
``.pytorch101/progress.toml``. Without an id, the hint is for your current exercise.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from grader import catalogue, paths, state
from grader.catalogue import Exercise
from grader.commands.common import unknown, usage_error
from grader.report import use_color

WIDTH = 88


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", nargs="?", default=None,
                        help="the exercise id (see `pytorch101 list`); default: your current "
                             "exercise (the first one not passed yet)")
    parser.add_argument("--level", "-l", type=int, default=None,
                        help="which hint (1 = the idea ... last = almost the answer); default: "
                             "the next one you have not seen")
    parser.add_argument("--all", action="store_true",
                        help="show every hint up to the level, not only the last one")
    parser.add_argument("--exercises", metavar="DIR", default=None,
                        help="the folder with your exercises (default: exercises/)")


def run(args: argparse.Namespace) -> int:
    cat = catalogue.load()
    exercises_dir = paths.exercises_dir(args.exercises)
    progress = state.load(exercises_dir)
    if args.id is None:
        from grader.commands.list import next_unfinished

        exercise = next_unfinished(progress["status"])
        if exercise is None:
            print("Every exercise passes: no hint needed!")
            return 0
    else:
        try:
            exercise = cat.exercise(args.id)
        except KeyError:
            return usage_error(unknown("exercise", args.id, [e.id for e in cat.exercises]))
    seen = int(progress["hints"].get(exercise.id, 0))
    total = len(exercise.hints)
    level = args.level if args.level is not None else min(seen + 1, total)
    if not 1 <= level <= total:
        return usage_error(f"{exercise.id} has hints 1 to {total}")
    sys.stdout.write(render(exercise, level, show_all=args.all, seen=seen,
                            color=use_color(sys.stdout)))
    state.record_hint(exercises_dir, exercise.id, level)
    return 0


def render(exercise: Exercise, level: int, show_all: bool = False, seen: int = 0,
           color: bool = False) -> str:
    """The text of hint ``level`` (or hints 1..level), with what to type for the next one."""
    total = len(exercise.hints)
    lines = [f"Hints for {exercise.id} ({exercise.path}):", ""]
    for number in range(1 if show_all else level, level + 1):
        title = f"Hint {number}/{total} — {level_name(number, total)}"
        lines.append(f"\033[1m{title}\033[0m" if color else title)
        lines += [textwrap.indent(textwrap.fill(part, WIDTH - 2), "  ")
                  for part in exercise.hints[number - 1].strip().split("\n")]
        lines.append("")
    if level < total:
        lines.append(f"Next: `pytorch101 hint {exercise.id}` (hint {level + 1}/{total})")
    else:
        lines.append("That was the last hint. Once it passes, `pytorch101 solution "
                     f"{exercise.id}` shows the reference next to your code.")
    if level > seen + 1 and not show_all:
        skipped = (f"hint {seen + 1} is" if level == seen + 2
                   else f"hints {seen + 1} to {level - 1} are")
        lines.append(f"(you skipped ahead: {skipped} there too; --all shows them)")
    return "\n".join(lines) + "\n"


def level_name(number: int, total: int) -> str:
    if number == 1:
        return "the idea"
    return "almost the answer" if number == total else "the API"
