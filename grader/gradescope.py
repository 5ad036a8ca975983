"""The autograder's run inside Gradescope's container: ``run_autograder`` calls this module.

    python -m grader.gradescope          (root: $PYTORCH101_AUTOGRADER_ROOT, default /autograder)

Gradescope unzips the bundle (``pytorch101 autograder``, ``grader/bundle.py``) into
``ROOT/source``, puts the student's upload in ``ROOT/submission`` and reads
``ROOT/results/results.json``. This module lays the upload out as an exercises folder (the kata's
layout or flat file names: ``grader/submissions.py``), grades it against ``ROOT/source/solutions``
with the ordinary pipeline (``runner.grade``) and writes the results through
``course_reports.to_gradescope``. Whatever breaks, a results.json is written, with a visible
"autograder failed" test saying what happened; stdout (shown to instructors only, by default)
gets a line per exercise and how the reference was kept out of reach.

The reference out of reach: on Gradescope ``run_autograder`` runs as root. Then the reference is
made root's alone (folders 0700, files 0600), and the learner's code runs as the unprivileged
user the bundle names (created by setup.sh; ``$PYTORCH101_LEARNER_USER`` overrides it): even
code that leaves Python (``subprocess``, ``ctypes``) cannot read it, nor signal the grader, nor
write results.json. A probe proves it before grading; if the reference is readable by that user,
nothing is graded and the autograder fails visibly. Not run as root, only the sandbox's folder
guard protects the reference (as in ``pytorch101 check``), and stdout says so.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader import catalogue, course_reports, submissions
from grader.results import CheckResult, Report
from grader.sandbox import system

ROOT_VARIABLE = "PYTORCH101_AUTOGRADER_ROOT"
DEFAULT_ROOT = "/autograder"
CONFIG_NAME = "pytorch101-autograder.json"
"""The bundle's settings, at the zip's root (so in ROOT/source)."""
CONFIG_FORMAT = 1


class SetupProblem(Exception):
    """The bundle or its machine is not as it should be; the message says what, for the
    instructor (the student sees it inside the "autograder failed" test)."""


@dataclass(frozen=True)
class Config:
    """What the bundle grades and how (written by ``grader.bundle``)."""

    targets: tuple[str, ...]
    """Exercise ids, in catalogue order."""
    visibility: str = "visible"
    stdout_visibility: str = "hidden"
    learner_user: str = "learner"
    built: dict[str, str] | None = None

    @classmethod
    def read(cls, path: Path) -> Config:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise SetupProblem(f"the bundle's settings {path} cannot be read: "
                               f"{error.strerror or error}") from None
        except ValueError as error:
            raise SetupProblem(f"the bundle's settings {path} are not valid JSON: {error}"
                               ) from None
        if not isinstance(data, dict) or data.get("format") != CONFIG_FORMAT:
            raise SetupProblem(f"{path} is not a settings file of this grader (format "
                               f"{CONFIG_FORMAT}); rebuild the bundle with `pytorch101 "
                               "autograder`")
        targets = data.get("targets")
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            raise SetupProblem(f"{path}: 'targets' must be a list of exercise ids")
        known = {e.id for e in catalogue.load().exercises}
        unknown = [t for t in targets if t not in known]
        if unknown:
            raise SetupProblem(f"{path}: unknown exercise ids {', '.join(unknown)}")
        visibility = data.get("visibility", "visible")
        stdout_visibility = data.get("stdout_visibility", "hidden")
        for label, value in (("visibility", visibility),
                             ("stdout_visibility", stdout_visibility)):
            if value not in course_reports.VISIBILITIES:
                raise SetupProblem(f"{path}: {label} must be one of "
                                   f"{', '.join(course_reports.VISIBILITIES)}")
        return cls(tuple(targets), visibility, stdout_visibility,
                   str(data.get("learner_user") or ""), data.get("built"))


@dataclass
class Isolation:
    """How the reference is kept from the learner's code on this run."""

    user: str | None
    """The unprivileged user learner workers run as (None: folder guard only)."""
    description: str
    warnings: tuple[str, ...] = ()


