"""A learner's file cannot change its own verdict by tampering, nor read the reference.

The learner's code runs in a worker process and everything is compared in the grader's process,
so replacing a comparison function (torch's, NumPy's, pytest's, Python's builtins or the grader's
own) changes nothing there: a WRONG answer stays ``failed``. Each case below tampers, then
returns a wrong answer; it must never pass. Reading the reference solutions is refused and
reported as ``error``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import SOLUTIONS, grade_ids

from grader import catalogue, paths

VICTIM = "to_python_number"
"""The one stub of 01_tensors/03_item.py: its check compares Python numbers exactly."""
WRONG = "return -12345  # a wrong answer for every input"
REFERENCE_FILE = SOLUTIONS / catalogue.load().exercise(VICTIM).path

TAMPERING = {
    "torch.testing.assert_close": """
        import torch.testing
        torch.testing.assert_close = lambda *args, **kwargs: None
    """,
    "torch.allclose": """
        import torch
        torch.allclose = lambda *args, **kwargs: True
    """,
    "torch.equal": """
        import torch
        torch.equal = lambda *args, **kwargs: True
    """,
    "torch.Tensor.__eq__": """
        import torch
        torch.Tensor.__eq__ = lambda self, other: torch.ones_like(self, dtype=torch.bool)
        torch.Tensor.__ne__ = lambda self, other: torch.zeros_like(self, dtype=torch.bool)
    """,
    "numpy.testing": """
        import numpy.testing
        for _name in ("assert_allclose", "assert_array_equal", "assert_equal",
                      "assert_almost_equal", "assert_array_almost_equal"):
            setattr(numpy.testing, _name, lambda *args, **kwargs: None)
    """,
    "pytest internals": """
        import pytest, _pytest.outcomes

        class _Anything:
            def __eq__(self, other):
                return True

        _pytest.outcomes.fail = lambda *args, **kwargs: None
        pytest.fail = lambda *args, **kwargs: None
        pytest.approx = lambda *args, **kwargs: _Anything()
    """,
    "builtins": """
        import builtins
        builtins.isinstance = lambda obj, kinds: True
        builtins.len = lambda obj: 0
    """,
    "grader helpers": """
        import grader.compare, grader.kata
        from grader.sandbox import worker, wire
        grader.compare.first_difference = lambda *args, **kwargs: None
        grader.kata.first_difference = lambda *args, **kwargs: None
        grader.kata.outcome_difference = lambda *args, **kwargs: None
        worker.encode = lambda value, depth=0: -12345
        wire.decode = lambda obj: obj
    """,
}


def submit(submission: Path, code: str) -> None:
    path = submission / catalogue.load().exercise(VICTIM).path
    path.write_text(path.read_text() + "\n\n" + textwrap.dedent(code).strip() + "\n")


def at_import(tamper: str) -> str:
    return f"{textwrap.dedent(tamper)}\n\ndef {VICTIM}(t):\n    {WRONG}\n"


def at_call(tamper: str) -> str:
    body = textwrap.indent(textwrap.dedent(tamper).strip(), "    ")
    return f"def {VICTIM}(t):\n    global numpy, torch, pytest, builtins, grader\n{body}\n    {WRONG}\n"


@pytest.mark.parametrize("where", [at_import, at_call], ids=["at import", "in the function"])
@pytest.mark.parametrize("name", list(TAMPERING))
def test_tampering_does_not_turn_a_wrong_answer_into_a_pass(submission: Path, name: str,
                                                            where) -> None:
    submit(submission, where(TAMPERING[name]))
    result = grade_ids([VICTIM], exercises=str(submission))[VICTIM]
    assert result.status == "failed", result.message
    assert "does not match the reference" in result.message


def test_the_workers_copy_of_the_grader_memory_cannot_be_searched(submission: Path) -> None:
    """A forked worker inherits the grader's memory, garbage included: gc may not search it."""
    submit(submission, f"""
        def {VICTIM}(t):
            import gc
            for obj in gc.get_objects():
                if type(obj).__name__ == "Outcome" and getattr(obj, "error", 1) is None:
                    return obj.value
            raise LookupError("no reference answer to steal")
    """)
    result = grade_ids([VICTIM], exercises=str(submission))[VICTIM]
    assert result.status == "failed"
    assert "may not search the grader's memory (gc.get_objects)" in result.message


