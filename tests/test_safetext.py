"""safetext: untrusted text made printable, and the one way texts are shortened."""

from __future__ import annotations

import pytest

from tutor.safetext import clip, printable


@pytest.mark.parametrize(("text", "limit", "mark", "shown"), [
    ("short", 10, "…", "short"),
    ("exactly10!", 10, "…", "exactly10!"),
    ("eleven char", 10, "…", "eleven ch…"),
    ("eleven char", 10, "...", "eleven ..."),
    ("abc", 0, "…", "…"),  # no room: the mark alone says something was cut
])
def test_clip_keeps_the_limit_and_marks_a_cut(text: str, limit: int, mark: str,
                                              shown: str) -> None:
    assert clip(text, limit, mark) == shown
    assert len(shown) <= max(limit, len(mark))


def test_printable_escapes_controls_but_keeps_lines() -> None:
    assert printable("a\x1b[31mb\nc\td\u202e") == "a\\x1b[31mb\nc\td\\u202e"
