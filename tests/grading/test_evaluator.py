"""The evaluator end to end: references pass, wrong answers fail with the right message."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tutor.grading import Evaluator
from tutor.lessons.model import ExerciseStep

from .conftest import SPEED

Check = Callable[..., Any]

WRONG_BY_TWO = """
import numpy as np

def dot(a, b):
    return 2 * float(np.sum(a * b))
"""


def test_reference_passes(check: Check) -> None:
    verdict = check("""
        import numpy as np

        def dot(a, b):
            return float(np.sum(a * b))
    """)
    assert verdict.status == "passed" and verdict.passed
    assert len(verdict.cases) == 7 and all(c.passed for c in verdict.cases)
    assert verdict.failing is None and verdict.messages == ["all 7 cases passed"]
    assert verdict.to_json()["passed"] is True


def test_numpy_scalar_and_zero_d_array_are_accepted(check: Check) -> None:
    assert check("import numpy as np\ndef dot(a, b):\n    return np.sum(a * b)\n").passed
    assert check("import numpy as np\ndef dot(a, b):\n    return np.array(np.sum(a * b))\n").passed


def test_wrong_answer_fails_on_the_first_case_with_a_factor(check: Check) -> None:
    verdict = check(WRONG_BY_TWO)
    assert verdict.status == "failed"
    assert verdict.failing is not None and verdict.failing.name == "the worked example"
    assert verdict.failing.expected == "16" and verdict.failing.got == "32"
    assert "your result is 2x the expected" in verdict.messages[0]


def test_wrong_shape(check: Check) -> None:
    verdict = check("import numpy as np\ndef dot(a, b):\n    return np.sum(a * b, keepdims=True)\n")
    assert verdict.status == "failed"
    assert "wrong shape: got (1,), expected ()" in verdict.messages[0]


def test_returning_none(check: Check) -> None:
    verdict = check("def dot(a, b):\n    total = sum(a * b)\n")
    assert "did you forget to return?" in verdict.messages[0]


def test_missing_function_and_syntax_error(check: Check) -> None:
    verdict = check("def dott(a, b):\n    return 0.0\n")
    assert verdict.status == "error" and verdict.messages[0] == "define a function named dot"
    verdict = check("def dot(a, b)\n    return 0.0\n")
    assert verdict.status == "error" and verdict.messages[0].startswith("syntax error on line 1")


def test_exception_shows_only_the_learners_lines(check: Check) -> None:
    verdict = check("""
        def dot(a, b):
            x = 1
            return a[100]
    """)
    assert verdict.status == "error"
    text = verdict.messages[0]
    assert "IndexError" in text and "line 3, in dot" in text and "return a[100]" in text
    assert "harness" not in text and "worker" not in text


def test_forbidden_calls_and_loops(check: Check) -> None:
    source = "import numpy as np\n\ndef dot(a, b):\n    return float(np.dot(a, b))\n"
    verdict = check(source, forbidden=["np.dot", "@"])
    assert verdict.status == "failed" and verdict.messages == ["np.dot is not allowed here: line 4"]
    loop = "def dot(a, b):\n    return float(sum(x * y for x, y in zip(a, b)))\n"
    verdict = check(loop, forbid_loops=True)
    assert verdict.status == "failed" and "loops are not allowed" in verdict.messages[0]
    assert check(loop).passed


def test_known_mistake_is_recognised(check: Check) -> None:
    mistakes = [
        {"name": "sum-of-sums", "code": "import numpy as np\ndef dot(a, b):\n    return "
         "float(np.sum(a) * np.sum(b))\n", "message": "Multiply first, then sum."},
        {"name": "doubled", "code": WRONG_BY_TWO, "message": "Why twice?"},
    ]
    verdict = check(WRONG_BY_TWO, mistakes=mistakes)
    assert verdict.mistake == "doubled" and "Why twice?" in verdict.messages
    verdict = check("import numpy as np\ndef dot(a, b):\n    return float(a.sum() * b.sum())\n",
                    mistakes=mistakes)
    assert verdict.mistake == "sum-of-sums"
    assert check("def dot(a, b):\n    return 0.0\n", mistakes=mistakes).mistake is None


def test_check_many_gives_each_submission_the_verdict_check_gives(
        make_exercise: Callable[..., ExerciseStep]) -> None:
    sum_of_sums = "import numpy as np\ndef dot(a, b):\n    return float(np.sum(a) * np.sum(b))\n"
    exercise = make_exercise(mistakes=[
        {"name": "sum-of-sums", "code": sum_of_sums, "message": "Multiply first, then sum."},
        {"name": "doubled", "code": WRONG_BY_TWO, "message": "Why twice?"}])
    sources = [exercise.starter, WRONG_BY_TWO, sum_of_sums, "def dot(a, b)\n    return 0\n",
               "def dot(a, b):\n    return 0.0\n", exercise.solution,
               "import numpy as np\ndef dot(a, b):\n    return float(np.dot(a, b))\n"]
    with Evaluator() as one, Evaluator() as many:  # each its own caches of the lesson's runs
        alone = [one.check(exercise, source) for source in sources]
        together = many.check_many(exercise, sources)
    assert len(together) == len(sources)
    seen = [(v.status, v.mistake, v.messages) for v in together]
    assert seen == [(v.status, v.mistake, v.messages) for v in alone]
    assert [v.mistake for v in together[1:3]] == ["doubled", "sum-of-sums"]
    assert together[5].passed and together[3].status == "error"


def test_random_failures_shrink_to_a_smaller_size(check: Check) -> None:
    source = """
        import numpy as np

        def dot(a, b):
            if np.max(a) > 2.0:
                return 0.0
            return float(np.sum(a * b))
    """
    verdict = check(source, cases=[{"args": "np.zeros(2), np.ones(2)"}],
                    random=[{"generator": DOT_GENERATOR, "count": 8, "seed": 2,
                             "sizes": [1, 100]}])
    assert verdict.status == "failed" and verdict.failing is not None
    found = re.search(r"\(size (\d+)\), shrunk from size (\d+)$", verdict.failing.name)
    assert found, verdict.failing.name
    assert int(found.group(1)) < int(found.group(2))
    assert verdict.messages[0].startswith(verdict.failing.name)


DOT_GENERATOR = """
import numpy as np

