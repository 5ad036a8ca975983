"""``pytorch101 check [TARGET ...]``: grade and report."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from grader import course_reports
from grader import report as render
from grader import state
from grader.commands.common import UsageError, add_folder_options, folders, select, stub_line
from grader.commands.common import usage_error
from grader.results import Report, is_done

FORMATS = ("text", "json", "junit", "gradescope")


FAST_EXIT = True
"""This command grades here, through the plugin (``grader.heap``), and runs no learner code in
this process: it may exit without tearing torch down (``grader.cli.leave_now``)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("targets", nargs="*", metavar="TARGET",
                        help="an exercise id, a chapter folder (01_tensors) or a file; "
                             "default: everything")
    add_folder_options(parser)
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text (default); json: one JSON object; junit: JUnit XML for CI; "
                             "gradescope: Gradescope's results.json (points = catalogue weights)")
    parser.add_argument("--output", metavar="FILE", default=None,
                        help="write the report to FILE instead of stdout (json, junit, "
                             "gradescope: written before grading and after every exercise, so "
                             "a run that is stopped leaves how far it got)")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="show the message of every exercise, passed ones included")


def run(args: argparse.Namespace) -> int:
    from grader.runner import Options, grade  # imports pytest and torch: only when grading

    try:
        chosen = select(args.targets)
        exercises_dir, solutions_dir = folders(args)
    except UsageError as error:
        return usage_error(str(error))
    options = Options(exercises=str(exercises_dir), solutions=str(solutions_dir))
    show = render.stderr_progress(len(chosen))
    course = args.format != "text" and args.output  # a report file other programs read
    done: list = []

    def progress(result) -> None:  # type: ignore[no-untyped-def]
        show(result)
        if course:  # a run killed by a time limit still leaves a report of how far it got
            done.append(result)
            _write(course_reports.placeholder(chosen, done), args, None)

    if course:
        _write(course_reports.placeholder(chosen, []), args, None)
    try:
        result = grade(chosen, options, progress=progress)
    except Exception as exc:  # noqa: BLE001 - a course report must be written whatever happens
        result = course_reports.placeholder(chosen, done, f"grading crashed: {exc!r}")
    if exercises_dir.resolve() != solutions_dir.resolve():
        state.record(exercises_dir, result.results)
    _write(result, args, _next_up(result, exercises_dir))
    return 0 if result.ok else 1


def _write(result: Report, args: argparse.Namespace, next_up: str | None) -> None:
    if args.output:  # whole or not at all: write beside it, then rename over it
        target = Path(args.output)
        tmp = target.with_name(f".{target.name}.tmp")
        with open(tmp, "w", encoding="utf-8") as stream:
            _render(result, args, next_up, stream)
        os.replace(tmp, target)
    else:
        _render(result, args, next_up, sys.stdout)


def _render(result: Report, args: argparse.Namespace, next_up: str | None,
            stream: TextIO) -> None:
    if args.format == "json":
        render.write_json(result, stream)
    elif args.format == "junit":
        course_reports.write_junit(result, stream)
    elif args.format == "gradescope":
        course_reports.write_gradescope(result, stream)
    else:
        render.write_text(result, stream, next_up, args.verbose)


def _next_up(result: Report, exercises_dir) -> str | None:  # type: ignore[no-untyped-def]
    from grader import catalogue

    cat = catalogue.load()
    statuses = state.load(exercises_dir)["status"]
    graded = {r.chapter for r in result.results}
    complete = [c for c in cat.chapters if c.dir in graded
                and all(is_done(statuses.get(e.id)) for e in c.exercises)]
    cheers = "".join(f"🎉 Chapter {c.dir} ({c.title}) complete: every exercise passes.\n"
                     for c in complete)
    pending = next((r for r in result.results if not is_done(r.status)), None)
    if pending is None:
        return cheers + "Everything graded here passes. Well done!" if result.results else None
    exercise = cat.exercise(pending.id)
    line = stub_line(exercises_dir, exercise)
    where = render.relative(exercises_dir / exercise.path) + (f":{line}" if line else "")
    return (f"{cheers}Next up: {pending.id} ({pending.status}) — {where}\n"
            f"  Stuck? `pytorch101 hint {pending.id}` shows the first hint.")
