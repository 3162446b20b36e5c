"""One pillar in the home screen's list: its title, a progress bar and mastery."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ListItem, ProgressBar

from tutor.progress.mastery import PillarMastery


def pillar_summary(mastery: PillarMastery | None) -> tuple[int, int, str]:
    """(done, total, label) for a pillar: ``PillarMastery.done`` out of ``.total``."""
    if mastery is None:
        return 0, 0, "…"
    if mastery.lessons == 0:
        return 0, 0, "no lessons yet"
    done, total = mastery.done, mastery.total
    if total == 0:
        return 0, 0, f"{mastery.lessons} lesson{'s' * (mastery.lessons != 1)}"
    if mastery.mastered:
        return done, total, f"{done}/{total} ★ mastered"
    label = f"{done}/{total} done"
    if mastery.checkpoint_passed:
        label += " · checkpoint ✓"
    return done, total, label


class PillarItem(ListItem):
    """A list entry for one pillar; ``pillar`` is its key in ``PILLARS``."""

    def __init__(self, pillar: str, title: str, mastery: PillarMastery | None) -> None:
        super().__init__(id=f"pillar-{pillar}")
        self.pillar = pillar
        self.title = title
        self.mastery = mastery

    def compose(self) -> ComposeResult:
        done, total, label = pillar_summary(self.mastery)
        yield Label(self.title, classes="pillar-title")
        with Horizontal(classes="pillar-progress"):
            yield ProgressBar(total=max(total, 1), show_eta=False, show_percentage=False,
                              classes="" if total else "-hidden")
            yield Label(label, classes="pillar-label")

    def on_mount(self) -> None:
        self.update_mastery(self.mastery)

    def update_mastery(self, mastery: PillarMastery | None) -> None:
        """Show new progress numbers without rebuilding the item."""
        self.mastery = mastery
        done, total, label = pillar_summary(mastery)
        self.query_one(".pillar-label", Label).update(label)
        bar = self.query_one(ProgressBar)
        bar.set_class(not total, "-hidden")
        bar.update(total=max(total, 1), progress=done)