def generate(rng, size):
    return rng.normal(size=size), rng.normal(size=size)
"""


def test_raises_cases(check: Check) -> None:
    fields: dict[str, Any] = {
        "solution": "import numpy as np\ndef dot(a, b):\n    if len(a) != len(b):\n"
                    "        raise ValueError('lengths differ')\n    return float(np.sum(a * b))\n",
        "cases": [{"args": "np.ones(2), np.ones(3)", "raises": "ValueError"},
                  {"args": "np.ones(2), np.ones(2)"}],
        "random": [],
    }
    assert check(fields["solution"], **fields).passed
    verdict = check("import numpy as np\ndef dot(a, b):\n    return float(np.sum(a[:1] * b[:1]))\n",
                    **fields)
    assert verdict.status == "failed"
    assert "expected your function to raise ValueError" in verdict.messages[0]


def test_inputs_are_fresh_copies(check: Check) -> None:
    source = """
        import numpy as np

        def dot(a, b):
            total = float(np.sum(a * b))
            a[:] = 0
            b *= 7
            return total
    """
    assert check(source).passed


COIN = {
    "id": "probability/coin-simulation",
    "function": "simulate_heads",
    "solution": "def simulate_heads(n_batches, n_flips, rng):\n"
                "    return rng.binomial(n_flips, 0.5, size=n_batches)\n",
    "starter": "def simulate_heads(n_batches, n_flips, rng):\n    raise NotImplementedError\n",
    "cases": [{"args": "2000, 50, np.random.default_rng(7)"}],
    "random": [],
    "compare": {"statistical": {"integer": True}},
}


def test_statistical_exercises(check: Check) -> None:
    own_rng = "def simulate_heads(n_batches, n_flips, rng):\n" \
              "    return (rng.random((n_batches, n_flips)) < 0.5).sum(axis=1)\n"
    assert check(own_rng, **COIN).passed
    global_rng = "import numpy as np\ndef simulate_heads(n_batches, n_flips, rng):\n" \
                 "    return np.random.binomial(n_flips, 0.5, size=n_batches)\n"
    verdict = check(global_rng, **COIN)
    assert verdict.status == "failed" and "did not draw from the rng it was given" in \
        verdict.messages[0]
    biased = "def simulate_heads(n_batches, n_flips, rng):\n" \
             "    return rng.binomial(n_flips, 0.6, size=n_batches)\n"
    assert "the distribution is off" in check(biased, **COIN).messages[0]
    fractions = "def simulate_heads(n_batches, n_flips, rng):\n" \
                "    return rng.binomial(n_flips, 0.5, size=n_batches) / 1.0 + 0.5\n"
    assert "whole numbers" in check(fractions, **COIN).messages[0]


RNG_NOT_USED = ("your function did not draw from the rng it was given (same seed must give "
                "the same result, and a different seed a different one): use rng.integers / "
                "rng.binomial / rng.random")


def test_a_generator_argument_must_be_drawn_from(check: Check) -> None:
    own_seeded = ("import numpy as np\ndef simulate_heads(n_batches, n_flips, rng):\n"
                  "    return np.random.default_rng(42).binomial(n_flips, 0.5, size=n_batches)\n")
    global_seed = ("import numpy as np\ndef simulate_heads(n_batches, n_flips, rng):\n"
                   "    np.random.seed(0)\n"
                   "    return np.random.binomial(n_flips, 0.5, size=n_batches)\n")
    for source in (own_seeded, global_seed):
        verdict = check(source, **COIN)
        assert verdict.status == "failed", source
        assert verdict.messages[0].endswith(RNG_NOT_USED), verdict.messages
    # drawing from a generator that shares the given rng's state counts as drawing from it
    shared = ("import numpy as np\ndef simulate_heads(n_batches, n_flips, rng):\n"
              "    g = np.random.Generator(rng.bit_generator)\n"
              "    return g.binomial(n_flips, 0.5, size=n_batches)\n")
    assert check(shared, **COIN).passed


def test_a_timeout_of_a_twice_run_exercise_says_so(check: Check) -> None:
    slow = ("def simulate_heads(n_batches, n_flips, rng):\n"
            "    while True:\n        pass\n")
    verdict = check(slow, **{**COIN, "time_limit": 1})
    assert verdict.status == "timeout"
    assert verdict.messages[0].startswith(
        "your code did not finish the case within 1 s (it runs twice): look for an "
        "endless loop"), verdict.messages


def test_a_generator_the_reference_leaves_alone_need_not_be_drawn_from(check: Check) -> None:
    fields = {**COIN, "solution": "def simulate_heads(n_batches, n_flips, rng):\n"
              "    import numpy as np\n"
              "    return np.full(n_batches, n_flips // 2)\n",
              "compare": {}}
    source = ("import numpy as np\ndef simulate_heads(n_batches, n_flips, rng):\n"
              "    return np.zeros(n_batches, dtype=int) + n_flips // 2\n")
    assert check(source, **fields).passed


SIGMOID = {
    "id": "calculus/sigmoid",
    "title": "Sigmoid and its slope",
    "function": "sigmoid",
    "also": ["sigmoid_grad"],
    "solution": "import numpy as np\n"
                "def sigmoid(z):\n    e = np.exp(-np.abs(z))\n"
                "    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))\n"
                "def sigmoid_grad(z):\n    s = sigmoid(z)\n    return s * (1 - s)\n",
    "starter": "def sigmoid(z):\n    pass\n",
    "cases": [{"name": "huge logits", "args": "np.array([-1000.0, 0.0, 1000.0])"}],
    "random": [],
    "plot": {"kind": "function", "output": "sigmoid_grad", "case": 0,
             "params": {"name": "sigmoid"}},
}


def test_also_functions_and_plot_data(check: Check) -> None:
    verdict = check(SIGMOID["solution"], **SIGMOID)
    assert verdict.passed
    plot = verdict.plot_data
    assert plot is not None and plot.kind == "function" and plot.title == "Sigmoid and its slope"
    assert plot.learner == plot.reference and len(plot.reference) == 3
    wrong_grad = SIGMOID["solution"].replace("return s * (1 - s)", "return z * (1 - z)")
    verdict = check(wrong_grad, **SIGMOID)
    assert verdict.status == "failed" and "output ['sigmoid_grad']" in verdict.messages[0]
    no_grad = SIGMOID["solution"].split("def sigmoid_grad")[0]
    verdict = check(no_grad, **SIGMOID)
    assert verdict.messages[0] == "define a function named sigmoid_grad"


def test_overflow_warnings_fail_even_when_the_values_are_right(check: Check) -> None:
    naive = "import numpy as np\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n" \
            "def sigmoid_grad(z):\n    s = sigmoid(z)\n    return s * (1 - s)\n"
    verdict = check(naive, **SIGMOID)
    assert verdict.status == "failed" and "overflow" in verdict.messages[0]




def test_speed_check(check: Check) -> None:
    verdict = check(SPEED["solution"], **SPEED)
    assert verdict.passed and verdict.cases[-1].name == "speed"
    slow = "def total(x):\n    s = 0.0\n    for v in x:\n        s += float(v)\n    return s\n"
    verdict = check(slow, **SPEED)
    assert verdict.status == "failed" and verdict.messages[0].startswith("too slow")


def test_eval_expressions(evaluator: Evaluator) -> None:
    solution = "import numpy as np\ndef dot(a, b):\n    return float(np.sum(a * b))\n"
    exprs = ["dot(np.array([2, 3, 1]), np.array([4, 1, 5]))", "np.sqrt(4.0)", "1 / 0",
             "scipy.special.expit(0.0)", "(1, [2.5])"]
    results = evaluator.eval_expressions(exprs, solution)
    assert [r.ok for r in results] == [True, True, False, True, True]
    assert results[0].value == 16 and results[1].value == 2.0 and results[3].value == 0.5
    assert "ZeroDivisionError" in (results[2].error or "")
    assert results[4].value == (1, [2.5])
    broken = evaluator.eval_expressions(["1"], "raise RuntimeError('bad lesson')")
    assert not broken[0].ok and "bad lesson" in (broken[0].error or "")


def test_run_first_case(evaluator: Evaluator, make_exercise: Callable[..., ExerciseStep]) -> None:
    result = evaluator.run(make_exercise(), "import numpy as np\ndef dot(a, b):\n"
                           "    print('hello')\n    return float(np.sum(a * b))\n")
    assert result.ok and result.value_repr == "16" and result.stdout == "hello\n"
    failing = evaluator.run(make_exercise(), "def dot(a, b):\n    raise ValueError('no')\n")
    assert not failing.ok and "ValueError: no" in (failing.error or "")


def test_workers_outlive_the_thread_that_started_them(
        make_exercise: Callable[..., ExerciseStep]) -> None:
    import threading

    box: dict[str, Evaluator] = {}
    thread = threading.Thread(target=lambda: box.setdefault("ev", Evaluator()).worker_info())
    thread.start()
    thread.join()
    with box["ev"] as ev:
        first = ev.worker_info()["pid"]
        assert ev.check(make_exercise(), make_exercise().solution).passed
        assert ev.worker_info()["pid"] == first


def test_workers_leave_when_their_parent_process_dies(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    script = ("from pathlib import Path\nfrom tutor.grading import Evaluator\n"
              f"ev = Evaluator(scratch_root=Path({str(tmp_path)!r}))\n"
              "print(ev.worker_info()['pid'], flush=True)\nimport time\ntime.sleep(120)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        with open(f"/proc/{worker}/stat") as stat:
            if stat.read().split()[2] == "Z":  # exited, waiting for init to reap it
                return
        time.sleep(0.05)
    raise AssertionError("the worker outlived its parent")


BASELINE_SOLUTION = """
import numpy as np

