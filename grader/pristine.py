"""The original stubs, kept where they cannot be edited by accident, and the learner's backups.

Where the pristine stubs come from (the decision): ``grader/catalogue/stubs.json``, a snapshot of
``exercises/`` as shipped, one JSON list of lines per file (so a diff of it reads line by line).
It lives in the grader package, beside the catalogue, not in the learner's folder: no editor
opens it by accident and no learner commit changes it. Not ``git show HEAD:exercises/...``:
a learner who commits their work (progress is meant to be committed) moves HEAD, and a zip
download has no git at all. Git is only a fallback, for a stub added since the last snapshot and
only when that version still raises NotImplementedError for every one of the file's exercises.

Developers: after changing any stub, run ``python -m grader.pristine --update`` (the project's
tests fail, naming this command, while the snapshot and ``exercises/`` differ).

Backups: before ``reset`` overwrites a file, the learner's version is copied to
``.pytorch101/backups/<UTC timestamp>/<chapter>/<file>`` (beside the exercises folder, like the
progress file); ``reset --restore`` copies the newest backup of a file back, after backing up
whatever it replaces. Nothing the learner wrote is ever deleted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from grader import catalogue, paths
from grader.catalogue import Exercise

SNAPSHOT = Path(__file__).parent / "catalogue" / "stubs.json"
BACKUPS = Path(".pytorch101") / "backups"


class NoPristine(Exception):
    """No original stub is known for a file."""


def load_snapshot(path: Path = SNAPSHOT) -> dict[str, bytes]:
    """``{relative path: original bytes}`` from the snapshot (empty when there is none)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {name: "".join(lines).encode("utf-8") for name, lines in data.get("files", {}).items()}


def snapshot_of(folder: Path) -> dict:
    """The snapshot data for an exercises folder: every catalogue file, lines kept exactly."""
    files = {}
    for relative in sorted({e.path for e in catalogue.load().exercises}):
        source = folder / relative
        if source.is_file():
            files[relative] = source.read_bytes().decode("utf-8").splitlines(keepends=True)
    return {"about": "Pristine stubs of exercises/ (see grader/pristine.py). Regenerate with "
                     "`python -m grader.pristine --update`; never edit by hand.",
            "files": files}


def write_snapshot(folder: Path, path: Path = SNAPSHOT) -> int:
    data = snapshot_of(folder)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return len(data["files"])


def original(relative: str) -> bytes:
    """The pristine stub file ``relative`` (e.g. ``01_tensors/01_factories.py``)."""
    snapshot = load_snapshot()
    if relative in snapshot and _all_stubs(relative, snapshot[relative]):
        return snapshot[relative]
    text = _from_git(relative)  # a file added (or its ids renamed) since the snapshot
    if text is not None:
        return text
    if relative in snapshot:
        return snapshot[relative]
    raise NoPristine(f"no original stub is known for {relative}: the snapshot {SNAPSHOT} does not "
                     "have it and git has no version of it that is still a stub")


def _from_git(relative: str) -> bytes | None:
    """``git show HEAD:exercises/<relative>``, accepted only if it is still all stubs."""
    try:
        result = subprocess.run(["git", "show", f"HEAD:exercises/{relative}"], cwd=paths.REPO,
                                capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return result.stdout if _all_stubs(relative, result.stdout) else None


def _all_stubs(relative: str, data: bytes) -> bool:
    """Whether ``data`` still raises NotImplementedError for every exercise of the file."""
    text = data.decode("utf-8", "replace")
    ids = [e.id for e in catalogue.load().exercises if e.path == relative]
    return bool(ids) and all(f'NotImplementedError("{i}")' in text for i in ids)


# -- backups ------------------------------------------------------------------------------------
def backups_root(exercises_dir: Path) -> Path:
    return exercises_dir.resolve().parent / BACKUPS


def backup(exercises_dir: Path, relative: str, stamp: str | None = None) -> Path | None:
    """Copy the learner's file to a new backup folder; returns the copy (None: no file)."""
    source = exercises_dir / relative
    if not source.is_file():
        return None
    stamp = stamp or timestamp()
    target = backups_root(exercises_dir) / stamp / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    data = source.read_bytes()
    with open(target, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if target.read_bytes() != data:  # never go on unless the copy is really there
        raise OSError(f"could not back up {source} to {target}")
    return target


def latest_backup(exercises_dir: Path, relative: str) -> Path | None:
    """The newest backup of ``relative``, or None."""
    root = backups_root(exercises_dir)
    if not root.is_dir():
        return None
    for stamp in sorted((p.name for p in root.iterdir() if p.is_dir()), reverse=True):
        candidate = root / stamp / relative
        if candidate.is_file():
            return candidate
    return None


def timestamp() -> str:
    """A UTC timestamp that sorts in time order and names a new folder."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")


def write_file(path: Path, data: bytes) -> None:
    """Replace ``path``'s content at once (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.pytorch101-tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def files_of(exercises: list[Exercise]) -> list[str]:
    """The distinct files of some exercises, in catalogue order."""
    return list(dict.fromkeys(e.path for e in exercises))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.pristine",
                                     description="Check or update the snapshot of the stubs.")
    parser.add_argument("--update", action="store_true",
                        help="rewrite grader/catalogue/stubs.json from the repository's exercises/")
    args = parser.parse_args(argv)
    folder = paths.REPO / "exercises"
    if args.update:
        count = write_snapshot(folder)
        print(f"wrote {SNAPSHOT} ({count} files)")
        return 0
    stale = stale_files(folder)
    if stale:
        print("the snapshot differs from exercises/ for: " + ", ".join(stale)
              + "\nrun `python -m grader.pristine --update`")
        return 1
    print("the snapshot matches exercises/")
    return 0


def stale_files(folder: Path) -> list[str]:
    """Catalogue files whose snapshot differs from ``folder`` (or is missing)."""
    snapshot = load_snapshot()
    stale = []
    for relative in sorted({e.path for e in catalogue.load().exercises}):
        source = folder / relative
        current = source.read_bytes() if source.is_file() else None
        if snapshot.get(relative) != current:
            stale.append(relative)
    return stale


if __name__ == "__main__":
    sys.exit(main())
