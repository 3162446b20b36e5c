"""The reference's outputs on disk, so that a one-shot ``tutor check`` need not run the
lesson's reference solution again.

An entry holds what the reference's child sent for an exercise's fixed and seeded cases
(every case is one or the other: see :mod:`tutor.grading.cases`), as the plain JSON it
came in. It is keyed by a hash of the exercise (:func:`~tutor.grading.reference.
fingerprint`: its code, cases and settings), this tutor's version and the versions of
Python, numpy, scipy (and torch, for an exercise verified with it) the worker runs. It
is read back through the same checks as a live child's messages (:mod:`tutor.grading.
messages`, against the plan of cases), and used only if those messages make a
reference with no problem; anything else (missing, stale, damaged) runs the reference
and writes the entry again. Only runs without a problem are stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor import __version__, cachefile, paths
from tutor.grading import childrun, messages, wire
from tutor.grading.reference import Reference, fingerprint
from tutor.grading.sandbox import RunOutcome

if TYPE_CHECKING:
    from tutor.grading.cases import CaseSpec
    from tutor.lessons.exercise import ExerciseStep

FORMAT = 1
WHAT = "the reference cache"
MAX_ENTRY_CHARS = 16 * 2**20  # a reference whose data is larger is not kept


def default_folder(data_dir: str | Path | None = None) -> Path:
    """Where the app and the commands keep the references' outputs."""
    return paths.cache_dir(data_dir) / "references"


class ReferenceStore:
    """Reference runs kept in ``folder``; ``notice`` says why the last entry read could
    not be used, when it was there but damaged."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.notice: str | None = None

    def _path(self, exercise: ExerciseStep, versions: dict[str, str]) -> tuple[Path, str]:
        parts = [f"{k}={versions[k]}" for k in sorted(versions)]
        key = cachefile.text_digest(str(FORMAT), __version__, fingerprint(exercise), *parts)
        return self.folder / f"{key}.json", key

    def load(self, exercise: ExerciseStep, specs: list[CaseSpec], versions: dict[str, str],
             time_limit: float, who: str) -> Reference | None:
        """The stored reference run of these ``specs`` (the exercise's full plan), checked
        like a live run, or None."""
        path, key = self._path(exercise, versions)
        read = cachefile.read_json(path, _valid, WHAT)
        self.notice = read.notice
        if read.data is None or read.data["key"] != key:
            return None
        try:
            checked = messages.check(read.data["messages"], len(specs))
        except messages.Malformed as exc:
            self.notice = f"{WHAT} at {path} was damaged ({exc}); ran the reference again"
            return None
        outcome = RunOutcome(messages=checked, exit_code=0)
        runs = childrun.collect(outcome, len(specs))
        if childrun.reference_problem(outcome, specs, runs, time_limit, who) is not None:
            self.notice = f"{WHAT} at {path} was damaged (an incomplete run); ran it again"
            return None
        return Reference(specs, [r or childrun.CaseRun() for r in runs])

    def save(self, exercise: ExerciseStep, versions: dict[str, str],
             outcome: RunOutcome) -> bool:
        """Keep this reference run (one that had no problem); False if it was not kept."""
        path, key = self._path(exercise, versions)
        entry = {"key": key, "messages": [_plain(m) for m in outcome.messages]}
        return cachefile.write_json(path, entry, MAX_ENTRY_CHARS)


def _plain(value: Any) -> Any:
    """A checked message back as the plain JSON the child sent."""
    if isinstance(value, wire.Checked):
        return value.raw
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _valid(data: Any) -> bool:
    return (isinstance(data, dict) and set(data) == {"key", "messages"}
            and isinstance(data["key"], str) and isinstance(data["messages"], list))