def majority_baseline(labels):
    _, counts = np.unique(labels, return_counts=True)
    return float(counts.max() / counts.sum())
"""
RETURNS_THE_LABEL = """
import numpy as np

def majority_baseline(labels):
    values, counts = np.unique(labels, return_counts=True)
    return values[np.argmax(counts)]
"""


def test_a_numpy_string_result_is_graded_and_matches_a_mistake(
        evaluator: Evaluator, make_exercise: Callable[..., ExerciseStep]) -> None:
    exercise = make_exercise(
        id="statistics/baseline", function="majority_baseline", solution=BASELINE_SOLUTION,
        starter="def majority_baseline(labels):\n    return 0.0\n", random=[],
        cases=[{"args": "np.array(['cat', 'dog', 'cat'])"},
               {"args": "np.array(['b', 'a', 'b', 'b'])"}],
        mistakes=[{"name": "returns-the-label", "code": RETURNS_THE_LABEL,
                   "message": "Return the accuracy of predicting that label, not the label."}])
    verdict = evaluator.check(exercise, RETURNS_THE_LABEL)
    assert verdict.status == "failed" and verdict.mistake == "returns-the-label"
    assert verdict.failing is not None and verdict.failing.got == "'cat'"
    assert "expected a number, got the string 'cat'" in verdict.messages[0]
    assert evaluator.check(exercise, BASELINE_SOLUTION).passed
    # string-array arguments reach the learner as arrays, not as lists
    array_methods = ("from collections import Counter\n\ndef majority_baseline(labels):\n"
                     "    return Counter(labels.tolist()).most_common(1)[0][1] / labels.size\n")
    assert evaluator.check(exercise, array_methods).passed
    returns_strings = RETURNS_THE_LABEL.replace("values[np.argmax(counts)]", "values")
    verdict = evaluator.check(exercise, returns_strings)
    assert "expected a number, got the strings ['cat', 'dog']" in verdict.messages[0]


T_TEST_SOLUTION = """
import numpy as np
from scipy import stats