def test_no_reference_answer_is_on_the_workers_stack(submission: Path) -> None:
    """The learner's worker is forked before the reference has answered anything."""
    submit(submission, f"""
        def {VICTIM}(t):
            import sys
            frame = sys._getframe()
            while frame is not None:
                found = frame.f_locals.get("expected")
                if found is not None and hasattr(found, "value"):
                    return found.value
                frame = frame.f_back
            raise LookupError("no reference answer to steal")
    """)
    result = grade_ids([VICTIM], exercises=str(submission))[VICTIM]
    assert result.status == "failed"
    assert "LookupError: no reference answer to steal" in result.message


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="lists /proc/self/fd (Linux)")
def test_the_worker_holds_no_pipe_to_the_reference(submission: Path) -> None:
    """Only stdin/stdout/stderr and the worker's own two pipes stay open after the fork."""
    submit(submission, f"""
        def {VICTIM}(t):
            import os
            raise LookupError(sorted(int(fd) for fd in os.listdir("/proc/self/fd")))
    """)
    result = grade_ids([VICTIM], exercises=str(submission))[VICTIM]
    listed = result.message.split("LookupError: ")[1].splitlines()[0]
    fds = [int(n) for n in listed.strip("[]").split(", ")]
    assert fds[:3] == [0, 1, 2] and len(fds) == 6, fds  # + 2 pipes + the listdir itself


REF = str(REFERENCE_FILE)
READS = {
    "import by file location at import": f"""
        import importlib.util
        _spec = importlib.util.spec_from_file_location("ref", {REF!r})
        _ref = importlib.util.module_from_spec(_spec)
        _spec.loader.exec_module(_ref)
        {VICTIM} = _ref.{VICTIM}
    """,
    "sys.path + import in the function": f"""
        def {VICTIM}(t):
            import importlib, sys
            sys.path.insert(0, {str(REFERENCE_FILE.parent)!r})
            sys.modules.pop({REFERENCE_FILE.stem!r}, None)  # this file's own module has the name
            return importlib.import_module({REFERENCE_FILE.stem!r}).{VICTIM}(t)
    """,
    "open + exec": f"""
        def {VICTIM}(t):
            namespace = {{}}
            exec(open({REF!r}).read(), namespace)
            return namespace[{VICTIM!r}](t)
    """,
    "pathlib, caught and hidden": f"""
        def {VICTIM}(t):
            import pathlib
            try:
                pathlib.Path({REF!r}).read_text()
            except PermissionError:
                pass
            return t.item()
    """,
    "listing the folder": f"""
        import os
        _files = os.listdir({str(REFERENCE_FILE.parent)!r})
    """,
    "runpy": f"""
        def {VICTIM}(t):
            import runpy
            return runpy.run_path({REF!r})[{VICTIM!r}](t)
    """,
    "after switching the guard's helpers off": f"""
        import builtins, os, os.path
        os.path.realpath = lambda path, **kwargs: "/nowhere"
        os.stat = lambda *args, **kwargs: os.stat_result((0,) * 10)
        builtins.isinstance = lambda obj, kinds: False
        _namespace = {{}}
        exec(open({REF!r}).read(), _namespace)
        {VICTIM} = _namespace[{VICTIM!r}]
    """,
    "relative to a folder above": f"""
        def {VICTIM}(t):
            import os
            above = os.open({str(SOLUTIONS.parent)!r}, os.O_RDONLY)
            fd = os.open({str(REFERENCE_FILE.relative_to(SOLUTIONS.parent))!r}, os.O_RDONLY,
                         dir_fd=above)
            namespace = {{}}
            exec(os.read(fd, 1 << 20).decode(), namespace)
            return namespace[{VICTIM!r}](t)
    """,
}


