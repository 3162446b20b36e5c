"""`tutor lessons validate` on broken question families: each problem is one located
error (file and line of what is wrong), never a traceback; hostile params code (an
endless loop, a huge result, values that are not data) gets a clear error."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tutor.authoring.validate import validate_course
from tutor.lessons.families import Drawn, FamilyError
from tutor.lessons.loader import LessonError, load_course
from tutor.lessons.model import NumericQuestion

HEAD = """\
id: statistics/drawn
title: Drawn
pillar: statistics
order: 1
summary: Families.
steps:
"""


def family(qid: str, params: str, rest: str, qtype: str = "numeric") -> str:
    """One question step (YAML) with ``params`` code and the other keys in ``rest``."""
    return (f"  - kind: question\n    question:\n      type: {qtype}\n      id: {qid}\n"
            "      params: |\n" + textwrap.indent(textwrap.dedent(params), " " * 8)
            + textwrap.indent(textwrap.dedent(rest), " " * 6))


def validate(tmp_path: Path, *steps: str, run: bool = True) -> list[LessonError]:
    root = tmp_path / "lessons"
    (root / "statistics").mkdir(parents=True, exist_ok=True)
    path = root / "statistics" / "01-drawn.yaml"
    path.write_text(HEAD + "".join(steps))
    errors: list[LessonError] = []
    validate_course(load_course(root), errors.append, run_code=run)
    return errors


def line_of(tmp_path: Path, needle: str, nth: int = 0) -> int:
    text = (tmp_path / "lessons" / "statistics" / "01-drawn.yaml").read_text()
    return [i + 1 for i, line in enumerate(text.splitlines()) if needle in line][nth]


GOOD = family("good", """\
    def draw(rng):
        return {"a": int(rng.integers(1, 100))}
""", """\
    prompt: What is twice {a}?
    compute: "2 * a"
    explanation: 2 · {a} = {answer}.
