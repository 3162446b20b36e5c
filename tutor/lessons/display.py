"""Lesson text as the app shows it, without the app: the Markdown handed to Textual's
Markdown widget (math turned into Unicode, "•" lines made list items, display formulas
fenced) and the reflowed plain text of grader messages.

The rendering check (:mod:`tutor.lessons.rendercheck`) reads the same output, so what it
reports is what a learner would see.
"""

from __future__ import annotations

import re

from tutor.lessons.mathtext import convert_math

_BULLET_LINE = re.compile(r"^( {0,3})[•·▪‣] ")
_FENCE = re.compile(r"^\s*(```|~~~)")
_DISPLAY_LINE = re.compile(r"^ {1,3}(?![-*+•·▪‣] |\d+[.)] )\S")

# One line of the Markdown the app shows, and the index of the lesson-text line it comes
# from (None for the fence lines added around display formulas).
MarkdownLine = tuple[int | None, str]


def markdown_lines(text: str) -> list[MarkdownLine]:
    """:func:`lesson_markdown`, line by line, each line with the text line it comes from."""
    out: list[MarkdownLine] = []
    block: list[MarkdownLine] = []
    fenced = False

    def flush() -> None:
        if block and all(_DISPLAY_LINE.match(line) for _, line in block):
            indent = min(len(line) - len(line.lstrip(" ")) for _, line in block)
            out.append((None, "```text"))
            out.extend((origin, line[indent:]) for origin, line in block)
            out.append((None, "```"))
        else:
            out.extend((origin, _BULLET_LINE.sub(r"\1- ", line)) for origin, line in block)
        block.clear()

    for index, line in enumerate(convert_math(text).split("\n")):
        if _FENCE.match(line):
            flush()
            fenced = not fenced
            out.append((index, line))
        elif fenced:
            out.append((index, line))
        elif not line.strip():
            flush()
            out.append((index, line))
        else:
            block.append((index, line))
    flush()
    return out


def lesson_markdown(text: str) -> str:
    """Lesson prose as Markdown to show: stray TeX turned into Unicode, lines that start
    with "•" made list items, and display formulas (a paragraph whose lines are all
    indented by one to three spaces) kept line by line with their alignment in a fenced
    block; Markdown would run both into one paragraph and collapse the spaces."""
    return "\n".join(line for _, line in markdown_lines(text))


def labelled_markdown(label: str, markdown: str) -> str:
    """``markdown`` led by a bold ``label`` ("Hint 2.", "3."): on its first line when that
    line is running text, else on a line of its own, so a leading fence, formula block or
    list is not broken by the label."""
    if not label:
        return markdown
    first = markdown.split("\n", 1)[0]
    if first.strip() and not first[:1].isspace() and not _FENCE.match(first) and \
            not re.match(r"([-*+|]|\d+[.)])( |$)", first):
        return f"**{label}** {markdown}"
    return f"**{label}**\n\n{markdown}"


def reflow_lines(text: str) -> list[tuple[int, str, bool]]:
    """How :func:`reflow` treats each line of ``text``: (its index, the line, whether it is
    joined onto the line shown before it). Fence lines are left out."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line), len(lines))
    plan: list[tuple[int, str, bool]] = []
    fenced = after_fence = False
    previous = ""
    for index in range(start, len(lines)):
        line = lines[index]
        stripped = line.strip()
        if _FENCE.match(line):
            fenced, after_fence = not fenced, True
            continue
        keep = (fenced or after_fence or not plan or not stripped or not previous.strip()
                or line[:1].isspace() or stripped[:2] in ("- ", "* ", "• ")
                or previous[:1].isspace())
        after_fence = False
        plan.append((index, line, not keep))
        if keep:
            previous = line
    return plan


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph so the text wraps to the width it is
    shown at. Blank lines, indented lines (code), list items and fenced blocks keep their
    own lines; the fence lines themselves are dropped."""
    out: list[str] = []
    for _, line, joined in reflow_lines(text):
        if joined:
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line.rstrip())
    return "\n".join(out).strip()
