"""A submission's source read as a syntax tree, before anything runs: the tree (or its
syntax error, worded with the line and a caret), how its imports name things, and the
facts feedback reads from it (positional parameters, exponentials, numpy's legacy
generator). What the code may not write is :mod:`tutor.grading.forbidden`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from tutor import pyparse


@dataclass(frozen=True)
class Violation:
    """One rule the source breaks, with the line it is on (None if not located)."""

    rule: str  # "syntax" | "forbidden" | "loop"
    message: str
    line: int | None = None


def parse(source: str, filename: str = "<your code>") -> ast.Module | Violation:
    """The syntax tree, or a Violation naming the line of the syntax error."""
    try:
        return pyparse.parse(source, filename=filename)
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


def import_aliases(tree: ast.Module) -> dict[str, str]:
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


def resolve(node: ast.AST, aliases: dict[str, str]) -> str | None:
    """The dotted name an expression refers to through imports, or None."""
    if isinstance(node, ast.Name):
        return aliases.get(node.id)
    if isinstance(node, ast.Attribute):
        base = resolve(node.value, aliases)
        return f"{base}.{node.attr}" if base else None
    name = getattr_name(node)
    if name is not None:
        base = resolve(node.args[0], aliases)  # type: ignore[attr-defined]
        return f"{base}.{name}" if base else None
    return None


def getattr_name(node: ast.AST) -> str | None:
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
    aliases = import_aliases(tree) if isinstance(tree, ast.Module) else {}
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = resolve(node.func, aliases)
        if name and name.startswith("numpy.random.") and name.count(".") == 2 and \
                name.rsplit(".", 1)[1] not in MODERN_RANDOM:
            written = f"np.random.{name.rsplit('.', 1)[1]}"
            if written not in found:
                found.append(written)
    return found
