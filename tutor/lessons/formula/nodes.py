"""The tree a typed formula is read into: a handful of whitelisted node kinds, nothing
else. Every node keeps where it starts in the typed text, for error messages."""

from __future__ import annotations

from dataclasses import dataclass

# Functions a learner may call, with how many arguments (None: two or more).
FUNCTIONS: dict[str, int | None] = {
    "exp": 1, "log": 1, "log2": 1, "log10": 1, "sqrt": 1, "abs": 1, "sigmoid": 1,
    "tanh": 1, "relu": 1, "softplus": 1, "sin": 1, "cos": 1, "max": None, "min": None,
}
# Other spellings of the same functions ("ln" is the natural log, like "log").
FUNCTION_ALIASES: dict[str, str] = {"ln": "log", "σ": "sigmoid", "√": "sqrt"}
CONSTANTS: dict[str, str] = {"pi": "pi", "π": "pi", "e": "e"}
MODULE_PREFIXES = ("np", "numpy", "math")


@dataclass(frozen=True)
class Num:
    value: float
    at: int


@dataclass(frozen=True)
class Var:
    name: str
    at: int


@dataclass(frozen=True)
class Const:
    name: str  # "pi" or "e"
    at: int


@dataclass(frozen=True)
class Neg:
    operand: Node
    at: int


@dataclass(frozen=True)
class BinOp:
    op: str  # one of + - * / ^
    left: Node
    right: Node
    at: int


@dataclass(frozen=True)
class Call:
    func: str  # a key of FUNCTIONS
    args: tuple[Node, ...]
    at: int


Node = Num | Var | Const | Neg | BinOp | Call


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Neg):
        return (node.operand,)
    if isinstance(node, BinOp):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    return ()


def walk(node: Node) -> list[Node]:
    """Every node of the tree, parents before children (iteratively: no recursion limit)."""
    found: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(reversed(children(current)))
    return found


def variables(node: Node) -> set[str]:
    """The names of the variables the formula uses."""
    return {n.name for n in walk(node) if isinstance(n, Var)}


def depth(node: Node) -> int:
    """How many levels the tree has (iteratively)."""
    deepest = 0
    stack = [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children(current))
    return deepest
