"""The command line itself: `tutor --help` lists every command with its summary, a
mistyped command is refused by name, and opening the app (no command) imports no
command's module."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tutor import cli


def test_help_lists_every_command_with_its_summary(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["--help"])
    assert stop.value.code == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps the summaries
    for name, (_, summary) in cli.COMMANDS.items():
        assert f"{name} {summary}" in out


def test_a_mistyped_command_is_refused_with_the_choices(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["chek", "linear-algebra/dot-product", "dot.py"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'chek'" in err and "check" in err and "watch" in err


def test_a_command_gets_its_own_options_and_summary(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["check", "--help"])
    out = capsys.readouterr().out
    assert "--no-record" in out and "EXERCISE_ID" in out


def test_opening_the_app_imports_no_command_module() -> None:
    script = ("import sys\nimport tutor.app.launch as launch\n"
              "launch.launch = lambda **kwargs: 0\nfrom tutor.cli import main\n"
              "code = main([])\nprint(code, *sorted(sys.modules))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out[0] == "0"
    assert not [m for m in out if m.startswith("tutor.commands")]
