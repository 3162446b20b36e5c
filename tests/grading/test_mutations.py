"""Argument diagnoses (mutations.py) and the other whole-run diagnoses, without processes,
then through the evaluator."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.grading import diagnose, mutations, sourcetree
from tutor.lessons.model import Compare

Check = Callable[..., Any]


def sig(source: str, name: str = "f") -> mutations.Signature | None:
    return mutations.signature(ast.parse(source), name)


def test_signature_reads_literal_defaults_and_the_last_definition() -> None:
    found = sig("def f(a, b=1):\n    pass\ndef f(x, lr=0.01, *, k=3, beta=-0.9):\n    pass\n")
    assert found == mutations.Signature(("x", "lr"), {"lr": 0.01})
    assert sig("def f(a, b=len('x')):\n    pass\n") == mutations.Signature(("a", "b"), {})
    assert sig("g = 1\n") is None
    assert mutations.parsed_signature("def f(:", "f") is None


def test_a_learner_default_that_differs_is_named_only_when_the_case_leaves_it_out() -> None:
    ours = sig("def f(X, y, lr=0.01, epochs=100):\n    pass\n")
    theirs = sig("def f(X, y, rate=0.1, epochs=100):\n    pass\n")
    found = mutations.wrong_default(theirs, ours, [2, 2])
    assert found is not None and found.name == "wrong-default"
    assert "`rate` is 0.1" in found.message and "0.01" in found.message
    assert mutations.wrong_default(theirs, ours, [3, 2]) is None  # lr passed by one case
    same = sig("def f(X, y, lr=0.01, epochs=100.0):\n    pass\n")
    assert mutations.wrong_default(same, ours, [2]) is None  # 100.0 == 100 is the same


def test_changes_fit_only_arguments_of_their_kind() -> None:
    ours = sig("def f(x, mu, sigma, n, beta=0.9):\n    pass\n")
    args = (np.arange(3.0), 0.5, 2.0, 10, 0.5)
    changes, defaults = mutations.plan(ours, [args])
    kinds = {(c.kind, c.index) for c in changes}
    assert ("square", 2) in kinds and ("sqrt", 2) in kinds
    assert ("minus-one", 3) in kinds and ("plus-one", 3) in kinds
    assert ("square", 3) not in kinds  # a count is never squared
    assert ("default", 4) in kinds and defaults == {4: 0.9}
    assert ("swap", 1, 2) in {(c.kind, c.index, c.other) for c in changes}
    assert not any(c.index == 0 and c.kind != "swap" for c in changes)
    assert len(changes) <= mutations.MAX_CHANGES
    off_by_one = mutations.Change("minus-one", 3)
    assert off_by_one.apply(args, defaults) == (*args[:3], 9, 0.5)
    assert off_by_one.apply((*args[:3], 1, 0.5), defaults) is None


def test_defaults_are_spelt_out_to_be_swapped_but_never_changed_alone() -> None:
    ours = sig("def f(w, g, t, beta1=0.9, beta2=0.999, eps=1e-8):\n    pass\n")
    args = mutations.with_defaults(ours, (np.ones(2), np.ones(2), 3))
    assert args[3:] == (0.9, 0.999, 1e-8)
    assert mutations.with_defaults(sig("def f(a, b, c=1):\n    pass\n"), (1.0,)) == (1.0,)
    changes, _ = mutations.plan(ours, [args], given=3)
    assert ("swap", 3, 4) in {(c.kind, c.index, c.other) for c in changes}
    assert not any(c.index >= 3 and c.kind != "swap" for c in changes)
    swaps = [c for c in changes if c.kind == "swap"]
    gaps = [c.other - c.index for c in swaps]
    assert gaps == sorted(gaps)  # neighbours first


def test_an_argument_at_zero_names_one_the_code_ignores() -> None:
    zero = mutations.Change("zero", 1)
    assert zero.apply((1.0, 5), {}) == (1.0, 0) and zero.apply((1.0, 0), {}) is None
    found = mutations.explain([zero], {}, ("step", "warmup"), [(3, 5), (4, 10)], [0.5, 0.4],
                              [[0.9, 0.8]], [0.9, 0.8], Compare())
    assert found is not None and found.name == "argument-zero"
    assert "`warmup` = 0 instead of the 5 given: your code ignores `warmup`" in found.message


def test_a_reciprocal_is_tried_for_a_scale_and_named() -> None:
    inverse = mutations.Change("reciprocal", 1)
    changed = inverse.apply((1.0, 4.0), {})
    assert changed == (1.0, 0.25)
    assert inverse.apply((1.0, 3), {}) is None and inverse.apply((1.0, 1.0), {}) is None
    found = mutations.explain([inverse], {}, ("z", "T"), [(1.0, 4.0)], [0.25], [[4.0]], [4.0],
                              Compare())
    assert found is not None and "1/`T` in place of `T` (4 given)" in found.message


def test_equal_weights_replace_only_a_vector_of_probabilities() -> None:
    uniform = mutations.Change("uniform", 1)
    p = np.array([0.1, 0.2, 0.7])
    changed = uniform.apply((np.arange(3.0), p), {})
    assert changed is not None and np.allclose(changed[1], 1 / 3)
    assert uniform.apply((np.arange(3.0), np.full(3, 1 / 3)), {}) is None  # equal already
    assert uniform.apply((np.arange(3.0), np.array([0.5, 0.6, 0.1])), {}) is None  # sum 1.2
    assert uniform.apply((np.arange(3.0), np.array([1, 0, 0])), {}) is None  # integers
    x = np.array([1.0, 2.0, 6.0])
    found = mutations.explain([uniform], {}, ("x", "p"), [(x, p)], [float(x @ p)], [[3.0]],
                              [3.0], Compare())
    assert found is not None and "`p` replaced by equal weights, 1/3 each" in found.message


def test_a_change_explains_only_what_it_reproduces_on_every_case_it_ran() -> None:
    change = mutations.Change("minus-one", 1)
    names = ("x", "n")
    args = [(1.0, 5), (2.0, 7)]
    expected = [5.0, 14.0]
    learner = [4.0, 12.0]
    spec = Compare()
    found = mutations.explain([change], {}, names, args, expected, [[4.0, 12.0]], learner, spec)
    assert found is not None and found.name == "argument-minus-one"
    assert "`n` = 4 instead of the 5 given" in found.message
    assert mutations.explain([change], {}, names, args, expected, [[4.0, 13.0]], learner,
                             spec) is None  # wrong on one case: no cause
    assert mutations.explain([change], {}, names, args, expected,
                             [[4.0, mutations.NO_RUN]], learner, spec) is None  # one run
    assert mutations.explain([change], {}, names, args[:1], expected[:1], [[4.0]],
                             learner[:1], spec) is not None  # the only case tried


def test_the_same_output_everywhere_is_named_when_the_expected_differ() -> None:
    found = diagnose.same_output([0.7143] * 4, [0.5, 0.7, 0.1, 0.3])
    assert found is not None and "same result, 0.7143, for all 4 cases" in found.message
    assert diagnose.same_output([1.0] * 4, [1.0, 1.0, 1.0, 1.0]) is None
    assert diagnose.same_output([1.0, 1.0], [2.0, 3.0]) is None  # too few cases to say


def test_legacy_random_calls_are_found_through_imports() -> None:
    tree = ast.parse("import numpy as np\nfrom numpy import random as npr\n"
                     "np.random.seed(0)\nnpr.permutation(3)\nnp.random.default_rng(1)\n"
                     "np.random.seed(2)\n")
    assert sourcetree.legacy_random_calls(tree) == ["np.random.seed", "np.random.permutation"]
    assert sourcetree.legacy_random_calls(ast.parse("import numpy as np\n"
                                                "r = np.random.default_rng(0)\n")) == []


GRADIENT_STEP = {
    "function": "step",
    "solution": "def step(w, g, lr, beta=0.5):\n    return w - lr * g * beta\n",
    "starter": "def step(w, g, lr, beta=0.5):\n    pass\n",
    "cases": [{"args": "2.0, 1.0, 0.1, 0.9"}, {"args": "1.0, 3.0, 0.2, 0.8"},
              {"args": "0.0, 2.0, 0.5, 0.25"}],
    "random": [],
}


def test_the_evaluator_names_an_argument_the_code_ignores(check: Check) -> None:
    ignores = "def step(w, g, lr, beta=0.5):\n    return w - lr * g * 0.5\n"
    verdict = check(ignores, **GRADIENT_STEP)
    assert verdict.status == "failed" and verdict.diagnosis == "argument-default"
    assert "`beta` at its default, 0.5, instead of the 0.9 passed in" in verdict.messages[1]


def test_the_evaluator_names_arguments_used_the_other_way_round(check: Check) -> None:
    reversed_ = "def step(w, g, lr, beta=0.5):\n    return g - lr * w * beta\n"
    verdict = check(reversed_, **GRADIENT_STEP)
    assert verdict.diagnosis == "argument-swap", verdict.messages
    assert "`w` and `g` swapped" in verdict.messages[1]


def test_a_change_that_gives_just_the_wrong_outputs_of_a_tuple_is_named() -> None:
    change = mutations.Change("minus-one", 1)
    names = ("x", "steps")
    args = [(1.0, 5)]
    expected = [(5.0, [1.0, 2.0])]
    learner = [(4.0, [1.0, 2.0])]  # the first output as with steps - 1, the second right
    spec = Compare()
    found = mutations.explain([change], {}, names, args, expected, [[(4.0, [1.0])]],
                              learner, spec)
    assert found is not None and found.name == "argument-minus-one"
    assert found.message.startswith("Your output [0] matches the reference run with "
                                    "`steps` = 4")
    assert mutations.explain([change], {}, names, args, expected, [[(4.5, [1.0])]], learner,
                             spec) is None  # the wrong output is not the changed run's
    both_wrong = [(4.0, [1.0, 3.0])]
    assert mutations.explain([change], {}, names, args, expected, [[(4.0, [1.0])]],
                             both_wrong, spec) is None  # output [1] unexplained


DERIVATIVE = {
    "function": "derivative",
    "solution": "def derivative(f, x, h=1e-5):\n    return (f(x + h) - f(x - h)) / (2 * h)\n",
    "starter": "def derivative(f, x, h=1e-5):\n    pass\n",
    "cases": [{"args": "lambda x: x ** 4, 2.0"}, {"args": "lambda x: 1 / x, 0.5"}],
    "random": [],
}


def test_a_default_of_the_learners_own_is_named_when_an_argument_is_a_function(
        check: Check) -> None:
    coarse = "def derivative(f, x, h=0.1):\n    return (f(x + h) - f(x - h)) / (2 * h)\n"
    verdict = check(coarse, **DERIVATIVE)
    assert verdict.diagnosis == "wrong-default", verdict.messages
    assert "Your default for `h` is 0.1, but the contract's is 1e-05" in verdict.messages[1]


KL = {
    "function": "kl",
    "solution": ("import numpy as np\n\ndef kl(p, q):\n    m = p > 0\n"
                 "    return float(np.sum(p[m] * np.log(p[m] / q[m])))\n"),
    "starter": "def kl(p, q):\n    pass\n",
    "cases": [{"args": "np.array([0.5, 0.5]), np.array([1e-9, 1 - 1e-9])"},
              {"args": "np.array([0.9, 0.1, 0.0]), np.array([0.3, 1e-8, 0.7])"},
              {"args": "np.array([0.5, 0.5]), np.array([0.25, 0.75])"}],
    "random": [],
}


def test_an_epsilon_is_named_only_when_the_code_passes_without_it(check: Check) -> None:
    smoothed = ("import numpy as np\n\ndef kl(p, q, lr=1e-3):\n    eps = 1e-6\n"
                "    return float(np.sum(p * np.log((p + eps) / (q + eps))))\n")
    verdict = check(smoothed, **KL)
    assert verdict.diagnosis == "epsilon", verdict.messages
    assert "adds the small constant 1e-06 (line 4: `eps = 1e-6`)" in verdict.messages[1]
    wrong_anyway = ("import numpy as np\n\ndef kl(p, q):\n    eps = 1e-6\n"
                    "    return float(np.sum(q * np.log((q + eps) / (p + eps))))\n")
    verdict = check(wrong_anyway, **KL)
    assert verdict.status == "failed" and verdict.diagnosis != "epsilon"
