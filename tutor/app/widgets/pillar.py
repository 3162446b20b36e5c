"""One pillar in the home screen's list: its title, then a progress bar and mastery.

Each pillar is one option of an ``OptionList`` (two lines of text), not a widget of its
own with a ``ProgressBar`` in it: the list shows the same and draws much sooner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from tutor.progress.mastery import PillarMastery

BAR_WIDTH = 10
# the colours of Textual's ProgressBar: done so far, done in full, the rest
BAR_STYLE, BAR_COMPLETE_STYLE, BAR_REST_STYLE = "$primary", "$success", "$surface"
LABEL_STYLE = "$foreground-muted"  # ($text-muted is not resolved in an option)


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


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> Content:
    """``done`` out of ``total`` as a bar ``width`` cells wide, in half cells (as
    Textual's ProgressBar draws it)."""
    halves = round(2 * width * min(max(done, 0), total) / total) if total > 0 else 0
    full, half = divmod(halves, 2)
    style = BAR_COMPLETE_STYLE if total > 0 and done >= total else BAR_STYLE
    return Content.assemble(
        Content.styled("━" * full + "╸" * half, style),
        Content.styled("━" * (width - full - half), BAR_REST_STYLE),
    )


def pillar_prompt(title: str, mastery: PillarMastery | None) -> Content:
    """What the list shows of one pillar: its title in bold, and under it a bar (when it
    has exercises or checkpoints) and the words of :func:`pillar_summary`."""
    done, total, label = pillar_summary(mastery)
    second = [progress_bar(done, total)] if total else []
    return Content.assemble(Content.styled(title, "bold"), "\n", *second,
                            Content.styled(f" {label}", LABEL_STYLE))


def pillar_option(pillar: str, title: str, mastery: PillarMastery | None) -> Option:
    """The option of one pillar; its id is ``pillar-<pillar>``."""
    return Option(pillar_prompt(title, mastery), id=pillar_option_id(pillar))


def pillar_option_id(pillar: str) -> str:
    return f"pillar-{pillar}"