def main(argv: list[str] | None = None) -> int:
    """Grade ROOT/submission into ROOT/results/results.json; 0 once a results.json is written."""
    started = time.monotonic()
    root = Path(os.environ.get(ROOT_VARIABLE) or DEFAULT_ROOT)
    results_file = root / "results" / "results.json"
    try:
        data = grade_submission(root, started)
    except BaseException as exc:  # noqa: BLE001 - a results.json must be written whatever happens
        reason = str(exc) if isinstance(exc, SetupProblem) else f"{type(exc).__name__}: {exc}"
        print(f"pytorch101 autograder failed: {reason}", flush=True)
        data = failed(reason, time.monotonic() - started)
    try:
        _write(results_file, data)
    except OSError as error:
        print(f"pytorch101 autograder: cannot write {results_file}: {error}", file=sys.stderr)
        return 1
    print(f"wrote {results_file}: {data['score']:g} points", flush=True)
    return 0


def grade_submission(root: Path, started: float) -> dict[str, Any]:
    """Everything but writing: lay out, isolate, grade; the results.json as a dict."""
    source = root / "source"
    solutions = source / "solutions"
    print(f"pytorch101 {_version()} autograder: grader {Path(__file__).parent}, "
          f"Python {sys.version.split()[0]} ({sys.executable})", flush=True)
    config = Config.read(source / CONFIG_NAME)
    cat = catalogue.load()
    chosen = [cat.exercise(i) for i in config.targets]
    if not solutions.is_dir():
        raise SetupProblem(f"the reference folder {solutions} is missing from the bundle")
    absent = [e.path for e in chosen if not (solutions / e.path).is_file()]
    if absent:
        raise SetupProblem(f"the bundle's reference lacks {', '.join(dict.fromkeys(absent))}")
    work = Path(tempfile.mkdtemp(prefix="pytorch101-submission-"))
    try:
        layout = submissions.lay_out(root / "submission", work / "exercises", chosen)
        isolation = isolate(source, solutions, work, layout, config)
        print(f"reference kept out of reach by: {isolation.description}", flush=True)
        for warning in isolation.warnings:
            print(f"warning: {warning}", flush=True)
        report = _grade([e for e in chosen if e.path in layout.found], work / "exercises",
                        solutions)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    by_id = {r.id: r for r in report.results}
    results = [by_id.get(e.id) or CheckResult(e.id, e.chapter, e.path, "todo",
                                              layout.missing_message(e.path) or
                                              "not graded", 0.0)
               for e in chosen]
    final = Report(results, crashed=report.crashed, sandbox=report.sandbox, notes=report.notes)
    for result in results:
        print(f"{result.status:<8} {result.id} ({result.file})", flush=True)
    extra = {"pytorch101": _version(), "sandbox": report.sandbox,
             "isolation": isolation.description, "layout": layout.style,
             "files": layout.found, "notes": layout.notes, "built": config.built or {}}
    return course_reports.to_gradescope(
        final, config.visibility, stdout_visibility=config.stdout_visibility,
        execution_time=time.monotonic() - started, preamble=_preamble(layout),
        extra_data=extra)


def _grade(exercises: list[catalogue.Exercise], folder: Path, solutions: Path) -> Report:
    if not exercises:
        return Report([])
    from grader.runner import Options, grade  # imports pytest and torch: only when grading

    return grade(exercises, Options(exercises=str(folder), solutions=str(solutions)))


def failed(reason: str, seconds: float) -> dict[str, Any]:
    """A results.json for a run that broke before it could grade anything."""
    report = Report([], crashed=reason)
    return course_reports.to_gradescope(report, execution_time=seconds)


