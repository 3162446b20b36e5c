"""Typed mathematics into tokens: numbers, names, operators, brackets, superscripts.

Only what a formula needs is recognised; any other character is an error that says
where it is. Names are looked up, never guessed: a run of letters that is neither a
declared variable nor a known function or constant is an error that suggests how it
splits (``zy``: did you mean ``z*y``?)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from tutor.lessons.formula.errors import FormulaError
from tutor.lessons.formula.nodes import CONSTANTS, FUNCTION_ALIASES, FUNCTIONS, MODULE_PREFIXES

MAX_NUMBER_CHARS = 30
MAX_LITERAL = 1e15

_NUMBER = re.compile(r"(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_SUBSCRIPT_LOG = re.compile(r"(?:_\{?(2|10)\}?|(₂|₁₀))")
_SUPERSCRIPT = re.compile(r"⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SUPER_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_OPERATORS = {"+": "+", "-": "-", "−": "-", "–": "-", "*": "*", "·": "*", "⋅": "*",
              "×": "*", "∗": "*", "/": "/", "÷": "/", "^": "^"}
_PUNCTUATION = {"(": "(", ")": ")", ",": ",", "|": "|"}
_GREEK = re.compile(r"[α-ωΑ-Ω]")
# A Greek variable may also be typed by its name: eta for η, lambda for λ.
GREEK_NAMES = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε",
               "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "nu": "ν", "rho": "ρ",
               "tau": "τ", "phi": "φ", "omega": "ω"}


@dataclass(frozen=True)
class Token:
    kind: str  # num, var, const, func, op, (, ), ",", |, sup, end
    text: str
    at: int
    value: float = 0.0


def _known_names(variables: Collection[str]) -> dict[str, str]:
    """Every name that may be typed, mapped to its token kind."""
    known = {name: "func" for name in FUNCTIONS}
    known.update({name: "func" for name in FUNCTION_ALIASES})
    known.update({name: "const" for name in CONSTANTS})
    known.update({name: "greek" for name, letter in GREEK_NAMES.items() if letter in variables})
    known.update({name: "var" for name in variables})
    return known


def split_suggestion(run: str, variables: Collection[str]) -> str | None:
    """How ``run`` splits into known names and numbers, written out (``z*y``,
    ``sigmoid(z)``), or None when it does not split."""
    known = _known_names(variables)
    best: list[list[str] | None] = [None] * (len(run) + 1)
    best[0] = []
    for end in range(1, len(run) + 1):
        for start in range(end):
            piece, before = run[start:end], best[start]
            if before is None or not (piece in known or piece.isdigit()):
                continue
            if best[end] is None or len(before) + 1 < len(best[end] or []):
                best[end] = [*before, piece]
    pieces = best[len(run)]
    if not pieces or len(pieces) < 2:
        return None
    text = pieces[-1]
    for piece in reversed(pieces[:-1]):
        text = f"{piece}({text})" if known.get(piece) == "func" else f"{piece}*{text}"
    return text


def _name_token(name: str, at: int, known: dict[str, str]) -> Token:
    kind = known[name]
    if kind == "func":
        return Token("func", FUNCTION_ALIASES.get(name, name), at)
    if kind == "const":
        return Token("const", CONSTANTS[name], at)
    if kind == "greek":
        return Token("var", GREEK_NAMES[name], at)
    return Token("var", name, at)


def _unknown_name(run: str, at: int, variables: Collection[str]) -> FormulaError:
    split = split_suggestion(run, variables)
    if split:
        return FormulaError(f"`{run}` is not a name I know: did you mean {split}?", at)
    names = ", ".join(sorted(variables)) or "none"
    return FormulaError(f"`{run}` is not a name I know. The variables are: {names}; the "
                        "functions: exp, log (or ln), log2, log10, sqrt, abs, sigmoid (or σ), "
                        "tanh, relu, softplus, sin, cos, max, min; the constants: pi, e", at)


def tokenize(text: str, variables: Collection[str]) -> list[Token]:
    """The tokens of ``text``, ending with an ``end`` token. Raises FormulaError."""
    known = _known_names(variables)
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if text.startswith("**", i):
            tokens.append(Token("op", "^", i))
            i += 2
            continue
        if char in _OPERATORS:
            tokens.append(Token("op", _OPERATORS[char], i))
            i += 1
            continue
        if char in _PUNCTUATION:
            tokens.append(Token(_PUNCTUATION[char], char, i))
            i += 1
            continue
        number = _NUMBER.match(text, i)
        if number and (char.isdigit() or char == "."):
            tokens.append(_number_token(number.group(0), i))
            i = number.end()
            continue
        sup = _SUPERSCRIPT.match(text, i)
        if sup:
            tokens.append(Token("sup", sup.group(0), i,
                                float(sup.group(0).translate(_SUPER_DIGITS))))
            i = sup.end()
            continue
        run = _RUN.match(text, i)
        if run:
            token, i = _run_token(text, run, known, variables)
            tokens.append(token)
            continue
        if char in known:  # √, σ, π and declared Greek variables
            tokens.append(_name_token(char, i, known))
            i += 1
            continue
        if _GREEK.match(char):
            raise _unknown_name(char, i, variables)
        raise FormulaError(_bad_character(char), i)
    tokens.append(Token("end", "", len(text)))
    return tokens


def _number_token(text: str, at: int) -> Token:
    if len(text) > MAX_NUMBER_CHARS:
        raise FormulaError(f"the number at character {at + 1} is too long", at)
    value = float(text)
    if value > MAX_LITERAL:
        raise FormulaError(f"{text} is too large a number for a formula here", at)
    return Token("num", text, at, value)


def _run_token(text: str, run: re.Match[str], known: dict[str, str],
               variables: Collection[str]) -> tuple[Token, int]:
    """The token a run of letters (and digits) stands for, and where the next one starts."""
    name, at, end = run.group(0), run.start(), run.end()
    if name in MODULE_PREFIXES and text.startswith(".", end):
        inner = _RUN.match(text, end + 1)
        if inner is None or known.get(inner.group(0)) not in ("func", "const") \
                or inner.group(0) in FUNCTION_ALIASES:
            raise FormulaError(f"after `{name}.` write a function such as exp or log", end + 1)
        name, end = inner.group(0), inner.end()
    if name == "log":
        base = _SUBSCRIPT_LOG.match(text, end)
        if base:
            return Token("func", "log" + (base.group(1) or
                                          {"₂": "2", "₁₀": "10"}[base.group(2)]), at), base.end()
    if name in known:
        return _name_token(name, at, known), end
    raise _unknown_name(name, at, variables)


def _bad_character(char: str) -> str:
    if char in "'\"":
        return "quotes are not part of a formula"
    if char in "[]{}":
        return f"`{char}`: use round brackets ( ) to group"
    if char == ".":
        return "`.` here is not part of a number (write 0.5 or .5)"
    if char == "_":
        return "`_` is not part of a name here (names are letters and digits, like z or log2)"
    if char.isprintable():
        return f"`{char}` is not part of a formula"
    return f"the character U+{ord(char):04X} is not part of a formula"
