"""Hints that climb: a nudge, a plan, then nearly the answer.

Two static warnings per exercise, for `tutor lessons validate`:

* fewer than :data:`MIN_HINTS` hints, so there is no middle rung between "which
  idea" and "the finished line";
* a hint other than the last that already holds one of the reference's key lines,
  so the learner who asks for a nudge gets the answer.

A key line is a statement of the reference solution that does the work: an
assignment, an augmented assignment, a return or an expression statement whose
value is more than a name, a constant or set-up such as ``np.asarray(x)``. Headers
of ``def``, ``for``, ``if`` and the like, imports, docstrings, ``pass`` and
``raise`` are not key lines. A hint holds a key line when the line's text appears
in it with all whitespace removed on both sides (``return`` dropped from the line,
since ``return np.sum(a * b)`` gives away ``np.sum(a*b)`` just as well).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from tutor import pyparse
from tutor.lessons.model import ExerciseStep, Lesson
from tutor.lessons.yamlsource import KeyPath
from tutor.safetext import clip

MIN_HINTS = 3
_SPACE = re.compile(r"\s+")
# Calls that only prepare inputs or outputs: naming them early gives nothing away.
_SETUP_CALLS = frozenset({
    "len", "float", "int", "bool", "list", "tuple", "range", "asarray", "array", "zeros",
    "zeros_like", "ones", "ones_like", "empty", "empty_like", "copy", "atleast_1d",
    "atleast_2d", "astype", "ravel", "flatten", "shape",
})


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def _simple(node: ast.AST | None) -> bool:
    """A value that carries no idea of the solution: a name, a constant, an attribute,
    a tuple or list of those, or set-up calls on them."""
    if node is None or isinstance(node, ast.Name | ast.Constant):
        return True
    if isinstance(node, ast.Attribute):
        return _simple(node.value)
    if isinstance(node, ast.UnaryOp):
        return _simple(node.operand)
    if isinstance(node, ast.Tuple | ast.List):
        return all(_simple(item) for item in node.elts)
    if isinstance(node, ast.Dict):
        return all(_simple(item) for item in (*node.keys, *node.values))
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return (name in _SETUP_CALLS
                and (not isinstance(func, ast.Attribute) or _simple(func.value))
                and all(_simple(arg) for arg in node.args)
                and all(_simple(kw.value) for kw in node.keywords))
    return False


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement, the bodies of compound statements included."""
    for stmt in body:
        yield stmt
        for field in ("body", "orelse", "finalbody"):
            yield from _statements(getattr(stmt, field, []) or [])
        for handler in getattr(stmt, "handlers", []) or []:
            yield from _statements(handler.body)


def key_lines(solution: str) -> list[str]:
    """The reference's key lines, each on one line (``return`` dropped), in order."""
    try:
        tree = pyparse.parse(solution)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []  # the model reports code that does not parse
    found: list[str] = []
    for stmt in _statements(tree.body):
        if isinstance(stmt, ast.Return):
            node: ast.AST | None = stmt.value
            if _simple(node):
                continue
        elif isinstance(stmt, ast.Assign | ast.AnnAssign):
            if _simple(stmt.value):
                continue
            node = stmt
        elif isinstance(stmt, ast.AugAssign):
            node = stmt
        elif isinstance(stmt, ast.Expr):
            if _simple(stmt.value):
                continue  # docstrings, bare names
            node = stmt.value
        else:
            continue
        segment = ast.get_source_segment(solution, node) if node is not None else None
        line = _SPACE.sub(" ", segment or "").strip()
        if line and line not in found:
            found.append(line)
    return found


def hint_warnings(lesson: Lesson) -> list[tuple[KeyPath, str]]:
    """(key path, message) for each exercise whose hints do not climb."""
    warnings: list[tuple[KeyPath, str]] = []
    for i, step in enumerate(lesson.steps):
        if isinstance(step, ExerciseStep):
            warnings.extend(_exercise_warnings(step, ("steps", i)))
    return warnings


def _exercise_warnings(ex: ExerciseStep, here: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    count = len(ex.hints)
    if count < MIN_HINTS:
        have = "no hints" if count == 0 else f"only {count} hint{'s' if count > 1 else ''}"
        yield ((*here, "hints") if count else (*here, "id"),
               f"{have}: give at least {MIN_HINTS} that climb: a nudge (which idea), a plan "
               "(shapes, the steps in order), then nearly the answer")
    lines = key_lines(ex.solution)
    for j, hint in enumerate(ex.hints[:-1]):
        squeezed = _squeeze(hint)
        given = next((line for line in lines if _squeeze(line) in squeezed), None)
        if given is not None:
            shown = clip(given, 60, "...")
            yield ((*here, "hints", j),
                   f"hint {j + 1} of {count} already holds the reference line `{shown}`: "
                   "keep the key line for the last hint")
