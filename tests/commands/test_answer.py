"""`tutor answer LESSON_ID QUESTION_ID TEXT`: the app's check from the command line, with
exit status 0 right, 1 wrong, 2 unreadable or unknown, recorded like the app's."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from tutor import paths
from tutor.cli import main
from tutor.lessons.families import is_family
from tutor.lessons.loader import load_course
from tutor.lessons.model import (
    AnyQuestion,
    ChoiceQuestion,
    ExpressionQuestion,
    NumericQuestion,
    ShapeQuestion,
    step_questions,
)
from tutor.lessons.shapes import shape_text

COURSE = load_course(paths.lessons_dir(None))
QUESTIONS = [(lesson.id, q) for lesson in COURSE.lessons for step in lesson.steps
             for _, q in step_questions(step) if not is_family(q)]  # families: below


def own_answer(question: AnyQuestion) -> str:
    if isinstance(question, ChoiceQuestion):
        return question.choices[question.answer]
    if isinstance(question, NumericQuestion):
        return repr(question.answer)
    if isinstance(question, ShapeQuestion):
        return shape_text(question.answer)
    if isinstance(question, ExpressionQuestion):
        return question.answer
    return question.answers[0]


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, dict]:
    code = main(["answer", "--data-dir", str(data), "--json", *args])
    out = capsys.readouterr().out
    return code, json.loads(out.strip().splitlines()[-1])


def recorded(data: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(data / "progress.db") as conn:
        return conn.execute("SELECT question_id, answer, correct FROM answers").fetchall()


def test_every_shipped_question_takes_its_own_answer(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert len(QUESTIONS) > 50 and not COURSE.errors
    wrong = []
    for lesson_id, question in QUESTIONS:
        code, shown = run(capsys, tmp_path, lesson_id, question.id, own_answer(question))
        if code != 0 or not shown["correct"]:
            wrong.append((lesson_id, question.id, shown["message"]))
    assert wrong == []
    assert len(recorded(tmp_path)) == len(QUESTIONS)


def test_a_family_is_shown_with_its_seed_then_answered_with_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lesson, qid = "linear-algebra/checkpoint", "broadcast-shape"
    code, shown = run(capsys, tmp_path, lesson, qid, "--seed", "5")
    assert code == 0 and shown["seed"] == 5 and shown["choices"] == []
    n, d = re.search(r"Z of shape \((\d+), (\d+)\) and b of shape \((\d+),\)",
                     shown["prompt"]).groups()[:2]
    assert run(capsys, tmp_path, lesson, qid, "--seed", "5", "-1")[0] == 2  # unreadable
    code, verdict = run(capsys, tmp_path, lesson, qid, "--seed", "5", f"({d}, {n})")
    assert code == 1 and not verdict["correct"]
    code, verdict = run(capsys, tmp_path, lesson, qid, f"({n}, {d})", "--seed", "5")
    assert code == 0 and verdict["correct"]
    code, refused = run(capsys, tmp_path, lesson, qid, f"({n}, {d})")  # which numbers?
    assert code == 2 and "answer with --seed N TEXT" in refused["message"]
    assert recorded(tmp_path) == [("linear-algebra/checkpoint/broadcast-shape",
                                   f"({d}, {n})", 0),
                                  ("linear-algebra/checkpoint/broadcast-shape",
                                   f"({n}, {d})", 1)]
    code = main(["answer", "--data-dir", str(tmp_path), lesson, qid, "--seed", "5"])
    out = capsys.readouterr().out
    assert code == 0 and f"Z of shape ({n}, {d})" in out
    assert f"tutor answer {lesson} {qid} --seed 5 TEXT" in out


@pytest.fixture
def slope_tree(write_tree) -> Path:  # noqa: ANN001 - conftest's fixture
    return write_tree({"calculus/01-s.yaml": """\
        id: calculus/s
        title: S
        pillar: calculus
        order: 1
        summary: S.
        steps:
          - kind: question
            question:
              type: expression
              id: slope
              prompt: "σ′(z)?"
              variables: {z: [-6, 6]}
              answer: "sigmoid(z) * (1 - sigmoid(z))"
              mistakes:
                - answer: "sigmoid(z) * (1 + sigmoid(z))"
                  message: Check the sign.
        """})


def test_right_wrong_and_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    slope_tree: Path) -> None:
    lessons = ["--lessons", str(slope_tree)]
    code, shown = run(capsys, tmp_path, *lessons, "calculus/s", "slope", "σ(z)(1−σ(z))")
    assert code == 0 and shown == {"correct": True, "valid": True, "message": "Correct.",
                                   "read_as": "σ(z)·(1 − σ(z))", "mistake": None}
    code, shown = run(capsys, tmp_path, *lessons, "calculus/s", "slope", "σ(z)(1+σ(z))")
    assert code == 1 and shown["message"] == "Check the sign."
    assert shown["mistake"] == "sigmoid(z) * (1 + sigmoid(z))"
    code, shown = run(capsys, tmp_path, *lessons, "calculus/s", "slope", "-σ(z)(1-σ(z))")
    assert code == 1 and "opposite sign" in shown["message"]  # a leading minus is no option
    code, shown = run(capsys, tmp_path, *lessons, "calculus/s", "slope", "__import__('os')")
    assert code == 2 and not shown["valid"] and shown["message"].startswith("Can't read that")
    assert recorded(tmp_path) == [("calculus/s/slope", "σ(z)·(1 − σ(z))", 1),
                                  ("calculus/s/slope", "σ(z)·(1 + σ(z))", 0),
                                  ("calculus/s/slope", "−σ(z)·(1 − σ(z))", 0)]


def test_unknown_ids_exit_2_with_close_ids(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["answer", "--data-dir", str(tmp_path), "calculus/checkpoin", "x", "1"])
    assert code == 2 and "did you mean calculus/checkpoint" in capsys.readouterr().err
    code = main(["answer", "--data-dir", str(tmp_path), "calculus/checkpoint", "grad-shap",
                 "1"])
    assert code == 2 and "did you mean grad-shape" in capsys.readouterr().err
    assert not (tmp_path / "progress.db").exists() or recorded(tmp_path) == []


def test_human_output_points_at_the_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            slope_tree: Path) -> None:
    code = main(["answer", "--no-record", "--data-dir", str(tmp_path), "--lessons",
                 str(slope_tree), "calculus/s", "slope", "(1 +"])
    out = capsys.readouterr().out
    assert code == 2
    assert "  (1 +\n" in out and "\n      ^\n" in out and "Can't read that" in out
    assert not (tmp_path / "progress.db").exists()


def test_choices_by_text_or_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lesson, question = next((le, q) for le, q in QUESTIONS if isinstance(q, ChoiceQuestion))
    assert run(capsys, tmp_path, lesson, question.id, str(question.answer))[0] == 0
    other = (question.answer + 1) % len(question.choices)
    assert run(capsys, tmp_path, lesson, question.id, str(other))[0] == 1
    assert run(capsys, tmp_path, lesson, question.id, "no such choice")[0] == 2


def test_the_answer_may_come_on_standard_input(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               slope_tree: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    lessons = ["--lessons", str(slope_tree)]
    monkeypatch.setattr("sys.stdin", io.StringIO("σ(z)(1 − σ(z))\n"))
    assert run(capsys, tmp_path, *lessons, "calculus/s", "slope", "-")[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("z" * 2_000_000))
    code, shown = run(capsys, tmp_path, *lessons, "calculus/s", "slope", "-")
    assert code == 2 and "1,000,001 characters long" in shown["message"]


def test_a_lesson_whose_file_is_named_otherwise_is_still_found(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], slope_tree: Path) -> None:
    (slope_tree / "calculus" / "01-s.yaml").rename(slope_tree / "calculus" / "07-other.yaml")
    code, shown = run(capsys, tmp_path, "--lessons", str(slope_tree), "calculus/s", "slope",
                      "σ(z)(1 − σ(z))")
    assert code == 0 and shown["correct"]
