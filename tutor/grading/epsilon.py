"""A small constant in the learner's code that changes the answer: an epsilon added inside a
log or a ratio, a clip bound, a guard.

:func:`small_constants` finds the float literals of at most :data:`SMALL` in the learner's
source; :func:`without` rewrites the source with one of them made negligible
(:data:`TINY`, so that ``x + eps`` is ``x`` for any x that is not 0 while a log or a ratio
of an exact 0 stays finite). :mod:`tutor.grading.explain` runs the rewritten code on the
failing cases, in the sandbox like any learner code, and reports the constant only when
every failing case then passes: the constant is shown to be the cause, never guessed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from tutor import pyparse
from tutor.grading.diagnose import Diagnosis

SMALL = 1e-3  # the largest literal tried as an epsilon
TINY = 1e-300  # what it becomes: negligible beside any nonzero value, never 0 itself
MAX_CONSTANTS = 3  # distinct constants tried, in the order they first appear
_CLIPS = {"clip", "maximum", "minimum", "fmax", "fmin", "max", "min", "clamp"}


@dataclass(frozen=True)
class Constant:
    """A small float literal of the learner's source, first seen on ``line``."""

    value: float
    line: int
    text: str  # the sum or call it is part of, or its line
    usage: str  # added | clip | other: how the code uses it, for the sentence


def small_constants(source: str) -> list[Constant]:
    """The distinct float literals 0 < |x| <= SMALL of ``source`` (at most
    :data:`MAX_CONSTANTS`), with how each is used."""
    tree = _parse(source)
    if tree is None:
        return []
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: dict[float, ast.Constant] = {}
    for node in ast.walk(tree):
        if _is_small(node) and node.value not in found:
            found[node.value] = node
    ordered = sorted(found.values(), key=lambda n: (n.lineno, n.col_offset))
    return [Constant(n.value, n.lineno, _where(source, n, parents), _usage(tree, n.value))
            for n in ordered[:MAX_CONSTANTS]]


def _where(source: str, node: ast.Constant, parents: dict[ast.AST, ast.AST]) -> str:
    """The sum or the call the constant is a term or an argument of, when it is short and
    on one line; else its whole line."""
    parent = parents.get(node)
    if isinstance(parent, ast.UnaryOp):
        parent = parents.get(parent)
    if isinstance(parent, (ast.BinOp, ast.Call)):
        text = ast.get_source_segment(source, parent)
        if text and "\n" not in text and len(text) <= 60:
            return text
    lines = source.splitlines()
    return lines[node.lineno - 1].strip() if node.lineno <= len(lines) else ""


def without(source: str, value: float) -> str | None:
    """``source`` with every literal equal to ``value`` replaced by :data:`TINY`."""
    tree = _parse(source)
    if tree is None:
        return None
    for node in ast.walk(tree):
        if _is_small(node) and node.value == value:
            node.value = TINY
    try:
        return ast.unparse(tree)
    except (ValueError, RecursionError):
        return None


def diagnosis(constant: Constant) -> Diagnosis:
    """The sentence for a constant shown to cause every failure."""
    where = f"line {constant.line}: `{_short(constant.text)}`"
    shown = f"{constant.value:g}"
    if constant.usage == "clip":
        return Diagnosis("epsilon", (
            f"Your code clips at {shown} ({where}), and that changes the answer: with the "
            "bound made negligible, your code gives the expected result on every failing "
            "case. A clip caps the values this exercise wants exact; leave them unclipped "
            "and handle an exact 0 where it can occur."))
    if constant.usage == "added":
        return Diagnosis("epsilon", (
            f"Your code adds the small constant {shown} ({where}), and that changes the "
            "answer: with it made negligible, your code gives the expected result on every "
            "failing case. An epsilon shifts every value it touches, which shows when the "
            "true values are this small. Where a value can be exactly 0, handle that "
            "case (a mask, np.where) instead of shifting every value."))
    return Diagnosis("epsilon", (
        f"The small constant {shown} in your code ({where}) changes the answer: with it "
        "made negligible, your code gives the expected result on every failing case."))


def _parse(source: str) -> ast.Module | None:
    try:
        return pyparse.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


def _is_small(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is float and \
        0 < abs(node.value) <= SMALL


def _usage(tree: ast.Module, value: float) -> str:
    """added when the literal (or a name bound to it) is a term of a sum, clip when it is an
    argument of a clip, max or min, else other."""
    names = {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
             and _is_small(node.value) and node.value.value == value  # type: ignore[attr-defined]
             for target in node.targets if isinstance(target, ast.Name)}
    names |= {arg.arg for node in ast.walk(tree) if isinstance(node, ast.arguments)
              for arg, default in zip(node.args[len(node.args) - len(node.defaults):],
                                      node.defaults, strict=True)
              if _is_small(default) and default.value == value}  # type: ignore[attr-defined]

    def is_it(node: ast.AST) -> bool:
        return (_is_small(node) and node.value == value) or (  # type: ignore[attr-defined]
            isinstance(node, ast.Name) and node.id in names)

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called(node.func) in _CLIPS and any(
                is_it(a) for a in node.args):
            return "clip"
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) and (
                is_it(node.left) or is_it(node.right)):
            return "added"
    return "other"


def _called(func: ast.AST) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."
