"""``pytorch101 solution ID``: the reference next to your code, once your exercise passes.

Shown as a unified diff of your file against the reference file (``-`` your lines, ``+`` the
reference's): the lesson is in what differs. It is shown only once the exercise passes: the last
recorded status, or a grading run now. ``--force`` shows it anyway, after a warning.
"""

from __future__ import annotations

import argparse
import difflib
import sys

from grader import catalogue, state
from grader import report as render
from grader.commands.common import UsageError, add_folder_options, folders, unknown
from grader.commands.common import usage_error

COLORS = {"+": "32", "-": "31", "@": "36"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="the exercise id (see `pytorch101 list`)")
    parser.add_argument("--force", action="store_true",
                        help="show it even though your exercise does not pass yet")
    parser.add_argument("--full", action="store_true",
                        help="print the whole reference file instead of the diff")
    add_folder_options(parser)


def run(args: argparse.Namespace) -> int:
    cat = catalogue.load()
    try:
        exercise = cat.exercise(args.id)
        exercises_dir, solutions_dir = folders(args)
    except KeyError:
        return usage_error(unknown("exercise", args.id, [e.id for e in cat.exercises]))
    except UsageError as error:
        return usage_error(str(error))
    status = state.load(exercises_dir)["status"].get(exercise.id)
    if status != "passed":
        from grader.runner import Options, grade

        print(f"Grading {exercise.id} first...", file=sys.stderr)
        report = grade([exercise], Options(exercises=str(exercises_dir),
                                           solutions=str(solutions_dir)))
        result = report.results[0]
        status = result.status
        if exercises_dir.resolve() != solutions_dir.resolve():
            state.record(exercises_dir, report.results)
    if status != "passed":
        if not args.force:
            print(f"{exercise.id} does not pass yet ({status}), so its solution stays hidden: "
                  "working it out is where the learning is.\n"
                  f"  Try `pytorch101 hint {exercise.id}` (hints go from the idea to almost the "
                  "answer),\n"
                  f"  or see it anyway: `pytorch101 solution {exercise.id} --force`.",
                  file=sys.stderr)
            return 1
        print(f"warning: {exercise.id} does not pass yet ({status}); showing the reference "
              "anyway (--force).", file=sys.stderr)
    yours = exercises_dir / exercise.path
    reference = solutions_dir / exercise.path
    ref_text = reference.read_text(encoding="utf-8")
    color = render.use_color(sys.stdout)
    if args.full:
        print(f"# {render.relative(reference)}\n")
        sys.stdout.write(ref_text)
        return 0
    try:
        your_text = yours.read_text(encoding="utf-8")
    except OSError:
        your_text = ""
    diff = list(difflib.unified_diff(
        your_text.splitlines(keepends=True), ref_text.splitlines(keepends=True),
        fromfile=f"yours: {render.relative(yours)}",
        tofile=f"reference: {render.relative(reference)}", n=3))
    if not diff:
        print(f"Your {exercise.path} is identical to the reference. Nothing to compare!")
        return 0
    print(f"{exercise.id}: your file (-) next to the reference (+). The reference's "
          "`# Why:` lines say why it is written that way.\n")
    for line in diff:
        text = line if line.endswith("\n") else line + "\n"
        code = COLORS.get(line[:1]) if color and not line.startswith(("+++", "---")) else None
        sys.stdout.write(f"\033[{code}m{text.rstrip(chr(10))}\033[0m\n" if code else text)
    return 0
