"""Waiting for a worker to end (``sandbox._exited``): it reaps a process that ended,
reports one still running, and copes with one reaped already."""

from __future__ import annotations

import subprocess
import sys

from tutor.grading import sandbox


def test_an_ended_process_is_reaped() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    assert sandbox._exited(proc, 30.0)
    assert proc.returncode == 3


def test_a_running_process_is_reported_running() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert not sandbox._exited(proc, 0.05)
        assert proc.returncode is None
    finally:
        proc.kill()
        proc.wait()


def test_a_process_reaped_already_counts_as_ended() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert sandbox._exited(proc, 1.0)
    assert proc.returncode == 0
