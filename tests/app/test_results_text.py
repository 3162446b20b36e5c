"""How grader output is laid out in the results panel: pure functions, no app."""

from __future__ import annotations

from tutor.app.prose import inline_code, plain
from tutor.app.widgets.results import BULLET, rows_text, run_rows, verdict_rows, verdict_status
from tutor.grading.verdict import CaseResult, RunResult
from tutor.grading.verdict import Verdict as RealVerdict
from tutor.lessons.display import reflow


def Case(name: str, passed: bool, inputs: str = "", expected: str = "",  # noqa: N802
         got: str = "", message: str = "", note: str | None = None) -> CaseResult:
    return CaseResult(name, passed, inputs, expected, got, message, note)


def Verdict(status: str, passed: bool, cases: list[CaseResult] | None = None,  # noqa: N802
            failing: CaseResult | None = None, *, problems: list[str] | None = None,
            speed: CaseResult | None = None, stdout: str = "") -> RealVerdict:
    """A real verdict (``passed`` must agree with ``status``, as it always does)."""
    verdict = RealVerdict("linear-algebra/dot-product", status,  # type: ignore[arg-type]
                          cases or [], failing, problems=problems or [], speed=speed,
                          stdout=stdout)
    assert verdict.passed == passed
    return verdict


NOTE = "You returned the products as an array. The dot\nproduct is one number (`np.sum`).\n"


def test_reflow_joins_hard_wrapped_lines_but_keeps_code_and_lists() -> None:
    assert reflow(NOTE) == "You returned the products as an array. The dot product is one " \
                           "number (`np.sum`)."
    error = "syntax error on line 2: '(' was never closed\n    return a.sum(\n          ^"
    assert reflow(error) == error
    assert reflow("Two:\n- one\n- two\n\nNext paragraph\ngoes on.") == (
        "Two:\n- one\n- two\n\nNext paragraph goes on.")


def test_code_spans_are_styled_not_shown_with_backticks() -> None:
    content = inline_code("add them up (`np.sum`, or a loop)")
    assert content.plain == "add them up (np.sum, or a loop)"
    assert [content.plain[s.start:s.end] for s in content.spans] == ["np.sum"]
    assert plain("`a` and `b`") == "a and b"


def test_a_failed_verdict_shows_messages_then_inputs_expected_and_got() -> None:
    case = Case("[2, 3] · [4, 1]", False, "np.array([2, 3]), np.array([4, 1])", "11", "[8, 3]",
                "wrong shape: got (2,), expected ()", NOTE)
    verdict = Verdict("failed", False, [case, Case("b", True)], case)
    assert verdict.messages == [f"{case.name}: {case.message}", NOTE]
    rows = verdict_rows(verdict)
    assert rows[0] == (BULLET, "[2, 3] · [4, 1]: wrong shape: got (2,), expected ()")
    assert rows[1][1].startswith("You returned the products as an array. The dot product")
    assert [label for label, _ in rows[2:]] == ["Inputs", "Expected", "Got"], (
        "the case name and its note are not repeated")
    assert verdict_status(verdict) == "✗ Not yet: 1 of 2 cases differ from the reference."
    assert "Expected: 11" in rows_text(rows) and "• You returned" in rows_text(rows)


def test_a_passed_verdict_says_what_to_do_next_without_repeating_itself() -> None:
    speed = Case("speed", True, got="4.2x faster than the baseline")
    verdict = Verdict("passed", True, [Case("a", True)] * 2 + [speed], speed=speed)
    assert verdict.messages == ["all 2 cases passed", "4.2x faster than the baseline"]
    assert verdict_rows(verdict) == [(BULLET, "4.2x faster than the baseline")]
    assert verdict_status(verdict).startswith("✓ Passed: all 2 cases")  # speed is no case
    assert "ctrl+n" in verdict_status(verdict)


def test_a_slow_verdict_says_the_cases_match_but_it_is_too_slow() -> None:
    speed = Case("speed", False, message="only 2.0x faster than the loop; needs 20x")
    verdict = Verdict("failed", False, [Case("a", True)] * 2 + [speed], speed, speed=speed)
    assert verdict_status(verdict) == (
        "✗ Not yet: all 2 cases match the reference, but it is too slow.")


def test_a_timeout_and_printed_output() -> None:
    verdict = Verdict("timeout", False, problems=["stopped after 5 s"], stdout="step 1\n")
    assert verdict_status(verdict).startswith("⏱ Time limit")
    assert ("Printed", "step 1") in verdict_rows(verdict)


def Run(ok: bool, value_repr: str = "", error: str | None = None) -> RunResult:  # noqa: N802
    return RunResult(ok, value_repr=value_repr, error=error)


def test_run_shows_the_call_and_what_came_back() -> None:
    ok, status, rows = run_rows(Run(True, "16.0"), "dot(np.array([2]), np.array([8]))")
    assert ok and status.startswith("▶")
    assert rows == [("Called", "dot(np.array([2]), np.array([8]))"), ("Returned", "16.0")]
    ok, status, rows = run_rows(Run(False, error="NameError: tota"))
    assert not ok and rows == [(BULLET, "NameError: tota")]


def test_a_wrong_array_gets_its_map_of_differing_entries() -> None:
    from tutor.app.widgets.results import case_rows

    case = CaseResult("the worked example", False, expected="[[1, 2], [3, 4]]",
                      got="[[1, 3], [2, 4]]", message="wrong values",
                      where="2 of 4 entries differ (2×2; ✗ differs, · matches):\n· ✗\n✗ ·")
    rows = case_rows(case)
    assert ("Where", "2 of 4 entries differ (2×2; ✗ differs, · matches):\n· ✗\n✗ ·") in rows
    assert [label for label, _ in rows].index("Where") == \
        [label for label, _ in rows].index("Got") + 1


def test_a_known_mistake_replaces_the_case_note_in_the_panel_too() -> None:
    from tutor.grading.verdict import Diagnosis

    case = Case("[2, 3] · [4, 1]", False, "np.array([2, 3]), np.array([4, 1])", "11", "[8, 3]",
                "wrong shape: got (2,), expected ()", NOTE)
    verdict = RealVerdict("linear-algebra/dot-product", "failed", [case], case,
                          known_mistake=Diagnosis("products", "You summed nothing."))
    text = rows_text(verdict_rows(verdict))
    assert "You summed nothing." in text and "You returned the products" not in text
    assert text.count("wrong shape") == 1 and "Case:" not in text
