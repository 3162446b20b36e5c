"""Hostile lesson trees: the loader reports them and never executes anything."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tutor.lessons.loader import load_course

WriteTree = Callable[..., Path]


def _only_error(root: Path) -> str:
    course = load_course(root)
    assert course.lessons == []
    (error,) = course.errors
    return str(error)


def test_python_object_tag_is_refused(
    write_tree: WriteTree, GOOD_LESSON: str, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    text = f"id: !!python/object/apply:os.system ['touch {marker}']\n"
    error = _only_error(write_tree({"probability/01-x.yaml": text}))
    assert "01-x.yaml:1:5" in error and "unsupported YAML value" in error
    assert not marker.exists()


def test_billion_laughs_is_refused(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    error = _only_error(write_tree({"probability/01-x.yaml": "\n".join(lines) + "\n"}))
    assert "anchors and aliases" in error


def test_deep_nesting_is_refused(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    error = _only_error(write_tree({"probability/01-x.yaml": "a: " + "[" * 5000 + "]" * 5000}))
    assert "01-x.yaml" in error and ("nested deeper" in error or "YAML" in error)


def test_huge_file_is_refused(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    error = _only_error(write_tree({"probability/01-x.yaml": "# x\n" * 400_000}))
    assert "lesson files are limited to" in error


def test_binary_file(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    root = write_tree({})
    (root / "probability").mkdir()
    (root / "probability" / "01-x.yaml").write_bytes(b"\xff\xfe\x00garbage")
    assert "not UTF-8" in _only_error(root)


def test_not_a_mapping(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    error = _only_error(write_tree({"probability/01-x.yaml": "- just\n- a list\n"}))
    assert "must be a mapping" in error


def test_empty_file(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    assert "file is empty" in _only_error(write_tree({"probability/01-x.yaml": ""}))


def test_two_documents(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    error = _only_error(write_tree({"probability/01-x.yaml": GOOD_LESSON + "---\nid: x\n"}))
    assert "second YAML document" in error


def test_link_out_of_the_tree_is_not_followed(
    write_tree: WriteTree, GOOD_LESSON: str, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(GOOD_LESSON)
    root = write_tree({})
    (root / "probability").mkdir()
    os.symlink(secret, root / "probability" / "01-x.yaml")
    assert "outside the lesson tree" in _only_error(root)


def test_code_in_lessons_is_not_run_by_loading(
    write_tree: WriteTree, GOOD_LESSON: str, tmp_path: Path
) -> None:
    marker = tmp_path / "ran"
    evil = GOOD_LESSON.replace(
        "          hit = prior", f"          open({str(marker)!r}, 'w')\n          hit = prior"
    )
    course = load_course(write_tree({"probability/01-x.yaml": evil}))
    assert course.errors == [] and not marker.exists()


def test_oversized_strings_are_rejected(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    big = GOOD_LESSON.replace("summary: Update a belief with evidence.", "summary: " + "x" * 30_000)
    error = _only_error(write_tree({"probability/01-x.yaml": big}))
    assert "summary" in error and "at most" in error
