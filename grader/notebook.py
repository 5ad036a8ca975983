"""``check()``: grade a function or class defined in a notebook or a script.

    from grader import check
    check(add_into)

The exercise is found from the object's ``__name__``. The learner's definitions (from the
notebook's executed cells, or from the script's source) are appended to the exercise's pristine
stub file in a temporary folder, and that module is graded exactly as ``pytorch101 check``
grades a file: in the sandbox's worker processes, against the reference (``grader.definitions``
says what is kept). The verdict is shown (rich HTML in Jupyter, plain text elsewhere) and
returned as a ``Checked`` with ``.status``, ``.message`` and ``.id``.

Inside a sandbox worker (a learner's file that calls ``check`` at the top level, loaded for
grading) ``check`` does nothing and returns None. Nothing here imports torch until a check runs.
"""

from __future__ import annotations

import difflib
import html
import inspect
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WORKER_VARIABLE = "PYTORCH101_WORKER"
"""Set in every sandbox worker (``grader.sandbox.worker.serve``): check() is a no-op there."""
NOTEBOOK = "your notebook"
COLORS = {"passed": "#1a7f37", "failed": "#cf222e", "todo": "#6e7781", "error": "#8250df",
          "timeout": "#9a6700", "skipped": "#0969da"}


@dataclass
class Checked:
    """The verdict on one exercise, as ``check()`` returns and shows it."""

    id: str
    status: str
    """passed, failed, todo, error, timeout or skipped (``grader.results.Status``)."""
    message: str
    file: str = ""
    """The exercise's file in the kata, e.g. ``01_tensors/04_inplace.py``."""
    source: str = ""
    """Where the graded code came from: ``your notebook`` or the script's path."""
    duration: float = 0.0
    _shown_at: Any = field(default=None, repr=False, compare=False)

    @property
    def passed(self) -> bool:
        """Done: passed, or skipped (a GPU check on a machine without CUDA)."""
        return self.status in ("passed", "skipped")

    def __str__(self) -> str:
        from grader.report import MARKS

        where = " ".join(part for part in (self.file, f"({self.source})" if self.source else "")
                         if part)
        head = f"{MARKS.get(self.status, '?')} {self.id}  {self.status}" + (
            f"   {where}" if where else "")
        if not self.message:
            return head
        return head + "\n" + "\n".join("    " + line for line in self.message.splitlines())

    def __repr__(self) -> str:
        return f"Checked(id={self.id!r}, status={self.status!r})"

    def _repr_html_(self) -> str:
        from grader.report import MARKS

        color = COLORS.get(self.status, "#57606a")
        where = html.escape(" ".join(p for p in (self.file, f"({self.source})" if self.source
                                                 else "") if p))
        message = (f'<pre style="margin:6px 0 0 0;white-space:pre-wrap">'
                   f"{html.escape(self.message)}</pre>" if self.message else "")
        return (f'<div class="pytorch101-check" style="border-left:4px solid {color};'
                f'padding:4px 10px;font-family:monospace">'
                f'<span style="color:{color};font-weight:bold">'
                f"{html.escape(MARKS.get(self.status, '?'))} {html.escape(self.id)} "
                f"{html.escape(self.status)}</span> "
                f'<span style="color:#57606a">{where}</span>{message}</div>')

    def _ipython_display_(self) -> None:
        """Show the verdict, except as the echo of the cell whose check() just showed it."""
        shell = _ipython()
        if shell is not None and self._shown_at == shell.execution_count:
            self._shown_at = None
            return
        from IPython.display import display

        display({"text/plain": str(self), "text/html": self._repr_html_()}, raw=True)


class _Usage(Exception):
    """check() was called in a way it cannot grade: the message says why."""


def check(obj: Any, *, solutions: str | os.PathLike[str] | None = None) -> Checked | None:
    """Grade the function or class ``obj`` (or the one named ``obj``) against the reference.

    ``solutions``: the reference's folder (default: as ``pytorch101 check`` finds it).
    """
    if os.environ.get(WORKER_VARIABLE):
        return None
    caller = sys._getframe(1).f_globals
    name = obj if isinstance(obj, str) else getattr(obj, "__name__", None)
    try:
        if not isinstance(name, str) or not (inspect.isfunction(obj) or inspect.isclass(obj)
                                             or isinstance(obj, str)):
            raise _Usage(f"check() takes your function or class itself, e.g. check(add_into), "
                         f"not a {type(obj).__name__} (the result of calling it?)")
        verdict = _grade(name, obj, caller, solutions)
    except _Usage as usage:
        verdict = Checked(str(name or obj), "error", str(usage))
    _show(verdict)
    return verdict