@pytest.mark.parametrize("name", list(READS))
def test_reading_the_reference_is_refused_and_reported(submission: Path, name: str) -> None:
    submit(submission, READS[name])
    result = grade_ids([VICTIM], exercises=str(submission))[VICTIM]
    assert result.status == "error", result.message
    assert "reference files are off limits" in result.message


def test_a_link_made_beforehand_leads_nowhere(submission: Path, tmp_path: Path) -> None:
    """Symlinks and hard links made before grading still point at guarded inodes."""
    soft, hard = tmp_path / "soft.py", tmp_path / "hard.py"
    soft.symlink_to(REFERENCE_FILE)
    copy_root = tmp_path / "pristine"
    import shutil

    shutil.copytree(SOLUTIONS, copy_root)
    hard.hardlink_to(copy_root / REFERENCE_FILE.relative_to(SOLUTIONS))
    for link, solutions in ((soft, None), (hard, str(copy_root))):
        (submission / REFERENCE_FILE.relative_to(SOLUTIONS)).write_text(
            REFERENCE_FILE.read_text())
        submit(submission, f"""
            def {VICTIM}(t):
                namespace = {{}}
                exec(open({str(link)!r}).read(), namespace)
                return namespace[{VICTIM!r}](t)
        """)
        options = {"solutions": solutions} if solutions else {}
        result = grade_ids([VICTIM], exercises=str(submission), **options)[VICTIM]
        assert result.status == "error", (link, result.message)
        assert "reference files are off limits" in result.message


def test_a_custom_reference_folder_is_guarded_too(submission: Path, tmp_path: Path) -> None:
    import shutil

    pristine = tmp_path / "pristine"
    shutil.copytree(SOLUTIONS, pristine)
    copy = pristine / REFERENCE_FILE.relative_to(SOLUTIONS)
    submit(submission, f"""
        def {VICTIM}(t):
            namespace = {{}}
            exec(open({str(copy)!r}).read(), namespace)
            return namespace[{VICTIM!r}](t)
    """)
    result = grade_ids([VICTIM], exercises=str(submission), solutions=str(pristine))[VICTIM]
    assert result.status == "error"
    assert "reference files are off limits" in result.message
    assert str(paths.REPO / "solutions") != str(pristine)


def test_a_description_never_equals_another() -> None:
    """Values that cannot travel as data come back as (type, repr): two models of the same
    architecture with different weights share it, so a description must never compare equal."""
    from grader.compare import first_difference
    from grader.sandbox.wire import Opaque

    model = Opaque("Linear", "Linear(in_features=2, out_features=3, bias=True)")
    difference = first_difference(model, Opaque(model.type_name, model.text))
    assert difference is not None and "must return data" in difference.detail


def test_the_folder_being_graded_is_never_off_limits(tmp_path: Path) -> None:
    """Mutation testing grades solutions/ itself as a learner against a pristine copy."""
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    guarded = paths.forbidden(pristine, paths.REPO / "solutions")
    assert str(pristine.resolve()) in guarded
    assert str((paths.REPO / "solutions").resolve()) not in guarded
    assert str((paths.REPO / "solutions").resolve()) in paths.forbidden(pristine, tmp_path)


@pytest.mark.parametrize("forged", [
    '["not", "a", "result"]',
    '{"ok": True}',
    '{"ok": False, "error": {"kind": "todo"}}',
], ids=["a list", "ok without a value", "an error without its words"])
def test_a_forged_reply_is_an_error_not_a_pass(submission: Path, forged: str) -> None:
    """Replacing the worker's reply encoder sends the grader whatever the learner likes: the
    grader checks the reply's shape and blames the submission, not itself."""
    submit(submission, f"""
        def {VICTIM}(t):
            from grader.sandbox import wire
            real = wire.dumps_reply
            wire.dumps_reply = lambda message: real({forged})
            {WRONG}
    """)
    result = grade_ids([VICTIM], exercises=str(submission))[VICTIM]
    assert result.status == "error", result.message
    assert "sent back something that is not a result" in result.message
