"""`tutor notes` end to end: attempts recorded through the store API, the command run as a
learner runs it (the notebook's own rules are tested in test_notebook.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tutor.cli import main
from tutor.lessons.loader import load_course
from tutor.paths import builtin_lessons_dir
from tutor.progress.store import ProgressStore

DOT = "linear-algebra/dot-product"
DOT_LESSON = "linear-algebra/vectors-and-dot-product"
SIGMOID = "calculus/sigmoid"
GOOD_DOT = "import numpy as np\n\n\ndef dot(a, b):\n    return float(np.sum(a * b))\n"
UNSUMMED = "import numpy as np\n\n\ndef dot(a, b):\n    return np.asarray(a) * np.asarray(b)\n"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("TUTOR_DATA_DIR", "TUTOR_LESSONS", "TUTOR_COURSE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "data"


def attempt(store: ProgressStore, exercise_id: str, code: str, status: str = "passed",
            mistake: str | None = None) -> None:
    store.record_attempt(exercise_id, status=status, duration_ms=5.0, hints_used=0,
                         code=code, passed=status == "passed", mistake=mistake)


def notes(data_dir: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["notes", "--data-dir", str(data_dir), *args]) == 0
    return capsys.readouterr().out


def fences(markdown: str) -> list[tuple[str, str]]:
    """(info, content) of every fenced block, as a CommonMark parser reads them."""
    return [(t.info, t.content) for t in MarkdownIt("commonmark").parse(markdown)
            if t.type == "fence"]


def test_notes_file_holds_the_learners_code_and_the_key_points(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course = load_course(builtin_lessons_dir())
    sigmoid_code = "import numpy as np\n\n\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"
    with ProgressStore.open(data_dir) as store:
        attempt(store, DOT, UNSUMMED, "failed", mistake="forgot-to-sum")
        attempt(store, DOT, UNSUMMED, "failed", mistake="forgot-to-sum")  # the same try again
        attempt(store, DOT, "def dot(a, b):\n    return a[0]\n", "error")
        attempt(store, DOT, GOOD_DOT)
        attempt(store, SIGMOID, sigmoid_code)
    out = tmp_path / "notes.md"
    assert main(["notes", "--data-dir", str(data_dir), "-o", str(out)]) == 0
    assert "notes.md" in capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    blocks = fences(text)
    assert ("python", GOOD_DOT) in blocks and ("python", sigmoid_code) in blocks
    for lesson_id in (DOT_LESSON, course.lesson_of(SIGMOID).id):
        lesson = course.lesson(lesson_id)
        assert lesson.key_points, f"{lesson_id} has no key points"
        assert f"### {lesson.title}" in text
        for point in lesson.key_points:
            assert point.strip().split("\n")[0] in text
    # lessons in course order: linear algebra before calculus
    assert text.index("## Linear algebra") < text.index("## Calculus")
    # the mistakes on the way, with the message the learner got, counted as distinct tries
    message = next(m.message for m in course.exercise(DOT).mistakes if m.name == "forgot-to-sum")
    assert "- 1 try: a known mistake (`forgot-to-sum`):" in text
    assert "  > " + message.split("\n")[0] in text
    assert "- 1 try: ✗ Your code raised an error." in text
    assert "Passed on try 3. Your solution:" in text
    assert "\x1b" not in text and "probability" not in text.lower().split("## ")[0]


def test_without_o_it_prints_and_pillar_keeps_one_pillar(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ProgressStore.open(data_dir) as store:
        attempt(store, DOT, GOOD_DOT)
        attempt(store, SIGMOID, "def sigmoid(z):\n    return z\n", "failed")
    both = notes(data_dir, capsys=capsys)
    assert both.startswith("# Your notes\n") and "## Linear algebra" in both
    assert "Not passed yet. Your last try:" in both
    only = notes(data_dir, "--pillar", "calculus", capsys=capsys)
    assert "## Calculus" in only and "## Linear algebra" not in only
    assert GOOD_DOT.strip() not in only and "return z" in only
    none = notes(data_dir, "--pillar", "statistics", capsys=capsys)
    assert none.strip() == ("No notes yet in Statistics: open a lesson (run `tutor`) and "
                            "check an exercise, and your notes start here.")
    assert main(["notes", "--data-dir", str(data_dir), "--pillar", "astrology"]) == 2


def test_no_progress_is_one_friendly_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "notes.md"
    printed = notes(data_dir, "-o", str(out), capsys=capsys)
    assert printed.count("\n") == 1 and printed.startswith("No notes yet:")
    assert not out.exists()


def test_an_opened_lesson_shows_its_key_points_without_code(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ProgressStore.open(data_dir) as store:
        store.set_position(DOT_LESSON, 2)
    text = notes(data_dir, capsys=capsys)
    lesson = load_course(builtin_lessons_dir()).lesson(DOT_LESSON)
    assert f"### {lesson.title}" in text and "Key points:" in text
    assert fences(text) == [] or all(info == "text" for info, _ in fences(text))


def test_after_the_solution_was_shown_the_notes_say_so(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ProgressStore.open(data_dir) as store:
        attempt(store, DOT, "def dot(a, b):\n    return 0\n", "failed")
        store.record_solution_shown(DOT)
        attempt(store, DOT, GOOD_DOT)
    text = notes(data_dir, capsys=capsys)
    assert "Passed after the solution was shown. Your solution:" in text


def test_questions_and_checkpoints_are_summed_up(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course = load_course(builtin_lessons_dir())
    checkpoint = course.lesson("calculus/checkpoint")
    step = checkpoint.checkpoints[0]
    with ProgressStore.open(data_dir) as store:
        store.record_answer(f"{DOT_LESSON}/zero-dot", "1", True)
        store.record_answer(f"{DOT_LESSON}/neuron-output", "7", False)
        store.record_checkpoint(checkpoint.id, step.id, 0.5, False)
        store.record_checkpoint(checkpoint.id, step.id, 0.75, False)
    text = notes(data_dir, capsys=capsys)
    questions = sum(1 for s in course.lesson(DOT_LESSON).steps
                    if s.kind == "question")
    assert f"Questions answered right: 1 of {questions}." in text
    assert f"{step.title}: not passed yet, best score 75%." in text


def test_a_file_that_cannot_be_written_is_one_clear_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ProgressStore.open(data_dir) as store:
        attempt(store, DOT, GOOD_DOT)
    target = tmp_path / "no such folder" / "notes\x1b[2J.md"
    assert main(["notes", "--data-dir", str(data_dir), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tutor notes: cannot write ") and "\x1b" not in err
    assert len(err.strip().splitlines()) == 1


def test_each_course_has_its_own_notes(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = tmp_path / "pack"
    (tree / "linear-algebra").mkdir(parents=True)
    (tree / "course.yaml").write_text('id: my-course\ntitle: A pack\nversion: "0.1"\n'
                                      "author: Ada\n", encoding="utf-8")
    lesson = builtin_lessons_dir() / "linear-algebra" / "01-vectors-and-dot-product.yaml"
    (tree / "linear-algebra" / lesson.name).write_text(lesson.read_text(encoding="utf-8"),
                                                      encoding="utf-8")
    with ProgressStore.open(data_dir) as builtin:
        attempt(builtin, DOT, "# the built-in course's\n" + GOOD_DOT)
    with ProgressStore.open(data_dir, course="my-course") as pack:
        attempt(pack, DOT, "# the pack's\n" + GOOD_DOT)
    text = notes(data_dir, "--lessons", str(tree), capsys=capsys)
    assert "# the pack's" in text and "the built-in course's" not in text
    text = notes(data_dir, capsys=capsys)
    assert "# the built-in course's" in text and "the pack's" not in text
