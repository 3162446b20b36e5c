"""The course picker: every installed course, the one in use marked; broken ones shown
with their first problem and not selectable."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tutor.app.styles import SCREENS_CSS
from tutor.courses.registry import InstalledCourse


def course_line(course: InstalledCourse, current: bool) -> Text:
    """``● id  version  title`` and, for a course that cannot be used, why."""
    line = Text(f"{'●' if current else ' '} {course.id}  {course.version}  ", style="bold")
    line.append(course.title, style="")
    line.append(f"\n    {course.source}", style="dim")
    if not course.ok:
        reason = course.errors[0] if course.errors else "cannot be used"
        line.append(f"\n    ✗ {reason[:200]}", style="red")
    return line


class CoursePicker(ModalScreen[InstalledCourse | None]):
    """Pick a course; dismisses with it, or None when closed."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape", "dismiss(None)", "Close", priority=True)]

    def __init__(self, courses: list[InstalledCourse], current: str | None) -> None:
        super().__init__()
        self.courses = courses
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="course-dialog"):
            yield Label("Courses", id="course-title")
            yield Static("Each course keeps its own progress. Enter opens one; escape closes.",
                         id="course-advice", markup=False)
            yield OptionList(*[Option(course_line(c, c.id == self.current), id=c.id,
                                      disabled=not c.ok) for c in self.courses],
                             id="course-list")

    def on_mount(self) -> None:
        options = self.query_one("#course-list", OptionList)
        options.focus()
        for i, course in enumerate(self.courses):
            if course.id == self.current:
                options.highlighted = i

    @on(OptionList.OptionSelected, "#course-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        chosen = next(c for c in self.courses if c.id == event.option.id)
        self.dismiss(chosen)
