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
_DISPLAY_LINE = re.compile(r"^ {1,3}(?![-*+•·▪‣] |\d+[.)] )\S")


def lesson_markdown(text: str) -> str:
    """Lesson prose as Markdown to show: stray TeX turned into Unicode, lines that start
    with "•" made list items, and display formulas (a paragraph whose lines are all
    indented by one to three spaces) kept line by line with their alignment; Markdown
    would run both into one paragraph and collapse the spaces."""
    out: list[str] = []
    block: list[str] = []
    fenced = False

    def flush() -> None:
        if block and all(_DISPLAY_LINE.match(line) for line in block):
            out.extend(display_lines(block))
        else:
            out.extend(_BULLET_LINE.sub(r"\1- ", line) for line in block)
        block.clear()

    for line in convert_math(text).split("\n"):
        if _FENCE.match(line):
            flush()
            fenced = not fenced
            out.append(line)
        elif fenced:
            out.append(line)
        elif not line.strip():
            flush()
            out.append(line)
        else:
            block.append(line)
    flush()
    return "\n".join(out)


def display_lines(lines: list[str]) -> list[str]:
    """Formula lines as a fenced block: Markdown keeps their breaks and spacing there."""
    indent = min(len(line) - len(line.lstrip(" ")) for line in lines)
    return ["```text", *(line[indent:] for line in lines), "```"]


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
