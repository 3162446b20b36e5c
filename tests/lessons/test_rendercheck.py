"""The rendering check: each kind of text the app would show differently from how it is
written is reported by `tutor lessons validate` at its file:line, and the forms the
advice recommends pass."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.lessons.rendercheck import MAX_COLUMNS, text_problems

WriteTree = Callable[..., Path]

PLANTED = """\
id: probability/planted
title: Planted rendering problems
pillar: probability
order: 1
summary: One text per kind of rendering problem.
steps:
  - kind: text
    title: A formula under a sentence
    body: |
      Take f(w) = w² at the point w = 3.
        f'(w) = 2w = 6
      so the slope there is 6.
  - kind: text
    title: A table without a fence
    body: |
      In a town of 100:

                   positive   negative
        sick              9          1
        healthy           9         81
  - kind: text
    title: A wide line
    body: |
      The shapes:

        (32, 64)  +  (64,)     →  (32, 64)   the missing axis is stretched to 32 rows
  - kind: text
    title: Raw scripts
    body: |
      The weights are w₁ to w_d, and the scale
      is e^(z) per class.
  - kind: exercise
    id: probability/planted-code
    title: Code in a hint and in a message
    prompt: Write `total(n)`.
    function: total
    starter: |
      def total(n):
          return 0
    solution: |
      def total(n):
          return sum(range(n))
    cases:
      - args: "4"
    hints:
      - |
        Add them up:
        for i in range(n):
            t += i
    mistakes:
      - name: off-by-one
        code: |
          def total(n):
              return sum(range(n + 1))
        message: |
          Your loop goes one too far. Write it as:
          for i in range(n):
              t += i
"""


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture
def report(write_tree: WriteTree, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    root = write_tree({"probability/01-planted.yaml": PLANTED})
    assert main(["lessons", "validate", str(root), "--no-run"]) == 1
    return root / "probability" / "01-planted.yaml", capsys.readouterr().out


def _reported(report: tuple[Path, str], needle: str, key: str) -> str:
    """The one reported line at the planted ``needle``, for ``key``."""
    path, out = report
    prefix = f"{path}:{_line_of(PLANTED, needle)}:"
    found = [line for line in out.splitlines() if line.startswith(prefix) and f": {key}: " in line]
    assert len(found) == 1, out
    return found[0]


def test_a_formula_line_joined_to_the_sentence_above(report: tuple[Path, str]) -> None:
    line = _reported(report, "f'(w) = 2w = 6", "steps[0].body")
    assert "joined to the line above" in line and "blank line" in line


def test_a_table_outside_a_fence(report: tuple[Path, str]) -> None:
    line = _reported(report, "positive   negative", "steps[1].body")
    assert "a table outside a fence" in line and "|---|" in line


def test_a_monospace_line_wider_than_the_screen(report: tuple[Path, str]) -> None:
    line = _reported(report, "the missing axis is stretched to 32 rows", "steps[2].body")
    assert "monospace line of 77 columns" in line and f"at most {MAX_COLUMNS}" in line


def test_raw_subscripts_and_carets(report: tuple[Path, str]) -> None:
    assert "raw _ in 'w_d'" in _reported(report, "w₁ to w_d", "steps[3].body")
    assert "write exp(…) instead of e^(…)" in _reported(report, "is e^(z) per", "steps[3].body")


def test_multiline_code_outside_a_fence_in_a_hint_and_a_message(
        report: tuple[Path, str]) -> None:
    hint = _reported(report, "        for i in range(n):", "steps[4].hints[0]")
    assert "multi-line code outside a fence" in hint and "```python" in hint
    message = _reported(report, "          for i in range(n):", "steps[4].mistakes[0].message")
    assert "multi-line code outside a fence" in message


def test_nothing_else_is_reported(report: tuple[Path, str]) -> None:
    path, out = report
    problems = [line for line in out.splitlines() if ": warning: " not in line]
    assert len(problems) == 7, out  # the planted lesson's single hint is only a warning


@pytest.mark.parametrize("text", [
    "Take f(w) = w² at the point w = 3:\n\n  f'(w) = 2w = 6\n\nso the slope is 6.",
    "In a town of 100:\n\n| | positive | negative |\n|---|--:|--:|\n| sick | 9 | 1 |\n",
    "Add them up:\n\n```python\nfor i in range(n):\n    t += i\n```\n",
    "The weights are w₁ to wₙ, the scale is exp(z), and `weight_decay` is code.",
    "• a list item that wraps\n  onto a second line\n• x = 1 in a list",
    "The slope is 2 (since\nf(x) = x² there) and grows.",
    "Then:\n\n    r = X @ w + b - y\n    grad_w = 2 / n * X.T @ r\n",
])
def test_the_recommended_forms_pass(text: str) -> None:
    assert text_problems(text, "markdown") == []


def test_code_in_an_indented_block_that_math_conversion_would_change() -> None:
    [first, second] = text_problems("Code:\n\n    x_1 = np.zeros(3)\n    y = x_1 + 1\n",
                                    "markdown")
    assert (first.line, second.line) == (2, 3) and "x_1 becomes x₁" in first.message


def test_plain_text_keeps_fenced_code_and_flags_raw_scripts() -> None:
    fenced = "Write it as:\n```python\nfor i in range(n):\n    t += i\n```\nThen return t."
    assert text_problems(fenced, "plain") == []
    [problem] = text_problems("The base is log_b here.", "plain")
    assert problem.line == 0 and "shown as written" in problem.message


def test_lines_of_a_literal_block_are_located_exactly(write_tree: WriteTree,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A problem on the 40th line of a body is reported on that line of the file."""
    body = "".join(f"      Line {i} of plain prose.\n" for i in range(39))
    text = PLANTED.replace("      Take f(w) = w² at the point w = 3.\n",
                           body + "      Take f(w) = w² at the point w = 3.\n")
    root = write_tree({"probability/01-planted.yaml": text})
    main(["lessons", "validate", str(root), "--no-run"])
    out = capsys.readouterr().out
    assert f"01-planted.yaml:{_line_of(text, chr(39) + '(w) = 2w')}:9: steps[0].body:" in out
