"""Hints that climb: `tutor lessons validate` warns (file:line, exit 0) when an exercise has
fewer than three hints or gives a key line of the reference before the last hint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.lessons.hintcheck import MIN_HINTS, hint_warnings, key_lines
from tutor.lessons.loader import load_course

WriteTree = Callable[..., Path]
FILE = "probability/01-bayes.yaml"
GOOD_HINTS = ("    hints: [Think of base rates., Count the positives., "
              "Divide true positives by all positives.]")


def _with_hints(lesson: str, *hints: str) -> str:
    assert GOOD_HINTS in lesson
    listed = "".join(f"\n      - {hint}" for hint in hints)
    return lesson.replace(GOOD_HINTS, f"    hints:{listed}")


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code = main(["lessons", "validate", str(root), "--no-run"])
    out, err = capsys.readouterr()
    return code, [line.replace(f"{root}/", "") for line in out.splitlines()], err.strip()


def test_key_lines_are_the_lines_that_do_the_work() -> None:
    solution = (
        "import numpy as np\n"
        "def f(x, w):\n"
        '    """Docstring."""\n'
        "    x = np.asarray(x, dtype=float)\n"
        "    total = 0.0\n"
        "    for i in range(len(x)):\n"
        "        total += x[i] * w[i]\n"
        "    if total < 0:\n"
        "        raise ValueError('negative')\n"
        "    out = np.tanh(total)\n"
        "    return out\n"
        "def g(x):\n"
        "    return np.exp( -x )  *  2\n"
    )
    assert key_lines(solution) == ["total += x[i] * w[i]", "out = np.tanh(total)",
                                   "np.exp( -x ) * 2"]


def test_the_good_lesson_has_no_warnings(
    write_tree: WriteTree, GOOD_LESSON: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, err = _validate(write_tree({FILE: GOOD_LESSON}), capsys)
    assert (code, lines) == (0, [])
    assert err.endswith(": no problems")


def test_too_few_hints_is_a_located_warning(
    write_tree: WriteTree, GOOD_LESSON: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lesson = _with_hints(GOOD_LESSON, "Think of base rates.", "Divide by all positives.")
    code, lines, err = _validate(write_tree({FILE: lesson}), capsys)
    assert code == 0  # a warning: reported, not failing
    assert lines == [f"{FILE}:24:7: steps[1].hints: warning: only 2 hints: give at least "
                     f"{MIN_HINTS} that climb: a nudge (which idea), a plan (shapes, the steps "
                     "in order), then nearly the answer"]
    assert err.endswith(": no problems, 1 warning")


def test_no_hints_at_all_points_at_the_exercise(
    write_tree: WriteTree, GOOD_LESSON: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lesson = GOOD_LESSON.replace(GOOD_HINTS + "\n", "")
    _, lines, _ = _validate(write_tree({FILE: lesson}), capsys)
    assert lines == [f"{FILE}:10:9: steps[1].id: warning: no hints: give at least "
                     f"{MIN_HINTS} that climb: a nudge (which idea), a plan (shapes, the steps "
                     "in order), then nearly the answer"]


def test_a_key_line_before_the_last_hint_is_a_located_warning(
    write_tree: WriteTree, GOOD_LESSON: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # spaced differently from the reference's `hit = prior * sensitivity`: still the line
    lesson = _with_hints(GOOD_LESSON, "Think of base rates.",
                         "Start with `hit=prior *  sensitivity`.",
                         "Divide hit by all positives.")
    code, lines, err = _validate(write_tree({FILE: lesson}), capsys)
    assert code == 0
    assert lines == [f"{FILE}:25:9: steps[1].hints[1]: warning: hint 2 of 3 already holds the "
                     "reference line `hit = prior * sensitivity`: keep the key line for the "
                     "last hint"]
    assert err.endswith(": no problems, 1 warning")


def test_the_key_line_in_the_last_hint_is_fine(
    write_tree: WriteTree, GOOD_LESSON: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lesson = _with_hints(GOOD_LESSON, "Think of base rates.", "True over all positives.",
                         "Write `return hit / (hit + (1 - prior) * false_positive_rate)`.")
    assert _validate(write_tree({FILE: lesson}), capsys)[:2] == (0, [])


def test_warnings_and_problems_are_counted_apart(
    write_tree: WriteTree, GOOD_LESSON: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lesson = _with_hints(GOOD_LESSON, "Divide.").replace(
        "body: A positive test raises the probability.", "body: It is 0.1667.")
    code, lines, err = _validate(write_tree({FILE: lesson}), capsys)
    assert code == 1 and len(lines) == 2
    assert err.endswith(": 1 problem, 1 warning")


def test_the_shipped_course_has_hints_that_climb() -> None:
    course = load_course()
    assert course.errors == []
    found = [(lesson.id, where, message) for lesson in course.lessons
             for where, message in hint_warnings(lesson)]
    assert found == []
    assert all(len(ex.hints) >= MIN_HINTS for ex in course.exercises())


def test_the_lesson_skeleton_shows_hints_that_climb(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "course"
    assert main(["lessons", "new", "calculus", "chain-rule", "--dir", str(root)]) == 0
    capsys.readouterr()
    code, lines, err = _validate(root, capsys)
    assert (code, lines) == (0, [])
    assert err.endswith(": no problems")
