"""`tutor lessons validate` remembers what each check found: an unchanged lesson is not run
again, an edited one is (staleness), a garbage cache is rebuilt with a notice (corruption),
two runs at once both succeed and leave a whole cache (concurrency); `--no-cache` runs
everything; `validate FILE` reports on one lesson; several evaluators give the same report
as one.

Each test has a cache folder of its own (tests/conftest.py sets ``TUTOR_CACHE_DIR``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

import tutor.grading
from tutor import cachefile
from tutor.authoring.cache import SUBDIR, Entry, Report
from tutor.cli import main
from tutor.grading import Evaluator
from tutor.grading.verdict import Verdict
from tutor.lessons.model import ExerciseStep

from .test_validate_runs import SOLUTION as PASSES
from .test_validate_runs import STARTER, _lesson

BODY = "A positive test raises the probability."


def lesson(slug: str, *, value: str = "0.5", starter: str = STARTER, body: str = BODY) -> str:
    """A one-exercise lesson (test_validate_runs's) whose fact states ``value``."""
    fact = f'facts:\n  - {{code: "posterior(0.5, 0.5, 0.5)", value: {value}}}'
    return _lesson(slug, starter=starter, extra=fact).replace(BODY, body)


class Spy(Evaluator):
    """An evaluator that records what it is asked to grade (class-wide, across threads)."""

    started = 0
    checked: list[str] = []

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        Spy.started += 1

    def check(self, exercise: ExerciseStep, source: str) -> Verdict:
        Spy.checked.append(exercise.id)
        return super().check(exercise, source)

    def check_many(self, exercise: ExerciseStep, sources: Sequence[str],
                   **options: bool) -> list[Verdict]:
        Spy.checked.extend(exercise.id for _ in sources)
        return super().check_many(exercise, sources, **options)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[Spy]]:
    monkeypatch.setattr(tutor.grading, "Evaluator", Spy)
    Spy.started, Spy.checked = 0, []
    yield Spy


