"""Rendering check: lesson text that the app would show differently from how it is written.

Every text field is read the way the app shows it (:mod:`tutor.lessons.display`): prose
as Markdown, parsed with the parser Textual's Markdown widget uses; grader messages and
notes reflowed as plain text; titles and choices as single lines. Reported, each at the
line of the text where it happens, with what to write instead:

- formula or indented lines that a soft line break joins to the line above;
- a table outside a fence, whose rows would run into one paragraph;
- multi-line code outside a fence, which would lose its line breaks and indentation;
- ``_x`` and ``^x`` math that the Unicode converter leaves raw or half done;
- monospace lines wider than ``MAX_COLUMNS`` (68: what the app's narrowest layout shows).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tutor.lessons.display import markdown_lines, reflow_lines
from tutor.lessons.linekinds import (
    columns,
    looks_like_code,
    looks_like_table_row,
    meant_as_own_line,
    table_gaps,
    without_code_spans,
)
from tutor.lessons.mathtext import SUBSCRIPT, SUPERSCRIPT, convert_math
from tutor.lessons.model import Lesson
from tutor.lessons.shown import Shown, shown_texts
from tutor.lessons.yamlsource import KeyPath
from tutor.safetext import clip

MAX_COLUMNS = 68

FENCE_ADVICE = "put the lines between a line ```python (or ```text) and a line ```"
DISPLAY_ADVICE = ("leave a blank line before and after it and indent its lines by two spaces: "
                  "the app shows such a block line by line, as written")
TABLE_ADVICE = ("write it as a Markdown table (a '| a | b |' header, a '|---|---|' line, then "
                "one '| … |' line per row) or, for a fixed layout, indent every row by two "
                "spaces with a blank line before and after")

_SUB_RAW = re.compile(r"(?<=[^\s_*`\\(\[{])_(\{[^{}]*\}|\(?[^\s_*`(){}\[\],.;:]+\)?)")
_SUP_RAW = re.compile(r"\^(\{[^{}]*\}|\(?[^\s^*`(){}\[\],.;:]+\)?)")
_HALF_SUP = re.compile(r"⁽[^⁾\s]*(?:\s|$)")
_HALF_SUB = re.compile(r"₍[^₎\s]*(?:\s|$)")


@dataclass(frozen=True)
class RenderProblem:
    """One rendering problem: the 0-based line of the text it is on, and what to do."""

    line: int
    message: str


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("gfm-like")  # what Textual's Markdown widget parses with


def _quote(line: str, limit: int = 40) -> str:
    line = line.strip()
    return repr(clip(line, limit))


def render_problems(lesson: Lesson) -> list[tuple[KeyPath, int, str]]:
    """Problems in every text of ``lesson``: (key path, 0-based line in the text, message)."""
    return [(where, problem.line, problem.message)
            for where, text, shown in shown_texts(lesson)
            for problem in text_problems(text, shown)]


def text_problems(text: str, shown: Shown) -> list[RenderProblem]:
    """What the app would show differently from how ``text`` is written."""
    if shown == "markdown":
        return markdown_problems(text)
    if shown == "plain":
        return plain_problems(text)
    problems: list[RenderProblem] = []
    for index, line in enumerate(text.split("\n")):
        problems.extend(_raw_math(convert_math(line) if shown == "line" else line, index,
                                  converted=shown == "line"))
    return problems


# -- Markdown prose --------------------------------------------------------------------


def markdown_problems(text: str) -> list[RenderProblem]:
    """Problems in prose shown as Markdown (explanations, prompts, hints, questions)."""
    shown = markdown_lines(text)
    raw_lines = text.split("\n")
    lines = [line for _, line in shown]
    origins = [origin for origin, _ in shown]

    def origin(md_index: int) -> int:
        found = next((o for o in origins[md_index:] if o is not None), None)
        return found if found is not None else max(0, len(text.split("\n")) - 1)

    problems: list[RenderProblem] = []
    tokens = _parser().parse("\n".join(lines))
    content_column = [0]
    for k, token in enumerate(tokens):
        if token.type == "list_item_open" and token.map:
            first = lines[token.map[0]]
            marker = re.match(r"\s*(?:[-*+]|\d+[.)])\s+", first)
            content_column.append(marker.end() if marker else 0)
        elif token.type == "list_item_close":
            content_column.pop()
        elif token.type == "paragraph_open" and token.map:
            # rows indented four spaces or more right above are an indented code block
            # Markdown split off this paragraph (a table header, often)
            before = tokens[k - 1] if k else None
            lead = list(range(*before.map)) if before is not None and before.type == \
                "code_block" and before.map and before.map[1] == token.map[0] else []
            problems.extend(_paragraph_problems(lines, token.map[0], tokens[k + 1],
                                                content_column[-1], origin, lead))
        elif token.type in ("fence", "code_block") and token.map:
            start = token.map[0] + (1 if token.type == "fence" else 0)
            # display formulas and indented blocks have their math converted: check it
            display = token.type == "code_block" or origins[token.map[0]] is None
            block = token.content.rstrip("\n").split("\n")
            written = [raw_lines[origin(start + i)] for i in range(len(block))]
            is_code = token.type == "code_block" and any(looks_like_code(w) for w in written)
            for offset, line in enumerate(block):
                index = origin(start + offset)
                problems.extend(_wide(line, index))
                if is_code:
                    problems.extend(_converted_code(raw_lines[index], index))
                elif display:
                    problems.extend(_raw_math(line, index, converted=True))
        elif token.type == "table_open" and token.map:
            problems.extend(_wide_table(tokens, k, origin(token.map[0])))
    return sorted(problems, key=lambda p: p.line)


def _paragraph_problems(lines: list[str], start: int, inline: Token, column: int,
                        at: Callable[[int], int], lead: list[int]) -> list[RenderProblem]:
    """A paragraph's lines as Markdown joins them: one problem per kind, at its first line.
    ``at`` maps a line of the Markdown to the line of the text it comes from; ``lead`` are
    the rows of an indented code block right above, which Markdown split from it."""
    rows = [start]
    joined: set[int] = set()
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            rows.append(rows[-1] + 1)
            if child.type == "softbreak":
                joined.add(rows[-1])
    problems: list[RenderProblem] = []
    seen: set[str] = set()

    def add(kind: str, row: int, message: str) -> None:
        if kind not in seen:
            seen.add(kind)
            problems.append(RenderProblem(at(row), message))

    code_rows = [row for row in rows if looks_like_code(lines[row])]
    if len(code_rows) >= 2 and any(row in joined for row in code_rows):
        add("code", code_rows[0], "multi-line code outside a fence (from "
            f"{_quote(lines[code_rows[0]])}): Markdown joins its lines and drops the "
            f"indentation; {FENCE_ADVICE}")
    table_rows = [row for row in lead if table_gaps(lines[row])]
    table_rows += [row for row in rows if looks_like_table_row(lines[row])]
    if len(table_rows) >= 2 and any(row in joined for row in table_rows):
        add("table", table_rows[0], "a table outside a fence: Markdown runs its rows into one "
            f"paragraph; {TABLE_ADVICE}")
    first_indent = len(lines[start]) - len(lines[start].lstrip(" "))
    if first_indent > column and len(rows) > 1 and rows[1] in joined and not seen:
        add("merged", start, f"the indented line {_quote(lines[start])} is joined to the text "
            f"below it (Markdown ignores single line breaks); {DISPLAY_ADVICE}")
    for row in rows[1:]:
        if row not in joined or "code" in seen or "table" in seen:
            continue
        line = lines[row]
        indent = len(line) - len(line.lstrip(" "))
        if indent > column or meant_as_own_line(line, lines[row - 1]):
            what = "indented" if indent > column else "formula"
            add("merged", row, f"the {what} line {_quote(line)} is joined to the line above "
                f"(Markdown ignores single line breaks); {DISPLAY_ADVICE}")
    for offset, row in enumerate(rows):
        prose = without_code_spans(lines[row])
        for problem in _raw_math(prose, at(row), converted=True):
            add(f"math{offset}", row, problem.message)
    return problems


def _converted_code(line: str, index: int) -> list[RenderProblem]:
    """Code in an indented block, which the app shows with its math converted."""
    if convert_math(line) == line:
        return []
    return [RenderProblem(index, f"the code line {_quote(line)} is in an indented block, where "
                          "the app converts math (x_1 becomes x₁); "
                          f"{FENCE_ADVICE}")]


def _wide(line: str, index: int) -> list[RenderProblem]:
    width = columns(line.rstrip())
    if width <= MAX_COLUMNS:
        return []
    return [RenderProblem(index, f"monospace line of {width} columns ({_quote(line, 30)}): an "
                          f"80-column terminal shows {MAX_COLUMNS}, so it wraps and loses its "
                          f"alignment; break or shorten it to at most {MAX_COLUMNS} columns")]


def _wide_table(tokens: list[Token], k: int, index: int) -> list[RenderProblem]:
    """A Markdown table wider than the screen: each column as wide as its widest cell plus
    a space on each side, and a rule between columns."""
    widths: dict[int, int] = {}
    cell = 0
    for token in tokens[k:]:
        if token.type == "table_close":
            break
        if token.type == "tr_open":
            cell = 0
        elif token.type == "inline":
            widths[cell] = max(widths.get(cell, 0), columns(token.content))
            cell += 1
    total = sum(widths.values()) + 3 * len(widths) + 1
    if total <= MAX_COLUMNS:
        return []
    return [RenderProblem(index, f"table of about {total} columns: an 80-column terminal shows "
                          f"{MAX_COLUMNS}; shorten its cells or split it")]


# -- plain text (grader messages, notes) -----------------------------------------------


def plain_problems(text: str) -> list[RenderProblem]:
    """Problems in text the app reflows and shows as written (mistake messages, notes)."""
    problems: list[RenderProblem] = []
    plan = reflow_lines(text)
    seen: set[str] = set()
    paragraph: list[tuple[int, str, bool]] = []

    def flush() -> None:
        code = [(i, line) for i, line, _ in paragraph if looks_like_code(line)]
        if len(code) >= 2 and any(joined for _, line, joined in paragraph
                                  if looks_like_code(line)):
            problems.append(RenderProblem(code[0][0], "multi-line code outside a fence (from "
                                          f"{_quote(code[0][1])}): the lines are joined into "
                                          f"one; {FENCE_ADVICE}"))
            seen.add("code")
        paragraph.clear()

    fenced_lines = _fenced_indices(text)
    for index, line, joined in plan:
        if not line.strip():
            flush()
            continue
        previous = paragraph[-1][1] if paragraph else ""
        paragraph.append((index, line, joined))
        if index in fenced_lines or line[:1].isspace():
            problems.extend(_wide(line, index))
            continue
        if joined and looks_like_table_row(line):
            problems.append(RenderProblem(index, f"a table row joined to the line above: "
                                          f"{TABLE_ADVICE}"))
        elif joined and meant_as_own_line(line, previous) and not looks_like_code(line):
            problems.append(RenderProblem(index, f"the formula line {_quote(line)} is joined "
                                          "to the line above; leave a blank line before it, "
                                          "or indent it by two spaces to keep it on its own"))
        prose = without_code_spans(line)
        problems.extend(_raw_math(prose, index, converted=False))
    flush()
    return sorted(problems, key=lambda p: p.line)


def _fenced_indices(text: str) -> set[int]:
    inside: set[int] = set()
    fenced = False
    for index, line in enumerate(text.split("\n")):
        if re.match(r"\s*(```|~~~)", line):
            fenced = not fenced
        elif fenced:
            inside.add(index)
    return inside


# -- raw sub- and superscripts ---------------------------------------------------------


def _raw_math(line: str, index: int, *, converted: bool) -> list[RenderProblem]:
    """``_x`` and ``^x`` left in ``line`` (code spans already blanked), and ``^(…)`` that the
    converter turned half into superscript."""
    problems: list[RenderProblem] = []
    for match in _SUB_RAW.finditer(line):
        if _identifier(line, match):
            continue
        problems.append(RenderProblem(index, _script_message(line, match, "_", SUBSCRIPT,
                                                             converted)))
    for match in _SUP_RAW.finditer(line):
        problems.append(RenderProblem(index, _script_message(line, match, "^", SUPERSCRIPT,
                                                             converted)))
    for pattern in (_HALF_SUP, _HALF_SUB):
        for match in pattern.finditer(line):
            problems.append(RenderProblem(index, f"{_quote(match.group())} is a half-converted "
                                          "script (the terminal has no superscript or "
                                          "subscript for all of it): write exp(…) or a word "
                                          "instead of ^( … )"))
    return problems[:1]


def _identifier(line: str, match: re.Match[str]) -> bool:
    """``weight_decay``, ``min_lr``: a name from code, two or more ASCII letters or digits on
    each side of '_' (``log_b`` and ``x_1`` are math)."""
    left = re.search(r"[A-Za-z0-9]*$", line[:match.start()])
    right = re.match(r"[A-Za-z0-9_]*", line[match.start() + 1:])
    return bool(left and right and len(left.group()) >= 2 and len(right.group()) >= 2
                and not left.group().isdigit())


def _script_message(line: str, match: re.Match[str], mark: str, table: dict[str, str],
                    converted: bool) -> str:
    start = match.start()
    while start > 0 and not line[start - 1].isspace() and line[start - 1] not in "([{,":
        start -= 1
    written = line[start:match.end()]
    body = match.group(1).strip("{}")
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1]
    where = ("the math converter has no Unicode form for it" if converted else
             "this text is shown as written, without math conversion")
    if mark == "^" and written.startswith("e^"):
        advice = "write exp(…) instead of e^(…)" if match.group(1).startswith("(") else (
            f"write exp({body}) instead")
    elif body and len(body) <= 2 and all(ch in table for ch in body):
        better = line[start:match.start()] + "".join(table[ch] for ch in body)
        advice = f"write {better!r}"
    else:
        advice = ("write it with a word or a Unicode script the terminal has (e.g. xᵢ, wₖ, "
                  "x², exp(…)), or put a name from code in `backticks`")
    return f"raw {mark} in {written!r}: {where}; {advice}"
