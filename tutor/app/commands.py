"""Command-palette providers: jump to any lesson or exercise; act on the open exercise."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tutor.lessons.model import PILLAR_TITLES, ExerciseStep

if TYPE_CHECKING:
    from tutor.app.app import TutorApp
    from tutor.app.widgets.exercise import ExercisePanel


class LessonCommands(Provider):
    """"Open lesson: …" and "Exercise: …" for every lesson and exercise of the course."""

    def _targets(self) -> list[tuple[str, str, Callable[[], None]]]:
        app = cast("TutorApp", self.app)
        targets: list[tuple[str, str, Callable[[], None]]] = []
        for lesson in app.course.lessons:
            pillar = PILLAR_TITLES.get(lesson.pillar, lesson.pillar)
            summary = lesson.summary if len(lesson.summary) <= 60 else lesson.summary[:59] + "…"
            targets.append((f"Open lesson: {lesson.title}", f"{pillar} · {summary}",
                            partial(app.open_lesson, lesson.id)))
            for index, step in enumerate(lesson.steps):
                if isinstance(step, ExerciseStep):
                    targets.append((f"Exercise: {step.title}", f"{pillar} · {lesson.title}",
                                    partial(app.open_lesson, lesson.id, index)))
        return targets

    async def discover(self) -> Hits:
        for text, help_text, command in self._targets():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, command in self._targets():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, help=help_text)


class ExerciseCommands(Provider):
    """Run, check, hint, reset and solution for the exercise on screen, if any."""

    ACTIONS: tuple[tuple[str, str, str], ...] = (
        ("Check my solution", "check", "Grade the code on every case"),
        ("Run my code", "run", "Call it on the first case and show the result"),
        ("Show the next hint", "hint", "Reveal one more hint"),
        ("Plot my results", "plot", "Your results beside the reference, after a check"),
        ("Reset code to the starter", "reset", "Replace the editor's code (undo with ctrl+z)"),
        ("Show the solution", "show_solution", "Offered after three failed checks"),
    )

    def _panel(self) -> ExercisePanel | None:
        from tutor.app.widgets.exercise import ExercisePanel

        panels = self.screen.query(ExercisePanel)
        return panels.first() if panels else None

    async def _hits(self) -> AsyncIterator[tuple[str, str, Callable[[], object]]]:
        panel = self._panel()
        if panel is None:
            return
        for text, action, help_text in self.ACTIONS:
            yield text, help_text, partial(panel.run_action, action)

    async def discover(self) -> Hits:
        async for text, help_text, command in self._hits():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        async for text, help_text, command in self._hits():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, help=help_text)
