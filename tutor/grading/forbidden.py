"""What a submission may not write (forbidden entries, loops), checked on its syntax tree
before it runs.

Notation of an exercise's ``forbidden`` entries:

``@``
    the matrix-multiplication operator (``a @ b`` and ``a @= b``).
``.name``
    any attribute named ``name``, whatever it is taken from: ``.dot`` forbids
    ``a.dot(b)``, ``np.dot`` and ``X.T.dot(y)`` alike.
``module.path.name``
    that object however it is reached: ``np.dot`` (``np.`` is short for
    ``numpy.``) forbids ``np.dot``, ``numpy.dot``, ``import numpy as xp; xp.dot``,
    ``from numpy import dot`` (and ``as d``) and ``getattr(np, "dot")``. A module
    path forbids everything under it: ``np.linalg`` forbids ``np.linalg.inv``.
``name``
    a bare name such as a builtin (``sum``, ``sorted``), unless the submission
    binds that name itself.

Any use counts, not only calls: ``f = np.dot`` is caught too. The check reads the
syntax tree, so code built at run time (``eval``, ``importlib``) is not seen.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping

from tutor.grading.sourcetree import Violation, getattr_name, import_aliases, resolve

LOOP_NODES: dict[type[ast.AST], str] = {
    ast.For: "for loop",
    ast.AsyncFor: "for loop",
    ast.While: "while loop",
    ast.ListComp: "list comprehension",
    ast.SetComp: "set comprehension",
    ast.DictComp: "dict comprehension",
    ast.GeneratorExp: "generator expression",
}
ABBREVIATIONS = {"np": "numpy"}



def normalize(entry: str) -> str:
    """``np.linalg.inv`` -> ``numpy.linalg.inv``; other notations unchanged."""
    head, dot, rest = entry.partition(".")
    return ABBREVIATIONS.get(head, head) + dot + rest if head else entry


def check(tree: ast.Module, forbidden: Iterable[str], forbid_loops: bool,
          advice: Mapping[str, str] | None = None) -> list[Violation]:
    """Every forbidden use and loop, in line order, one per rule and line. ``advice``
    (per forbidden entry: what to use instead) is appended to that entry's messages."""
    found = list(forbidden_uses(tree, forbidden, advice))
    if forbid_loops:
        found.extend(loops(tree))
    unique = {(v.rule, v.message, v.line): v for v in found}
    return sorted(unique.values(), key=lambda v: (v.line or 0, v.message))


def loops(tree: ast.AST) -> Iterator[Violation]:
    for node in ast.walk(tree):
        kind = LOOP_NODES.get(type(node))
        if kind:
            yield Violation(
                "loop",
                f"loops are not allowed here ({kind} on line {node.lineno}): "
                "use whole-array operations instead",
                node.lineno,
            )


def forbidden_uses(tree: ast.Module, forbidden: Iterable[str],
                   advice: Mapping[str, str] | None = None) -> Iterator[Violation]:
    entries = [(entry, normalize(entry)) for entry in forbidden]
    advice = advice or {}
    if not entries:
        return
    aliases = import_aliases(tree)
    bound = _bound_names(tree)
    seen: set[tuple[str, int | None]] = set()
    for node in ast.walk(tree):  # breadth first: the outermost match on a line is reported
        for entry, target in entries:
            written = _matches(node, target, aliases, bound)
            line = getattr(node, "lineno", None)
            shown = entry
            if written is not None and _module_attribute(node, target, aliases):
                # np.dot under ".dot": a module's function, not a method call; named as
                # written, and left to a module entry (np.dot) that matches it too
                if any(_matches(node, other, aliases, bound) is not None
                       for _, other in entries if not other.startswith(".")):
                    continue
                shown, written = _written(node) or entry, ""
            if written is not None and (entry, line) not in seen:
                seen.add((entry, line))
                how = "" if written in (shown, "") else f" ({written})"
                tip = " ".join(advice.get(entry, "").split())
                yield Violation("forbidden", f"{shown} is not allowed here: line {line}{how}"
                                + (f"; {tip}" if tip else ""), line)


def _matches(node: ast.AST, target: str, aliases: dict[str, str], bound: set[str]) -> str | None:
    """How ``node`` writes the forbidden ``target`` ("" when plainly), or None."""
    if target == "@":
        matmul = isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.MatMult)
        return "" if matmul else None
    if target.startswith("."):
        if isinstance(node, ast.Attribute) and node.attr == target[1:]:
            return ""
        return "" if getattr_name(node) == target[1:] else None
    if "." not in target:
        if isinstance(node, ast.Name) and node.id == target and target not in bound:
            return ""
        return None
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        for alias in node.names:
            full = f"{node.module}.{alias.name}"
            if _under(full, target):
                return f"from {node.module} import {alias.name}"
        return None
    if isinstance(node, (ast.Attribute, ast.Call)) or (
        isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    ):
        resolved = resolve(node, aliases)
        if resolved and _under(resolved, target):
            return _written(node)
    return None


def _module_attribute(node: ast.AST, target: str, aliases: dict[str, str]) -> bool:
    """``node`` is ``module.name`` for a ``.name`` target (an imported module's attribute)."""
    return target.startswith(".") and isinstance(node, ast.Attribute) and \
        resolve(node.value, aliases) is not None


def _under(name: str, target: str) -> bool:
    return name == target or name.startswith(target + ".")


def _written(node: ast.AST) -> str:
    try:
        return ast.unparse(node) if not isinstance(node, ast.Call) else ""
    except Exception:  # noqa: BLE001 - unparse of odd trees; the plain entry is shown instead
        return ""


def _bound_names(tree: ast.Module) -> set[str]:
    """Names the submission binds itself (assignments, defs, imports, parameters)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names
