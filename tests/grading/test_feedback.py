"""feedback.py: messages from mismatches and exceptions, no processes."""

from __future__ import annotations

import numpy as np

from tutor.grading import feedback
from tutor.grading.compare import compare
from tutor.grading.wire import Unsupported


def message(expected: object, got: object, **kw: object) -> str:
    found = compare(expected, got)
    assert found is not None
    return feedback.describe(found, **kw)  # type: ignore[arg-type]


def test_wrong_shape_names_both_shapes() -> None:
    text = message(np.zeros(3), np.zeros((3, 1)))
    assert text.startswith("wrong shape: got (3, 1), expected (3,)")
    assert "keepdims" in text


def test_shape_hints() -> None:
    assert feedback.shape_hint((2, 3), (3, 2)) == "it looks transposed"
    assert "missing" in feedback.shape_hint((3, 1), (3,))
    assert "wrong axis: axis 0 instead of axis 1" in feedback.shape_hint((4,), (5,), [(4, 5)])
    assert "sum" in feedback.shape_hint((), (3,))


def test_nan_on_large_inputs_suggests_subtracting_the_max() -> None:
    text = message(np.array([0.5, 0.5]), np.array([np.nan, np.nan]), large_inputs=True,
                   calls_exp=True)
    assert "NaN" in text and "overflow: subtract the max before exp" in text
    plain = message(np.array([0.5, 0.5]), np.array([np.nan, 0.5]), calls_exp=True)
    assert "overflow" not in plain


def test_an_overflow_without_exp_gets_general_advice() -> None:
    warned = ["RuntimeWarning: overflow encountered in multiply"]
    text = message(np.array([1.0, 2.0]), np.array([np.inf, np.nan]), warnings=warned)
    assert text == ("your values overflowed to inf/NaN on this case (NaN in 1 of 2 values, "
                    "first at index (1,); the reference stays finite): look for a quantity that "
                    "grows without bound: a learning rate too large, a missing average (sum "
                    "instead of mean), or exp of a large number")
    assert "subtract the max" not in text
    # code that calls exp, but the overflow happened elsewhere
    assert "subtract the max" not in message(np.array([1.0]), np.array([np.inf]),
                                             warnings=warned, calls_exp=True)
    # large inputs alone, no exp in the code and no overflow warning: no guess at all
    assert message(np.array([1.0]), np.array([np.nan]), large_inputs=True) == (
        "got NaN (1 of 1 values, first at index (0,)) where the expected result is finite")


def test_a_log_of_zero_is_not_called_an_overflow() -> None:
    warned = ["RuntimeWarning: divide by zero encountered in log"]
    text = message(np.array(0.9076), np.array(-np.inf), warnings=warned, large_inputs=True,
                   calls_exp=True)
    assert text == ("got infinity (1 of 1 values) where the expected result is finite: numpy "
                    "warned \"divide by zero encountered in log\": your code took log 0 = -inf "
                    "(an exponential that underflowed to 0, or a probability of exactly 0)")
    both = warned + ["RuntimeWarning: overflow encountered in exp"]
    assert "subtract the max" in message(np.array(1.0), np.array(np.nan), warnings=both,
                                         calls_exp=True)


def test_the_overflow_warning_message_follows_the_code() -> None:
    in_exp = ["RuntimeWarning: overflow encountered in exp"]
    assert "subtract the max" in feedback.overflow_warning_message(in_exp, calls_exp=True)
    general = feedback.overflow_warning_message(in_exp, calls_exp=False)
    assert "grows without bound" in general and "subtract the max" not in general


def test_constant_factor_and_sign() -> None:
    assert "your result is 2x the expected" in message(np.array([1.0, 2.0]), np.array([2.0, 4.0]))
    assert "opposite sign" in message(np.array([1.0, 2.0]), np.array([-1.0, -2.0]))


def test_wrong_values_point_at_an_element() -> None:
    text = message(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 4.0]))
    assert text == "wrong values: 1 of 3 differ; at index (2,) got 4, expected 3"


def test_returned_none() -> None:
    assert message(1.0, None) == "your function returned None: did you forget to return?"


def test_types_keys_and_unsupported() -> None:
    assert message((1.0, 2.0), 3.0) == "expected a tuple of 2 values, got a number"
    assert message({"a": 1.0}, {"b": 1.0}) == (
        "missing key 'a' (your dict also has 'b', which is not graded)")
    assert message({"mean": 1.0, "std": 1.0}, {"mean": 1.0}) == "missing key 'std'"
    assert "cannot be graded" in message(1.0, Unsupported("Foo"))
    assert message((1.0, np.zeros(2)), (1.0, np.zeros(3))).startswith("output [1]: wrong shape")


def test_exception_shows_the_learners_lines() -> None:
    exc = {"type": "ValueError", "message": "bad", "trace": ["line 3, in dot", "    x = 1"],
           "kind": None}
    assert feedback.exception_message(exc) == (
        "your code raised ValueError: bad\n  line 3, in dot\n      x = 1")
    assert "sys.exit" in feedback.exception_message({"kind": "exit"})


def test_crash_and_timeout_messages() -> None:
    assert "segmentation fault on case 2" in feedback.crash_message(-11, "case 2")
    assert "exit code 3" in feedback.crash_message(3, None)

def test_a_timeout_says_the_limit_covers_every_case() -> None:
    assert feedback.timeout_message(5.0, "random case #3", cases=16, twice=True) == (
        "your code did not finish all 16 cases within 5 s (a few of them twice): look for an "
        "endless loop, or a loop over millions of elements that numpy could do at once (time "
        "ran out on random case #3)")
    assert feedback.timeout_message(2.0, "case 1", cases=1).startswith(
        "your code did not finish the case within 2 s: look for")
    assert feedback.timeout_message(2.0, None).startswith(
        "your code did not finish loading within 2 s")
    assert feedback.timeout_message(5.0, None, speed=True).startswith(
        "the speed check ran longer than 5 s")