def _grade(name: str, obj: Any, caller: dict[str, Any],
           solutions: str | os.PathLike[str] | None) -> Checked:
    from grader import definitions, paths, pristine

    exercise = _exercise(name)
    found, label = _learner_pieces(name, obj, caller)
    try:
        stub = pristine.original(exercise.path).decode("utf-8")
    except pristine.NoPristine as exc:
        raise _Usage(str(exc)) from None
    module = definitions.assemble(stub, found)
    reference = paths.solutions_dir(str(solutions) if solutions else None)
    if not reference.is_dir():
        raise _Usage(f"the solutions folder {reference} does not exist"
                     f"{paths.advice('solutions')}")
    from grader.runner import Options, grade  # imports pytest and torch: only now

    with tempfile.TemporaryDirectory(prefix="pytorch101-check-",
                                     ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp) / "exercises"
        target = folder / exercise.path
        target.parent.mkdir(parents=True)
        target.write_text(module.text, encoding="utf-8")
        report = grade([exercise], Options(exercises=str(folder), solutions=str(reference),
                                           sandbox=_sandbox()))
        shown = _forms(target)
    result = report.results[0]
    message = result.message or ""
    if report.crashed and result.status != "passed":
        message = message or f"grading crashed: {report.crashed}"
    message = definitions.relabel(message, shown, module, label,
                                  f"the stub {exercise.path}")
    return Checked(exercise.id, str(result.status), message, exercise.path, label,
                   result.duration)


def _exercise(name: str):  # type: ignore[no-untyped-def]
    from grader import catalogue

    cat = catalogue.load()
    try:
        return cat.exercise(name)
    except KeyError:
        close = difflib.get_close_matches(name, [e.id for e in cat.exercises], n=3, cutoff=0.6)
        hint = (" Did you mean " + " or ".join(f"`{c}`" for c in close) + "?" if close else
                " `pytorch101 list` shows them all.")
        raise _Usage(f"`{name}` is not an exercise of the kata: check() finds the exercise by "
                     f"the name of your function or class, which must be the stub's.{hint}"
                     ) from None


def _learner_pieces(name: str, obj: Any, caller: dict[str, Any]):  # type: ignore[no-untyped-def]
    """The learner's definitions and where they came from (``your notebook`` or a path)."""
    from grader import definitions

    shell = _ipython()
    if shell is not None:
        found = []
        for number, cell in _cells(shell):
            try:
                found += definitions.pieces(cell, f"cell In[{number}]")
            except SyntaxError:
                continue  # a cell that failed to run defined nothing
        if any(name in piece.names for piece in found):
            return found, NOTEBOOK
    path = _source_file(obj, caller)
    if path is None:
        raise _Usage(f"check({name}): no notebook cell and no file defines `{name}`: define "
                     "it with `def` or `class` at the top level of a notebook cell or a script")
    label = _relative(path)
    try:
        found = definitions.pieces(path.read_text(encoding="utf-8"), label)
    except (OSError, UnicodeDecodeError) as exc:
        raise _Usage(f"check({name}): cannot read {label}: {exc}") from None
    except SyntaxError as exc:
        raise _Usage(f"{label}, line {exc.lineno}: {exc.msg}") from None
    if not any(name in piece.names for piece in found):
        raise _Usage(f"check({name}): {label} has no top-level `def {name}` or `class {name}` "
                     "(check() grades what a file defines at the top level)")
    return found, label


def _cells(shell: Any) -> list[tuple[int, str]]:
    """The executed cells, in execution order, as (execution count, Python source)."""
    history = shell.user_ns.get("In")
    if not isinstance(history, list):
        history = list(getattr(shell.history_manager, "input_hist_parsed", []))
    return [(number, cell) for number, cell in enumerate(history)
            if isinstance(cell, str) and cell.strip()]


def _source_file(obj: Any, caller: dict[str, Any]) -> Path | None:
    """The .py file that defines ``obj`` (for a name: the calling script)."""
    try:
        found = caller.get("__file__") if isinstance(obj, str) else inspect.getsourcefile(obj)
    except (TypeError, OSError):
        found = None
    if not found:
        return None
    path = Path(found)
    return path if path.is_file() else None


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _forms(target: Path) -> tuple[str, ...]:
    """Every way a message may spell the temporary file's path."""
    forms = {str(target), str(target.resolve())}
    try:
        forms.add(str(target.resolve().relative_to(Path.cwd().resolve())))
    except ValueError:
        pass
    return tuple(forms)


def _sandbox() -> str | None:
    """``spawn`` once this process has used CUDA (a notebook that ran ``.cuda()``): a worker
    forked from it could not use CUDA. Otherwise the platform's usual backend (None)."""
    torch = sys.modules.get("torch")
    try:
        return "spawn" if torch is not None and torch.cuda.is_initialized() else None
    except Exception:  # noqa: BLE001 - an odd torch build: the usual backend
        return None


def _ipython() -> Any:
    """The running IPython shell (Jupyter, Colab, IPython), or None."""
    module = sys.modules.get("IPython")
    if module is None:
        return None
    try:
        return module.get_ipython()
    except Exception:  # noqa: BLE001 - an odd IPython: behave as a plain script
        return None


def _show(verdict: Checked) -> None:
    shell = _ipython()
    if shell is None:
        print(verdict, flush=True)
        return
    from IPython.display import display

    display(verdict)
    verdict._shown_at = shell.execution_count
