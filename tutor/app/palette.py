"""The command palette: one provider, so entries come in a fixed order. First what
acts on the open exercise (check, run, hint…), then the app's commands (help, home,
light/dark, quit…), then a jump to every lesson and exercise of the course."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tutor.lessons.pillars import PILLAR_TITLES
from tutor.safetext import clip

if TYPE_CHECKING:
    from tutor.app.app import TutorApp
    from tutor.app.widgets.exercise import ExercisePanel

Entry = tuple[str, str, Callable[[], object]]  # (text, help, what it does)
HELP_WIDTH = 70

EXERCISE_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Check my solution", "check", "Grade the code on every case (ctrl+s)"),
    ("Run my code", "run", "Call it on the first case and show the result (ctrl+r)"),
    ("Show the next hint", "hint", "Reveal one more hint (ctrl+g)"),
    ("Plot my results", "plot", "Your results beside the reference, after a check (ctrl+l)"),
    ("Reset code to the starter", "reset", "Replace the editor's code; ctrl+z undoes (F8)"),
    ("Show the solution", "show_solution", "Offered after three failed checks (F7)"),
)


class TutorCommands(Provider):
    """Exercise actions, app commands, then lessons and exercises to jump to."""

    @property
    def tutor(self) -> TutorApp:
        return cast("TutorApp", self.app)

    def _exercise_panel(self) -> ExercisePanel | None:
        from tutor.app.widgets.exercise import ExercisePanel

        panels = self.screen.query(ExercisePanel)
        return panels.first() if panels else None

    def _entries(self) -> list[Entry]:
        from tutor.lessons.model import ExerciseStep  # loaded with the course by now

        entries: list[Entry] = []
        panel = self._exercise_panel()
        if panel is not None:
            entries += [(text, help_text, partial(panel.run_action, action))
                        for text, action, help_text in EXERCISE_ACTIONS]
        entries += [(command.title, command.help, command.callback)
                    for command in self.tutor.get_system_commands(self.screen)]
        for lesson in self.tutor.course.lessons:
            pillar = PILLAR_TITLES.get(lesson.pillar, lesson.pillar)
            entries.append((f"Open lesson: {lesson.title}",
                            clip(f"{pillar} · {lesson.summary}", HELP_WIDTH),
                            partial(self.tutor.open_lesson, lesson.id)))
            for index, step in enumerate(lesson.steps):
                if isinstance(step, ExerciseStep):
                    entries.append((f"Exercise: {step.title}",
                                    clip(f"{pillar} · {lesson.title}", HELP_WIDTH),
                                    partial(self.tutor.open_lesson, lesson.id, index)))
        return entries

    async def discover(self) -> Hits:
        for text, help_text, command in self._entries():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, command in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, help=help_text)