def test_short_text_is_bounded() -> None:
    assert feedback.short_text(np.arange(4.0)) == "[0, 1, 2, 3]"
    big = feedback.short_text(np.zeros((100, 100)))
    assert "(shape (100, 100))" in big and len(big) <= 120
    assert feedback.short_text((1.5, "a")) == "(1.5, 'a')"
    assert len(feedback.short_text("x" * 1000)) == 120


def test_a_scalar_slightly_off_shows_the_digits_that_differ() -> None:
    # close to the tolerance: it is shown (issue 13)
    assert message(39.0, 39.00009) == ("wrong value: got 39.00009, expected 39 (the difference "
                                       "is 2.3 times the tolerance used here: rtol 1e-06, "
                                       "atol 1e-08)")
    # they part at 3 digits (4.60, 4.61) but would both print as 4.605 at 4
    assert message(4.605220, 4.604720) == "wrong value: got 4.6047, expected 4.6052"
    assert feedback.number_pair(0.99995, 1.00005) == ("0.99995", "1.00005")
    assert feedback.number_pair(2.0, 2.0) == ("2", "2")
    assert message(3.0, 3.3) == "wrong value: got 3.3, expected 3"
    assert message(2.0, 3.0) == "wrong value: got 3, expected 2"  # 1.5 is no round factor
    assert message(0.2027, np.float64(0.20265)) == "wrong value: got 0.20265, expected 0.2027"


def test_a_scalar_off_by_a_round_factor_says_so() -> None:
    assert message(39.0, 78.0) == ("wrong value: got 78, expected 39 (your result is 2x the "
                                   "expected)")
    assert message(0.7, 0.1) == ("wrong value: got 0.1, expected 0.7 (your result is 1/7 of the "
                                 "expected)")
    assert message(3.0, -3.0) == ("wrong value: got -3, expected 3 (your result has the opposite "
                                  "sign of the expected)")


def test_a_factor_near_one_is_a_plain_wrong_value() -> None:
    text = message(np.array([1.0, 2.0, 4.0]), np.array([1.01, 2.02, 4.04]))
    assert "x the expected" not in text
    assert text == "wrong values: 3 of 3 differ; at index (2,) got 4.04, expected 4"
    assert message(np.array([1.0, 2.0]), np.array([1.0, 2.0001])) == (
        "wrong values: 1 of 2 differ; at index (1,) got 2.0001, expected 2")


def test_an_array_with_one_consistent_factor_names_it() -> None:
    assert message(np.array([1.0, 2.0, 4.0]), np.array([1.5, 3.0, 6.0])) == (
        "wrong values: your result is 1.5x the expected")


def test_bools_read_as_bools() -> None:
    assert message(True, np.bool_(False)) == "wrong value: got False, expected True"


def test_the_difference_map_marks_each_entry_without_colour() -> None:
    from tutor.grading.feedback_values import difference_map

    expected = np.arange(6.0).reshape(2, 3)
    got = expected.copy()
    got[1] += 1  # only the last row is wrong
    assert difference_map(expected, got, (1e-6, 1e-8)).splitlines() == [
        "3 of 6 entries differ (2×3; ✗ differs, · matches):", "· · ·", "✗ ✗ ✗"]
    assert difference_map(np.ones(3), np.array([1.0, 2.0, 1.0]), None).splitlines()[1] == \
        "· ✗ ·"
    wide = np.zeros((30, 40))
    bigger = wide.copy()
    bigger[0, 0] = 1
    lines = difference_map(wide, bigger, None).splitlines()
    assert lines[1].startswith("✗ · ") and lines[1].endswith(" …") and lines[-1] == \
        "… 18 more rows"
    assert difference_map(np.ones(3), np.ones(3) * 2, None) == ""  # all differ: no picture
    assert difference_map(np.ones(3), np.ones(4), None) == ""
    assert difference_map(np.ones((2, 2, 2)), np.zeros((2, 2, 2)), None) == ""


def test_nan_from_zero_over_zero_is_not_called_an_overflow() -> None:
    from tutor.grading.compare import Mismatch
    from tutor.grading.feedback_mismatch import describe

    nan = Mismatch("nan", "", np.ones(3), np.array([np.nan, 1.0, 1.0]), detail="1 of 3",
                   where=(0,))
    warned = ["RuntimeWarning: invalid value encountered in divide"]
    softmax = describe(nan, large_inputs=True, warnings=warned, calls_exp=True)
    assert "each row's own max" in softmax and "subtract the max before exp" not in softmax
    other = describe(nan, warnings=warned, calls_exp=False)
    assert "divided 0 by 0" in other and "exp(" not in other
    overflow = describe(nan, large_inputs=True, calls_exp=True,
                        warnings=["RuntimeWarning: overflow encountered in exp"])
    assert "subtract the max before exp" in overflow


def test_one_value_too_many_or_too_few_is_named() -> None:
    from tutor.grading.compare import compare
    from tutor.grading.feedback_mismatch import describe

    losses = np.array([4.0, 2.0, 1.0, 0.5])
    for got, words in ((np.append(losses, 0.25), "plus one more at the end"),
                       (losses[:-1], "without the last one"),
                       (losses[1:], "without the first one"),
                       (np.insert(losses, 0, 8.0), "plus one more at the start")):
        found = compare(losses, got)
        assert found is not None and found.kind == "shape"
        assert words in describe(found), describe(found)
    other = compare(losses, np.array([1.0, 2.0, 3.0]))
    assert "more" not in describe(other) and "without" not in describe(other)
