"""`tutor lessons list|schema|new|validate --no-run`, and --lessons / $TUTOR_LESSONS."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.lessons.loader import load_course

WriteTree = Callable[..., Path]


def test_list_shows_lessons_and_exercises(
    write_tree: WriteTree, GOOD_LESSON: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_tree({"probability/01-bayes.yaml": GOOD_LESSON})
    assert main(["lessons", "list", "--lessons", str(root)]) == 0
    out = capsys.readouterr().out
    assert "probability/bayes-basics" in out and "exercise probability/bayes  posterior()" in out


def test_list_filters_by_pillar(
    write_tree: WriteTree, GOOD_LESSON: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_tree({"probability/01-bayes.yaml": GOOD_LESSON})
    assert main(["--lessons", str(root), "lessons", "list", "--pillar", "statistics"]) == 0
    out = capsys.readouterr().out
    assert "Statistics" in out and "Probability" not in out
    assert main(["lessons", "list", "--pillar", "astrology"]) == 2


def test_environment_variable_points_at_another_tree(
    write_tree: WriteTree,
    GOOD_LESSON: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = write_tree({"probability/01-bayes.yaml": GOOD_LESSON})
    monkeypatch.setenv("TUTOR_LESSONS", str(root))
    assert main(["lessons", "list"]) == 0
    out = capsys.readouterr().out
    assert out.count("exercise ") == 1 and "probability/bayes" in out


def test_schema_is_json_schema_of_a_lesson(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lessons", "schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "tutor lesson"
    assert {"id", "title", "pillar", "steps"} <= set(schema["required"])
    assert schema["additionalProperties"] is False


def test_new_writes_a_skeleton_that_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "course"
    assert main(["lessons", "new", "calculus", "chain-rule", "--dir", str(root)]) == 0
    path = root / "calculus" / "01-chain-rule.yaml"
    assert path.is_file() and str(path) in capsys.readouterr().out
    course = load_course(root)
    assert course.errors == []
    assert course.exercise("calculus/chain-rule").function == "chain_rule"
    assert main(["lessons", "validate", str(root), "--no-run"]) == 0
    # a second time refuses to overwrite
    assert main(["lessons", "new", "calculus", "chain-rule", "--dir", str(root)]) == 2
    assert main(["lessons", "new", "alchemy", "gold", "--dir", str(root)]) == 2


def test_validate_reports_problems_and_exits_1(
    write_tree: WriteTree, GOOD_LESSON: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = GOOD_LESSON.replace("    hints:", "    hintz:")
    root = write_tree({"probability/01-bayes.yaml": bad})
    assert main(["lessons", "validate", str(root), "--no-run"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(root / "probability" / "01-bayes.yaml"))


def test_validate_flags_unchecked_numbers_and_latex(
    write_tree: WriteTree, GOOD_LESSON: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = GOOD_LESSON.replace(
        "body: A positive test raises the probability.",
        "body: The posterior is 0.1667, or \\frac{a}{b}.",
    )
    root = write_tree({"probability/01-bayes.yaml": bad})
    assert main(["lessons", "validate", str(root), "--no-run"]) == 1
    out = capsys.readouterr().out
    assert "steps[0].body: the number 0.1667 is not computed by any fact" in out
    assert "raw LaTeX" in out
    fixed = bad.replace(
        "    hints:",
        '    facts:\n      - code: "posterior(0.01, 0.99, 0.05)"'
        "\n        value: 0.1667\n    hints:",
    ).replace(", or \\frac{a}{b}", "")
    root = write_tree({"probability/01-bayes.yaml": fixed})
    assert main(["lessons", "validate", str(root), "--no-run"]) == 0


def test_validate_checks_key_points_like_prose(
    write_tree: WriteTree, GOOD_LESSON: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key point is prose: an unchecked decimal, raw LaTeX and a joined formula line
    are reported at its own key path and line."""
    bad = GOOD_LESSON.replace(
        "steps:",
        "key_points:\n"
        "  - A rare condition keeps the posterior low.\n"
        "  - The posterior here is 0.1667, or \\frac{a}{b}.\n"
        "  - |\n"
        "    The rule:\n"
        "      P(A | B) = P(B | A) P(A) / P(B)\n"
        "steps:",
    )
    root = write_tree({"probability/01-bayes.yaml": bad})
    assert main(["lessons", "validate", str(root), "--no-run"]) == 1
    out = capsys.readouterr().out
    path = str(root / "probability" / "01-bayes.yaml")
    assert f"{path}:8:" in out and "key_points[1]: the number 0.1667 is not computed" in out
    assert "key_points[1]: raw LaTeX" in out
    assert "key_points[2]" in out and "joined" in out
    fixed = bad.replace(
        "    hints:",
        '    facts:\n      - code: "posterior(0.01, 0.99, 0.05)"'
        "\n        value: 0.1667\n    hints:",
    ).replace(", or \\frac{a}{b}", "").replace("The rule:\n      P", "The rule:\n\n      P")
    root = write_tree({"probability/01-bayes.yaml": fixed})
    assert main(["lessons", "validate", str(root), "--no-run"]) == 0, capsys.readouterr().out
    assert load_course(root).lessons[0].key_points[1] == "The posterior here is 0.1667."


def test_key_points_are_optional_and_short() -> None:
    from pydantic import ValidationError

    from tutor.lessons.model import Lesson

    lesson = {"id": "probability/x", "title": "X", "pillar": "probability", "order": 1,
              "summary": "S.", "steps": [{"kind": "text", "body": "B."}]}
    assert Lesson.model_validate(lesson).key_points == []
    for bad in ([""], ["x" * 401], ["point"] * 9):
        with pytest.raises(ValidationError):
            Lesson.model_validate({**lesson, "key_points": bad})
