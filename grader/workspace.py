"""A learner's workspace, as ``pytorch101 init`` writes it from the installed kata.

A workspace is a folder with ``exercises/`` (the stubs as shipped), a short README and a
.gitignore that keeps the learner's state and outputs out of git. ``pytorch101`` run inside it
grades ``exercises/`` against the reference the package carries (``grader/paths.py``), so an
installed wheel needs no clone. The stubs come from the pristine snapshot (``grader/pristine.py``),
the same source ``reset`` restores from, which the project's tests keep equal to ``exercises/``.

Nothing the learner wrote is lost: a non-empty folder is refused unless forced, and when forced,
every exercise file that differs from its stub is backed up first (``reset --restore`` brings it
back); an existing README is kept and an existing .gitignore only gains the missing lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from grader import catalogue, pristine

IGNORED = (".pytorch101/", "checkpoints/", "runs/", "data/", "__pycache__/",
           ".ipynb_checkpoints/")
"""What the workspace's .gitignore keeps out of git: progress and hint levels, backups,
training checkpoints, TensorBoard runs, downloaded data sets, caches."""

GITIGNORE = ("# PyTorch101: your progress (.pytorch101/), checkpoints, TensorBoard runs and data "
             "sets stay out of git\n" + "".join(f"{line}\n" for line in IGNORED))

README = """\
# My PyTorch101 workspace

Written by `pytorch101 init`. Your code goes in `exercises/`, one file per topic, five chapters:
replace each stub's `raise NotImplementedError(...)` with your code.

Run these inside this folder:

| command | what it does |
|---|---|
| `pytorch101` | opens the first unfinished exercise and re-grades it every time you save |
| `pytorch101 check [TARGET]` | grades all, a chapter (`01_tensors`), a file or one exercise |
| `pytorch101 hint ID` | a hint, from the idea to almost the answer (`--level 2`, `--level 3`) |
| `pytorch101 list` | your progress, chapter by chapter |
| `pytorch101 solution ID` | the reference next to your code, once yours passes |
| `pytorch101 notebooks` | the exercises as Jupyter notebooks in `notebooks/` (needs `pip install "pytorch101[notebook]"`); in a notebook, `from grader import check` then `check(your_function)` |

`pytorch101 train mnist` trains with your code end to end and logs to `runs/`; to look at the
curves, `pip install "pytorch101[tensorboard]"` then `tensorboard --logdir runs`.

Your progress lives in `.pytorch101/` (with backups of any file `reset` replaces); `.gitignore`
keeps it, model checkpoints, TensorBoard runs and downloaded data out of git, so you can commit
your exercises freely.
"""


class WorkspaceError(Exception):
    """The workspace cannot be written there: the message says why and what to do."""


@dataclass
class Written:
    """What ``create`` did."""

    folder: Path
    exercise_files: list[str] = field(default_factory=list)
    """Exercise files written, relative to ``exercises/``."""
    unchanged: list[str] = field(default_factory=list)
    """Exercise files already there, identical to the stub (left alone)."""
    backups: list[Path] = field(default_factory=list)
    """Copies of the learner's files made before they were replaced."""
    backup_folder: Path | None = None
    """Where those copies are (one timestamped folder under .pytorch101/backups/)."""
    kept: list[str] = field(default_factory=list)
    """Workspace files left as they were (an existing README)."""


def create(folder: Path, force: bool = False) -> Written:
    """Write a workspace into ``folder`` (made if missing); raises WorkspaceError."""
    folder = folder.expanduser()
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(f"{folder} is a file, not a folder: choose another name")
    if folder.is_dir() and not force:
        present = sorted(p.name for p in folder.iterdir())
        if present:
            shown = ", ".join(present[:5]) + (", ..." if len(present) > 5 else "")
            raise WorkspaceError(
                f"{folder} is not empty ({shown}): init writes a new workspace only into a new "
                "or empty folder. Choose another folder, or pass --force to write the workspace "
                "into this one (exercise files of yours that differ from the stubs are backed up "
                "to .pytorch101/backups/ first; `pytorch101 reset --restore ID` brings one back)")
    stubs = _stubs()
    written = Written(folder)
    exercises = folder / "exercises"
    stamp = pristine.timestamp()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for relative, data in stubs.items():
            target = exercises / relative
            if target.is_file() and target.read_bytes() == data:
                written.unchanged.append(relative)
                continue
            saved = pristine.backup(exercises, relative, stamp) if target.is_file() else None
            if saved is not None:
                written.backups.append(saved)
                written.backup_folder = pristine.backups_root(exercises) / stamp
            pristine.write_file(target, data)
            written.exercise_files.append(relative)
        _write_readme(folder, written)
        _write_gitignore(folder)
    except OSError as exc:
        raise WorkspaceError(f"could not write the workspace in {folder}: {exc}") from None
    return written


def _stubs() -> dict[str, bytes]:
    """Every exercise file of the catalogue as shipped, by path relative to ``exercises/``."""
    files = pristine.files_of(list(catalogue.load().exercises))
    try:
        return {relative: pristine.original(relative) for relative in files}
    except pristine.NoPristine as exc:
        raise WorkspaceError(f"this installation of pytorch101 is incomplete: {exc}") from None


def _write_readme(folder: Path, written: Written) -> None:
    readme = folder / "README.md"
    if readme.exists() and readme.read_text(encoding="utf-8", errors="replace") != README:
        written.kept.append("README.md")
        return
    pristine.write_file(readme, README.encode("utf-8"))


def _write_gitignore(folder: Path) -> None:
    """Write .gitignore, or add the lines it lacks to an existing one."""
    path = folder / ".gitignore"
    if not path.exists():
        pristine.write_file(path, GITIGNORE.encode("utf-8"))
        return
    text = path.read_text(encoding="utf-8", errors="replace")
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in IGNORED if line not in have and line.rstrip("/") not in have]
    if missing:
        joined = text + ("" if text.endswith("\n") or not text else "\n")
        pristine.write_file(path, (joined + "".join(f"{m}\n" for m in missing)).encode("utf-8"))
