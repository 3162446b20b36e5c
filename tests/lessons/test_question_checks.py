"""`tutor lessons validate` checks every question: planted bad questions are reported,
each at its file and line, and a good one passes."""

from __future__ import annotations

from pathlib import Path

from tutor.authoring.validate import validate_course
from tutor.lessons.loader import LessonError, load_course

LESSON = """\
id: calculus/q
title: Questions
pillar: calculus
order: 1
summary: Questions.
steps:
  - kind: question
    question:
{question}
"""
GOOD = """\
      type: expression
      id: slope
      prompt: "σ′(z)?"
      variables: {z: [-6, 6]}
      answer: "sigmoid(z) * (1 - sigmoid(z))"
      mistakes:
        - answer: "sigmoid(z) * (1 + sigmoid(z))"
          message: Check the sign inside the bracket.
"""


def problems(tmp_path: Path, question: str) -> list[LessonError]:
    root = tmp_path / "lessons"
    (root / "calculus").mkdir(parents=True)
    (root / "calculus" / "01-q.yaml").write_text(LESSON.format(question=question))
    found: list[LessonError] = []
    validate_course(load_course(root), found.append, run_code=False)
    return found


def test_a_good_expression_question_passes(tmp_path: Path) -> None:
    assert problems(tmp_path, GOOD) == []


def test_a_mistake_equal_to_the_answer(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace('"sigmoid(z) * (1 + sigmoid(z))"',
                                            '"exp(-z)/(1 + exp(-z))^2"'))
    assert len(found) == 1
    assert "equals the answer at every sample point" in found[0].message
    assert found[0].line == 15 and "mistakes[0].answer" in found[0].key_path


def test_two_mistakes_alike(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD + """\
        - answer: "σ(z) + σ(z)^2"
          message: Another message never shown.
""")
    assert len(found) == 1
    assert "is reported with the message of mistake" in found[0].message


def test_an_answer_that_never_parses(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace('"sigmoid(z) * (1 - sigmoid(z))"',
                                            '"sigmoid(z) * (1 - sigmoid(zz))"'))
    assert len(found) == 1
    assert "cannot be read" in found[0].message and "zz" in found[0].message
    assert found[0].line == 13


def test_an_interval_where_the_answer_is_never_finite(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("answer: \"sigmoid(z) * (1 - sigmoid(z))\"",
                                            "answer: \"log(z)\"").replace(
                                                "[-6, 6]", "[-6, -1]").replace(
                                                    "(1 + sigmoid(z))", "(1 + z)"))
    assert len(found) == 1
    assert "no finite value anywhere" in found[0].message


def test_an_answer_finite_on_a_sliver_of_the_interval(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("answer: \"sigmoid(z) * (1 - sigmoid(z))\"",
                                            "answer: \"log(z - 5.9)\""))
    assert len(found) == 1 and "narrow the intervals" in found[0].message


def test_a_constant_that_overflows_in_the_answer(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("answer: \"sigmoid(z) * (1 - sigmoid(z))\"",
                                            "answer: \"z * 10^10^10\""))
    assert len(found) == 1 and "too large" in found[0].message


def test_variables_and_intervals(tmp_path: Path) -> None:
    assert "name of a function" in problems(tmp_path, GOOD.replace(
        "{z: [-6, 6]}", "{z: [-6, 6], exp: [0, 1]}"))[0].message
    assert "low < high" in problems(tmp_path / "b", GOOD.replace("[-6, 6]", "[6, -6]"))[0].message


def test_shape_answers_are_non_negative_integers(tmp_path: Path) -> None:
    shape = """\
      type: shape
      id: s
      prompt: Shape?
      answer: [64, -10]
"""
    found = problems(tmp_path, shape)
    assert len(found) == 1 and "greater than or equal to 0" in found[0].message


def test_numeric_mistake_inside_the_tolerance(tmp_path: Path) -> None:
    numeric = """\
      type: numeric
      id: n
      prompt: Number?
      answer: 0.5
      tolerance: 0.01
      mistakes:
        - answer: 0.505
          message: That is within the tolerance.
"""
    found = problems(tmp_path, numeric)
    assert len(found) == 1 and "within the tolerance" in found[0].message


def test_a_mistake_that_never_parses(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("(1 + sigmoid(z))", "(1 + sigmoid(z)"))
    assert len(found) == 1
    assert "never closed" in found[0].message and found[0].line == 15
