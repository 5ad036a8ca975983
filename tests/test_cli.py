"""The command line as a learner meets it: exit codes, the JSON contract, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from grader import catalogue

from conftest import REPO, cli_json, run_cli

CHAPTER = catalogue.load().chapters[0]
FIRST = CHAPTER.exercises[0]


def test_json_output_is_one_object_with_the_documented_fields(submission: Path) -> None:
    code, data = cli_json(CHAPTER.dir, "--exercises", str(submission))
    assert code == 0
    assert set(data["summary"]) >= {"total", "passed", "failed", "todo", "error", "timeout",
                                    "skipped"}
    assert data["summary"]["total"] == len(CHAPTER.exercises) == len(data["results"])
    for result in data["results"]:
        assert set(result) >= {"id", "chapter", "file", "status", "message"}
        assert result["chapter"] == CHAPTER.dir and result["status"] in ("passed", "skipped")
        assert result["file"].startswith(CHAPTER.dir + "/")


def test_stubs_exit_1_and_text_names_the_next_exercise(stubs: Path) -> None:
    result = run_cli("check", FIRST.id, "--exercises", str(stubs))
    assert result.returncode == 1
    assert "todo" in result.stdout
    assert f"Next up: {FIRST.id}" in result.stdout
    assert f"pytorch101 hint {FIRST.id}" in result.stdout


def test_a_target_can_be_an_id_a_chapter_or_a_file(submission: Path) -> None:
    for target in (FIRST.id, CHAPTER.dir, FIRST.path, f"exercises/{FIRST.path}"):
        code, data = cli_json(target, "--exercises", str(submission))
        assert code == 0, target
        assert FIRST.id in {r["id"] for r in data["results"]}


def test_unknown_target_exits_2_and_says_where_to_find_valid_ones() -> None:
    result = run_cli("check", "no_such_exercise")
    assert result.returncode == 2
    assert "no_such_exercise" in result.stderr and "pytorch101 list" in result.stderr


def test_missing_exercises_folder_exits_2_and_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = run_cli("check", "--exercises", str(missing))
    assert result.returncode == 2
    assert str(missing) in result.stderr


def test_a_syntax_error_costs_only_its_own_file(submission: Path) -> None:
    broken = submission / FIRST.path
    broken.write_text(broken.read_text() + "\ndef oops(:\n    pass\n")
    code, data = cli_json(CHAPTER.dir, "--exercises", str(submission))
    assert code == 1
    lines = broken.read_text().count("\n")
    for result in data["results"]:
        if result["file"] == FIRST.path:
            assert result["status"] == "error"
            assert "SyntaxError" in result["message"] or "line" in result["message"]
            assert f"line {lines - 1}" in result["message"]
            assert FIRST.file in result["message"]
        else:
            assert result["status"] in ("passed", "skipped"), result


def test_an_endless_loop_times_out_and_the_run_goes_on(submission: Path) -> None:
    target = submission / FIRST.path
    target.write_text(target.read_text() + f"\n\ndef {FIRST.id}(*args, **kwargs):\n"
                      "    while True:\n        pass\n")
    started = time.monotonic()
    code, data = cli_json(CHAPTER.dir, "--exercises", str(submission),
                          env={"PYTORCH101_TIMEOUT_SCALE": "0.2"})
    elapsed = time.monotonic() - started
    by_id = {r["id"]: r for r in data["results"]}
    assert code == 1
    assert by_id[FIRST.id]["status"] == "timeout"
    assert "did not finish" in by_id[FIRST.id]["message"]
    others = [r for r in data["results"] if r["id"] != FIRST.id]
    assert all(r["status"] in ("passed", "skipped") for r in others)
    assert elapsed < 120


def test_hint_shows_levels_in_order_and_rejects_unknown_ids(stubs: Path) -> None:
    first = run_cli("hint", FIRST.id, "--level", "1", "--exercises", str(stubs))
    assert first.returncode == 0 and FIRST.hints[0].split()[0] in first.stdout
    last = run_cli("hint", FIRST.id, "--level", str(len(FIRST.hints)), "--exercises", str(stubs))
    assert FIRST.hints[-1].split()[0] in last.stdout
    assert run_cli("hint", "nope").returncode == 2


def test_json_report_can_go_to_a_file(submission: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run_cli("check", FIRST.id, "--exercises", str(submission), "--format", "json",
                     "--output", str(out))
    assert result.returncode == 0
    assert json.loads(out.read_text())["summary"]["passed"] == 1


def test_checks_run_as_plain_pytest_against_either_target(stubs: Path) -> None:
    check_file = f"grader/checks/ch{FIRST.chapter}/test_{Path(FIRST.file).stem}.py"
    base = [sys.executable, "-m", "pytest", check_file, "-q", "-p", "no:cacheprovider"]
    reference = subprocess.run([*base, "--kata-target=solutions"], capture_output=True,
                               text=True, cwd=REPO, timeout=300, check=False)
    assert reference.returncode == 0, reference.stdout[-2000:]
    learner = subprocess.run([*base, f"--kata-target={stubs}"], capture_output=True, text=True,
                             cwd=REPO, timeout=300, check=False)
    assert learner.returncode == 1
    assert f"[todo] {FIRST.id} is not started yet" in learner.stdout


def test_check_exits_quickly_yet_cleans_up_and_flushes(submission: Path, tmp_path: Path) -> None:
    """``check`` leaves without Python's teardown of torch (grader.cli.leave_now), but its
    output reaches a pipe whole, its exit status is kept, and the atexit clean-up still runs:
    the synthetic datasets written for load_mnist's check are removed."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {"TMPDIR": str(scratch), "TEMP": str(scratch), "TMP": str(scratch)}
    (submission / "04_mnist" / "04_mnist_dataset.py").write_text(
        "def load_mnist(root, train=True):\n    return None\n", encoding="utf-8")
    result = run_cli("check", "load_mnist", "image_to_tensor", "--format", "json",
                     "--exercises", str(submission), env=env)
    assert result.returncode == 1, result.stderr
    statuses = {r["id"]: r["status"] for r in json.loads(result.stdout)["results"]}
    assert statuses == {"load_mnist": "failed", "image_to_tensor": "passed"}
    assert not list(scratch.glob("pytorch101-data-*")), "the shared datasets were left behind"
