"""A verdict's words are made from its fields, in one place, whatever order steps ran in."""

from __future__ import annotations

import json

from tutor.grading.refusals import Refusal, RefusalKind
from tutor.grading.verdict import CaseResult, Diagnosis, Verdict

NOTE = "Each column is one sample."
WRONG = CaseResult("case 2", False, "x", "1.0", "2.0", "wrong value: got 2.0, expected 1.0",
                   note=NOTE)
FORK = Refusal(RefusalKind.PROCESS, "starting another process (os.fork)")


def failed(**fields: object) -> Verdict:
    return Verdict("ex", "failed", [CaseResult("case 1", True), WRONG], WRONG,
                   **fields)  # type: ignore[arg-type]


def test_a_failing_case_is_the_headline_and_its_note_follows() -> None:
    verdict = failed()
    assert verdict.headline == "case 2: wrong value: got 2.0, expected 1.0"
    assert verdict.case_headline
    assert verdict.messages == [verdict.headline, NOTE]


def test_a_known_mistake_says_it_instead_of_the_note() -> None:
    verdict = failed(known_mistake=Diagnosis("doubled", "Why twice?"))
    assert verdict.mistake == "doubled" and verdict.diagnosis is None
    assert verdict.messages == [verdict.headline, "Why twice?"]


def test_diagnoses_come_before_the_note() -> None:
    verdict = failed(diagnoses=[Diagnosis("ratio-double", "Twice the expected.")])
    assert verdict.diagnosis == "ratio-double" and verdict.mistake is None
    assert verdict.messages == [verdict.headline, "Twice the expected.", NOTE]


def test_a_shrunk_case_becomes_the_headline_without_editing_messages() -> None:
    verdict = failed(diagnoses=[Diagnosis("ratio-double", "Twice the expected.")])
    verdict.failing = CaseResult("random case, shrunk from size 40", False,
                                 message="wrong value")
    assert verdict.messages == ["random case, shrunk from size 40: wrong value",
                                "Twice the expected."]


def test_problems_lead_and_the_refusals_close() -> None:
    verdict = Verdict("ex", "failed", problems=["np.dot is not allowed here: line 2",
                                                "@ is not allowed here: line 3"],
                      refusals=[FORK])
    assert not verdict.case_headline
    assert verdict.messages == ["np.dot is not allowed here: line 2",
                                "@ is not allowed here: line 3", FORK.stopped]
    assert verdict.details == verdict.messages[1:]


def test_a_passed_speed_check_is_a_note_not_a_case_counted_as_passed() -> None:
    speed = CaseResult("speed", True, got="4.2x faster than the loop baseline")
    verdict = Verdict("ex", "passed", [CaseResult("a", True)] * 3 + [speed], speed=speed,
                      refusals=[FORK])
    assert verdict.messages == ["all 3 cases passed", "4.2x faster than the loop baseline",
                                FORK.stopped]


def test_a_failed_speed_check_is_the_problem() -> None:
    speed = CaseResult("speed", False, message="too slow: 1.5x faster; needs 10x")
    verdict = Verdict("ex", "failed", [CaseResult("a", True), speed], speed, speed=speed,
                      problems=[speed.message])
    assert verdict.messages == ["too slow: 1.5x faster; needs 10x"]


def test_json_carries_the_fields_and_the_messages_made_from_them() -> None:
    verdict = failed(known_mistake=Diagnosis("doubled", "Why twice?"), refusals=[FORK])
    data = json.loads(json.dumps(verdict.to_json()))
    assert data["messages"] == verdict.messages
    assert data["headline"] == verdict.headline and data["problems"] == []
    assert data["mistake"] == "doubled"
    assert data["known_mistake"] == {"name": "doubled", "message": "Why twice?"}
    assert data["diagnosis"] is None and data["diagnoses"] == []
    assert data["notes"] == ["Why twice?"]
    assert data["refusals"] == [{"kind": "process", "action": FORK.action, "reason": ""}]
    assert data["failing"]["name"] == "case 2"
