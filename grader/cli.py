"""The ``pytorch101`` command line: it only declares the commands and dispatches to them.

Each command is a module in ``grader.commands`` with ``add_arguments(parser)`` and
``run(args) -> int``; the library code they call returns data, not printed text.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys

from grader import heap

COMMANDS = {
    "check": "grade exercises (all, a chapter, a file or one exercise) and show the verdicts",
    "list": "show your progress, chapter by chapter",
    "hint": "show a hint for an exercise, one level at a time",
    "watch": "re-grade the current exercise every time you save (the default command)",
    "solution": "show the reference solution next to your code, once your exercise passes",
    "reset": "restore an exercise's original stub (your version is backed up first)",
    "cheatsheet": "TensorFlow 2 → PyTorch, for what each chapter teaches",
    "doctor": "check this machine's setup for the kata, with a fix for each problem",
    "train": "train the MNIST or CIFAR-10 model end to end with your code",
    "init": "write a learner's workspace (exercises/, README, .gitignore) from the installed kata",
    "notebooks": "write the exercises as Jupyter notebooks whose last cell checks your answers",
    "autograder": "build a Gradescope autograder bundle (a zip) for a course",
    "grade-class": "grade a folder of students' submissions into a gradebook (CSV and JSON)",
}
USAGE_ERROR = 2
INTERNAL_ERROR = 3


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the module of command ``only`` is imported (the others are listed by
    name), so ``pytorch101 --help`` or ``hint`` never pays for importing torch."""
    from grader import __version__

    parser = argparse.ArgumentParser(
        prog="pytorch101",
        description="PyTorch101: a TensorFlow-to-PyTorch kata. Fill in the stubs in exercises/, "
                    "then let the grader compare your code with the reference.")
    parser.add_argument("--version", action="version", version=f"pytorch101 {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        if name != only:
            if importlib.util.find_spec(f"grader.commands.{_module_name(name)}") is not None:
                commands.add_parser(name, help=help_text, description=help_text)
            continue
        module = _command(name)
        if module is None:
            continue
        sub = commands.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the command; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv) or _default_command()
    chosen = _chosen(argv)
    parser = build_parser(chosen if chosen in COMMANDS else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return USAGE_ERROR
    module = _command(args.command)
    assert module is not None
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - never a raw traceback for the learner
        print(f"pytorch101: internal error in `{args.command}`: {type(exc).__name__}: {exc}\n"
              "This is a bug in the grader, not in your code; please report it "
              "(set PYTORCH101_DEBUG=1 for the traceback).", file=sys.stderr)
        if os.environ.get("PYTORCH101_DEBUG"):
            raise
        return INTERNAL_ERROR


def entry() -> None:
    """The ``pytorch101`` console command: ``main()``, then exit.

    A command with ``FAST_EXIT`` (check, watch) grades in this process: collections wait until
    torch and the checks are imported (``grader.heap``), and it leaves without Python's teardown.
    """
    argv = sys.argv[1:] or _default_command()
    chosen = _chosen(argv)
    grading = chosen in COMMANDS and getattr(_command(chosen), "FAST_EXIT", False)
    if grading:
        heap.hold_collections()  # until torch and the checks are imported (grader.heap)
    code = main(argv)
    if grading:
        leave_now(code)
    sys.exit(code)


def leave_now(code: int) -> None:
    """Exit without Python's teardown of every imported module: with torch loaded it takes
    about a second after the last verdict is shown. Only for commands that run no learner code
    in this process (nothing of the learner's can be waiting for its finalizers); the atexit
    handlers (temporary folders, multiprocessing's children) still run."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed, or a pipe the reader has left
            pass
    atexit._run_exitfuncs()
    os._exit(code)


def _chosen(argv: list[str]) -> str | None:
    return next((a for a in argv if not a.startswith("-")), None)


def _default_command() -> list[str]:
    return ["watch"] if _command("watch") is not None else ["check"]


def _module_name(command: str) -> str:
    """The module of a command: ``grade-class`` lives in ``grader/commands/grade_class.py``."""
    return command.replace("-", "_")


def _command(name: str):  # type: ignore[no-untyped-def]
    module = f"grader.commands.{_module_name(name)}"
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise


if __name__ == "__main__":
    entry()
