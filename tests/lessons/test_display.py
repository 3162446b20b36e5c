"""Lesson text as the app shows it, without the app: line origins of the Markdown, labels
that do not break a leading block, reflowed messages that keep fenced code, and a
validator that stays free of Textual."""

from __future__ import annotations

import subprocess
import sys

from tutor.lessons.display import labelled_markdown, markdown_lines, reflow


def test_markdown_lines_know_the_text_line_they_come_from() -> None:
    lines = markdown_lines("Then:\n\n  x = 1\n  y = 2\n\nDone.")
    assert lines == [(0, "Then:"), (1, ""), (None, "```text"), (2, "x = 1"), (3, "y = 2"),
                     (None, "```"), (4, ""), (5, "Done.")]


def test_a_label_goes_on_its_own_line_before_a_block() -> None:
    assert labelled_markdown("Hint 1.", "Add them up.") == "**Hint 1.** Add them up."
    fenced = "```python\nx = 1\n```"
    assert labelled_markdown("Hint 2.", fenced) == f"**Hint 2.**\n\n{fenced}"
    assert labelled_markdown("3.", "- a list") == "**3.**\n\n- a list"
    assert labelled_markdown("", "text") == "text"


def test_reflow_keeps_fenced_code_lines_and_drops_the_fences() -> None:
    text = ("Your loop is off.\nWrite it as:\n```python\nfor i in range(n):\n    t += i\n"
            "```\nThen return t.")
    assert reflow(text) == ("Your loop is off. Write it as:\nfor i in range(n):\n    t += i\n"
                            "Then return t.")


def test_the_lesson_checks_import_no_textual() -> None:
    code = ("import sys, tutor.lessons.loader, tutor.lessons.rendercheck; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') "
            "or m.startswith(('tutor.app', 'tutor.grading', 'tutor.plots'))]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)
