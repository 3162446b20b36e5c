"""judge.py: mistakes matched on the learner's behaviour, no processes."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.grading import judge
from tutor.grading.cases import CaseSpec
from tutor.grading.childrun import CaseRun
from tutor.grading.compare import all_nonfinite, nonfinite_as_nan
from tutor.lessons.model import Compare

NAN, INF = float("nan"), float("inf")


def run(out: object) -> CaseRun:
    return CaseRun(out=out, has_out=True)


def match(learner: object, mistake: object) -> int | None:
    """Which mistake matches a learner whose single case failed."""
    spec = CaseSpec(0, "case 1", args="0")
    ref, got = run(np.array([1.0, 2.0, 3.0])), run(learner)
    judged = judge.judge_case(spec, ref, got, judge.Rules())
    assert not judged.result.passed
    return judge.matching_mistake([judged], [got], [[run(mistake)]], Compare())


@pytest.mark.parametrize(("learner", "mistake"), [
    (np.array([INF, NAN, 1.0]), np.array([NAN, INF, 1.0])),  # non-finite at the same places
    (np.array([-INF, NAN, NAN]), np.array([NAN, NAN, INF])),  # entirely non-finite
    ((NAN, np.array([INF, INF])), (INF, np.array([NAN, -INF]))),  # nested, all non-finite
    (np.array([NAN, NAN, NAN]), NAN),  # both entirely non-finite, whatever the shape
])
def test_non_finite_outputs_agree_however_they_went_non_finite(learner: object,
                                                               mistake: object) -> None:
    assert match(learner, mistake) == 0


@pytest.mark.parametrize(("learner", "mistake"), [
    (np.array([INF, NAN, 1.0]), np.array([NAN, 1.0, INF])),  # different places
    (np.array([INF, NAN, 1.0]), np.array([NAN, INF, 1.5])),  # finite parts differ
    (np.array([NAN, NAN, NAN]), np.array([NAN, NAN, 2.0])),
])
def test_non_finite_outputs_at_other_places_do_not_agree(learner: object,
                                                         mistake: object) -> None:
    assert match(learner, mistake) is None


def test_nonfinite_as_nan_keeps_kinds() -> None:
    out = nonfinite_as_nan((np.float64(INF), [np.array([1.0, -INF])], {"a": np.arange(2)}))
    assert isinstance(out[0], np.floating) and np.isnan(out[0])
    assert np.isnan(out[1][0][1]) and out[1][0][0] == 1.0
    assert out[2]["a"].dtype.kind == "i"
    assert all_nonfinite((NAN, np.array([INF]))) and not all_nonfinite((NAN, 1.0))
    assert not all_nonfinite("text") and not all_nonfinite(np.array([], dtype=float))


def test_a_mistake_with_the_very_same_nan_and_inf_is_preferred() -> None:
    spec = CaseSpec(0, "case 1", args="0")
    ref, got = run(np.array([1.0, 2.0])), run(np.array([NAN, INF]))
    judged = judge.judge_case(spec, ref, got, judge.Rules())
    loose, exact = [[run(np.array([INF, NAN]))]], [[run(np.array([NAN, INF]))]]
    assert judge.matching_mistake([judged], [got], loose + exact, Compare()) == 1
    assert judge.matching_mistake([judged], [got], loose, Compare()) == 0


def test_case_texts_are_made_once_and_only_when_read() -> None:
    from tutor.grading.verdict import CaseResult

    made: list[int] = []

    def texts() -> tuple[str, str, str]:
        made.append(1)
        return "x = 1", "2", "3"

    case = CaseResult("a case", True, texts=texts)
    assert made == []
    assert (case.inputs, case.expected, case.got) == ("x = 1", "2", "3") and made == [1]
    case.got = "raised ValueError"
    assert case.to_json()["got"] == "raised ValueError" and case.inputs == "x = 1"
    assert made == [1]
    late = CaseResult("another", False, texts=texts)
    late.expected = "raises ValueError"  # a write fills the others first, then wins
    assert (late.inputs, late.expected) == ("x = 1", "raises ValueError")
