"""The learner's progress and hint levels, in one small line-per-exercise text file.

``.pytorch101/progress.toml`` beside the exercises folder: one sorted ``id = "status"`` line per
exercise (and ``id = level`` under [hints]), so two machines' copies merge line by line in git.
"""

from __future__ import annotations

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser, as a package
    import tomli as tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # importing the plugin imports torch: too slow for `pytorch101 hint`
    from grader.results import CheckResult

FILE = Path(".pytorch101") / "progress.toml"


def state_file(exercises_dir: Path) -> Path:
    return exercises_dir.resolve().parent / FILE


def load(exercises_dir: Path) -> dict[str, dict]:
    """``{"status": {id: status}, "hints": {id: level}}``; empty when there is no file yet."""
    path = state_file(exercises_dir)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        data = {}
    return {"status": dict(data.get("status", {})), "hints": dict(data.get("hints", {}))}


def record(exercises_dir: Path, results: Iterable[CheckResult]) -> None:
    """Remember the latest status of each graded exercise."""
    data = load(exercises_dir)
    data["status"].update({r.id: r.status for r in results})
    _save(exercises_dir, data)


def record_status(exercises_dir: Path, statuses: dict[str, str]) -> None:
    """Set statuses directly (``reset`` marks the exercises it restored as todo)."""
    data = load(exercises_dir)
    data["status"].update(statuses)
    _save(exercises_dir, data)


def forget(exercises_dir: Path, ids: Iterable[str]) -> None:
    """Drop the statuses of exercises whose files changed outside grading (``reset --restore``
    brings back code nobody graded yet): they read as not graded until the next grading."""
    data = load(exercises_dir)
    for exercise_id in ids:
        data["status"].pop(exercise_id, None)
    _save(exercises_dir, data)


def record_hint(exercises_dir: Path, exercise_id: str, level: int) -> None:
    data = load(exercises_dir)
    data["hints"][exercise_id] = max(level, int(data["hints"].get(exercise_id, 0)))
    _save(exercises_dir, data)


def _save(exercises_dir: Path, data: dict[str, dict]) -> None:
    path = state_file(exercises_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# PyTorch101 progress: safe to commit; one line per exercise merges cleanly.",
             "", "[status]"]
    lines += [f'{key} = "{value}"' for key, value in sorted(data["status"].items())]
    lines += ["", "[hints]"]
    lines += [f"{key} = {int(value)}" for key, value in sorted(data["hints"].items())]
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
