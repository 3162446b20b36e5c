"""`tutor plot LESSON_ID [STEP]` on a small lesson tree."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from tutor import cli

LESSON = """\
id: optimization/learning-rate
title: The learning rate
pillar: optimization
order: 1
summary: Too small crawls, too large diverges.
steps:
  - kind: text
    body: Gradient descent takes steps downhill.
  - kind: plot
    title: Three learning rates
    plot:
      kind: lr-comparison
      params: {lrs: [0.001, 0.01, 0.1], steps: 100}
    caption: The largest rate overshoots and diverges.
  - kind: text
    body: Now a schedule.
  - kind: plot
    title: Warmup and cosine decay
    plot:
      kind: schedule
      params: {total_steps: 1000, warmup_steps: 100, peak_lr: 0.001}
"""

NO_PLOTS = """\
id: optimization/no-plots
title: No plots
pillar: optimization
order: 2
summary: Nothing to draw.
steps:
  - kind: text
    body: Just words.
"""


def test_every_subcommand_imports() -> None:
    """Each command module the CLI names loads (an ImportError here is a failure, not a
    reason to skip the tests below)."""
    for module, _ in cli.COMMANDS.values():
        importlib.import_module(module)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    folder = tmp_path / "optimization"
    folder.mkdir()
    (folder / "01-learning-rate.yaml").write_text(LESSON)
    (folder / "02-no-plots.yaml").write_text(NO_PLOTS)
    return tmp_path


def _run_plot(argv: list[str]) -> int:
    """The plot command through a parser that imports no other command's module."""
    args = cli.build_parser({"plot"}).parse_args(argv)
    return args.handler(args)


def test_all_plots_of_a_lesson(tree: Path, capsys) -> None:
    assert _run_plot(["plot", "optimization/learning-rate", "--lessons", str(tree)]) == 0
    out = capsys.readouterr().out
    assert "Three learning rates" in out and "Warmup and cosine decay" in out
    assert "lr=0.1 (diverged)" in out
    assert "The largest rate overshoots and diverges." in out
    assert "\x1b[" not in out


def test_one_plot_by_its_number_among_plot_steps(tree: Path, capsys) -> None:
    assert _run_plot(["plot", "optimization/learning-rate", "2", "--lessons", str(tree)]) == 0
    out = capsys.readouterr().out
    assert "Warmup and cosine decay" in out and "Three learning rates" not in out
    block = out.rstrip("\n").splitlines()
    assert len(block) <= 24 and max(map(len, block)) <= 80


def test_size_and_colour_options(tree: Path, capsys) -> None:
    argv = ["plot", "optimization/learning-rate", "1", "--lessons", str(tree), "--width", "60",
            "--height", "18", "--color"]
    assert _run_plot(argv) == 0
    out = capsys.readouterr().out
    assert "\x1b[" in out


def test_list(tree: Path, capsys) -> None:
    assert _run_plot(["plot", "optimization/learning-rate", "--list", "--lessons",
                      str(tree)]) == 0
    out = capsys.readouterr().out
    assert "1. Three learning rates" in out and "2. Warmup and cosine decay" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["plot", "optimization/learning-rat"], "unknown lesson"),
        (["plot", "optimization/learning-rate", "3"], "STEP must be 1..2"),
        (["plot", "optimization/learning-rate", "0"], "STEP must be 1..2"),
        (["plot", "optimization/no-plots", "1"], "no plot steps"),
    ],
)
def test_unknown_lesson_or_step_exits_2(tree: Path, capsys, argv: list[str],
                                        fragment: str) -> None:
    assert _run_plot([*argv, "--lessons", str(tree)]) == 2
    err = capsys.readouterr().err
    assert fragment in err


def test_unknown_lesson_suggests_a_close_id(tree: Path, capsys) -> None:
    _run_plot(["plot", "optimization/learning-rat", "--lessons", str(tree)])
    assert "did you mean optimization/learning-rate" in capsys.readouterr().err


def test_through_the_real_cli(tree: Path, capsys) -> None:
    assert cli.main(["plot", "optimization/learning-rate", "1", "--lessons", str(tree)]) == 0
    assert "Three learning rates" in capsys.readouterr().out
    assert cli.main(["--lessons", str(tree), "plot", "optimization/nope"]) == 2
    assert "unknown lesson" in capsys.readouterr().err


def test_help_documents_step(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["plot", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "counting its plot steps from 1" in out
