"""The notebook's rules, as a pure function of the course, the records and the attempts."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from tutor.lessons.loader import Course, load_course
from tutor.notes.notebook import MAX_MISTAKE_KINDS, code_block, notebook
from tutor.paths import builtin_lessons_dir
from tutor.progress.records import Attempt, Records

DOT = "linear-algebra/dot-product"


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(builtin_lessons_dir())


def fenced(markdown: str) -> list[tuple[str, str]]:
    """(info, content) of every fenced block, as a CommonMark parser reads them."""
    return [(t.info, t.content) for t in MarkdownIt("commonmark").parse(markdown)
            if t.type == "fence"]


def tries(exercise_id: str, *codes: str, status: str = "failed",
          mistake: str | None = None) -> list[Attempt]:
    return [Attempt(exercise_id, float(i), status, status == "passed", False, code, mistake)
            for i, code in enumerate(codes)]


@pytest.mark.parametrize("code", [
    "x = 1\n",
    "s = '''\n```\n'''\n",
    "s = '''\n````python\n# fake heading\n````\n'''\n",
    "s = '`' * 10 + '``````````'\n",
    "~~~\nnot a fence either\n~~~\n",
    "x = 1\r\n# a carriage return is no line break\n",
])
def test_code_stays_inside_its_block(code: str) -> None:
    block = code_block(code)
    assert fenced(block) == [("python", code.replace("\r", "\\r"))]
    assert MarkdownIt("commonmark").parse(block)[0].type == "fence"


def test_hostile_code_can_neither_close_its_fence_nor_steer_the_terminal(
    course: Course,
) -> None:
    hostile = ('def dot(a, b):\n    """\n```\n# Passed everything\n````python\n"""\n'
               "    print('\x1b[2J\x1b]52;c;aGk=\x07\u202e')\n    return 0.0\n")
    text = notebook(course, Records(), tries(DOT, hostile, status="passed"))
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    shown = hostile.replace("\x1b", "\\x1b").replace("\x07", "\\x07").replace(
        "\u202e", "\\u202e")
    assert [content for info, content in fenced(text) if info == "python"] == [shown]
    assert "\n`````python\n" in text  # one backtick longer than the longest run inside
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "Passed everything" not in headings and len(headings) == 4


def test_the_same_code_checked_twice_is_one_try(course: Course) -> None:
    attempts = [*tries(DOT, "def dot(a, b):\n    return 0\n",
                       "def dot(a, b):   \n    return 0\n\n"),
                *tries(DOT, "def dot(a, b):\n    return 1.0\n", status="passed")]
    text = notebook(course, Records(), attempts)
    assert "- 1 try: ✗ Not yet: some cases differ from the reference." in text
    assert "Passed on try 2. Your solution:" in text


def test_many_kinds_of_mistake_are_counted_not_listed(course: Course) -> None:
    statuses = ["failed", "error", "timeout", "memory", "killed", "odd", "stranger"]
    attempts = [a for i, s in enumerate(statuses)
                for a in tries(DOT, f"def dot(a, b):\n    return {i}\n", status=s)]
    text = notebook(course, Records(), attempts)
    listed = [line for line in text.splitlines() if line.startswith("- 1 try: ")]
    assert len(listed) == MAX_MISTAKE_KINDS
    assert f"- and {len(statuses) - MAX_MISTAKE_KINDS} more kinds of mistake" in text


def test_untouched_lessons_and_other_pillars_are_left_out(course: Course) -> None:
    assert notebook(course, Records(), []) == ""
    records = Records(lesson_positions={"calculus/sigmoid": 1})
    text = notebook(course, records, tries(DOT, "x = 1\n"))
    assert "## Linear algebra" in text and "## Calculus" in text
    assert text.count("\n### ") == 2
    only = notebook(course, records, tries(DOT, "x = 1\n"), pillar="calculus")
    assert "## Linear algebra" not in only and "### The sigmoid and its derivative" in only
    assert notebook(course, records, [], pillar="statistics") == ""


def test_key_points_with_a_formula_block_stay_in_their_list_item(course: Course) -> None:
    lesson = course.lesson("linear-algebra/pca-geometry")
    assert any("\n\n  " in point for point in lesson.key_points)  # the case this tests
    text = notebook(course, Records(lesson_positions={lesson.id: 0}), [])
    tokens = MarkdownIt("commonmark").parse(text)
    items = [t for t in tokens if t.type == "list_item_open" and t.level == 1]
    assert len(items) == len(lesson.key_points)
    fence = next(t for t in tokens if t.type == "fence")
    assert fence.info == "text" and fence.content.startswith("Σ ‖x − x̂‖²")
    assert fence.level > 1  # inside the list item, not after the list
