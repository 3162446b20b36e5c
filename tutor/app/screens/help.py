"""The help screen (``?`` or F1): how to get around and what every key does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from tutor.app.styles import SCREENS_CSS

HELP_TEXT = """\
# How to use tutor

Each **pillar** of the math behind machine learning holds lessons. A lesson is a
series of steps: reading, questions, plots, and **exercises** where you write the
function yourself in numpy. Your progress and your code are saved as you go.

In the lesson list, ○ is not started, ◐ started and ★ mastered (every exercise
passed, and the checkpoint if there is one).

## Everywhere
- `F1` (or `?` outside a text box): this help
- `ctrl+p`: command palette: jump to any lesson or exercise, check, hint, home…
- `ctrl+t`: switch between light and dark
- `ctrl+q`: quit

## Home
- `↑` `↓`: move through the pillars or the lessons
- `enter` or `→`: from a pillar to its lessons; on a lesson, open it
- `←`: back to the pillars; `tab` moves between Continue and the two lists
- `c`: continue where you left off; `q`: quit
- `s`: switch to another installed course (when there is more than one); each
  course keeps its own progress

## In a lesson
- `ctrl+n` / `ctrl+b`: next / previous step (`alt+→` / `alt+←` if `ctrl+b` is
  taken, as in tmux)
- `ctrl+o`: table of contents (or the step counter between Back and Next)
- `escape`: leave the editor; then close the contents, or go home

## Questions
- choices: `↑` `↓` to move, `enter` to answer
- numbers and words: type, then `enter`; `0.25`, `1/4` and `25%` all work
- a wrong answer gets a second try before the right one is shown

## In an exercise
- `ctrl+r`: **Run**: call your function on the first case, show what it returns and prints
- `ctrl+s`: **Check**: grade your function on every case
- `ctrl+↓` / `ctrl+↑`: scroll the results
- `shift+tab` from the editor: the exercise text, grown to be read with `↑` `↓`;
  `tab` goes back to the editor
- `ctrl+g`: reveal the next hint
- `ctrl+l`: plot your results beside the reference (after a check that draws one)
- `F7`: show the solution (offered after three failed checks)
- `F8`: reset the code to the starter (`ctrl+z` undoes)
- in the solution, `ctrl+u` copies it into the editor; `escape` closes it (and a plot)

## In the editor
- `ctrl+a`: select everything; then type, or press backspace, to replace it
- `tab`: indent (every selected line); `backspace` in the indentation: one level back
- `enter` keeps the indentation, one level deeper after a `:`
- `ctrl+z` / `ctrl+y`: undo / redo
- `shift+←→↑↓`: select; `ctrl+c` / `ctrl+x` / `ctrl+v`: copy, cut, paste
- pasting from your terminal (`ctrl+shift+v`, `cmd+v`) works too
- `escape`: leave the editor (focus moves to the buttons below)

## In a checkpoint
- `tab`: next question; `ctrl+s`: submit; `escape`: back to the lesson

## Review
What you got right comes back for review, spaced out by how well you did.
- `r` on the home screen: review what is due today ("Review · N due")
- an exercise starts again from its starter code, checked on new random cases
- `ctrl+n` (or `alt+→`): next item; moving on without passing counts as a miss
- `F6`: after passing, the code you passed with before
- `escape`: leave the editor; then back home

The mouse works too: click buttons, lists, choices and the editor.
"""


class HelpScreen(ModalScreen[None]):
    """Keys and navigation, over the current screen."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Markdown(HELP_TEXT)

    def on_mount(self) -> None:
        self.query_one("#help-dialog").focus()
