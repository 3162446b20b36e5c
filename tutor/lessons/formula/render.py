"""A formula tree written back in Unicode mathematics, as the learner's text was read:
``σ(z)·(1 − σ(z))``, ``exp(−z)/(1 + exp(−z))²``, ``−log₂(p)``.

Brackets appear where the reading needs them, and where a person could group the
text another way: ``1/2z`` reads back as ``(1/2)·z``, so a learner who meant 1/(2z) sees
at once that it was not read so."""

from __future__ import annotations

from tutor.lessons.formula.nodes import BinOp, Call, Const, Neg, Node, Num, Var

_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_NAMES = {"sigmoid": "σ", "log": "ln", "log2": "log₂", "log10": "log₁₀"}
_CONSTANTS = {"pi": "π", "e": "e"}
# How tightly each kind of node binds: a child binding less tightly gets brackets.
_SUM, _PRODUCT, _NEG, _POWER, _ATOM = 1, 2, 3, 4, 5


def number_text(value: float) -> str:
    """A number as a person writes it: 2, 0.5, 1e-06."""
    text = f"{value:.12g}"
    return text[:-2] if text.endswith(".0") else text


def _binding(node: Node) -> int:
    if isinstance(node, BinOp):
        return {"+": _SUM, "-": _SUM, "*": _PRODUCT, "/": _PRODUCT, "^": _POWER}[node.op]
    if isinstance(node, Neg):
        return _NEG
    return _ATOM


def _wrap(node: Node, tighter_than: int) -> str:
    """``node`` rendered, in brackets unless it binds at least ``tighter_than``."""
    text = render(node)
    return f"({text})" if _binding(node) < tighter_than else text


def _right(node: Node, tighter_than: int) -> str:
    """A right-hand operand: a leading minus there always gets brackets (a − (−b))."""
    return f"({render(node)})" if isinstance(node, Neg) else _wrap(node, tighter_than)


def _small_integer(node: Node) -> int | None:
    if isinstance(node, Num) and node.value.is_integer() and node.value < 1000:
        return int(node.value)
    if isinstance(node, Neg):
        inner = _small_integer(node.operand)
        return None if inner is None else -inner
    return None


def render(node: Node) -> str:
    """``node`` in Unicode mathematics."""
    if isinstance(node, Num):
        return number_text(node.value)
    if isinstance(node, Var):
        return node.name
    if isinstance(node, Const):
        return _CONSTANTS[node.name]
    if isinstance(node, Neg):
        return "−" + _right(node.operand, _PRODUCT)
    if isinstance(node, Call):
        if node.func == "abs":
            return f"|{render(node.args[0])}|"
        if node.func == "sqrt" and isinstance(node.args[0], Num | Var | Const):
            return "√" + render(node.args[0])
        name = "√" if node.func == "sqrt" else _NAMES.get(node.func, node.func)
        return f"{name}({', '.join(render(arg) for arg in node.args)})"
    return _render_binop(node)


def _render_binop(node: BinOp) -> str:
    if node.op == "^":
        base = _wrap(node.left, _ATOM)
        exponent = _small_integer(node.right)
        if exponent is not None:
            return base + str(exponent).translate(_SUPERSCRIPTS)
        return f"{base}^{_wrap(node.right, _ATOM)}"
    if node.op in "+-":
        left = render(node.left)
        right = _right(node.right, _SUM + (node.op == "-"))
        return f"{left} {'+' if node.op == '+' else '−'} {right}"
    left = _wrap(node.left, _PRODUCT)
    if node.op == "*" and isinstance(node.left, BinOp) and node.left.op == "/":
        left = f"({left})"
    if node.op == "/":
        return f"{left}/{_right(node.right, _NEG + 1)}"
    right = _right(node.right, _PRODUCT)
    if isinstance(node.left, Num) and right[:1].isalpha() or (
            isinstance(node.left, Num) and right[:1] in "(√|σπ"):
        return left + right
    return f"{left}·{right}"
