"""``pytorch101 list``: progress per chapter, from the last grading of each exercise."""

from __future__ import annotations

import argparse

from grader import catalogue, paths, state
from grader.report import MARKS, paint, use_color

BAR = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--exercises", metavar="DIR", default=None,
                        help="the folder with your exercises (default: exercises/)")


def run(args: argparse.Namespace) -> int:
    import sys

    color = use_color(sys.stdout)
    statuses = state.load(paths.exercises_dir(args.exercises))["status"]
    cat = catalogue.load()
    done_all = 0
    for chapter in cat.chapters:
        done = sum(statuses.get(e.id) == "passed" for e in chapter.exercises)
        done_all += done
        print(f"\n{chapter.dir}  {chapter.title}  {_bar(done, len(chapter.exercises))}")
        for exercise in chapter.exercises:
            status = statuses.get(exercise.id, "todo")
            print(f"  {paint(MARKS[status], status, color)} {exercise.id:<28} {status:<8} "
                  f"{exercise.path}")
    print(f"\nOverall {_bar(done_all, len(cat.exercises))}")
    print("(statuses are from your last `pytorch101 check`; run it to refresh)")
    return 0


def _bar(done: int, total: int) -> str:
    filled = round(BAR * done / total) if total else 0
    return f"[{'#' * filled}{'.' * (BAR - filled)}] {done}/{total}"
