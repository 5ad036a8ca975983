"""Notebooks: `pytorch101 notebooks` writes an exercise file as a notebook whose last cell checks
it, and that notebook, executed cell by cell in a real Jupyter kernel (nbclient + ipykernel,
from the test extra), shows the verdicts: passed with the reference's code in the stub cell,
failed with a known mistake."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
jupytext = pytest.importorskip("jupytext")

FILE = "01_tensors/04_inplace.py"
WRONG = '''import torch


def add_into(x, y, out):
    return x + y


def accumulate_(acc, x):
    return acc.add_(x)
'''


@pytest.fixture
def kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A kernel spec that runs this interpreter (a machine's own `python3` spec may not)."""
    spec = tmp_path / "jupyter" / "kernels" / "kata-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "kata test", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    # the kernel imports this checkout's grader
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]))
    return "kata-test"


def _generate(tmp_path: Path) -> Path:
    result = run_cli("notebooks", str(tmp_path / "nb"), "--only", FILE)
    assert result.returncode == 0, result.stderr
    assert "Wrote 1 notebook(s)" in result.stdout
    return tmp_path / "nb" / Path(FILE).with_suffix(".ipynb")


def _stub_cell(nb) -> int:  # type: ignore[no-untyped-def]
    found = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and "NotImplementedError" in c.source]
    assert len(found) == 1, "one code cell holds the file's stubs"
    return found[0]


def _execute(nb, kernel: str, folder: Path) -> list[dict]:  # type: ignore[no-untyped-def]
    """Run every cell; the last cell's outputs."""
    client = nbclient.NotebookClient(nb, kernel_name=kernel, timeout=300,
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb.cells[-1].outputs


def _texts(outputs: list[dict]) -> list[str]:
    return [o["data"]["text/plain"] for o in outputs if o.get("output_type") == "display_data"]


def test_the_generated_notebook_ends_with_a_check_cell(tmp_path: Path) -> None:
    nb = nbformat.read(_generate(tmp_path), as_version=4)
    assert nb.cells[-1].source == "from grader import check\n\ncheck(add_into)\ncheck(accumulate_)"
    assert nb.cells[0].cell_type == "markdown" and "In place or not" in nb.cells[0].source
    assert nb.metadata["kernelspec"]["name"] == "python3"
    again = run_cli("notebooks", str(tmp_path / "nb"), "--only", FILE)
    assert "Wrote 0 notebook(s)" in again.stdout and "Kept 1" in again.stdout


@pytest.mark.slow
def test_a_notebook_with_the_reference_passes_and_a_wrong_answer_fails(
        tmp_path: Path, kernel: str) -> None:
    path = _generate(tmp_path)
    nb = nbformat.read(path, as_version=4)
    reference = jupytext.reads((REPO / "solutions" / FILE).read_text(encoding="utf-8"),
                               fmt="py:percent")
    cell = _stub_cell(nb)
    nb.cells[cell].source = reference.cells[cell].source
    outputs = _execute(nb, kernel, tmp_path)
    texts = _texts(outputs)
    # one verdict per check, each shown once: the last line's value is not echoed a second time
    assert len(outputs) == 2 and len(texts) == 2, outputs
    assert texts[0].startswith("✓ add_into  passed") and "(your notebook)" in texts[0]
    assert texts[1].startswith("✓ accumulate_  passed")
    html = [o["data"]["text/html"] for o in outputs]
    assert all('class="pytorch101-check"' in h and "passed" in h for h in html)

    nb = nbformat.read(path, as_version=4)
    nb.cells[_stub_cell(nb)].source = WRONG
    texts = _texts(_execute(nb, kernel, tmp_path))
    assert texts[0].startswith("✗ add_into  failed"), texts[0]
    assert "Likely mistake: `x + y` makes a new tensor" in texts[0]
    assert texts[1].startswith("✓ accumulate_  passed")

