"""`pytorch101 init`: a learner's workspace (exercises/, README, .gitignore), never written over
a learner's work without --force, and then only after a backup."""

from __future__ import annotations

from pathlib import Path

from grader import catalogue, paths, pristine, workspace
from tests.conftest import EXERCISES, run_cli

FILES = sorted({e.path for e in catalogue.load().exercises})


def test_init_writes_the_stubs_a_readme_and_a_gitignore(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "ws"))
    assert result.returncode == 0, result.stderr
    assert f"{len(FILES)} exercise files" in result.stdout and "pytorch101" in result.stdout
    ws = tmp_path / "ws"
    written = sorted(str(p.relative_to(ws / "exercises")).replace("\\", "/")
                     for p in (ws / "exercises").rglob("*.py"))
    assert written == FILES
    assert all((ws / "exercises" / f).read_bytes() == (EXERCISES / f).read_bytes() for f in FILES)
    ignored = (ws / ".gitignore").read_text(encoding="utf-8").splitlines()
    for entry in (".pytorch101/", "checkpoints/", "runs/", "data/"):
        assert entry in ignored
    assert "pytorch101 check" in (ws / "README.md").read_text(encoding="utf-8")


def test_a_non_empty_folder_is_refused_without_force(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 2
    assert "is not empty (notes.txt)" in result.stderr and "--force" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "exercises").exists()
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ws").write_text("")
    result = run_cli("init", str(tmp_path / "ws"))
    assert result.returncode == 2 and "is a file" in result.stderr


def test_force_backs_up_the_learners_files_and_keeps_their_readme(tmp_path: Path) -> None:
    workspace.create(tmp_path)
    mine = tmp_path / "exercises" / FILES[0]
    mine.write_text("# my work\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("my notes\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.log\nruns\n", encoding="utf-8")
    written = workspace.create(tmp_path, force=True)
    assert written.exercise_files == [FILES[0]] and len(written.unchanged) == len(FILES) - 1
    assert mine.read_bytes() == (EXERCISES / FILES[0]).read_bytes()
    backup = pristine.latest_backup(tmp_path / "exercises", FILES[0])
    assert backup is not None and backup.read_text(encoding="utf-8") == "# my work\n"
    assert backup.parent.parent == written.backup_folder  # where `reset --restore` looks
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "my notes\n"
    assert written.kept == ["README.md"]
    lines = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["*.log", "runs"] and "runs/" not in lines  # what was there is kept
    assert {".pytorch101/", "checkpoints/", "data/"} <= set(lines)


def test_without_a_clone_the_packaged_kata_is_used(tmp_path: Path, monkeypatch) -> None:
    """paths: the clone's folders win; with none, the package's reference (never its stubs as
    the learner's work: a missing exercises/ says to run init)."""
    fake = tmp_path / "site"
    (fake / "grader" / "bundled" / "solutions").mkdir(parents=True)
    (fake / "grader" / "bundled" / "exercises").mkdir()
    monkeypatch.setattr(paths, "REPO", fake)
    monkeypatch.setattr(paths, "BUNDLED", fake / "grader" / "bundled")
    monkeypatch.delenv("PYTORCH101_SOLUTIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    assert paths.solutions_dir() == fake / "grader" / "bundled" / "solutions"
    assert paths.pristine_exercises_dir() == fake / "grader" / "bundled" / "exercises"
    assert paths.exercises_dir() == tmp_path / "exercises"
    assert "pytorch101 init" in paths.advice("exercises")
    assert str((fake / "grader" / "bundled" / "solutions").resolve()) in paths.forbidden(
        paths.solutions_dir(), tmp_path / "exercises")
    monkeypatch.setenv("PYTORCH101_SOLUTIONS", str(tmp_path / "elsewhere"))
    assert paths.solutions_dir() == tmp_path / "elsewhere"
    (fake / "solutions").mkdir()
    monkeypatch.delenv("PYTORCH101_SOLUTIONS")
    assert paths.solutions_dir() == fake / "solutions"