def isolate(source: Path, solutions: Path, work: Path, layout: submissions.Layout,
            config: Config) -> Isolation:
    """Keep the reference from the learner's code: a separate user and file permissions when
    running as root, the sandbox's folder guard always. Raises SetupProblem when the separate
    user was asked for and cannot keep the reference out of reach."""
    _readable_by_all(work)
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None or geteuid() != 0:
        return Isolation(None, "the sandbox's folder guard only (run_autograder is not running "
                               "as root, so the learner's code cannot run as another user)")
    name = os.environ.get(system.LEARNER_USER_VARIABLE, config.learner_user).strip()
    if not name:
        os.environ.pop(system.LEARNER_USER_VARIABLE, None)
        return Isolation(None, "the sandbox's folder guard only (the bundle names no learner "
                               "user)")
    os.environ[system.LEARNER_USER_VARIABLE] = name
    try:
        user = system.learner_user()
    except system.LearnerUserError as error:
        raise SetupProblem(f"{error} (setup.sh creates the user; was it run?)") from None
    assert user is not None
    _lock(solutions)
    _readable_by_all(source / "grader")
    results = source.parent / "results"
    if results.is_dir():  # Gradescope reads results.json from here: root writes it, nobody else
        os.chmod(results, 0o755)
    reference = next((p for p in sorted(solutions.rglob("*.py")) if p.is_file()), solutions)
    learner_file = next((work / "exercises" / p for p in layout.found), None)
    problems, warnings = _probe(user, reference, learner_file)
    if problems:
        raise SetupProblem("; ".join(problems))
    return Isolation(user.name, f"the learner's code runs as user {user.name!r} (uid "
                                f"{user.uid}), which cannot read {solutions} (root's alone), "
                                "and the sandbox's folder guard", tuple(warnings))


def _lock(solutions: Path) -> None:
    """The reference: root's alone (folders 0700, files 0600)."""
    for folder, dirs, files in os.walk(solutions):
        os.chown(folder, 0, 0)
        os.chmod(folder, 0o700)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chown(path, 0, 0)
                os.chmod(path, 0o600)


def _readable_by_all(top: Path) -> None:
    """Folders searchable and files readable by every user (the grader's code, the submission
    copy): learner workers import and load from here after switching user."""
    for folder, _, files in os.walk(top):
        os.chmod(folder, os.stat(folder).st_mode | 0o755)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, os.stat(path).st_mode | 0o444)


def _probe(user: system.LearnerUser, reference: Path,
           learner_file: Path | None) -> tuple[list[str], list[str]]:
    """Become the learner user in a child process and try: reading the reference must fail,
    reading the submission and Python's own library should work. (problems, warnings)."""
    checks = [("reference", str(reference)), ("submission", str(learner_file or "")),
              ("python", os.__file__), ("grader", str(Path(system.__file__)))]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            os.close(read)
            system.become(user)
            answers = []
            for _, path in checks:
                try:
                    if path:
                        with open(path, "rb") as stream:
                            stream.read(1)
                    answers.append("read")
                except OSError as error:
                    answers.append(f"refused ({error.strerror})")
            os.write(write, json.dumps(answers).encode())
        except BaseException:  # noqa: BLE001 - the child must end here
            code = 1
        os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as stream:
        raw = stream.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not raw:
        return [f"could not switch to user {user.name} to check the isolation"], []
    answers = dict(zip((label for label, _ in checks), json.loads(raw)))
    problems, warnings = [], []
    if answers["reference"] == "read":
        problems.append(f"user {user.name} can read the reference {reference}: refusing to grade")
    if answers["submission"] != "read":
        problems.append(f"user {user.name} cannot read the submission copy: "
                        f"{answers['submission']}")
    for label in ("python", "grader"):
        if answers[label] != "read":
            warnings.append(f"user {user.name} cannot read {dict(checks)[label]} "
                            f"({answers[label]}): code that imports a module the grader has "
                            "not imported yet will fail; install Python and the grader where "
                            "every user can read them")
    return problems, warnings


def _preamble(layout: submissions.Layout) -> str:
    style = {"kata": "chapter folders", "flat": "a flat upload", "mixed": "chapter folders and "
             "flat files", "empty": "nothing recognised"}[layout.style]
    files = len(set(layout.found) | set(layout.missing))
    lines = [f"Files graded: {len(layout.found)} of {files} ({style})."]
    if not layout.found:
        lines.append("None of the exercise files was found in your submission: upload them "
                     "as 01_tensors/04_inplace.py ... (their chapter folders) or as the files "
                     "themselves (04_inplace.py ...).")
    lines += [f"Note: {note}." for note in layout.notes]
    return "\n".join(lines)


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as stream:
        json.dump(data, stream, indent=2, ensure_ascii=False, allow_nan=False)
        stream.write("\n")
    os.replace(tmp, path)


def _version() -> str:
    from grader import __version__

    return __version__


if __name__ == "__main__":
    sys.exit(main())
