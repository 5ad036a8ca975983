"""The learner's definitions, cut out of a notebook's cells or a script, for ``check()``.

``check(add_into)`` grades a module made of the exercise's pristine stub file (for its imports
and helpers) with the learner's definitions appended, so a later ``def add_into`` replaces the
stub's. Only what defines things is kept: imports, functions, classes and assignments that call
nothing (``MEAN = (0.1307,)``, ``Tensor = torch.Tensor``). Top-level work (training, plotting,
a call to ``check`` itself) is left out, so the worker never re-runs it. Each kept piece
remembers where it came from, so messages can name the learner's cell or line, not the
temporary module's.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

SEPARATOR = "\n\n# ---- your definitions (appended by check()) ----\n"


@dataclass(frozen=True)
class Piece:
    """One top-level statement kept from the learner's code."""

    source: str
    origin: str
    """Where it came from, as messages name it: ``cell In[3]`` or ``my_script.py``."""
    line: int
    """The origin's line where it starts."""
    names: tuple[str, ...]
    """The names it defines."""


@dataclass(frozen=True)
class Module:
    """The module a worker loads: the stub file, then the learner's pieces."""

    text: str
    origins: dict[int, tuple[str, int]]
    """Module line → (origin, origin line), for the learner's lines."""


def pieces(source: str, origin: str) -> list[Piece]:
    """The defining statements of ``source`` (raises SyntaxError for code that does not parse)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    kept = []
    for node in tree.body:
        names = _defined(node)
        if names is None:
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            text = "".join(lines[start - 1:node.end_lineno])
        else:
            start, text = node.lineno, ast.unparse(node) + "\n"
        kept.append(Piece(text if text.endswith("\n") else text + "\n", origin, start, names))
    return kept


def assemble(stub: str, learner: list[Piece]) -> Module:
    """The stub file followed by the learner's pieces, in order (later ones win)."""
    text = stub.rstrip("\n") + "\n" + SEPARATOR
    origins: dict[int, tuple[str, int]] = {}
    line = text.count("\n") + 1
    for piece in learner:
        for offset in range(piece.source.count("\n")):
            origins[line + offset] = (piece.origin, piece.line + offset)
        text += piece.source + "\n"
        line += piece.source.count("\n") + 1
    return Module(text, origins)


def relabel(message: str, shown: tuple[str, ...], module: Module, label: str,
            stub_label: str) -> str:
    """Replace the temporary module's path (each form in ``shown``) and line numbers in a
    message by the learner's origin (``File "cell In[3]", line 2``), and the path alone by
    ``label``."""
    for form in sorted(set(shown), key=len, reverse=True):
        pattern = re.compile(re.escape(form) + r'(", line |, line |:)(\d+)')

        def where(match: re.Match[str]) -> str:
            line = int(match.group(2))
            origin, origin_line = module.origins.get(line, (stub_label, line))
            return f"{origin}{match.group(1)}{origin_line}"

        message = pattern.sub(where, message).replace(form, label)
    return message


def _defined(node: ast.stmt) -> tuple[str, ...] | None:
    """The names a kept statement defines; None for a statement that is not kept."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return (node.name,)
    if isinstance(node, ast.ImportFrom):
        if node.module == "__future__":  # only valid at the top of a file: the stub's is there
            return None
        return tuple(a.asname or a.name for a in node.names)
    if isinstance(node, ast.Import):
        return tuple(a.asname or a.name.split(".")[0] for a in node.names)
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
        if not all(isinstance(t, (ast.Name, ast.Tuple, ast.List)) for t in targets):
            return None  # x.attr = ..., x[i] = ...: changes an object, defines nothing
        return tuple(names) if _calls_nothing(node.value) else None
    return None


_WORK = (ast.Call, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
         ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)


def _calls_nothing(value: ast.expr) -> bool:
    return not any(isinstance(n, _WORK) for n in ast.walk(value))
