"""Smoke test in a real terminal: the ``tutor`` console script in tmux (100x32).

Home → first pillar → first lesson → step forward to the dot-product exercise →
select all (ctrl+a) → type a solution over the starter → Check → poll the screen
until "passed".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed (CI installs it; apt install tmux)")

SOLUTION = "def dot(a, b): return float((a*b).sum())"
OVERALL_TIMEOUT_S = 180.0


def first_lesson() -> tuple[str, int]:
    """Title of the first linear-algebra lesson and the dot-product exercise's step in it
    (from 1), so the test walks there the way a learner would."""
    from tutor.lessons.loader import load_course

    lessons = load_course().by_pillar()["linear-algebra"]
    ids = [getattr(step, "id", None) for step in lessons[0].steps] if lessons else []
    if "linear-algebra/dot-product" not in ids:
        pytest.skip("the built-in course's first lesson has no dot-product exercise")
    return lessons[0].title, ids.index("linear-algebra/dot-product") + 1


def tutor_script() -> str:
    """The console script of the environment running the tests."""
    found = shutil.which("tutor", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the tutor console script is not installed next to this Python")
    return found


class Tmux:
    """A private tmux server (own socket) with one session running a command."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                             text=True, check=True, timeout=30)
        return out.stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "tutor", *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "tutor", "-l", text)

    def screen(self, styled: bool = False) -> str:
        """The pane's text; ``styled``: with its colours as escape sequences."""
        return self.run("capture-pane", "-p", *(["-e"] if styled else []), "-t", "tutor")

    def styled(self, text: str | None) -> str | None:
        """With its colours: the first line showing ``text`` (one word: colours may split
        words apart), or the whole screen."""
        screen = self.screen(styled=True)
        if text is None:
            return screen
        return next((line for line in screen.splitlines() if text in line), None)

    def keys_until_restyled(self, key: str, text: str | None, what: str,
                            deadline: float) -> None:
        """Press ``key``, then wait until the line showing ``text`` (None: the screen) is
        drawn differently: a highlight or a focus border moved, so the app has handled it."""
        before = self.styled(text)
        assert before is not None, f"{text!r} is not on the screen:\n{self.screen()}"
        self.keys(key)
        self.wait_for(lambda _: self.styled(text) != before, what, deadline)

    def wait_for(self, found: Callable[[str], bool], what: str, deadline: float,
                 every: float = 0.25) -> str:
        while True:
            screen = self.screen()
            if found(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up waiting for {what}; the screen was:\n{screen}")
            time.sleep(every)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    server = Tmux(f"tutor-test-{os.getpid()}-{tmp_path.name}")
    env = {"TERM": "xterm-256color", "TUTOR_DATA_DIR": str(tmp_path / "data")}
    command = f"{tutor_script()} --data-dir {tmp_path / 'data'}"
    server.run("new-session", "-d", "-s", "tutor", "-x", "100", "-y", "32",
               *[arg for k, v in env.items() for arg in ("-e", f"{k}={v}")], command)
    try:
        yield server
    finally:
        subprocess.run(["tmux", "-L", server.socket, "kill-server"], capture_output=True,
                       timeout=30)


def test_solve_the_dot_product_in_a_real_terminal(tmux: Tmux) -> None:
    title, exercise_step = first_lesson()
    deadline = time.monotonic() + OVERALL_TIMEOUT_S
    tmux.wait_for(lambda s: title in s and "Pillars" in s,
                  "the home screen with the first linear-algebra lesson", deadline)
    # open the pillar: its lessons take the focus (the focus border moves; nothing else
    # on the home screen changes by itself)
    tmux.keys_until_restyled("Enter", None, "the lesson list to take the focus", deadline)
    tmux.keys("Enter")  # open the first lesson
    tmux.wait_for(lambda s: "step 1 of" in s, "the lesson's first step", deadline)
    for step in range(2, exercise_step + 1):  # one step at a time, as a learner would
        tmux.keys("C-n")
        tmux.wait_for(lambda s, n=step: f"step {n} of" in s, f"step {step}", deadline)
    tmux.wait_for(lambda s: "def dot(a, b)" in s and "Check" in s,
                  "the dot-product exercise", deadline)
    # select all (the starter's last line is drawn selected): typing replaces the starter
    tmux.keys_until_restyled("C-a", "NotImplementedError", "the starter selected", deadline)
    tmux.type(SOLUTION)
    tmux.wait_for(lambda s: "float((a*b).sum())" in s and "NotImplementedError" not in s,
                  "the typed solution in place of the starter", deadline)
    tmux.keys("C-s")
    screen = tmux.wait_for(lambda s: "✓ passed" in s.lower() or "✗ " in s,
                           "the check's verdict", deadline)
    assert "✓ passed" in screen.lower(), screen
