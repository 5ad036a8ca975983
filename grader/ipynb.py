"""The exercise files as Jupyter notebooks (what ``pytorch101 notebooks`` writes).

The exercise files are jupytext "percent" scripts already (``# %%`` cells, ``# %% [markdown]``
text), so jupytext turns each into a notebook cell for cell; a last cell calls ``check`` for each
stub of the file, so the learner grades the notebook's answers where they wrote them. jupytext
comes with the ``[notebook]`` extra and is imported only here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader import catalogue, pristine
from grader.catalogue import Exercise

INSTALL = 'pip install "pytorch101[notebook]"'
CHECK_TEXT = ("## Check your answers\n"
              "Run the cells above, then this one: `check(name)` grades the function or class "
              "defined in this notebook against the reference, in a separate process, and "
              "shows the smallest input where yours differs.")


class NotebookError(Exception):
    """Notebooks cannot be written: the message says why and what to do."""


@dataclass
class Written:
    """What ``write`` did, by notebook path."""

    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    """Notebooks already there, left alone (the learner's work in them)."""


def check_cell(exercises: list[Exercise]) -> str:
    """The last cell's code: one check per stub of the file."""
    return "from grader import check\n\n" + "\n".join(f"check({e.id})" for e in exercises)


def notebook(source: str, exercises: list[Exercise]) -> Any:
    """The notebook (an nbformat node) for one exercise file's text."""
    jupytext = _jupytext()
    from nbformat.v4 import new_code_cell, new_markdown_cell

    nb = jupytext.reads(source, fmt="py:percent")
    nb.metadata.pop("jupytext", None)  # a plain notebook, not paired with a script
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells.append(new_markdown_cell(CHECK_TEXT))
    nb.cells.append(new_code_cell(check_cell(exercises)))
    return nb


def write(source_dir: Path | None, out_dir: Path, exercises: list[Exercise],
          force: bool = False) -> Written:
    """Write ``out_dir/<chapter>/<file>.ipynb`` for each file of the given exercises.

    Each file's text comes from ``source_dir`` (the learner's folder) when it is there, else
    from the stubs as shipped. Existing notebooks are kept unless ``force``.
    """
    _jupytext()
    import nbformat  # jupytext needs it: there when jupytext is

    done = Written()
    for relative in pristine.files_of(exercises):
        target = out_dir / Path(relative).with_suffix(".ipynb")
        if target.exists() and not force:
            done.kept.append(target)
            continue
        source_file = source_dir / relative if source_dir is not None else None
        try:
            if source_file is not None and source_file.is_file():
                text = source_file.read_text(encoding="utf-8")
            else:
                text = pristine.original(relative).decode("utf-8")
        except (OSError, UnicodeDecodeError, pristine.NoPristine) as exc:
            raise NotebookError(f"cannot read the exercise file {relative}: {exc}") from None
        stubs = [e for e in catalogue.load().exercises if e.path == relative]
        try:
            nb = notebook(text, stubs)
            target.parent.mkdir(parents=True, exist_ok=True)
            pristine.write_file(target, nbformat.writes(nb).encode("utf-8"))
        except OSError as exc:
            raise NotebookError(f"cannot write {target}: {exc}") from None
        done.written.append(target)
    return done


def _jupytext() -> Any:
    try:
        import jupytext
    except ImportError:
        raise NotebookError(f"writing notebooks needs jupytext: {INSTALL}") from None
    return jupytext
