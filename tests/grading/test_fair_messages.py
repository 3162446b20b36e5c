"""Messages that were wrong (issue 13): each one as it reads now."""

from __future__ import annotations

import numpy as np

from tutor.grading import forbidden, sourcetree
from tutor.grading.compare import Mismatch, compare, near_miss
from tutor.grading.feedback import describe, shape_hint
from tutor.grading.judge import Judged, shown_failure
from tutor.grading.verdict import CaseResult
from tutor.grading.wire import Unsupported
from tutor.lessons.model import Compare, Statistical


def test_np_dot_is_not_called_a_method() -> None:
    tree = sourcetree.parse("import numpy as np\ndef dot(a, b):\n    return np.dot(a, b)\n")
    assert not isinstance(tree, sourcetree.Violation)
    messages = [v.message for v in forbidden.check(tree, ["np.dot", ".dot"], False)]
    assert messages == ["np.dot is not allowed here: line 3"]
    messages = [v.message for v in forbidden.check(tree, [".dot"], False)]
    assert messages == ["np.dot is not allowed here: line 3"]
    tree = sourcetree.parse("def dot(a, b):\n    return a.dot(b)\n")
    assert not isinstance(tree, sourcetree.Violation)
    assert [v.message for v in forbidden.check(tree, ["np.dot", ".dot"], False)] == [
        ".dot is not allowed here: line 2"]


def test_object_dtype_is_named() -> None:
    text = describe(Mismatch("unsupported", "", np.zeros(2), Unsupported("array of dtype object"),
                             detail="array of dtype object"))
    assert "dtype object" in text and ".astype(float)" in text and "return numbers" not in text


def test_length_one_array_is_not_called_a_column() -> None:
    assert "column" not in shape_hint((), (1,))
    assert ".item()" in shape_hint((), (1,))
    assert "column" in shape_hint((5,), (5, 1))
    assert "column" not in shape_hint((5,), (1, 5))


def test_float_counts_fail_with_the_dtype() -> None:
    spec = Compare(statistical=Statistical(integer=True))
    counts = np.random.default_rng(0).binomial(50, 0.5, size=500)
    found = compare(counts, counts.astype(float), spec)
    assert found is not None and found.kind == "integer"
    assert "float64" in describe(found) and "integer array" in describe(found)
    assert compare(counts, counts.tolist(), spec) is None


def _judged(name: str, kind: str, mismatch: Mismatch | None = None) -> Judged:
    return Judged(CaseResult(name, kind == "ok"), kind, mismatch)


def test_the_telling_failure_is_shown_first() -> None:
    spec = Compare(rtol=1e-6, atol=1e-12)
    close = compare(np.array([-0.0020420618]), np.array([-0.0020420597]), spec)
    far = compare(np.array([0.99990909]), np.array([0.99999999]), spec)
    assert near_miss(close) and not near_miss(far)
    judged = [_judged("a", "ok"), _judged("b", "wrong", close), _judged("c", "wrong", far)]
    assert shown_failure(judged) == 2
    assert "rtol 1e-06, atol 1e-12" in describe(close)  # type: ignore[arg-type]
    assert "rtol" not in describe(far)  # type: ignore[arg-type]
    assert shown_failure([_judged("a", "wrong", close), _judged("b", "wrong", close)]) == 0


def test_an_error_status_shows_the_error() -> None:
    far = compare(np.array([1.0]), np.array([2.0]))
    judged = [_judged("a", "wrong", far), None, _judged("c", "exception")]
    assert shown_failure(judged) == 2
