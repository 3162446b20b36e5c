"""``CheckpointStep.passes``: the one threshold rule for a checkpoint result."""

from __future__ import annotations

import pytest

from tutor.lessons.model import CheckpointStep


def _checkpoint(pass_score: float) -> CheckpointStep:
    return CheckpointStep.model_validate({
        "kind": "checkpoint", "id": "check", "title": "Check", "pass_score": pass_score,
        "questions": [{"type": "numeric", "id": "q", "prompt": "?", "answer": 1.0}],
    })


@pytest.mark.parametrize("pass_score", [0.5, 0.6, 0.7, 0.8, 1.0])
def test_exactly_the_pass_score_passes_and_just_below_does_not(pass_score: float) -> None:
    step = _checkpoint(pass_score)
    assert step.passes(pass_score)
    assert step.passes(min(1.0, pass_score + 0.01))
    assert not step.passes(pass_score - 1e-6)


def test_fractions_of_right_answers_at_the_threshold() -> None:
    step = _checkpoint(0.8)
    assert step.passes(4 / 5) and step.passes(8 / 10)
    assert step.passes(0.1 + 0.7)  # 0.7999999999999999: rounding, not a lower score
    assert not step.passes(3 / 4) and not step.passes(7 / 9)
