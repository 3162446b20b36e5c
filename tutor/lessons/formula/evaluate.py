"""A formula tree evaluated with numpy in float64, at many points at once.

Only the node kinds of :mod:`tutor.lessons.formula.nodes` exist, and each maps to one
numpy function: nothing the learner typed is ever executed. Overflow gives inf and a
bad domain gives nan (no warnings); the judge decides what those mean."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from tutor.lessons.formula.errors import FormulaError
from tutor.lessons.formula.nodes import BinOp, Call, Const, Neg, Node, Num, Var
from tutor.lessons.formula.render import render
from tutor.safetext import clip

Array = np.ndarray

_FUNCTIONS: dict[str, Callable[..., Array]] = {
    "exp": np.exp, "log": np.log, "log2": np.log2, "log10": np.log10, "sqrt": np.sqrt,
    "abs": np.abs, "tanh": np.tanh, "sin": np.sin, "cos": np.cos,
    "sigmoid": lambda x: np.exp(-np.logaddexp(0.0, -x)),
    "relu": lambda x: np.maximum(x, 0.0),
    "softplus": lambda x: np.logaddexp(0.0, x),
    "max": lambda *xs: np.maximum.reduce(np.broadcast_arrays(*xs)),
    "min": lambda *xs: np.minimum.reduce(np.broadcast_arrays(*xs)),
}
_CONSTANTS = {"pi": np.pi, "e": np.e}
_BINARY: dict[str, Callable[[Array, Array], Array]] = {
    "+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "^": np.power,
}


def _value(node: Node, env: Mapping[str, Array]) -> Array:
    if isinstance(node, Num):
        return np.float64(node.value)
    if isinstance(node, Var):
        return env[node.name]
    if isinstance(node, Const):
        return np.float64(_CONSTANTS[node.name])
    if isinstance(node, Neg):
        return np.negative(_value(node.operand, env))
    if isinstance(node, BinOp):
        return _BINARY[node.op](_value(node.left, env), _value(node.right, env))
    return _FUNCTIONS[node.func](*(_value(arg, env) for arg in node.args))


def evaluate(node: Node, env: Mapping[str, Array], size: int) -> Array:
    """The formula's values (float64, shape ``(size,)``) at the points whose coordinates
    ``env`` gives, one array of ``size`` values per variable."""
    with np.errstate(all="ignore"):
        values = np.asarray(_value(node, env), dtype=np.float64)
    return np.broadcast_to(values, (size,))


def check_constants(node: Node) -> None:
    """Raise FormulaError at the first part without variables that has no finite value:
    ``9^9^9^9`` overflows, ``0/0`` and ``log(0)`` have no value."""
    with np.errstate(all="ignore"):
        _constant(node)


def _constant(node: Node) -> float | None:
    """``node``'s value if it uses no variable (else None), checked finite."""
    if isinstance(node, Var):
        return None
    if isinstance(node, Num | Const):
        return float(_value(node, {}))
    parts = [_constant(child) for child in (
        (node.operand,) if isinstance(node, Neg) else
        (node.left, node.right) if isinstance(node, BinOp) else node.args)]
    if any(part is None for part in parts):
        return None
    if isinstance(node, Neg):
        value = -float(parts[0] or 0.0)
    elif isinstance(node, BinOp):
        value = float(_BINARY[node.op](np.float64(parts[0]), np.float64(parts[1])))
    else:
        assert isinstance(node, Call)
        value = float(_FUNCTIONS[node.func](*(np.float64(p) for p in parts)))
    if not np.isfinite(value):
        shown = clip(render(node), 40, "...")
        overflow = np.isinf(value) and not (isinstance(node, BinOp) and node.op == "/") \
            and not (isinstance(node, Call) and node.func.startswith("log"))
        reason = "is too large to work with (it overflows)" if overflow else "has no value"
        raise FormulaError(f"{shown} {reason}", node.at)
    return value
