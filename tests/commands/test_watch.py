"""`tutor watch`: re-checks on each save, one-line notices, no regrading, recording, Ctrl-C.

Change events come from iterators that write the file just before each event, so the
loop runs without real time; one end-to-end test runs the command and edits the file.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from tutor.cli import build_parser, main
from tutor.commands import watch as watch_command
from tutor.grading.evaluator import Evaluator
from tutor.grading.verdict import Verdict
from tutor.lessons.model import ExerciseStep
from tutor.progress import ProgressStore

from .cli_lesson import DOUBLED, GOOD, LESSON, forbid_loading

EXERCISE = "linear-algebra/dot-product"
GOOD_TOO = "def dot(a, b):\n    return float((a * b).sum())\n"
HALF_TYPED = "import numpy as np\n\ndef dot(a, b)\n"
FOOTER = "── "

Saves = Callable[[Path], Iterator[object]]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A lesson tree in a temporary folder, which is also the working directory."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "lessons"
    (root / "linear-algebra").mkdir(parents=True)
    (root / "linear-algebra" / "01-vectors.yaml").write_text(LESSON)
    return tmp_path


def save(path: Path, content: str | None) -> None:
    """Save as an editor that writes a new file and renames it over the old one; None deletes."""
    if content is None:
        path.unlink()
        return
    fresh = path.with_name(path.name + ".tmp")
    fresh.write_text(content)
    os.replace(fresh, path)


def saves(*contents: str | None, then: BaseException | None = None) -> Saves:
    """An event source: each content is saved just before its change event is yielded."""
    def changes(path: Path) -> Iterator[object]:
        for content in contents:
            save(path, content)
            yield {("modified", str(path))}
        if then is not None:
            raise then

    return changes


def watch(tree: Path, changes: Saves, *flags: str, file: str = "dot.py",
          exercise: str = EXERCISE) -> int:
    args = build_parser().parse_args(["--lessons", str(tree / "lessons"), "--data-dir",
                                      str(tree / "data"), "watch", exercise, file, *flags])
    return watch_command.cmd_watch(args, watch=changes)


def frames(out: str) -> list[str]:
    """The frames drawn, each without its footer line."""
    found, current = [], []
    for line in out.splitlines():
        if line.startswith(FOOTER):
            found.append("\n".join(current))
            current = []
        else:
            current.append(line)
    assert not current, f"output after the last footer: {current}"
    return found


def attempts(tree: Path) -> tuple[int, bool]:
    with ProgressStore.open(tree / "data") as store:
        state = store.exercise_state(EXERCISE)
    return state.attempts, state.passed


def test_pass_fail_pass(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "dot.py").write_text(GOOD)
    assert watch(tree, saves(DOUBLED, GOOD)) == 0
    out = capsys.readouterr().out
    shown = frames(out)
    assert len(shown) == 3
    assert shown[0].startswith("✓ ") and "dot.py: passed" in shown[0]
    assert "dot.py: failed" in shown[1] and "case: the worked example" in shown[1]
    assert "expected: 16" in shown[1] and "got:      32" in shown[1]
    assert "Why twice?" in shown[1] and "known mistake: doubled" in shown[1]
    assert "dot.py: passed" in shown[2]
    assert "\x1b[" not in out  # not a terminal: no clearing, no colour
    footers = [line for line in out.splitlines() if line.startswith(FOOTER)]
    assert all(EXERCISE in line and "dot.py" in line for line in footers)
    assert attempts(tree) == (3, True)


def test_a_warm_start_reads_no_lesson_file_and_runs_no_reference(
        tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Started again, watch opens its exercise as `tutor check` does: from the lesson
    cache and the reference cache, reading no lesson file and running no reference."""
    (tree / "dot.py").write_text(GOOD)
    assert watch(tree, saves(), "--no-record") == 0
    capsys.readouterr()
    forbid_loading(monkeypatch)
    assert watch(tree, saves(DOUBLED), "--no-record") == 0
    shown = frames(capsys.readouterr().out)
    assert len(shown) == 2 and "dot.py: passed" in shown[0]
    assert "expected: 16" in shown[1] and "known mistake: doubled" in shown[1]