""")


def test_a_good_family_passes(tmp_path: Path) -> None:
    assert validate(tmp_path, GOOD) == []


def test_an_unknown_placeholder_is_located_at_its_line(tmp_path: Path) -> None:
    step = family("typo", """\
        def draw(rng):
            return {"a": int(rng.integers(1, 100))}
    """, """\
        prompt: |
          Twice a number: a is drawn.
          What is twice {aa}?
        compute: "2 * a"
    """)
    [error] = validate(tmp_path, step)
    assert "unknown placeholder {aa}: draw(rng) returns a" in error.message
    assert error.line == line_of(tmp_path, "What is twice {aa}?")
    assert str(error).startswith(f"{tmp_path / 'lessons' / 'statistics' / '01-drawn.yaml'}:"
                                 f"{error.line}:")


@pytest.mark.parametrize(("text", "why"), [
    ("What is {a.real}?", "is not a placeholder"),
    ("What is {a!r}?", "is not a placeholder"),
    ("What is {a:>9999}?", "has a format I do not use"),
    ("A set {1, 2} and {a}?", "is not a placeholder"),
    ("Half a brace } and {a}?", "Single '}'"),
])
def test_a_malformed_placeholder_is_an_error_without_running_anything(
        tmp_path: Path, text: str, why: str) -> None:
    step = family("bad", "def draw(rng):\n    return {'a': 1}\n",
                  f"prompt: \"{text}\"\ncompute: \"a\"\n")
    [error] = validate(tmp_path, step, run=False)
    assert why in error.message and error.line == line_of(tmp_path, "prompt:")


def test_an_answer_that_is_not_finite_is_an_error(tmp_path: Path) -> None:
    step = family("infinite", """\
        def draw(rng):
            return {"a": int(rng.integers(0, 3))}
    """, """\
        prompt: What is 1 / {a}?
        compute: "np.float64(1) / a"
    """)
    [error] = validate(tmp_path, step)
    assert "compute gives inf" in error.message and "finite" in error.message
    assert error.line == line_of(tmp_path, "compute:")


def test_a_tempting_choice_that_can_equal_the_right_one_is_an_error(tmp_path: Path) -> None:
    step = family("tie", """\
        def draw(rng):
            return {"a": int(rng.integers(0, 3)), "b": int(rng.integers(0, 3))}
    """, """\
        prompt: Which is the larger of {a} and {b}?
        choices: ["{a}", "{b}", "neither"]
        compute: "0 if a >= b else 1"
        mistakes:
          - answer: 2
            message: One of them is larger.
    """, qtype="choice")
    [error] = validate(tmp_path, step)
    assert "choices 0 and 1 both read" in error.message
    assert "a wrong one from the right one" in error.message


def test_a_choice_mistake_that_is_the_drawn_answer_is_an_error(tmp_path: Path) -> None:
    step = family("mistake-right", """\
        def draw(rng):
            return {"a": int(rng.integers(0, 100))}
    """, """\
        prompt: Is {a} even?
        choices: ["yes", "no"]
        compute: "a % 2"
        mistakes:
          - answer: 1
            message: Look at the last digit.
    """, qtype="choice")
    [error] = validate(tmp_path, step)
    assert "must be the index of a wrong choice" in error.message
    assert error.message.startswith("with a = ")


def test_a_numeric_mistake_within_the_tolerance_is_an_error(tmp_path: Path) -> None:
    step = family("close", """\
        def draw(rng):
            return {"a": float(rng.choice([0.0, 1.0]))}
    """, """\
        prompt: What is {a} squared?
        compute: "a ** 2"
        mistakes:
          - compute: "2 * a"
            message: That doubles it.
    """)
    [error] = validate(tmp_path, step)
    assert "with a = 0" in error.message and "within the tolerance" in error.message


def test_draw_failing_is_located_at_the_line_of_params_that_raised(tmp_path: Path) -> None:
    step = family("raises", """\
        def draw(rng):
            a = int(rng.integers(1, 5))
            return {"a": a / 0}
    """, """\
        prompt: "{a}"
        compute: "a"
    """)
    [error] = validate(tmp_path, step)
    assert "draw(rng) fails" in error.message and "ZeroDivisionError" in error.message
    assert error.line == line_of(tmp_path, 'return {"a": a / 0}')


@pytest.mark.parametrize(("body", "why"), [
    ("return [1, 2]", "draw(rng) must return a dict of values, not a list"),
    ("return {'a': lambda: 1}", "the value of 'a' is a function"),
    ("return {'a': object()}", "the value of 'a' is a object"),
    ("return {'a': float('nan')}", "every number must be finite"),
    ("return {'a': 'x' * 500}", "printable text of at most 200"),
    ("return {'a': list(range(10**6))}", "the value of 'a'"),
    ("return {'np': 1}", "keys must be names"),
    ("return {'answer': 1}", "keys must be names"),
])
def test_values_that_are_not_plain_data_are_refused(tmp_path: Path, body: str,
                                                    why: str) -> None:
    step = family("data", f"def draw(rng):\n    {body}\n", "prompt: \"{a}\"\ncompute: \"1\"\n")
    errors = validate(tmp_path, step)
    assert [why in e.message for e in errors] == [True], [e.message for e in errors]


def test_a_draw_that_ignores_rng_is_reported(tmp_path: Path) -> None:
    step = family("fixed", "def draw(rng):\n    return {'a': 3}\n",
                  "prompt: \"{a}\"\ncompute: \"a\"\n")
    [error] = validate(tmp_path, step)
    assert "gave the same values for all 8 seeds" in error.message
    assert error.line == line_of(tmp_path, "params:")


def test_a_filled_text_too_wide_for_the_terminal_is_reported(tmp_path: Path) -> None:
    step = family("wide", """\
        def draw(rng):
            return {"s": "x" * int(rng.integers(70, 80))}
    """, """\
        prompt: |
          The string is:

          ```text
          {s}
          ```

          How long is it?
        compute: "len(s)"
    """)
    errors = validate(tmp_path, step)
    assert len(errors) == 1, [e.message for e in errors]
    [error] = errors
    assert error.message.startswith("drawn with s = 'xxx")
    assert "68" in error.message
    assert error.line == line_of(tmp_path, "  {s}")


@pytest.mark.parametrize(("params", "rest", "why"), [
    ("def draw(rng):\n    return {'a': 1}\n", "prompt: x\nanswer: 1\ncompute: \"a\"\n",
     "a question family computes its answer: remove answer"),
    ("def draw(rng):\n    return {'a': 1}\n", "prompt: x\n", "needs compute"),
    ("def pick(rng):\n    return {'a': 1}\n", "prompt: x\ncompute: \"a\"\n",
     "must define draw(rng)"),
    ("def draw():\n    return {'a': 1}\n", "prompt: x\ncompute: \"a\"\n",
     "draw must take exactly one argument"),
    ("A = 1\ndef draw(rng):\n    return {'a': A}\n", "prompt: x\ncompute: \"a\"\n",
     "only function definitions and imports (line 1)"),
    ("def draw(rng) return 1\n", "prompt: x\ncompute: \"a\"\n", "params is not valid Python"),
    ("def draw(rng):\n    return {'a': 1}\n",
     "prompt: x\ncompute: \"a\"\nmistakes:\n  - {answer: 1, compute: \"a\", message: m}\n",
     "a mistake needs either answer or (in a question family) compute, not both"),
    ("def draw(rng):\n    return {'a': 1}\n", "prompt: x\nchoices: [a, b]\n",
     "a choice family needs either compute"),
])
def test_a_family_written_wrong_is_a_load_error(tmp_path: Path, params: str, rest: str,
                                                 why: str) -> None:
    qtype = "choice" if "choices" in rest else "numeric"
    errors = validate(tmp_path, family("model", params, rest, qtype), run=False)
    assert any(why in e.message for e in errors), [e.message for e in errors]


def test_a_family_endless_loop_and_a_memory_bomb_get_a_clear_error(evaluator) -> None:
    looping = NumericQuestion(type="numeric", id="loop", prompt="{a}", compute="a",
                              params="def draw(rng):\n    while True:\n        pass\n")
    [result] = evaluator.draw(looping, None, [1], time_limit=1.0)
    assert isinstance(result, FamilyError)
    assert result.message == "draw(rng) fails (seed 1): took longer than 1 s"
    bomb = NumericQuestion(type="numeric", id="bomb", prompt="{a}", compute="a",
                           params="def draw(rng):\n    return {'a': 'x' * 10**11}\n")
    [result] = evaluator.draw(bomb, None, [1], time_limit=5.0)
    assert isinstance(result, FamilyError) and "MemoryError" in result.message
    fine = NumericQuestion(type="numeric", id="fine", prompt="{a}", compute="a + 1",
                           params="def draw(rng):\n    return {'a': int(rng.integers(9))}\n")
    [result] = evaluator.draw(fine, None, [1])  # the worker is still there afterwards
    assert isinstance(result, Drawn) and result.question.answer == result.params["a"] + 1
