"""The results panel: what Run or Check found, in words the learner can act on."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

STATUS_TEXT: dict[str, str] = {
    "passed": "✓ Passed: every case matches the reference.",
    "failed": "✗ Not yet: some cases differ from the reference.",
    "error": "✗ Your code raised an error.",
    "timeout": "⏱ Time limit reached: the code ran too long (an endless loop?).",
    "memory": "✗ Memory limit reached: the code used too much memory.",
    "killed": "✗ The run was stopped.",
}
MAX_VALUE_CHARS = 600


def shorten(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    """Cap long values so the panel stays readable."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def case_lines(case: Any) -> list[str]:
    """A ``CaseResult`` as lines: which case, its inputs, what was expected and got."""
    lines = []
    labelled = (("Case: ", "name"), ("Inputs:   ", "inputs"), ("Expected: ", "expected"),
                ("Got:      ", "got"))
    for label, name in labelled:
        value = getattr(case, name, None)
        if value not in (None, ""):
            lines.append(label + shorten(str(value)))
    for name in ("message", "note"):
        value = getattr(case, name, None)
        if value:
            lines.append(shorten(str(value), 2000))
    return lines


def verdict_body(verdict: Any) -> str:
    """Messages, the failing case and captured output of a verdict, as plain text."""
    parts: list[str] = []
    messages = [str(m) for m in (getattr(verdict, "messages", None) or [])]
    if messages:
        parts.append("\n".join(f"• {m}" for m in messages))
    failing = getattr(verdict, "failing", None)
    if failing is not None and not getattr(verdict, "passed", False):
        said = " ".join(messages)
        parts.append("\n".join(line for line in case_lines(failing) if line not in said))
    stdout = getattr(verdict, "stdout", "") or ""
    if stdout.strip():
        parts.append("Printed:\n" + shorten(stdout.rstrip(), 1500))
    return "\n\n".join(parts)


def run_body(result: Any) -> tuple[bool, str, str]:
    """(ok, status line, body) for a RunResult on the first fixed case."""
    ok = bool(getattr(result, "ok", False))
    lines: list[str] = []
    error = getattr(result, "error", None)
    if ok:
        lines.append(f"Returned: {shorten(getattr(result, 'value_repr', ''))}")
    elif error:
        lines.append(shorten(str(error), 2000))
    stdout = getattr(result, "stdout", "") or ""
    if stdout.strip():
        lines.append("Printed:\n" + shorten(stdout.rstrip(), 1500))
    status = "▶ Ran your code on the first case." if ok else "✗ Running your code failed."
    return ok, status, "\n\n".join(lines)


class ResultsPanel(VerticalScroll):
    """Shows a verdict, a run result or a problem; empty until the first Run/Check."""

    status_text = ""
    body_text = ""

    def compose(self) -> ComposeResult:
        yield Static("Run (ctrl+r) calls your function on the first case; Check (ctrl+s) "
                     "grades it on every case.", id="result-status", markup=False)
        yield Static("", id="result-body", markup=False)

    def _set(self, status: str, body: str, state: str) -> None:
        self.status_text, self.body_text = status, body
        for name in ("passed", "failed", "info"):
            self.set_class(name == state, f"-{name}")
        self.query_one("#result-status", Static).update(status)
        self.query_one("#result-body", Static).update(body)
        self.scroll_home(animate=False)

    def show_verdict(self, verdict: Any) -> None:
        status = str(getattr(verdict, "status", "error"))
        passed = bool(getattr(verdict, "passed", False))
        line = STATUS_TEXT.get(status, f"✗ {status}")
        cases = getattr(verdict, "cases", None) or []
        if passed and cases:
            line = f"✓ Passed: all {len(cases)} cases match the reference."
        self._set(line, verdict_body(verdict), "passed" if passed else "failed")

    def show_run(self, result: Any) -> None:
        ok, status, body = run_body(result)
        self._set(status, body, "info" if ok else "failed")

    def show_problem(self, message: str) -> None:
        self._set("⚠ Something went wrong while grading.", message, "failed")

    def show_info(self, status: str, body: str = "") -> None:
        self._set(status, body, "info")

