"""Lesson and grader texts made ready for the terminal: Markdown whose "•" lines are
real list items, and short texts shown outside Markdown (grader messages, choices)
with reflowed paragraphs and `code spans` in the accent colour, not raw backticks."""

from __future__ import annotations

import re

from textual.content import Content

from tutor.app.mathtext import convert_math

CODE_STYLE = "$text-accent"
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_BULLET_LINE = re.compile(r"^( {0,3})[•·▪‣] ")
_FENCE = re.compile(r"^\s*(```|~~~)")


def lesson_markdown(text: str) -> str:
    """Lesson prose as Markdown to show: stray TeX turned into Unicode, and lines that
    start with "•" made list items (Markdown would run them into one paragraph)."""
    lines = convert_math(text).split("\n")
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines[i] = _BULLET_LINE.sub(r"\1- ", line)
    return "\n".join(lines)


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph so the text wraps to the width it is
    shown at. Blank lines, indented lines (code) and list items keep their own lines."""
    out: list[str] = []
    for line in text.strip("\n").splitlines():
        stripped = line.strip()
        keep = (not out or not stripped or not out[-1].strip() or line[:1].isspace()
                or stripped[:2] in ("- ", "* ", "• ") or out[-1][:1].isspace())
        if keep:
            out.append(line.rstrip())
        else:
            out[-1] = f"{out[-1].rstrip()} {stripped}"
    return "\n".join(out).strip()


def inline_code(text: str) -> Content:
    """``text`` with its `code spans` styled (backticks dropped); no other markup."""
    parts: list[str | tuple[str, str]] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(text[last:match.start()])
        parts.append((match.group(1), CODE_STYLE))
        last = match.end()
    parts.append(text[last:])
    return Content.assemble(*parts)


def plain(text: str) -> str:
    """``text`` without the backticks of its code spans (what :func:`inline_code` shows)."""
    return _CODE_SPAN.sub(r"\1", text)
