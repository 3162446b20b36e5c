"""Each kind of malformed lesson gives one clear line naming file:line and the key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tutor.lessons.loader import load_course

WriteTree = Callable[..., Path]


def _errors(root: Path) -> list[str]:
    return [str(e) for e in load_course(root).errors]


def test_good_lesson_loads(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    course = load_course(write_tree({"probability/01-bayes.yaml": GOOD_LESSON}))
    assert course.errors == []
    assert [le.id for le in course.lessons] == ["probability/bayes-basics"]
    assert course.exercise("probability/bayes").function == "posterior"
    assert course.lesson_of("probability/bayes").id == "probability/bayes-basics"


def test_bad_indentation(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    bad = GOOD_LESSON.replace("    title: Posterior", "      title: Posterior")
    root = write_tree({"probability/01-bayes.yaml": bad})
    (error,) = _errors(root)
    assert error.startswith(f"{root / 'probability/01-bayes.yaml'}:11:")
    assert "indentation" in error


def test_unknown_key_suggests_the_right_one(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    bad = GOOD_LESSON.replace("    hints:", "    hintz:")
    root = write_tree({"probability/01-bayes.yaml": bad})
    (error,) = _errors(root)
    assert ":23:5: steps[1].hintz: unknown key 'hintz'; did you mean 'hints'?" in error


def test_wrong_type(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    bad = GOOD_LESSON.replace("order: 1", "order: first")
    (error,) = _errors(write_tree({"probability/01-bayes.yaml": bad}))
    assert "01-bayes.yaml:4:8: order: expected a whole number, got str 'first'" in error


def test_yes_no_hint_for_text_fields(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    bad = GOOD_LESSON.replace('choices: ["yes", "no"]', "choices: [yes, no]")
    errors = _errors(write_tree({"probability/01-bayes.yaml": bad}))
    assert errors and all("quote it" in e for e in errors)
    assert "steps[2].question.choices[0]" in errors[0]


def test_missing_reference_solution(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    lines = GOOD_LESSON.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("    solution:"))
    bad = "".join(lines[:start] + lines[start + 4 :])
    (error,) = _errors(write_tree({"probability/01-bayes.yaml": bad}))
    assert ":9:5: steps[1]: missing required key 'solution' (the reference solution)" in error


def test_solution_that_does_not_define_the_function(
    write_tree: WriteTree, GOOD_LESSON: str
) -> None:
    bad = GOOD_LESSON.replace(
        "      def posterior(prior, sensitivity, false_positive_rate):\n          hit",
        "      def post(prior, sensitivity, false_positive_rate):\n          hit",
    )
    (error,) = _errors(write_tree({"probability/01-bayes.yaml": bad}))
    assert "steps[1].solution: solution does not define function 'posterior'" in error


def test_duplicate_lesson_id(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    other = GOOD_LESSON.replace("probability/bayes\n", "probability/bayes-two\n")
    root = write_tree(
        {"probability/01-bayes.yaml": GOOD_LESSON, "probability/02-again.yaml": other}
    )
    (error,) = _errors(root)
    assert "02-again.yaml:1:5: id: duplicate lesson id 'probability/bayes-basics'" in error
    assert "01-bayes.yaml" in error  # names where the first one is


def test_duplicate_exercise_id(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    other = GOOD_LESSON.replace("id: probability/bayes-basics", "id: probability/other")
    root = write_tree(
        {"probability/01-bayes.yaml": GOOD_LESSON, "probability/02-other.yaml": other}
    )
    (error,) = _errors(root)
    assert "02-other.yaml:10:9: steps[1].id: duplicate exercise id 'probability/bayes'" in error


def test_missing_prerequisite(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    bad = GOOD_LESSON.replace("steps:\n", "prerequisites: [probability/nowhere]\nsteps:\n", 1)
    (error,) = _errors(write_tree({"probability/01-bayes.yaml": bad}))
    assert ":6:17: prerequisites[0]: prerequisite 'probability/nowhere' is not a lesson" in error


def test_unknown_step_kind(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    bad = GOOD_LESSON.replace("  - kind: text", "  - kind: txt")
    (error,) = _errors(write_tree({"probability/01-bayes.yaml": bad}))
    assert ":7:11: steps[0].kind: unknown kind 'txt'; expected one of" in error


def test_duplicate_yaml_key(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    bad = GOOD_LESSON.replace("order: 1\n", "order: 1\norder: 2\n")
    (error,) = _errors(write_tree({"probability/01-bayes.yaml": bad}))
    assert ":5:1: order: duplicate key 'order' (first defined on line 4)" in error


def test_choice_answer_out_of_range(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    bad = GOOD_LESSON.replace("      answer: 0", "      answer: 2")
    (error,) = _errors(write_tree({"probability/01-bayes.yaml": bad}))
    assert "steps[2].question: answer 2 is out of range: there are 2 choices" in error


def test_pillar_must_match_folder(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    (error,) = _errors(write_tree({"statistics/01-bayes.yaml": GOOD_LESSON}))
    assert "pillar: lesson is in folder 'statistics' but says pillar 'probability'" in error


def test_one_broken_file_does_not_hide_the_others(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    other = GOOD_LESSON.replace("probability/bayes\n", "probability/bayes-2\n").replace(
        "id: probability/bayes-basics", "id: probability/second"
    )
    root = write_tree(
        {
            "probability/01-bayes.yaml": GOOD_LESSON,
            "probability/02-broken.yaml": "id: [unclosed\n",
            "probability/03-second.yaml": other,
        }
    )
    course = load_course(root)
    assert [le.id for le in course.lessons] == ["probability/bayes-basics", "probability/second"]
    assert len(course.errors) == 1 and "02-broken.yaml:2:1" in str(course.errors[0])


def test_missing_directory(tmp_path: Path) -> None:
    course = load_course(tmp_path / "nope")
    assert course.lessons == [] and "lesson directory not found" in str(course.errors[0])