def cache_files() -> list[Path]:
    return sorted((Path(os.environ["TUTOR_CACHE_DIR"]) / SUBDIR).glob("*"))


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["lessons", "validate", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def write(root: Path, name: str, text: str) -> Path:
    path = root / "probability" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_an_unchanged_tree_runs_nothing_and_says_the_same(
        tmp_path: Path, spy: type[Spy], capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "lessons"
    write(root, "01-a.yaml", lesson("a"))
    write(root, "02-b.yaml", lesson("b"))
    first = validate(capsys, str(root))
    assert first[0] == 0 and first[2].strip().endswith(": no problems")
    assert spy.started >= 1 and sorted(set(spy.checked)) == ["probability/a-ex",
                                                            "probability/b-ex"]
    spy.started, spy.checked = 0, []
    assert validate(capsys, str(root)) == first
    assert (spy.started, spy.checked) == (0, [])


def test_editing_one_lesson_reruns_only_what_changed(
        tmp_path: Path, spy: type[Spy], capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "lessons"
    write(root, "01-a.yaml", lesson("a"))
    write(root, "02-b.yaml", lesson("b"))
    assert validate(capsys, str(root))[0] == 0
    spy.checked = []
    write(root, "02-b.yaml", lesson("b", starter=PASSES))  # b's exercise changed
    code, out, err = validate(capsys, str(root))
    assert set(spy.checked) == {"probability/b-ex"}
    assert code == 1 and len(out) == 1
    assert out[0].startswith(f"{root}/probability/02-b.yaml:")
    assert out[0].endswith("steps[1].starter: starter code already passes: the learner has "
                           "nothing to do")
    assert err.strip().endswith(": 1 problem")

    spy.checked = []  # a problem found by running code is not cached: it runs again
    assert validate(capsys, str(root)) == (code, out, err)
    assert set(spy.checked) == {"probability/b-ex"}


def test_stale_results_are_never_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "lessons"
    path = write(root, "01-a.yaml", lesson("a"))
    assert validate(capsys, str(root))[0] == 0
    path.write_text(lesson("a", value="0.75"), encoding="utf-8")  # a fact now wrong
    code, out, _ = validate(capsys, str(root))
    assert code == 1 and len(out) == 1
    assert out[0].endswith("facts[0]: the text states 0.75 but the code computes 0.5")
    # a text problem, found without running code, is cached; fixing it clears it
    path.write_text(lesson("a", body="The posterior is 0.1667."), encoding="utf-8")
    for _ in range(2):
        code, out, _ = validate(capsys, str(root))
        assert code == 1 and len(out) == 1 and "the number 0.1667 is not computed" in out[0]
    path.write_text(lesson("a"), encoding="utf-8")
    assert validate(capsys, str(root))[:2] == (0, [])


def test_a_cached_problem_is_located_anew_after_an_edit_above_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What a check found is kept by key path, not by line: two comment lines added above
    it move the reported line, and the check is answered from the cache (no new entry)."""
    root = tmp_path / "lessons"
    path = write(root, "01-a.yaml", lesson("a", body="Short. And 0.25."))
    code, before, _ = validate(capsys, str(root), "--no-run")
    assert code == 1 and len(before) == 1 and "the number 0.25" in before[0]
    entries = [p.name for p in cache_files() if p.name.startswith("text-")]
    path.write_text("# a comment\n# another\n" + path.read_text(), encoding="utf-8")
    code, after, _ = validate(capsys, str(root), "--no-run")
    assert code == 1 and len(after) == 1
    assert [p.name for p in cache_files() if p.name.startswith("text-")] == entries
    file, line, rest = before[0].split(":", 2)
    assert after[0] == f"{file}:{int(line) + 2}:{rest}"


def test_a_corrupt_cache_is_rebuilt_with_a_notice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "lessons"
    write(root, "01-a.yaml", lesson("a"))
    write(root, "02-b.yaml", lesson("b", value="0.75"))
    first = validate(capsys, str(root))
    assert first[0] == 1 and len(first[1]) == 1
    files = cache_files()
    assert files, "nothing was cached"
    garbage = [b"\x00garbage{", b"", json.dumps({"format": 1, "key": 3}).encode(),
               json.dumps({"format": 99, "key": "x", "found": []}).encode()]
    for k, path in enumerate(files):
        path.write_bytes(garbage[k % len(garbage)])
    code, out, err = validate(capsys, str(root))
    assert (code, out) == first[:2]  # the same report as before
    notices = [line for line in err.splitlines() if "could not be used" in line]
    assert len(notices) == len(files) and all(line.endswith("it was rebuilt")
                                              for line in notices)
    assert err.strip().endswith(first[2].strip())
    for path in cache_files():  # every entry is whole again
        assert cachefile.read(path, Entry)[0] is not None, path
    assert validate(capsys, str(root)) == first  # and read without a notice


def test_a_cache_entry_of_another_check_is_not_used(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "lessons"
    write(root, "01-a.yaml", lesson("a"))
    assert validate(capsys, str(root), "--no-run")[0] == 0
    text = [p for p in cache_files() if p.name.startswith("text-")]
    assert len(text) == 1
    entry = Entry(format=1, key="text-" + "0" * 64,
                  found=[{"where": ["title"], "message": "planted"}])  # type: ignore[list-item]
    text[0].write_text(entry.model_dump_json())
    for report in [p for p in cache_files() if p.name.startswith("course-")]:
        report.unlink()
    code, out, err = validate(capsys, str(root), "--no-run")
    assert (code, out) == (0, []) and "belongs to another check" in err


def test_no_cache_runs_every_check_again(
        tmp_path: Path, spy: type[Spy], capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "lessons"
    write(root, "01-a.yaml", lesson("a"))
    first = validate(capsys, str(root))
    spy.checked = []
    assert validate(capsys, str(root), "--no-cache") == first
    assert set(spy.checked) == {"probability/a-ex"}


def test_one_file(tmp_path: Path, spy: type[Spy], capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "lessons"
    a = write(root, "01-a.yaml", lesson("a", starter=PASSES))
    b = write(root, "02-b.yaml", lesson("b"))
    broken = write(root, "03-c.yaml", "id: [unclosed\n")
    code, out, err = validate(capsys, str(b))
    assert (code, out) == (0, []) and spy.checked == ["probability/b-ex"] * len(spy.checked)
    assert err.strip() == f"1 lesson, 1 exercise in {b}: no problems"
    code, out, err = validate(capsys, str(a))
    assert code == 1 and len(out) == 1 and out[0].startswith(f"{a}:")
    assert "starter code already passes" in out[0]
    code, out, err = validate(capsys, str(broken))
    assert code == 1 and len(out) == 1 and out[0].startswith(f"{broken}:")
    assert err.strip() == f"0 lessons, 0 exercises in {broken}: 1 problem"
    stray = tmp_path / "elsewhere" / "a.yaml"
    stray.parent.mkdir()
    stray.write_text(lesson("a"))
    code, out, err = validate(capsys, "--lessons", str(root), str(stray))
    assert code == 2 and out == [] and f"{stray} is not in a lesson tree" in err
    hidden = write(root, ".hidden.yaml", lesson("h"))
    code, out, err = validate(capsys, "--lessons", str(root), str(hidden))
    assert code == 2 and out == [] and f"{hidden} is not a lesson file of the tree" in err


def test_several_evaluators_report_as_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "lessons"
    for k, slug in enumerate("abcd"):
        write(root, f"0{k}-{slug}.yaml", lesson(
            slug, value="0.75" if k % 2 else "0.5", starter=PASSES if k > 1 else STARTER))
    one = validate(capsys, str(root), "--jobs", "1", "--no-cache")
    two = validate(capsys, str(root), "--jobs", "3", "--no-cache")
    assert one == two and one[0] == 1 and len(one[1]) == 4


def test_two_runs_at_once_both_succeed_and_leave_a_whole_cache(tmp_path: Path) -> None:
    root = tmp_path / "lessons"
    for k, slug in enumerate("abc"):
        write(root, f"0{k}-{slug}.yaml", lesson(slug))
    env = {**os.environ, "TUTOR_CACHE_DIR": str(tmp_path / "shared-cache")}
    command = [sys.executable, "-m", "tutor.cli", "lessons", "validate", str(root)]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    results = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    summary = f"3 lessons, 3 exercises in {root}: no problems"
    assert results == [(0, "", summary + "\n")] * 2
    folder = tmp_path / "shared-cache" / SUBDIR
    names = sorted(p.name for p in folder.iterdir())
    assert names and all(n.endswith(".json") and not n.startswith(".") for n in names)
    for name in names:
        model = Report if name.startswith("course-") else Entry
        assert cachefile.read(folder / name, model)[0] is not None, name
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert (again.returncode, again.stdout, again.stderr) == (0, "", summary + "\n")


def test_a_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    """On a terminal the running checks show a bar (gone once they end); the same run
    into pipes prints the summary alone (see the concurrency test above)."""
    import pty

    root = tmp_path / "lessons"
    write(root, "01-a.yaml", lesson("a"))
    main_fd, child_fd = pty.openpty()
    env = {**os.environ, "TUTOR_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm",
           "COLUMNS": "100"}
    run = subprocess.Popen([sys.executable, "-m", "tutor.cli", "lessons", "validate",
                            str(root)], env=env, stdin=subprocess.DEVNULL, stdout=child_fd,
                           stderr=child_fd)
    os.close(child_fd)
    seen = b""
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the terminal closed: the run ended
            break
        if not chunk:
            break
        seen += chunk
    os.close(main_fd)
    assert run.wait(timeout=600) == 0
    text = seen.decode(errors="replace")
    assert "running the lessons' code" in text
    assert "1 lesson, 1 exercise in" in text and text.rstrip().endswith("no problems")


def test_a_corrupt_course_report_is_rebuilt_with_a_notice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "lessons"
    write(root, "01-a.yaml", lesson("a"))
    first = validate(capsys, str(root), "--no-run")
    reports = [p for p in cache_files() if p.name.startswith("course-")]
    assert first[0] == 0 and len(reports) == 1
    reports[0].write_text('{"format": 1, "key": "' + reports[0].stem + '", "lessons": -1}')
    code, out, err = validate(capsys, str(root), "--no-run")
    assert (code, out) == first[:2]
    assert f"the validate cache entry {reports[0]} could not be used" in err
    assert cachefile.read(reports[0], Report)[0] is not None
    assert validate(capsys, str(root), "--no-run") == first


def test_a_prose_edit_runs_no_code(tmp_path: Path, spy: type[Spy],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The facts and exercises read no prose: an edit to the text checks only the text."""
    root = tmp_path / "lessons"
    path = write(root, "01-a.yaml", lesson("a"))
    assert validate(capsys, str(root))[0] == 0 and spy.started >= 1
    spy.started = 0
    path.write_text(lesson("a", body="A positive test raises the odds."), encoding="utf-8")
    assert validate(capsys, str(root))[:2] == (0, [])
    assert spy.started == 0
    path.write_text(lesson("a", body="It is 0.5."), encoding="utf-8")  # backed by the fact
    assert validate(capsys, str(root))[:2] == (0, [])
    path.write_text(lesson("a", body="It is 0.5.", value="0.25"), encoding="utf-8")
    code, out, _ = validate(capsys, str(root))  # the fact (in the exercise) runs again
    assert code == 1 and spy.started >= 1 and "the text states 0.25" in " ".join(out)


def test_question_families_are_cached_and_drawn_again_when_edited(
        tmp_path: Path, spy: type[Spy], capsys: pytest.CaptureFixture[str]) -> None:
    from ..families.test_family_validator import GOOD, HEAD

    root = tmp_path / "lessons"
    path = root / "statistics" / "01-drawn.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(HEAD + GOOD)
    assert validate(capsys, str(root))[:2] == (0, []) and spy.started == 1
    spy.started = 0
    path.write_text(HEAD.replace("Families.", "Families, edited.") + GOOD)
    assert validate(capsys, str(root))[:2] == (0, []) and spy.started == 0  # prose only
    same = GOOD.replace('int(rng.integers(1, 100))', '3')
    path.write_text(HEAD + same)
    code, out, _ = validate(capsys, str(root))
    assert code == 1 and spy.started == 1 and len(out) == 1
    assert "gave the same values for all 8 seeds" in out[0]
