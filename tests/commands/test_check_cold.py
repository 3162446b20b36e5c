"""`tutor check` from a cold start: with the caches warm it reads neither the lesson files
nor runs the reference; damaged caches are rebuilt with a note; a lesson edited since is
read again (its new reference values are used)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.cli import main

from .cli_lesson import LESSON, forbid_loading, write_check_tree


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUTOR_CACHE_DIR", str(tmp_path / "cache"))
    return write_check_tree(tmp_path)


def check(tree: Path, *files: str) -> int:
    return main(["--lessons", str(tree / "lessons"), "--data-dir", str(tree / "data"), "check",
                 "--no-record", "linear-algebra/dot-product",
                 *(str(tree / f) for f in files)])


def test_a_warm_check_reads_no_lesson_file_and_runs_no_reference(
        tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(tree, "good.py") == 0
    capsys.readouterr()
    forbid_loading(monkeypatch)
    assert check(tree, "good.py", "doubled.py") == 1
    out = capsys.readouterr()
    assert "good.py: passed" in out.out and "doubled.py: failed" in out.out
    assert "expected: 16" in out.out and "known mistake: doubled" in out.out
    assert out.err == ""


def test_damaged_caches_are_rebuilt_with_a_note(tree: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert check(tree, "good.py") == 0
    capsys.readouterr()
    for path in (tree / "cache").rglob("*.json"):
        path.write_text("{ not json")
    assert check(tree, "good.py", "doubled.py") == 1
    out = capsys.readouterr()
    assert "good.py: passed" in out.out and "expected: 16" in out.out
    assert "tutor check: note: the lesson cache" in out.err
    assert "tutor check: note: the reference cache" in out.err
    assert check(tree, "good.py") == 0
    assert capsys.readouterr().err == ""


def test_an_edited_lesson_is_graded_on_its_new_reference(
        tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(tree, "good.py", "doubled.py") == 1
    lesson = tree / "lessons" / "linear-algebra" / "01-vectors.yaml"
    lesson.write_text(LESSON.replace("return float(np.sum(a * b))",
                                     "return 2 * float(np.sum(a * b))", 1))
    capsys.readouterr()
    assert check(tree, "doubled.py") == 0  # the doubled answer is now the reference's
    assert "doubled.py: passed" in capsys.readouterr().out


def test_a_wrong_sandbox_setting_is_said_once(tree: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TUTOR_SANDBOX_OFF", "no-such-layer")
    assert check(tree, "good.py") == 2
    err = capsys.readouterr().err
    assert err.count("no-such-layer") == 1


def cold_check(tree: Path, file: str) -> tuple[str, str, set[str]]:
    """`tutor check` of ``file`` in a fresh Python: its exit code, its output, and the
    modules it imported."""
    script = ("import sys\nfrom tutor.cli import main\ncode = main(sys.argv[1:])\n"
              "print(code, *sorted(sys.modules))")
    argv = ["--lessons", str(tree / "lessons"), "--data-dir", str(tree / "data"), "check",
            "--no-record", "linear-algebra/dot-product", str(tree / file)]
    env = {**os.environ, "TUTOR_CACHE_DIR": str(tree / "cache")}
    run = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True,
                         text=True, env=env, check=False)
    code, *loaded = run.stdout.splitlines()[-1].split()
    return code, run.stdout, set(loaded)


def test_a_passing_warm_check_builds_only_its_exercise_models(tree: Path) -> None:
    """A cold `tutor check` that passes imports the exercise's models alone (not the
    questions', the formula parser's, the lesson's), not the diagnoses of a failure, and
    nothing of the child's side (its call wrapper, numpy.random). Its results are plain
    numbers and its arguments are never read, so numpy is not imported at all."""
    cold_check(tree, "good.py")  # fills the caches
    code, out, loaded = cold_check(tree, "good.py")
    assert code == "0" and "passed" in out
    assert "tutor.lessons.exercise" in loaded and "tutor.grading.evaluator" in loaded
    assert not {"tutor.lessons.model", "tutor.lessons.questions", "tutor.lessons.loader",
                "tutor.grading.explain", "yaml", "tutor.grading.child.calls",
                "numpy.random", "numpy"} & loaded


def test_a_failing_warm_check_builds_the_arguments_it_shows(tree: Path) -> None:
    """The failing case's arguments are built (numpy imported) when the verdict shows
    them, in a fresh Python as in the test's own."""
    cold_check(tree, "good.py")
    code, out, loaded = cold_check(tree, "doubled.py")
    assert code == "1" and "doubled.py: failed" in out and "numpy" in loaded
    assert "expected: 16" in out and "known mistake: doubled" in out
    assert "np.array([" in out  # the inputs, rebuilt from what the child sent
