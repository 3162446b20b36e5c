"""`tutor check`: one verdict per file, --json, exit codes, recording, plots."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from tutor.cli import main

from .cli_lesson import write_check_tree


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_check_tree(tmp_path)


def run(tree: Path, *args: str) -> int:
    return main(["--lessons", str(tree / "lessons"), "--data-dir", str(tree / "data"), "check",
                 *args])


def test_human_output_and_exit_codes(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tree, "linear-algebra/dot-product", str(tree / "good.py"), "--no-record") == 0
    out = capsys.readouterr().out
    assert "good.py: passed" in out and "\x1b[" not in out
    code = run(tree, "linear-algebra/dot-product", str(tree / "good.py"),
               str(tree / "doubled.py"), "--no-record")
    assert code == 1
    out = capsys.readouterr().out
    assert "doubled.py: failed" in out and "case: the worked example" in out
    assert "expected: 16" in out and "got:      32" in out
    assert "Why twice?" in out and "known mistake: doubled" in out


def test_json_lines(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(tree, "linear-algebra/dot-product", str(tree / "good.py"),
               str(tree / "doubled.py"), "--json", "--no-record")
    assert code == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(x["file"].endswith("good.py"), x["passed"], x["status"]) for x in lines] == [
        (True, True, "passed"), (False, False, "failed")]
    for line in lines:
        assert line["exercise"] == "linear-algebra/dot-product"
        assert isinstance(line["messages"], list) and isinstance(line["duration_ms"], float)
        assert line["messages"][0] == line["headline"] and line["refusals"] == []
    doubled = lines[1]
    assert doubled["mistake"] == "doubled" and doubled["known_mistake"]["name"] == "doubled"
    assert doubled["notes"] == [doubled["known_mistake"]["message"]] == doubled["messages"][1:]
    assert doubled["headline"].startswith(doubled["failing"]["name"] + ": ")


def test_usage_errors(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tree, "linear-algebra/dot-prodcut", str(tree / "good.py")) == 2
    assert "did you mean linear-algebra/dot-product" in capsys.readouterr().err
    assert run(tree, "linear-algebra/dot-product", str(tree / "missing.py")) == 2
    assert "cannot read" in capsys.readouterr().err
    assert run(tree, "linear-algebra/dot-product") == 2


def test_list(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tree, "--list") == 0
    assert capsys.readouterr().out.startswith("linear-algebra/dot-product")


def test_attempts_are_recorded(tree: Path) -> None:
    assert run(tree, "linear-algebra/dot-product", str(tree / "doubled.py")) == 1
    from tutor.progress import ProgressStore

    with ProgressStore.open(tree / "data") as store:
        state = store.exercise_state("linear-algebra/dot-product")
    assert state.attempts == 1 and not state.passed


TRANSPOSED = """\
import numpy as np

def matmul_fast(A, B):
    A, B = np.asarray(A, float), np.asarray(B, float)
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    out = (A[:, :, None] * B[None, :, :]).sum(axis=1)
    return out.T if out.shape[0] == out.shape[1] else out
"""


def test_a_wrong_array_shows_where_it_differs(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "t.py").write_text(TRANSPOSED)
    code = main(["--data-dir", str(tmp_path / "data"), "check",
                 "linear-algebra/vectorized-matmul", str(tmp_path / "t.py"), "--no-record"])
    out = capsys.readouterr().out
    assert code == 1
    assert "where:    2 of 4 entries differ (2×2; ✗ differs, · matches):" in out
    assert "              · ✗\n              ✗ ·\n" in out
    assert "transpose" in out


def test_a_plot_exercise_draws_its_plot_and_gives_its_data_in_json(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tutor.lessons.loader import load_course

    sigmoid = load_course().exercise("calculus/sigmoid")
    assert sigmoid.plot is not None
    (tmp_path / "sigmoid.py").write_text(sigmoid.solution)
    args = ["--data-dir", str(tmp_path / "data"), "check", "calculus/sigmoid",
            str(tmp_path / "sigmoid.py"), "--no-record"]
    assert main(args) == 0
    assert "Your σ′(z) beside the reference" in capsys.readouterr().out
    assert main([*args, "--json"]) == 0
    plot = json.loads(capsys.readouterr().out)["plot_data"]
    assert plot["kind"] == sigmoid.plot.kind and plot["title"] == sigmoid.plot.title
    assert plot["params"] == sigmoid.plot.params
    assert plot["learner"] == plot["reference"] and len(plot["learner"]) > 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_torch_start_is_announced_on_a_terminal_only() -> None:
    from tutor.commands.verdicts import announce_torch

    on_terminal, piped = SimpleNamespace(on_torch_start=None), SimpleNamespace(on_torch_start=None)
    screen = _Terminal()
    announce_torch(on_terminal, "tutor check", screen)  # type: ignore[arg-type]
    announce_torch(piped, "tutor check", io.StringIO())  # type: ignore[arg-type]
    assert piped.on_torch_start is None and screen.getvalue() == ""
    on_terminal.on_torch_start()
    assert screen.getvalue().startswith("tutor check: starting PyTorch for this exercise's "
                                        "reference (a few seconds")