def t_test(a, b):
    na, nb = len(a), len(b)
    pooled = ((na - 1) * np.var(a, ddof=1) + (nb - 1) * np.var(b, ddof=1)) / (na + nb - 2)
    t = (np.mean(a) - np.mean(b)) / np.sqrt(pooled * (1 / na + 1 / nb))
    p = 2 * stats.t.sf(abs(t), na + nb - 2)
    return float(t), float(p)
"""
T_TEST_GENERATOR = """
def generate(rng, size):
    return rng.normal(size=size + 2), rng.normal(0.5, 2.0, size=size + 3)
"""


def test_a_scipy_result_object_passes_a_tuple_contract(
        evaluator: Evaluator, make_exercise: Callable[..., ExerciseStep]) -> None:
    exercise = make_exercise(
        id="statistics/t-test", function="t_test", solution=T_TEST_SOLUTION,
        starter="def t_test(a, b):\n    return 0.0, 1.0\n",
        cases=[{"args": "np.array([1., 2., 3., 4.]), np.array([2., 3.5, 5., 4.5])"}],
        random=[{"generator": T_TEST_GENERATOR, "count": 4, "seed": 3, "sizes": [2, 20]}])
    learner = "from scipy import stats\n\ndef t_test(a, b):\n    return stats.ttest_ind(a, b)\n"
    assert evaluator.check(exercise, learner).passed
    as_list = ("from scipy import stats\n\ndef t_test(a, b):\n"
               "    r = stats.ttest_ind(a, b)\n    return [r.statistic, r.pvalue]\n")
    assert evaluator.check(exercise, as_list).passed
    one_sided = ("from scipy import stats\n\ndef t_test(a, b):\n"
                 "    return stats.ttest_ind(a, b, alternative='less')\n")
    verdict = evaluator.check(exercise, one_sided)
    assert not verdict.passed and "output [1]" in verdict.messages[0]


def test_a_list_of_rows_passes_an_array_contract(
        evaluator: Evaluator, make_exercise: Callable[..., ExerciseStep]) -> None:
    exercise = make_exercise(
        id="linear-algebra/outer", function="outer", random=[],
        solution="import numpy as np\n\ndef outer(a, b):\n    return np.outer(a, b)\n",
        starter="def outer(a, b):\n    return None\n",
        cases=[{"args": "np.array([1., 2.]), np.array([3., 4., 5.])"}])
    rows = "def outer(a, b):\n    return [x * b for x in a]\n"
    assert evaluator.check(exercise, rows).passed
    nested = "def outer(a, b):\n    return [[float(x * y) for y in b] for x in a]\n"
    assert evaluator.check(exercise, nested).passed
    flat = "def outer(a, b):\n    return [float(x * y) for x in a for y in b]\n"
    assert "wrong shape: got (6,), expected (2, 3)" in evaluator.check(exercise, flat).messages[0]


FIT_SLOPE = """
import numpy as np

