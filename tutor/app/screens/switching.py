"""Switching course from the home screen: the installed courses are listed off the UI
thread (a pack's entry point may be slow or fail: that only leaves the picker out),
"Switch course" is offered only when more than one is installed, and the one picked
replaces the course in use (:meth:`tutor.app.app.TutorApp.switch_course`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.worker import get_current_worker

if TYPE_CHECKING:
    from tutor.app.app import TutorApp
    from tutor.courses.registry import InstalledCourse


class CourseSwitching:
    """Mixed into the home screen, a ``Screen`` whose ``tutor`` is the app."""

    tutor: TutorApp  # the screen's (self.app, self.log and refresh_bindings are too)

    def _find_courses(self) -> None:
        """List the installed courses (a pack's entry point may be slow or fail: that
        only leaves the picker out)."""
        from tutor.courses.registry import installed_courses

        try:
            found = installed_courses()
        except Exception as exc:  # noqa: BLE001 - the picker is optional
            self.log.error(f"listing courses failed: {exc!r}")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._courses_found, found)

    def _courses_found(self, found: list[InstalledCourse]) -> None:
        self.tutor.installed = found
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """"Switch course" is offered only when more than one course is installed."""
        if action == "courses":
            return len(self.tutor.installed) > 1
        return True

    def action_courses(self) -> None:
        from tutor.app.screens.courses import CoursePicker

        if len(self.tutor.installed) < 2:
            return

        def picked(chosen: InstalledCourse | None) -> None:
            if chosen is not None and chosen.id != self.tutor.current_course:
                # after the picker has closed: switching replaces this very screen
                self.app.call_later(self.tutor.switch_course, chosen)

        self.app.push_screen(CoursePicker(self.tutor.installed, self.tutor.current_course),
                             picked)

