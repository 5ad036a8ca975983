"""The catalogue, the exercise files, the solutions and the checks agree with each other."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from grader import catalogue
from grader.mistakes import MISTAKES

from conftest import EXERCISES, SOLUTIONS

CAT = catalogue.load()
EXERCISE_IDS = [e.id for e in CAT.exercises]


def _stubs(path: Path) -> dict[str, ast.AST]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name: node for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_")}


def _signature(node: ast.AST) -> str:
    if isinstance(node, ast.FunctionDef):
        return ast.dump(node.args) + ast.dump(node.returns) if node.returns else ast.dump(node.args)
    assert isinstance(node, ast.ClassDef)
    methods = [_signature(n) + n.name for n in node.body if isinstance(n, ast.FunctionDef)]
    return ast.dump(ast.Tuple(elts=node.bases, ctx=ast.Load())) + "".join(methods)


def test_every_chapter_has_at_least_ten_exercises() -> None:
    assert [c.dir for c in CAT.chapters] == ["01_tensors", "02_autograd", "03_nn", "04_mnist",
                                             "05_cifar10_gpu", "06_pytorch2"]
    for chapter in CAT.chapters:
        assert len(chapter.exercises) >= 10, chapter.dir


def test_exercise_ids_are_unique() -> None:
    assert len(EXERCISE_IDS) == len(set(EXERCISE_IDS))


@pytest.mark.parametrize("exercise", CAT.exercises, ids=EXERCISE_IDS)
def test_each_exercise_has_a_stub_a_solution_a_check_and_three_hints(exercise) -> None:
    stub_file, solution_file = EXERCISES / exercise.path, SOLUTIONS / exercise.path
    assert exercise.id in _stubs(stub_file), f"{stub_file} lacks {exercise.id}"
    assert exercise.id in _stubs(solution_file), f"{solution_file} lacks {exercise.id}"
    module = importlib.import_module(exercise.check_module)
    assert callable(getattr(module, f"test_{exercise.id}", None)), exercise.check_module
    assert len(exercise.hints) >= 3 and all(h.strip() for h in exercise.hints)


@pytest.mark.parametrize("exercise", CAT.exercises, ids=EXERCISE_IDS)
def test_each_stub_is_marked_todo_and_raises_not_implemented(exercise) -> None:
    source = (EXERCISES / exercise.path).read_text(encoding="utf-8")
    node = _stubs(EXERCISES / exercise.path)[exercise.id]
    body = ast.get_source_segment(source, node) or ""
    assert "# TODO" in body
    assert f'raise NotImplementedError("{exercise.id}")' in body


@pytest.mark.parametrize("exercise", CAT.exercises, ids=EXERCISE_IDS)
def test_stub_and_solution_have_identical_signatures(exercise) -> None:
    stub = _stubs(EXERCISES / exercise.path)[exercise.id]
    solution = _stubs(SOLUTIONS / exercise.path)[exercise.id]
    assert _signature(stub) == _signature(solution)


@pytest.mark.parametrize("exercise", CAT.exercises, ids=EXERCISE_IDS)
def test_each_exercise_has_a_realistic_mistake(exercise) -> None:
    importlib.import_module(exercise.check_module)
    assert MISTAKES.get(exercise.id), f"no @mistake for {exercise.id}"


def test_no_stray_files_or_stubs() -> None:
    listed = {e.path for e in CAT.exercises}
    for folder in (EXERCISES, SOLUTIONS):
        found = {str(p.relative_to(folder)) for p in folder.rglob("*.py")}
        assert found == listed, f"{folder}: not in the catalogue {sorted(found - listed)}"
    for path in listed:
        stubs = set(_stubs(EXERCISES / path))
        graded = {e.id for e in CAT.exercises if e.path == path}
        assert graded <= stubs
        raising = {name for name, node in _stubs(EXERCISES / path).items()
                   if "NotImplementedError" in ast.dump(node)}
        assert raising <= graded, f"{path}: stubs not in the catalogue {raising - graded}"


def test_every_check_is_in_the_catalogue() -> None:
    checks = Path(catalogue.__file__).parent / "checks"
    for path in checks.glob("ch*/test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                exercise_id = node.name.removeprefix("test_").split("__")[0]  # test_<id>__<aspect>
                assert exercise_id in EXERCISE_IDS, f"{path}: {node.name}"


def _teaching_text(path: Path) -> list[str]:
    """The header cell and every docstring: what must read the same in stub and solution."""
    source = path.read_text(encoding="utf-8")
    header = source.split("\n# %%\n", 1)[0]
    tree = ast.parse(source)
    docs = [ast.get_docstring(node) or "" for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))]
    return [header, *docs]


@pytest.mark.parametrize("path", sorted({e.path for e in CAT.exercises}))
def test_stub_and_solution_teach_the_same_text(path: str) -> None:
    assert _teaching_text(EXERCISES / path) == _teaching_text(SOLUTIONS / path)