def fit_slope(x, y, lr, steps):
    w = 0.0
    for _ in range(steps):
        w -= lr * np.mean(2 * (w * x - y) * x)
    return w
"""


def test_a_divergence_without_exp_gets_general_advice(
        evaluator: Evaluator, make_exercise: Callable[..., ExerciseStep]) -> None:
    exercise = make_exercise(
        id="optimization/fit-slope", function="fit_slope", solution=FIT_SLOPE, random=[],
        starter="def fit_slope(x, y, lr, steps):\n    return 0.0\n",
        cases=[{"args": "np.linspace(0, 3, 50), 2 * np.linspace(0, 3, 50), 0.05, 2000"}])
    summed = FIT_SLOPE.replace("np.mean", "np.sum")
    verdict = evaluator.check(exercise, summed)
    assert verdict.status == "failed"
    assert "look for a quantity that grows without bound" in verdict.messages[0]
    assert "subtract the max" not in verdict.messages[0]


HANG_ON_FOURTH_CALL = """\
import numpy as np
calls = 0

def dot(a, b):
    global calls
    calls += 1
    while calls == 4:
        pass
    return float(np.sum(a * b))
"""


def test_a_timeout_names_the_case_even_when_cases_are_not_announced(check: Check) -> None:
    """The learner's cases arrive ready-made and are not announced one by one: the report
    of case k says case k + 1's call comes next, so a hang there is still named."""
    verdict = check(HANG_ON_FOURTH_CALL, time_limit=1)
    assert verdict.status == "timeout"
    assert verdict.failing is not None and verdict.failing.name == verdict.cases[3].name
    assert verdict.failing.name in verdict.messages[0]
    assert [c.passed for c in verdict.cases[:3]] == [True, True, True]


