"""What a line of lesson text looks like: Python, a formula, a table row, and how many
terminal columns it takes. Heuristics read by the rendering check
(:mod:`tutor.lessons.rendercheck`); they judge a line, never a whole text.
"""

from __future__ import annotations

import re
import unicodedata

_CODE_LINE = re.compile(
    r"(?:def |class |for .*:$|while .*:$|if .*:$|elif .*:$|else:$|with .*:$|try:$|except\b"
    r"|return\b|import |from \S+ import |raise |yield |print\()")
_ASSIGNMENT = re.compile(r"[A-Za-z_][\w.]*(?:\[[^\]]*\])?(?:\s*,\s*[A-Za-z_][\w.]*)*"
                         r"\s*(?:[-+*/@]|\*\*)?=\s*[^=\s]")
_PROSE_WORD = re.compile(r"\b(?:the|a|an|of|to|is|are|was|with|then|at|it|its|this|that|by|as|so|"
                         r"which|where|we|you|your|be|than|each|every|here|gives|means)\b")
_MATH = re.compile(r"[=≈≠≤≥←→∝∑∏∂∇√‖·×]")
_WORD = re.compile(r"[A-Za-z]{3,}")
_MATH_WORDS = frozenset({
    "log", "exp", "mean", "sum", "max", "min", "argmax", "argmin", "softmax", "relu", "sigmoid",
    "sqrt", "tanh", "var", "std", "cov", "det", "diag", "norm", "abs", "sign", "clip", "where"})
_TABLE_GAPS = re.compile(r"\S {2,}(?=\S)")
_ALIGNED = re.compile(r"\S {3,}\S")
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def without_code_spans(line: str) -> str:
    """``line`` with every `code span` blanked out (spaces, so columns stay where they
    are): the prose around the code."""
    return _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)


def table_gaps(line: str) -> int:
    """How many runs of two or more spaces separate words of ``line`` (aligned columns)."""
    return len(_TABLE_GAPS.findall(line.strip()))


def columns(text: str) -> int:
    """Terminal columns ``text`` takes: wide characters count two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _words(line: str) -> int:
    return sum(word.lower() not in _MATH_WORDS for word in _WORD.findall(_CODE_SPAN.sub("", line)))


def looks_like_code(line: str) -> bool:
    """A line of Python rather than prose or a formula."""
    stripped = line.strip()
    if _CODE_LINE.match(stripped):
        return True
    if not _ASSIGNMENT.match(stripped) or not stripped.isascii() or stripped.endswith("."):
        return False
    return not _PROSE_WORD.search(_CODE_SPAN.sub("", stripped))


def looks_like_formula(line: str) -> bool:
    """A line of math (an equation, an update rule) rather than running text."""
    stripped = _CODE_SPAN.sub("", line.strip())
    return bool(_MATH.search(stripped)) and _words(stripped) <= 2


def meant_as_own_line(line: str, above: str) -> bool:
    """A formula line written to stand on its own: laid out in columns, or a bare formula
    right after a line ending in ':'. (A formula inside a wrapped sentence is not.)"""
    if not looks_like_formula(line):
        return False
    return bool(_ALIGNED.search(line.strip())) or (
        above.rstrip().endswith(":") and _words(line) == 0)


def looks_like_table_row(line: str) -> bool:
    """A row of a table: cells between pipes, or three or more space-aligned columns."""
    stripped = line.strip()
    if stripped.startswith("|") or stripped.count(" | ") >= 2:
        return True
    return table_gaps(stripped) >= 2
