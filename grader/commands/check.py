"""``pytorch101 check [TARGET ...]``: grade and report."""

from __future__ import annotations

import argparse
import sys

from grader import report as render
from grader import state
from grader.commands.common import UsageError, add_folder_options, folders, select, stub_line
from grader.commands.common import usage_error
from grader.runner import Options, Report, grade

FORMATS = ("text", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("targets", nargs="*", metavar="TARGET",
                        help="an exercise id, a chapter folder (01_tensors) or a file; "
                             "default: everything")
    add_folder_options(parser)
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text (default) or json: one JSON object on stdout")
    parser.add_argument("--output", metavar="FILE", default=None,
                        help="write the report to FILE instead of stdout")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="show the message of every exercise, passed ones included")


def run(args: argparse.Namespace) -> int:
    try:
        chosen = select(args.targets)
        exercises_dir, solutions_dir = folders(args)
    except UsageError as error:
        return usage_error(str(error))
    options = Options(exercises=str(exercises_dir), solutions=str(solutions_dir))
    result = grade(chosen, options, progress=render.stderr_progress(len(chosen)))
    if exercises_dir.resolve() != solutions_dir.resolve():
        state.record(exercises_dir, result.results)
    _write(result, args, _next_up(result, exercises_dir))
    return 0 if result.ok else 1


def _write(result: Report, args: argparse.Namespace, next_up: str | None) -> None:
    stream = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        if args.format == "json":
            render.write_json(result, stream)
        else:
            render.write_text(result, stream, next_up, args.verbose)
    finally:
        if args.output:
            stream.close()


def _next_up(result: Report, exercises_dir) -> str | None:  # type: ignore[no-untyped-def]
    from grader import catalogue

    pending = next((r for r in result.results if r.status not in ("passed", "skipped")), None)
    if pending is None:
        return "Everything graded here passes. Well done!" if result.results else None
    exercise = catalogue.load().exercise(pending.id)
    line = stub_line(exercises_dir, exercise)
    where = render.relative(exercises_dir / exercise.path) + (f":{line}" if line else "")
    return (f"Next up: {pending.id} ({pending.status}) — {where}\n"
            f"  Stuck? `pytorch101 hint {pending.id}` shows the first hint.")
