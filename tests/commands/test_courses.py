"""Course packs from the command line: `tutor courses`, `--course`, $TUTOR_COURSE."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.courses.registry import BUILTIN_ID, installed_courses
from tutor.lessons.loader import load_course
from tutor.paths import builtin_lessons_dir
from tutor.progress import ProgressStore

from ..courses.conftest import DOUBLED, GOOD, PackMaker


def test_courses_lists_the_builtin_course_and_an_installed_pack(
        make_pack: PackMaker, capsys: pytest.CaptureFixture[str]) -> None:
    tree = make_pack("my-course")
    assert main(["courses"]) == 0
    out = capsys.readouterr().out
    builtin = load_course(builtin_lessons_dir())
    assert f"{BUILTIN_ID}  1.0  (built-in)" in out
    assert f"{len(builtin.lessons)} lessons, {len(builtin.exercises())} exercises in " in out
    assert "my-course  0.2  (package my-course-pack 0.2)" in out
    assert "A pack for the tests" in out
    assert f"1 lesson, 1 exercise in {tree.resolve()}" in out
    assert "cannot be used" not in out


def test_the_builtin_tree_carries_the_builtin_id() -> None:
    builtin = installed_courses()[0]
    assert builtin.id == BUILTIN_ID and builtin.ok
    assert builtin.root == builtin_lessons_dir()
    assert builtin.manifest is not None and builtin.manifest.id == BUILTIN_ID


def test_a_broken_pack_is_listed_with_located_errors(
        make_pack: PackMaker, capsys: pytest.CaptureFixture[str]) -> None:
    make_pack("bad-manifest", 'id: bad-manifest\ntitle: Oops\nversion: 1.0\ncolour: red\n')
    make_pack("bad-entry", target="raise RuntimeError('no lessons here')")
    make_pack("bad-lesson", lessons={"linear-algebra/01.yaml": "id: x\nsteps: [\n"})
    assert main(["courses"]) == 0
    out = capsys.readouterr().out
    course_yaml = "lessons/course.yaml"
    assert f"{course_yaml}:3:10: version: expected text, got 1.0" in out
    assert f"{course_yaml}:4:1: colour: unknown key 'colour'" in out
    assert "bad-entry" in out and "RuntimeError: no lessons here" in out
    assert "linear-algebra/01.yaml:3:1:" in out  # the unclosed list, located
    assert out.count("cannot be used") == 2  # bad lessons are left out, the pack still works


def test_a_pack_cannot_shadow_the_builtin_course(
        make_pack: PackMaker, capsys: pytest.CaptureFixture[str]) -> None:
    make_pack(BUILTIN_ID)
    assert main(["courses"]) == 0
    out = capsys.readouterr().out
    assert f"'{BUILTIN_ID}' is the built-in course's id; a pack cannot replace it" in out
    assert main(["--course", BUILTIN_ID, "lessons", "list"]) == 0
    assert "Vectors of the pack" not in capsys.readouterr().out


def test_entry_point_and_manifest_ids_must_agree(
        make_pack: PackMaker, capsys: pytest.CaptureFixture[str]) -> None:
    make_pack("one-id", entry_name="other-id")
    assert main(["--course", "other-id", "lessons", "list"]) == 2
    err = capsys.readouterr().err
    assert "named 'other-id' but course.yaml says id 'one-id'" in err


def test_course_flag_and_environment_pick_the_lessons(
        make_pack: PackMaker, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    make_pack("my-course")
    assert main(["--course", "my-course", "lessons", "list"]) == 0
    out = capsys.readouterr().out
    assert "linear-algebra/vectors" in out and "Vectors of the pack" in out
    assert "Calculus (calculus)\n  (no lessons)" in out
    monkeypatch.setenv("TUTOR_COURSE", "my-course")
    assert main(["lessons", "list"]) == 0
    assert "Vectors of the pack" in capsys.readouterr().out
    monkeypatch.setenv("TUTOR_COURSE", "not-installed")
    assert main(["lessons", "list"]) == 2
    assert "no course 'not-installed' is installed" in capsys.readouterr().err
    assert main(["courses"]) == 0  # a bad $TUTOR_COURSE never stops the listing


def test_course_and_lessons_together_are_refused(
        make_pack: PackMaker, capsys: pytest.CaptureFixture[str]) -> None:
    tree = make_pack("my-course")
    assert main(["--course", "my-course", "--lessons", str(tree), "lessons", "list"]) == 2
    assert "not both" in capsys.readouterr().err


def test_check_grades_in_the_pack_and_records_to_its_own_progress(
        make_pack: PackMaker, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_pack("my-course")
    data = tmp_path / "data"
    (tmp_path / "good.py").write_text(GOOD)
    (tmp_path / "doubled.py").write_text(DOUBLED)
    code = main(["--course", "my-course", "--data-dir", str(data), "check", "--json",
                 "linear-algebra/dot-product", str(tmp_path / "good.py"),
                 str(tmp_path / "doubled.py")])
    assert code == 1
    verdicts = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [v["status"] for v in verdicts] == ["passed", "failed"]
    assert verdicts[1]["mistake"] == "doubled"
    assert (data / "courses" / "my-course" / "progress.db").is_file()
    assert not (data / "progress.db").exists()  # the built-in course's progress is untouched
    with ProgressStore.open(data, course="my-course") as store:
        state = store.exercise_state("linear-algebra/dot-product")
    assert state.attempts == 2 and state.passed


def test_two_packs_with_one_id_are_both_refused(
        make_pack: PackMaker, capsys: pytest.CaptureFixture[str]) -> None:
    make_pack("twin", dist="twin-a")
    make_pack("twin", dist="twin-b")
    assert main(["courses"]) == 0
    out = capsys.readouterr().out
    assert out.count("cannot be used") == 2
    assert "also installed by package twin-b 0.2; uninstall all but one" in out
    assert main(["--course", "twin", "lessons", "list"]) == 2
    assert "also installed by package twin-b 0.2" in capsys.readouterr().err