def test_a_warm_start_builds_only_its_exercise_model(tree: Path) -> None:
    """Like a cold `tutor check`, watch reads its one exercise from the lesson cache: the
    lesson models of the course are not built (nor numpy imported, for a passing check
    of plain numbers)."""
    (tree / "dot.py").write_text(GOOD)
    script = ("import sys\nfrom tutor.cli import build_parser\n"
              "from tutor.commands.watch import cmd_watch\n"
              "code = cmd_watch(build_parser().parse_args(sys.argv[1:]), watch=lambda p: [])\n"
              "print(code, *sorted(sys.modules))")
    argv = ["--lessons", str(tree / "lessons"), "--data-dir", str(tree / "data"), "watch",
            "--no-record", EXERCISE, str(tree / "dot.py")]
    for _ in range(2):  # the first fills the caches
        run = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True,
                             text=True, check=False)
    code, *loaded = run.stdout.splitlines()[-1].split()
    assert code == "0" and "dot.py: passed" in run.stdout, run.stderr
    assert "tutor.lessons.exercise" in loaded
    assert not {"tutor.lessons.model", "tutor.lessons.loader", "yaml", "numpy"} & set(loaded)


def test_syntax_error_while_typing_is_one_line_and_not_recorded(
        tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "dot.py").write_text(DOUBLED)
    assert watch(tree, saves(HALF_TYPED, GOOD)) == 0
    shown = frames(capsys.readouterr().out)
    assert len(shown) == 3
    assert "dot.py: failed" in shown[0]
    assert shown[1] == "… " + "dot.py: syntax error on line 3: expected ':'; not checked yet"
    assert "dot.py: passed" in shown[2]
    assert attempts(tree) == (2, True)