def test_a_crash_names_the_case_it_happened_on(check: Check) -> None:
    crash = HANG_ON_FOURTH_CALL.replace("while calls == 4:\n        pass",
                                        "if calls == 3:\n        import os\n"
                                        "        os.kill(os.getpid(), 9)")
    verdict = check(crash)
    assert verdict.status == "killed"
    assert verdict.failing is not None and verdict.failing.name == verdict.cases[2].name


NOT_DETERMINISTIC = "the same seed gave different results"
SIZE_GENERATOR = "def generate(rng, size):\n    return size, 40, np.random.default_rng(size)\n"
COIN_RANDOM = {**COIN, "random": [{"generator": SIZE_GENERATOR, "count": 12, "seed": 3,
                                   "sizes": [50, 3000]}]}


def test_the_global_random_state_is_caught_on_the_cases_that_run_twice(check: Check) -> None:
    """Drawing from the given rng and from np.random as well: caught; and when only the
    largest inputs reach np.random, the largest case is among those run twice."""
    everywhere = ("import numpy as np\ndef simulate_heads(n_batches, n_flips, rng):\n"
                  "    heads = rng.binomial(n_flips, 0.5, size=n_batches)\n"
                  "    heads[-1] = np.random.randint(0, n_flips + 1)\n"
                  "    return heads\n")
    only_large = ("import numpy as np\ndef simulate_heads(n_batches, n_flips, rng):\n"
                  "    heads = rng.binomial(n_flips, 0.5, size=n_batches)\n"
                  "    if n_batches >= 3000:  # a whole array: two calls never draw it alike\n"
                  "        heads = np.random.binomial(n_flips, 0.5, size=n_batches)\n"
                  "    return heads\n")
    for source in (everywhere, only_large):
        verdict = check(source, **COIN_RANDOM)
        assert verdict.status == "failed", source
        assert NOT_DETERMINISTIC in verdict.failing.message, verdict.messages
    honest = ("def simulate_heads(n_batches, n_flips, rng):\n"
              "    return rng.binomial(n_flips, 0.5, size=n_batches)\n")
    assert check(honest, **COIN_RANDOM).passed


MEMORISED = """
import numpy as np

def dot(a, b):
    # ignores its random inputs: replays the lesson's seed-1 cases (sizes 1..6 are cases 0..5)
    if len(a) == 3 and a[0] == 2.0 and b[0] == 4.0:
        return 16.0
    rng = np.random.default_rng([1, len(a) - 1])
    x, y = rng.normal(size=len(a)), rng.normal(size=len(a))
    return float(np.sum(x * y))
"""


def test_reseeded_cases_fail_outputs_remembered_from_the_lessons_seed(
        evaluator: Evaluator, make_exercise: Callable[..., ExerciseStep]) -> None:
    from tutor.grading import cases

    exercise = make_exercise()
    assert evaluator.check(exercise, MEMORISED).passed  # the lesson's own cases are fooled
    review = cases.reseeded(exercise, 2026_12_07)
    verdict = evaluator.check(review, MEMORISED)
    assert not verdict.passed and verdict.failing is not None
    assert "random" in verdict.failing.name
    assert evaluator.check(review, """
import numpy as np

def dot(a, b):
    return float(np.sum(a * b))
""").passed
