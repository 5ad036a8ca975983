"""Mutation testing of the checks: does the grader catch a small change to a reference solution?

    python tools/mutation.py [TARGET ...] [--in-place] [--jobs N] [--timeout S] [--json FILE]

TARGET is a chapter (``01_tensors``) or a file (``01_tensors/03_item.py``); default: every file
of the catalogue. For each file, cosmic-ray (``pip install -e .[test]``) makes every small change
it knows (``+`` to ``-``, ``<`` to ``<=``, ``1`` to ``2``, ``True`` to ``False``...), one at a time,
and runs the grader on that file as a LEARNER's submission against a PRISTINE copy of the
reference:

    python -m grader check <chapter>/<file> --exercises <mutated folder> --solutions <pristine>

A mutant is *killed* when that command fails (some exercise is not ``passed``), *survived* when
it passes. Each survivor is either equivalent to the reference (it computes the same thing) or a
hole in a check. The score is killed / (killed + survived).

By default the mutated folder is a scratch copy of solutions/, so people and tools using the
repository meanwhile see nothing; ``--in-place`` mutates solutions/ itself, as cosmic-ray does by
default (then each mutated file is put back from the pristine copy at the end, even after a
crash or Ctrl-C). Either way, solutions/ is checked byte for byte against the SHA-256 checksums
taken before the run. Mutants inside type annotations are left
out: they only break the import, which any check notices.
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOLUTIONS = REPO / "solutions"
PROGRESS = REPO / ".pytorch101" / "progress.toml"
sys.path.insert(0, str(REPO))

from grader import catalogue


@dataclass
class FileResult:
    """The mutants of one solution file and what became of them."""

    path: str
    killed: int = 0
    survived: list[dict] = field(default_factory=list)
    skipped: int = 0
    incompetent: int = 0
    baseline: str = "passed"
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return self.killed + len(self.survived)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    files = _files(args.targets)
    before = _checksums(SOLUTIONS)
    progress = PROGRESS.read_bytes() if PROGRESS.exists() else None
    scratch = Path(tempfile.mkdtemp(prefix="pytorch101-mutation-"))
    pristine = scratch / "pristine"
    shutil.copytree(SOLUTIONS, pristine)
    learner = SOLUTIONS if args.in_place else scratch / "learner"
    if not args.in_place:
        shutil.copytree(SOLUTIONS, learner)
    started = time.monotonic()
    results: list[FileResult] = []
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            jobs = [pool.submit(_mutate_file, path, learner, pristine, scratch, args.timeout)
                    for path in files]
            for job in concurrent.futures.as_completed(jobs):
                result = job.result()
                results.append(result)
                print(f"  {result.path}: {result.killed}/{result.total} killed"
                      f" ({result.seconds:.0f} s)", flush=True)
    finally:
        restored = _restore(pristine, before, files if args.in_place else [])
        if args.in_place:  # grading solutions/ as a learner recorded "progress" beside it
            if progress is None:
                PROGRESS.unlink(missing_ok=True)
                with contextlib.suppress(OSError):
                    PROGRESS.parent.rmdir()  # only if this run created it (then it is empty)
            else:
                PROGRESS.write_bytes(progress)
        shutil.rmtree(scratch, ignore_errors=True)
    results.sort(key=lambda r: r.path)
    _print(results, time.monotonic() - started, restored)
    if args.json:
        Path(args.json).write_text(json.dumps([r.__dict__ | {"total": r.total}
                                               for r in results], indent=2) + "\n")
    return 0 if restored else 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", metavar="TARGET",
                        help="a chapter (01_tensors) or a file (01_tensors/03_item.py)")
    parser.add_argument("--in-place", action="store_true",
                        help="mutate solutions/ itself (restored afterwards) instead of a copy")
    parser.add_argument("--jobs", type=int, default=1, help="files mutated at the same time")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="seconds one grading of one mutant may take (default 300)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    return parser


def _files(targets: list[str]) -> list[str]:
    """Solution files (relative to solutions/) holding the exercises the targets name."""
    cat = catalogue.load()
    chosen = cat.exercises if not targets else [e for t in targets for e in cat.select(t)]
    return list(dict.fromkeys(e.path for e in chosen))


def _mutate_file(path: str, learner: Path, pristine: Path, scratch: Path,
                 timeout: float) -> FileResult:
    started = time.monotonic()
    result = FileResult(path)
    session = scratch / "sessions" / path.replace("/", "__").replace(".py", ".sqlite")
    session.parent.mkdir(exist_ok=True)
    config = session.with_suffix(".toml")
    command = [sys.executable, "-m", "grader", "check", path, "--exercises", str(learner),
               "--solutions", str(pristine), "--format", "json"]
    config.write_text(
        "[cosmic-ray]\n"
        f"module-path = {json.dumps(str(learner / path))}\n"
        f"timeout = {timeout}\n"
        "excluded-modules = []\n"
        f"test-command = {json.dumps(' '.join(command))}\n"
        "[cosmic-ray.distributor]\n"
        'name = "local"\n')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [
        str(REPO), os.environ.get("PYTHONPATH")])), "NO_COLOR": "1"}
    baseline = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True,
                              check=False)
    if baseline.returncode != 0:
        result.baseline = f"the unmutated file does not pass: {baseline.stdout[-2000:]}"
        result.seconds = time.monotonic() - started
        return result
    cosmic_ray = [sys.executable, "-m", "cosmic_ray.cli"]
    subprocess.run([*cosmic_ray, "init", str(config), str(session)], cwd=REPO, env=env,
                   check=True, capture_output=True)
    _skip_annotations(session, learner / path)
    subprocess.run([*cosmic_ray, "exec", str(config), str(session)], cwd=REPO, env=env,
                   check=True, capture_output=True)
    _collect(session, result, learner / path)
    result.seconds = time.monotonic() - started
    return result


def _skip_annotations(session: Path, source: Path) -> None:
    """Mark mutants inside type annotations as skipped (they only break the import)."""
    from cosmic_ray.work_db import use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    spans = []
    for node in ast.walk(ast.parse(source.read_text())):
        annotations = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            every = node.args.posonlyargs + node.args.args + node.args.kwonlyargs + [
                node.args.vararg, node.args.kwarg]
            annotations = [a.annotation for a in every if a is not None] + [node.returns]
        elif isinstance(node, ast.AnnAssign):
            annotations = [node.annotation]
        spans += [((a.lineno, a.col_offset), (a.end_lineno, a.end_col_offset))
                  for a in annotations if a is not None]
    with use_db(session) as db:
        for item in list(db.pending_work_items):
            if all(any(start <= tuple(m.start_pos) and tuple(m.end_pos) <= end
                       for start, end in spans) for m in item.mutations):
                db.set_result(item.job_id, WorkResult(worker_outcome=WorkerOutcome.SKIPPED))


def _collect(session: Path, result: FileResult, source: Path) -> None:
    from cosmic_ray.work_db import use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    lines = source.read_text().splitlines()
    with use_db(session) as db:
        for item, outcome in db.completed_work_items:
            if outcome.worker_outcome == WorkerOutcome.SKIPPED:
                result.skipped += 1
            elif outcome.test_outcome == TestOutcome.KILLED:
                result.killed += 1
            elif outcome.test_outcome == TestOutcome.SURVIVED:
                mutation = item.mutations[0]
                line = mutation.start_pos[0]
                result.survived.append({
                    "line": line, "code": lines[line - 1].strip(),
                    "operator": mutation.operator_name, "diff": outcome.diff})
            else:
                result.incompetent += 1


def _checksums(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def _restore(pristine: Path, before: dict[str, str], mutated: list[str]) -> bool:
    """Put back any mutated file that differs from the pristine copy; say whether solutions/ is
    byte for byte what it was before the run.

    Only the files this run mutated (none when it worked on a scratch copy) are ever written, so
    an edit someone else made meanwhile is reported, never overwritten.
    """
    for name in mutated:
        target = SOLUTIONS / name
        if target.read_bytes() != (pristine / name).read_bytes():
            shutil.copy2(pristine / name, target)
    return _checksums(SOLUTIONS) == before


def _print(results: list[FileResult], seconds: float, restored: bool) -> None:
    killed = sum(r.killed for r in results)
    total = sum(r.total for r in results)
    skipped = sum(r.skipped for r in results)
    incompetent = sum(r.incompetent for r in results)
    score = 100.0 * killed / total if total else 100.0
    print(f"\nMutation score: {killed}/{total} killed = {score:.1f}%"
          f"  ({skipped} in annotations skipped, {incompetent} incompetent; {seconds:.0f} s)")
    for r in results:
        if r.baseline != "passed":
            print(f"  ! {r.path}: {r.baseline}")
    survivors = [(r.path, s) for r in results for s in r.survived]
    print(f"Survivors ({len(survivors)}):" if survivors else "Survivors: none")
    for path, s in survivors:
        print(f"  {path}:{s['line']}  {s['operator']}\n      {s['code']}")
        for line in (s["diff"] or "").splitlines():
            if line.startswith(("+", "-")) and not line.startswith(("+++", "---")):
                print(f"      {line}")
    print("solutions/ is byte for byte as before the run (SHA-256 of every file agree)"
          if restored else "WARNING: solutions/ differs from its checksums before the run "
          "(someone edited it meanwhile, or a mutant could not be undone): see git diff")


if __name__ == "__main__":
    sys.exit(main())
