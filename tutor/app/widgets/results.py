"""The results panel: what Run or Check found, in words the learner can act on.

A verdict is shown as a status line and rows in two columns, a label and its text, so
long messages and values wrap under themselves:

    ✗ Not yet: 39 of 39 cases differ from the reference.
    •        [2, 3, 1] · [4, 1, 5]: wrong shape: got (3,), expected ()
    •        You returned the products as an array, one per entry…
    Inputs   np.array([2, 3, 1]), np.array([4, 1, 5])
    Expected 16
    Got      [8, 3, 5]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tutor.app.prose import inline_code, plain
from tutor.grading.verdict import STATUS_TEXT
from tutor.lessons.display import reflow
from tutor.safetext import clip

if TYPE_CHECKING:
    from tutor.grading.verdict import CaseResult, RunResult, Verdict

MAX_VALUE_CHARS = 600
BULLET = "•"

Row = tuple[str, str]  # (label, text); the label BULLET marks a message


def shorten(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    """Cap long values so the panel stays readable."""
    return clip(str(text), limit)


def case_rows(case: CaseResult, *, named: bool = True, explained: bool = True) -> list[Row]:
    """A ``CaseResult`` as rows: its name (when ``named``), its inputs, what was expected
    and what came back, where they differ, then its message and note (when
    ``explained``; a verdict says those in its own messages)."""
    rows: list[Row] = [("Case", case.name)] if named and case.name else []
    for label, value in (("Inputs", case.inputs), ("Expected", case.expected),
                         ("Got", case.got)):
        if value:
            rows.append((label, shorten(value)))
    if case.where:
        rows.append(("Where", case.where))
    if explained:
        rows += [(BULLET, shorten(reflow(value), 2000)) for value in (case.message, case.note)
                 if value]
    return rows


def verdict_rows(verdict: Verdict) -> list[Row]:
    """Messages (the headline left to the status line when it passed), the failing case
    and captured output of a verdict."""
    messages = verdict.details if verdict.passed else verdict.messages
    rows: list[Row] = [(BULLET, reflow(m)) for m in messages if m]
    if verdict.failing is not None and not verdict.passed:
        rows += case_rows(verdict.failing, named=not verdict.case_headline, explained=False)
    if verdict.stdout.strip():
        rows.append(("Printed", shorten(verdict.stdout.rstrip(), 1500)))
    return rows


def verdict_status(verdict: Verdict) -> str:
    """The one-line summary of a verdict: passed, how many cases differ, or too slow (the
    speed check is not counted as a case)."""
    status, cases = verdict.status, verdict.judged_cases
    if verdict.passed:
        if cases:
            return f"✓ Passed: all {len(cases)} cases match the reference. Next step: ctrl+n"
        return STATUS_TEXT["passed"]
    wrong = sum(not c.passed for c in cases)
    if status == "failed" and cases and wrong:
        return f"✗ Not yet: {wrong} of {len(cases)} cases differ from the reference."
    if status == "failed" and verdict.speed is not None and not verdict.speed.passed:
        return f"✗ Not yet: all {len(cases)} cases match the reference, but it is too slow."
    return STATUS_TEXT.get(status, f"✗ {status}")


def run_rows(result: RunResult, call: str | None = None) -> tuple[bool, str, list[Row]]:
    """(ok, status line, rows) for a RunResult on the first fixed case (``call`` shows the
    arguments it was called with)."""
    ok = result.ok
    rows: list[Row] = []
    if call:
        rows.append(("Called", shorten(call)))
    if ok:
        rows.append(("Returned", shorten(result.value_repr)))
    elif result.error:
        rows.append((BULLET, shorten(result.error, 2000)))
    if result.stdout.strip():
        rows.append(("Printed", shorten(result.stdout.rstrip(), 1500)))
    status = "▶ Ran your code on the first case." if ok else "✗ Running your code failed."
    return ok, status, rows


def rows_text(rows: list[Row]) -> str:
    """Rows as plain text, one per line ("• message", "Label: value")."""
    return "\n".join(f"{label} {plain(text)}" if label == BULLET else f"{label}: {text}"
                     for label, text in rows)


def result_row(label: str, text: str) -> Horizontal:
    """A label column and a text column that wraps under itself."""
    message = label == BULLET
    return Horizontal(
        Static(Content(label), classes="result-label"),
        Static(inline_code(text) if message else Content(text), classes="result-text"),
        classes="result-row -message" if message else "result-row",
    )


class ResultsPanel(VerticalScroll):
    """Shows a verdict, a run result or a problem; a short guide until the first Run/Check.

    ``status_text`` and ``body_text`` keep what is shown as plain text."""

    status_text = ""
    body_text = ""

    def compose(self) -> ComposeResult:
        yield Static("Run (ctrl+r) calls your function on the first case; Check (ctrl+s) "
                     "grades it on every case.", id="result-status", markup=False)
        yield Vertical(id="result-rows")

    def _set(self, status: str, rows: list[Row], state: str) -> None:
        self.status_text, self.body_text = status, rows_text(rows)
        for name in ("passed", "failed", "info"):
            self.set_class(name == state, f"-{name}")
        self.query_one("#result-status", Static).update(Content(status))
        box = self.query_one("#result-rows", Vertical)
        box.remove_children()
        if rows:
            box.mount_all(result_row(label, text) for label, text in rows)
        self.scroll_home(animate=False)

    def add_note(self, text: str) -> None:
        """One more message under what is shown."""
        self.body_text = "\n".join(filter(None, [self.body_text, rows_text([(BULLET, text)])]))
        self.query_one("#result-rows", Vertical).mount(result_row(BULLET, text))

    def show_verdict(self, verdict: Verdict) -> None:
        self._set(verdict_status(verdict), verdict_rows(verdict),
                  "passed" if verdict.passed else "failed")

    def show_run(self, result: RunResult, call: str | None = None) -> None:
        ok, status, rows = run_rows(result, call)
        self._set(status, rows, "info" if ok else "failed")

    def show_problem(self, message: str) -> None:
        self._set("⚠ Something went wrong while grading.", [(BULLET, message)], "failed")

    def show_info(self, status: str, body: str = "") -> None:
        self._set(status, [(BULLET, body)] if body else [], "info")
