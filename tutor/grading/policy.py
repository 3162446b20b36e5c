"""What a submission may write, checked on its syntax tree before it runs.

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
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Violation:
    """One rule the source breaks, with the line it is on (None if not located)."""

    rule: str  # "syntax" | "forbidden" | "loop"
    message: str
    line: int | None = None


def parse(source: str, filename: str = "<your code>") -> ast.Module | Violation:
    """The syntax tree, or a Violation naming the line of the syntax error."""
    try:
        return ast.parse(source, filename=filename)
    except SyntaxError as exc:
        return Violation("syntax", syntax_message(exc, source), exc.lineno)
    except ValueError as exc:  # null bytes
        return Violation("syntax", f"syntax error: {exc}")


def syntax_message(exc: SyntaxError, source: str) -> str:
    """``syntax error on line 3: invalid syntax`` plus the line and a caret."""
    text = f"syntax error on line {exc.lineno}: {exc.msg}"
    lines = source.splitlines()
    if exc.lineno and 0 < exc.lineno <= len(lines):
        line = lines[exc.lineno - 1]
        text += f"\n    {line.strip()}"
        if exc.offset:
            indent = len(line) - len(line.lstrip())
            text += "\n    " + " " * max(0, exc.offset - 1 - indent) + "^"
    return text


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
    aliases = _import_aliases(tree)
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
        return "" if _getattr_name(node) == target[1:] else None
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
        resolved = _resolve(node, aliases)
        if resolved and _under(resolved, target):
            return _written(node)
    return None


def _module_attribute(node: ast.AST, target: str, aliases: dict[str, str]) -> bool:
    """``node`` is ``module.name`` for a ``.name`` target (an imported module's attribute)."""
    return target.startswith(".") and isinstance(node, ast.Attribute) and \
        _resolve(node.value, aliases) is not None


def _under(name: str, target: str) -> bool:
    return name == target or name.startswith(target + ".")


def _resolve(node: ast.AST, aliases: dict[str, str]) -> str | None:
    """The dotted name an expression refers to through imports, or None."""
    if isinstance(node, ast.Name):
        return aliases.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _resolve(node.value, aliases)
        return f"{base}.{node.attr}" if base else None
    name = _getattr_name(node)
    if name is not None:
        base = _resolve(node.args[0], aliases)  # type: ignore[attr-defined]
        return f"{base}.{name}" if base else None
    return None


def _getattr_name(node: ast.AST) -> str | None:
    """``name`` of ``getattr(x, "name")``, else None."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) >= 2
        and isinstance(node.args[1], ast.Constant)
        and isinstance(node.args[1].value, str)
    ):
        return node.args[1].value
    return None


def _written(node: ast.AST) -> str:
    try:
        return ast.unparse(node) if not isinstance(node, ast.Call) else ""
    except Exception:  # noqa: BLE001 - unparse of odd trees; the plain entry is shown instead
        return ""


def _import_aliases(tree: ast.Module) -> dict[str, str]:
    """Local name -> dotted module path, for every import in the file."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    head = alias.name.split(".")[0]
                    aliases[head] = head
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return aliases


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


def positional_params(tree: ast.Module, function: str) -> list[str]:
    """The positional parameter names of the module-level function ``function`` (the last
    definition wins, as when the module runs); [] when it is not a plain def."""
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            names = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
    return names


EXP_CALLS = frozenset({"exp", "exp2", "expm1"})
EXP_FAMILY = EXP_CALLS | {"logsumexp", "logaddexp", "logaddexp2", "expit", "softmax",
                          "log_softmax", "sigmoid"}


def calls_exp(tree: ast.AST, names: frozenset[str] = EXP_CALLS) -> bool:
    """Whether the code calls an exponential (``exp``, ``np.exp``, ``math.exp``, ``x.exp()``,
    or any of ``names``) or raises e to a power (``np.e ** x``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else None)
            if name in names:
                return True
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            base = node.left
            if (isinstance(base, ast.Attribute) and base.attr == "e") or (
                    isinstance(base, ast.Name) and base.id == "e"):
                return True
    return False


def source_uses_exp(source: str) -> bool:
    """Whether lesson code computes with exponentials (exp itself, softmax, logsumexp...)."""
    tree = parse(source)
    return not isinstance(tree, Violation) and calls_exp(tree, EXP_FAMILY)


MODERN_RANDOM = frozenset({"default_rng", "Generator", "PCG64", "PCG64DXSM", "Philox",
                           "SFC64", "MT19937", "SeedSequence", "BitGenerator"})


def legacy_random_calls(tree: ast.AST) -> list[str]:
    """The calls of numpy's global, legacy generator (``np.random.seed``,
    ``np.random.permutation``...) in ``tree``, as written, in order, each once."""
    aliases = _import_aliases(tree) if isinstance(tree, ast.Module) else {}
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _resolve(node.func, aliases)
        if name and name.startswith("numpy.random.") and name.count(".") == 2 and \
                name.rsplit(".", 1)[1] not in MODERN_RANDOM:
            written = f"np.random.{name.rsplit('.', 1)[1]}"
            if written not in found:
                found.append(written)
    return found
