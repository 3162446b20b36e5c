"""The help screen (``?`` or F1): how to get around and what every key does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP_TEXT = """\
# How to use tutor

Each **pillar** of the math behind machine learning holds lessons. A lesson is a
series of steps: reading, questions, plots, and **exercises** where you write the
function yourself in numpy. Your progress is saved as you go.

## Everywhere
- `?` or `F1`: this help
- `ctrl+p`: command palette: jump to any lesson or exercise, check, hint…
- `ctrl+t`: switch between light and dark
- `ctrl+q`: quit

## Home
- `↑` `↓`: move through pillars or lessons
- `enter`: open the pillar's lessons, or the lesson
- `tab`: move between the pillar list and the lesson list
- `c`: continue where you left off

## In a lesson
- `ctrl+n` / `ctrl+b`: next / previous step
- `ctrl+o`: table of contents
- `escape`: leave the editor; again to go home

## In an exercise
- `ctrl+r`: **Run**: call your function on the first case, show what it returns and prints
- `ctrl+s`: **Check**: grade your function on every case
- `ctrl+g`: reveal the next hint
- `F7`: show the solution (offered after three failed checks)
- `F8`: reset the code to the starter (`ctrl+z` undoes)
- `tab`: indent (the editor keeps indentation when you press enter)

Your code is saved as a draft while you type. The mouse works too: click
buttons, lists and the editor.
"""


class HelpScreen(ModalScreen[None]):
    """Keys and navigation, over the current screen."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Markdown(HELP_TEXT)

    def on_mount(self) -> None:
        self.query_one("#help-dialog").focus()
