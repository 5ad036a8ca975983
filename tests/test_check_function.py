"""`from grader import check; check(fn)` in a script: the definitions are graded in the sandbox,
top-level work is not re-run, a mistyped name gets close names, a worker's own call does nothing,
and `import grader` stays light. (Notebooks: tests/test_notebooks.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from grader import check, definitions
from tests.conftest import REPO, run_cli

SCRIPT = '''\
import torch
from grader import check

MARKER = {marker!r}
SCALE = 2.0
with open(MARKER, "a") as log:  # top-level work: must run once, in this script only
    log.write("ran\\n")


def _same(t):
    return t * SCALE / SCALE


def add_into(x, y, out):
    return torch.add(x, y, out=out)


def accumulate_(acc, x):
    return _same(acc + x)  # wrong: a new tensor, acc unchanged


results = [check(add_into), check(accumulate_)]
print("statuses:", [r.status for r in results], [r.id for r in results])
'''


def _python(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    paths = [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": os.pathsep.join(paths)}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


@pytest.mark.slow
def test_a_script_checks_its_functions_without_re_running_its_work(tmp_path: Path) -> None:
    marker = tmp_path / "ran.txt"
    script = tmp_path / "mine.py"
    script.write_text(SCRIPT.format(marker=str(marker)), encoding="utf-8")
    result = _python([str(script)], tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "✓ add_into  passed   01_tensors/04_inplace.py (mine.py)" in out
    assert "✗ accumulate_  failed" in out and "Likely mistake: `acc + x`" in out
    assert "statuses: ['passed', 'failed'] ['add_into', 'accumulate_']" in out
    assert marker.read_text() == "ran\n"  # the workers loaded only the definitions
    assert "Traceback" not in out + result.stderr


@pytest.mark.slow
def test_messages_name_the_learners_lines_not_the_temporary_module(tmp_path: Path) -> None:
    script = tmp_path / "broken.py"
    script.write_text(textwrap.dedent('''\
        from grader import check


        def helper(x):
            return x.no_such_method()


        def add_into(x, y, out):
            return helper(x)


        if __name__ == "__main__":
            check(add_into)
        '''), encoding="utf-8")
    out = _python([str(script)], tmp_path).stdout
    assert "✗ add_into  failed" in out, out
    assert 'File "broken.py", line 9, in add_into' in out
    assert 'File "broken.py", line 5, in helper' in out
    assert "pytorch101-check-" not in out


def test_a_check_called_by_a_graded_file_does_nothing(submission: Path) -> None:
    """A learner's exercise file that calls check() at its top level, graded by the CLI: inside
    the worker check() returns None at once (or the file would not load)."""
    path = submission / "01_tensors" / "04_inplace.py"
    path.write_text(path.read_text(encoding="utf-8") + textwrap.dedent('''
        from grader import check

        _verdict = check(add_into)
        assert _verdict is None, "check() graded inside a sandbox worker"
        '''), encoding="utf-8")
    result = run_cli("check", "add_into", "--exercises", str(submission))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_mistyped_name_gets_close_names(capsys: pytest.CaptureFixture[str]) -> None:
    verdict = check("add_int")
    assert verdict is not None and verdict.status == "error" and verdict.id == "add_int"
    assert "Did you mean `add_into`?" in verdict.message
    assert "add_int" in capsys.readouterr().out
    wild = check("zzzz_nothing_like_it")
    assert wild is not None and "Did you mean" not in wild.message
    assert "pytorch101 list" in wild.message


def test_a_value_instead_of_a_function_is_explained() -> None:
    verdict = check(3)
    assert verdict is not None and verdict.status == "error"
    assert "check(add_into)" in verdict.message and "int" in verdict.message


def test_the_verdict_has_text_and_html_forms() -> None:
    from grader.notebook import Checked

    verdict = Checked("add_into", "failed", "expected <2>\ngot 3", "01_tensors/04_inplace.py",
                      "your notebook")
    assert str(verdict).splitlines()[0] == ("✗ add_into  failed   01_tensors/04_inplace.py "
                                            "(your notebook)")
    assert "expected &lt;2&gt;" in verdict._repr_html_() and not verdict.passed
    assert repr(verdict) == "Checked(id='add_into', status='failed')"


def test_import_grader_and_check_do_not_import_torch(tmp_path: Path) -> None:
    result = _python(["-c", "import sys, grader; from grader import check; "
                            "print(callable(check), 'torch' in sys.modules)"], tmp_path)
    assert result.stdout.split() == ["True", "False"], result.stderr


def test_only_definitions_are_kept() -> None:
    source = textwrap.dedent('''\
        from __future__ import annotations
        import torch, numpy as np
        from torch import nn as tnn
        N = 3
        Pair: tuple = (1, -2.5)
        Alias = torch.float32
        made = torch.zeros(N)
        obj.attr = 1
        for i in range(N):
            pass
        check(add_into)

        @decorate(1)
        def add_into(x):
            return x

        class Net(tnn.Module):
            pass
        ''')
    pieces = definitions.pieces(source, "cell In[1]")
    assert [p.names for p in pieces] == [("torch", "np"), ("tnn",), ("N",), ("Pair",),
                                          ("Alias",), ("add_into",), ("Net",)]
    decorated = pieces[5]
    assert decorated.line == 13 and decorated.source.startswith("@decorate(1)\ndef add_into")


def test_the_assembled_module_maps_lines_back() -> None:
    pieces = definitions.pieces("x = 1\n\n\ndef f():\n    return g()\n", "cell In[4]")
    module = definitions.assemble("import torch\n\n\ndef f():\n    raise NotImplementedError\n",
                                  pieces)
    line = module.text.splitlines().index("    return g()") + 1
    message = f'  File "/tmp/t/01.py", line {line}, in f\n  File "/tmp/t/01.py", line 2, in s'
    shown = definitions.relabel(message, ("/tmp/t/01.py",), module, "your notebook", "the stub")
    assert shown == '  File "cell In[4]", line 5, in f\n  File "the stub", line 2, in s'


def test_a_process_that_used_cuda_grades_with_spawned_workers(monkeypatch) -> None:
    import torch

    from grader import notebook

    monkeypatch.setattr(torch.cuda, "is_initialized", lambda: False)
    assert notebook._sandbox() is None
    monkeypatch.setattr(torch.cuda, "is_initialized", lambda: True)
    assert notebook._sandbox() == "spawn"
