"""The course id of a lesson tree chosen by folder, kept in the cache (so a command need not
load the manifest's models): an edited manifest is read again, a damaged entry rebuilt
with a note on stderr, as `tutor lessons list` does with the lesson cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.courses.select import choose

from .conftest import LESSON, manifest


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUTOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TUTOR_LESSONS", raising=False)
    monkeypatch.delenv("TUTOR_COURSE", raising=False)
    root = tmp_path / "lessons"
    (root / "linear-algebra").mkdir(parents=True)
    (root / "linear-algebra" / "01-vectors.yaml").write_text(LESSON)
    (root / "course.yaml").write_text(manifest("first-id"))
    return root


def cache_files(tree: Path, kind: str) -> list[Path]:
    return [p for p in (tree.parent / "cache" / kind).iterdir()
            if not p.name.endswith(".model.json")]


def test_the_course_id_follows_the_manifest(tree: Path) -> None:
    assert choose(None, str(tree)).course_id == "first-id"
    assert choose(None, str(tree)).course_id == "first-id"  # from the cache
    (tree / "course.yaml").write_text(manifest("second-id"))
    assert choose(None, str(tree)).course_id == "second-id"
    (tree / "course.yaml").write_text("id: [broken\n")
    assert choose(None, str(tree)).course_id is None
    (tree / "course.yaml").unlink()
    assert choose(None, str(tree)).course_id is None


def test_a_damaged_course_entry_is_rebuilt_with_a_note(
        tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert choose(None, str(tree)).notice is None
    (entry,) = cache_files(tree, "courses")
    entry.write_text(json.dumps({"key": [1, 2, 3, 4], "id": ["not", "an", "id"]}))
    assert main(["--lessons", str(tree), "lessons", "list"]) == 0
    captured = capsys.readouterr()
    assert "tutor: note: the course cache" in captured.err and "damaged" in captured.err
    assert "linear-algebra/dot-product" in captured.out
    choice = choose(None, str(tree))
    assert choice.course_id == "first-id" and choice.notice is None


def test_lessons_list_notes_a_damaged_lesson_cache_and_lists_the_same(
        tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lessons", str(tree), "lessons", "list"]) == 0
    before = capsys.readouterr()
    assert before.err == ""
    (entry,) = cache_files(tree, "lessons")
    entry.write_text("{ garbage")
    assert main(["--lessons", str(tree), "lessons", "list"]) == 0
    after = capsys.readouterr()
    assert after.out == before.out
    assert "tutor: note: the lesson cache" in after.err and "rebuilt it" in after.err
    assert main(["--lessons", str(tree), "lessons", "list"]) == 0
    assert capsys.readouterr().err == ""