def test_same_content_is_not_graded_again(tree: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    real_check = Evaluator.check

    def counting_check(self: Evaluator, exercise: ExerciseStep, source: str) -> Verdict:
        checked.append(source)
        return real_check(self, exercise, source)

    monkeypatch.setattr(Evaluator, "check", counting_check)
    (tree / "dot.py").write_text(DOUBLED)
    # saved unchanged; a typo and back; changed and saved twice; back to the older content
    assert watch(tree, saves(DOUBLED, HALF_TYPED, DOUBLED, GOOD, GOOD, DOUBLED)) == 0
    assert checked == [DOUBLED, GOOD, DOUBLED]  # only the latest content graded is kept
    shown = frames(capsys.readouterr().out)
    assert ["failed" if "failed" in f else "passed" if "passed" in f else "notice"
            for f in shown] == ["failed", "notice", "failed", "passed", "failed"]
    assert shown[2] == shown[0]  # the earlier verdict, shown again as it was
    assert attempts(tree) == (3, True)


def test_missing_empty_and_oversized_files_get_one_line(
        tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    too_big = "#" * 1_000_001
    assert watch(tree, saves("", too_big, GOOD, None, GOOD), "--no-record") == 0
    shown = frames(capsys.readouterr().out)
    assert shown[:3] == ["… dot.py does not exist yet; save it to check it",
                         "… dot.py is empty; save your code to check it",
                         "… dot.py: cannot read it: larger than 1000 kB"]
    assert "dot.py: passed" in shown[3]
    assert shown[4] == "… dot.py does not exist yet; save it to check it"
    assert shown[5] == shown[3]  # the same content back: shown, not graded again
    assert len(shown) == 6
    assert not (tree / "data" / "progress.db").exists()


def test_attempts_recorded_in_the_data_dir(tree: Path) -> None:
    (tree / "dot.py").write_text(DOUBLED)
    assert watch(tree, saves(GOOD_TOO)) == 0
    with ProgressStore.open(tree / "data") as store:
        state = store.exercise_state(EXERCISE)
        assert store.draft(EXERCISE) is None
    assert (state.attempts, state.passed, state.last_status) == (2, True, "passed")


def test_ctrl_c_closes_the_evaluator(tree: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    closed: list[tuple[Evaluator, list[Any]]] = []
    real_close = Evaluator.close

    def spying_close(self: Evaluator) -> None:
        closed.append((self, [w.proc for w in self._workers.values()]))
        real_close(self)

    monkeypatch.setattr(Evaluator, "close", spying_close)
    (tree / "dot.py").write_text(GOOD)
    assert watch(tree, saves(DOUBLED, then=KeyboardInterrupt())) == 130
    captured = capsys.readouterr()
    assert len(frames(captured.out)) == 2
    ((evaluator, processes),) = closed
    assert processes and all(p.poll() is not None for p in processes)  # workers ended
    assert not evaluator._scratch.exists()
    assert captured.err == "tutor watch: stopped\n"


def test_unknown_exercise_and_bad_paths(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "dot.py").write_text(GOOD)
    base = ["--lessons", str(tree / "lessons"), "--data-dir", str(tree / "data"), "watch"]
    assert main([*base, "linear-algebra/dot-prodcut", str(tree / "dot.py")]) == 2
    assert "did you mean linear-algebra/dot-product" in capsys.readouterr().err
    assert main([*base, EXERCISE, str(tree / "nowhere" / "dot.py")]) == 2
    assert "is in no existing folder" in capsys.readouterr().err
    assert main([*base, EXERCISE, str(tree)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_plot_drawn_for_a_plot_exercise(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from tutor.lessons.loader import load_course

    sigmoid = load_course().exercise("calculus/sigmoid")
    assert sigmoid.plot is not None
    (tmp_path / "sigmoid.py").write_text(sigmoid.solution)
    args = build_parser().parse_args(["--data-dir", str(tmp_path / "data"), "watch",
                                      "calculus/sigmoid", str(tmp_path / "sigmoid.py"),
                                      "--no-record"])
    assert watch_command.cmd_watch(args, watch=saves()) == 0
    (shown,) = frames(capsys.readouterr().out)
    assert "sigmoid.py: passed" in shown
    assert "Your σ′(z) beside the reference" in shown


class _Passing:
    def __init__(self) -> None:
        self.sources: list[str] = []

    def check(self, exercise: ExerciseStep, source: str) -> Verdict:
        self.sources.append(source)
        return Verdict(exercise.id, "passed", duration_ms=1.0)


def test_on_a_terminal_each_frame_clears_the_screen(tree: Path) -> None:
    from tutor.lessons.loader import load_course

    exercise = load_course(tree / "lessons").exercise(EXERCISE)
    path = tree / "dot.py"
    path.write_text(GOOD)
    out, grader = StringIO(), _Passing()
    session = watch_command.WatchSession(exercise, str(path), grader, out, terminal=True)
    watch_command.watch_loop(session, saves(HALF_TYPED, GOOD_TOO)(path))
    drawn = out.getvalue().split(watch_command.CLEAR)
    assert drawn[0] == "" and len(drawn) == 4
    assert "passed" in drawn[1] and "syntax error" in drawn[2] and "passed" in drawn[3]
    assert grader.sources == [GOOD, GOOD_TOO]


def test_on_a_terminal_a_long_verdict_is_cut_to_the_screen() -> None:
    text = "\x1b[32m✓\x1b[0m status\n" + "x" * 130 + "\n"
    text += "".join(f"line {i}\n" for i in range(30))
    assert watch_command.screen_rows(text, 60) == 1 + 3 + 30  # colour codes take no room
    fitted = watch_command.fit_rows(text, 60, 10)
    assert watch_command.screen_rows(fitted, 60) == 10
    assert fitted.startswith("\x1b[32m✓\x1b[0m status\n")
    assert fitted.endswith("  … 25 more lines (a taller window shows them)\n")
    assert watch_command.fit_rows(text, 60, 40) == text


def test_end_to_end_with_a_real_watcher(tree: Path) -> None:
    """`tutor watch` as a process: a save by atomic rename is seen and graded; SIGINT ends it."""
    path = tree / "dot.py"
    path.write_text(DOUBLED)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tutor.cli", "--lessons", str(tree / "lessons"), "--data-dir",
         str(tree / "data"), "watch", EXERCISE, str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    reader = _LineReader(proc.stdout.fileno())
    try:
        first = reader.until(lambda line: line.startswith(FOOTER), deadline=120)
        assert any("dot.py: failed" in line for line in first)
        save(path, GOOD)
        second = reader.until(lambda line: line.startswith(FOOTER), deadline=60)
        assert any("dot.py: passed" in line for line in second)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = proc.stderr.read().decode()
    assert "Traceback" not in err and "tutor watch: stopped" in err
    assert attempts(tree) == (2, True)


class _LineReader:
    """Lines from a pipe, waiting for one that matches, never past a deadline."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.selector = selectors.DefaultSelector()
        self.selector.register(fd, selectors.EVENT_READ)

    def until(self, done: Callable[[str], bool], deadline: float) -> list[str]:
        """Lines read up to and including the first ``done`` one; fails after ``deadline`` s."""
        lines: list[str] = []
        end = time.monotonic() + deadline
        while True:
            while b"\n" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\n", 1)
                lines.append(raw.decode())
                if done(lines[-1]):
                    return lines
            left = end - time.monotonic()
            if left <= 0 or not self.selector.select(timeout=left):
                pytest.fail(f"no matching line within {deadline} s; read: {lines}")
            chunk = os.read(self.fd, 65536)
            if not chunk:
                pytest.fail(f"the process closed its output; read: {lines}")
            self.buffer += chunk
