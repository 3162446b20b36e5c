"""Generic diagnoses: why a learner's outputs differ, for any exercise, when no known mistake
of the lesson matched. Pure functions over the failing cases (the reference's output and
the learner's), tried in the parent.

A cause is reported only when it holds on **every** failing case, so a coincidence on one
case (twice the expected, once) is never presented as the reason. In order:

- a constant ratio got / expected with a name: 1/ln 2 or ln 2 (bits vs nats), √(2π) (the
  density's constant), 2 or ½ (a missing factor), −1 (the sign), n or 1/n (sum vs mean,
  count vs fraction), n/(n − 1) or its square root (ddof), n/(n − 2) or its root (a
  pooled variance over n), where n is a size of that case's inputs;
- a ratio that is a scale of that case's inputs: ‖a‖, ‖a‖², ‖a‖·‖b‖, std(x)·std(y)
  or its inverse (a normalisation missing, or one too many), ‖b‖/‖a‖ (one norm in
  place of another);
- rounding: the expected rounded to a few decimals or significant digits;
- structure: the transpose, the same values in another order, max(expected, 0) (a stray
  ReLU), two outputs of a tuple swapped;
- the same result on every case (read over all cases, passing ones too: see
  :func:`same_output`);
- an overflow numpy warned of on every failing case whose result is finite but wrong
  (:func:`exp_overflow`).

How a learner uses the arguments (a default of their own, an off-by-one count, σ² for σ)
is :mod:`tutor.grading.mutations`; a small constant that changes the answer is
:mod:`tutor.grading.epsilon`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tutor.grading import feedback_mismatch
from tutor.grading.compare import Mismatch, compare, identical
from tutor.grading.feedback_values import short_text
from tutor.grading.verdict import Diagnosis
from tutor.lessons.exercise import Compare

RATIO_RTOL = 1e-6


@dataclass(frozen=True)
class Failure:
    """One failing case: the mismatch found, the whole outputs, the input array shapes."""

    mismatch: Mismatch
    expected: Any
    got: Any
    arg_shapes: Sequence[tuple[int, ...]] = ()
    args: Sequence[Any] = ()  # the case's inputs, for ratios that are a norm of one


# (name, got / expected as a function of n, which n ("": none, "n": any size of the
# case's inputs, "pooled": the 1-D inputs' lengths added), the sentence)
_RATIOS: list[tuple[str, Callable[[int], float], str, str]] = [
    ("ratio-bits-for-nats", lambda n: 1 / math.log(2), "",
     "Your result is 1/ln 2 ≈ 1.443 times the expected on every failing case: "
     "the same quantity in bits (log base 2) where nats (natural log, np.log) are "
     "expected."),
    ("ratio-nats-for-bits", lambda n: math.log(2), "",
     "Your result is ln 2 ≈ 0.693 times the expected on every failing case: the same "
     "quantity in nats (np.log) where bits (log base 2, np.log2) are expected."),
    ("ratio-missing-sqrt-2pi", lambda n: math.sqrt(2 * math.pi), "",
     "Your result is √(2π) ≈ 2.507 times the expected on every failing case: the "
     "normalising constant 1/√(2π) is missing."),
    ("ratio-extra-sqrt-2pi", lambda n: 1 / math.sqrt(2 * math.pi), "",
     "Your result is 1/√(2π) ≈ 0.399 times the expected on every failing case: "
     "you divide by √(2π) once too often."),
    ("ratio-sign", lambda n: -1.0, "",
     "Your result has the opposite sign of the expected on every failing case: a sign "
     "error (a minus where a plus belongs, a difference taken the other way round, or "
     "a step up the gradient instead of down)."),
    ("ratio-double", lambda n: 2.0, "",
     "Your result is exactly twice the expected on every failing case: a factor of 2 "
     "too many (a 2 counted twice, or a ½ that is missing)."),
    ("ratio-half", lambda n: 0.5, "",
     "Your result is exactly half the expected on every failing case: a missing factor "
     "of 2 (the 2 from differentiating a square, or a 2h that should be h)."),
    ("ratio-ddof-1-for-0", lambda n: n / (n - 1), "n",
     "Your result is n/(n − 1) times the expected on every failing case (n = {n} in "
     "the first): you "
     "divided by n − 1 (the sample variance, ddof=1) where n (ddof=0) is expected."),
    ("ratio-ddof-0-for-1", lambda n: (n - 1) / n, "n",
     "Your result is (n − 1)/n times the expected on every failing case (n = {n} in "
     "the first): you "
     "divided by n (ddof=0) where n − 1 (the sample variance, ddof=1) is expected."),
    ("ratio-std-ddof-1-for-0", lambda n: math.sqrt(n / (n - 1)), "n",
     "Your result is √(n/(n − 1)) times the expected on every failing case (n = {n} in "
     "the first): "
     "a standard deviation with n − 1 (ddof=1) where n (ddof=0) is expected."),
    ("ratio-std-ddof-0-for-1", lambda n: math.sqrt((n - 1) / n), "n",
     "Your result is √((n − 1)/n) times the expected on every failing case (n = {n} in "
     "the first): "
     "a standard deviation with n (ddof=0) where n − 1 (ddof=1) is expected."),
    ("ratio-pooled-n-for-n-minus-2", lambda n: n / (n - 2) if n > 2 else math.nan,
     "pooled",
     "Your result is n/(n − 2) times the expected on every failing case (n = {n}, both "
     "samples together, in the first): a pooled variance divided by n where n − 2 is "
     "expected (each sample's mean costs one degree of freedom)."),
    ("ratio-std-pooled-n-for-n-minus-2",
     lambda n: math.sqrt(n / (n - 2)) if n > 2 else math.nan, "pooled",
     "Your result is √(n/(n − 2)) times the expected on every failing case (n = {n}, both "
     "samples together, in the first): the pooled variance inside it is divided by n "
     "where n − 2 is expected (each sample's mean costs one degree of freedom: "
     "ddof=1 for each sample's variance)."),
    ("ratio-sum-for-mean", lambda n: float(n), "n",
     "Your result is n times the expected on every failing case (n = {n} in "
     "the first): a sum where "
     "a mean is expected (divide by the number of items)."),
    ("ratio-mean-for-sum", lambda n: 1.0 / n, "n",
     "Your result is 1/n of the expected on every failing case (n = {n} in "
     "the first): a mean (or a "
     "fraction) where a sum (or a count) is expected."),
]


def diagnose(failures: Sequence[Failure], names: Sequence[str] = ()) -> Diagnosis | None:
    """The first cause that explains every failing case, else None. ``names``: the
    learner's parameter names, for a ratio that is a norm of an input."""
    values = [f for f in failures if f.mismatch.kind == "value"]
    if not failures or len(values) != len(failures):
        return swapped_outputs(failures) if failures else None
    return constant_ratio(values) or input_scale_ratio(values, names) or rounded(values) or \
        structural(values) or swapped_outputs(failures)


def _ratio(m: Mismatch) -> float | None:
    """got / expected when it is one constant over the differing part, else None."""
    e, g = np.asarray(m.expected), np.asarray(m.got)
    if e.dtype.kind not in "iuf" or g.dtype.kind not in "iufb":
        return None
    e, g = e.astype(float).ravel(), g.astype(float).ravel()
    if not (np.isfinite(e).all() and np.isfinite(g).all()):
        return None
    nonzero = np.abs(e) > 1e-300
    if not nonzero.any() or not np.allclose(g[~nonzero], 0.0, atol=1e-12):
        return None
    ratios = g[nonzero] / e[nonzero]
    factor = float(np.median(ratios))
    if factor == 0 or not np.allclose(ratios, factor, rtol=RATIO_RTOL, atol=0):
        return None
    return factor


def _sizes(shapes: Sequence[tuple[int, ...]]) -> list[int]:
    """Candidate n for a case: every axis length of its array inputs, the total size of
    each, and the summed length of its 1-D inputs (two samples pooled)."""
    sizes = {n for shape in shapes for n in shape}
    sizes |= {math.prod(shape) for shape in shapes if shape}
    sizes.update(_pooled(shapes))
    return sorted(n for n in sizes if n >= 2)


def _pooled(shapes: Sequence[tuple[int, ...]]) -> list[int]:
    """The pooled size of two samples or more: the 1-D inputs' lengths added."""
    flat = [shape[0] for shape in shapes if len(shape) == 1]
    return [sum(flat)] if len(flat) >= 2 else []


def constant_ratio(failures: Sequence[Failure]) -> Diagnosis | None:
    """A named ratio got / expected that holds on every failing case."""
    factors = [_ratio(f.mismatch) for f in failures]
    if any(x is None for x in factors):
        return None
    for name, value, which_n, sentence in _RATIOS:
        found_n: list[int] = []
        for factor, failure in zip(factors, failures, strict=True):
            assert factor is not None
            candidates = {"": [0], "n": _sizes(failure.arg_shapes),
                          "pooled": _pooled(failure.arg_shapes)}[which_n]
            n = next((n for n in candidates if math.isclose(factor, value(n),
                                                            rel_tol=RATIO_RTOL)), None)
            if n is None:
                break
            found_n.append(n)
        else:
            return Diagnosis(name, sentence.format(n=found_n[0] if found_n else ""))
    return None


def _scales(args: Sequence[Any], names: Sequence[str]) -> dict[str, float]:
    """Scales of a case's array inputs that a normalisation divides by, by how the learner
    would write them: ‖a‖, ‖a‖², std(a) and the sample std (1-D samples), the products
    of two inputs' norms or standard deviations, and the quotient of two norms."""
    arrays: list[tuple[str, np.ndarray]] = []
    for i, arg in enumerate(args):
        a = np.asarray(arg) if isinstance(arg, np.ndarray) else None
        if a is None or a.dtype.kind not in "iuf" or a.ndim == 0 or \
                not np.isfinite(a).all():
            continue
        arrays.append((names[i] if i < len(names) else f"argument {i + 1}", a.astype(float)))
    scales: dict[str, float] = {}
    for name, a in arrays:
        norm = float(np.linalg.norm(a))
        scales[f"‖{name}‖"] = norm
        scales[f"‖{name}‖²"] = norm ** 2
    pairs = [(x, y) for i, x in enumerate(arrays) for y in arrays[i + 1:]]
    for (n1, a1), (n2, a2) in pairs:
        scales[f"‖{n1}‖·‖{n2}‖"] = float(np.linalg.norm(a1) * np.linalg.norm(a2))
    for (n1, a1), (n2, a2) in [*pairs, *((y, x) for x, y in pairs)]:
        if np.linalg.norm(a2) > 0:
            scales[f"‖{n1}‖/‖{n2}‖"] = float(np.linalg.norm(a1) / np.linalg.norm(a2))
    samples = [(name, a) for name, a in arrays if a.ndim == 1 and a.size >= 2]
    for i, (n1, a1) in enumerate(samples):
        for n2, a2 in samples[i + 1:]:
            scales[f"std({n1})·std({n2})"] = float(np.std(a1) * np.std(a2))
            scales[f"std({n1}, ddof=1)·std({n2}, ddof=1)"] = float(
                np.std(a1, ddof=1) * np.std(a2, ddof=1))
    for name, a in samples:
        scales[f"std({name})"] = float(np.std(a))
        scales[f"std({name}, ddof=1)"] = float(np.std(a, ddof=1))
    return scales


def input_scale_ratio(failures: Sequence[Failure], names: Sequence[str] = ()
                      ) -> Diagnosis | None:
    """got / expected equal to a norm (or a standard deviation) of the inputs, or its
    inverse, on every failing case: a normalisation missing, or one too many."""
    factors = [_ratio(f.mismatch) for f in failures]
    if any(x is None for x in factors):
        return None
    with np.errstate(all="ignore"):
        per_case = [_scales(f.args, names) for f in failures]
    for label in per_case[0]:
        for power, missing in ((1, True), (-1, False))[:1 if "/" in label else 2]:
            values = [case.get(label) for case in per_case]
            if all(v is not None and v > 0 and abs(math.log(v)) > 1e-3 and math.isclose(
                    factor, v ** power, rel_tol=RATIO_RTOL)
                   for v, factor in zip(values, factors, strict=True)):
                return _scale_diagnosis(label, values[0], missing)
    return None


def _scale_diagnosis(label: str, value: Any, missing: bool) -> Diagnosis:
    shown = f"{value:.4g}"
    if "/" in label:  # ‖x‖/‖y‖: one norm where the other belongs
        right, wrong = label.split("/")
        return Diagnosis("ratio-norm-for-norm", (
            f"Your result is {label} times the expected on every failing case ({shown} in "
            f"the first): you divide by {wrong} where {right} belongs (or multiply by {right} "
            f"where {wrong} does)."))
    if missing:
        return Diagnosis("ratio-missing-normalisation", (
            f"Your result is {label} times the expected on every failing case ({shown} in "
            f"the first): a missing normalisation. Divide by {label}."))
    return Diagnosis("ratio-extra-normalisation", (
        f"Your result is the expected divided by {label} on every failing case ({shown} "
        "in the first): a normalisation the exercise does not ask for, or one applied "
        "twice."))


def exp_overflow(warnings: Sequence[Sequence[str]], calls_exp: bool) -> Diagnosis | None:
    """numpy warned of an overflow on every failing case (``warnings``: the learner's run's
    warnings on each failing case whose reference run did not warn of one)."""
    if not warnings or not all(any("overflow" in w for w in case) for case in warnings):
        return None
    first = next(w for w in warnings[0] if "overflow" in w).removeprefix("RuntimeWarning: ")
    if feedback_mismatch.exp_overflow(warnings[0], calls_exp):
        return Diagnosis("exp-overflow", (
            f"numpy warned \"{first}\" on every failing case: exp of a large number is "
            "inf, and inf / inf gives NaN (or 0 further on). Subtract the largest value "
            "before exp (each row's own max for a batch, `axis=-1, keepdims=True`): the "
            "result is unchanged and every exponent is at most 0."))
    return Diagnosis("overflow", (
        f"numpy warned \"{first}\" on every failing case, and the reference's run did "
        f"not: {feedback_mismatch.GROWTH_HINT}."))


def rounded(failures: Sequence[Failure]) -> Diagnosis | None:
    """The expected values rounded to a few decimals or significant digits."""
    texts = []
    for failure in failures:
        e = np.asarray(failure.mismatch.expected, dtype=float)
        g = np.asarray(failure.mismatch.got, dtype=float)
        how = _rounding(e, g)
        if how is None:
            return None
        texts.append(how)
    return Diagnosis("rounded", f"Your result is the expected rounded to {texts[0]}: return "
                     "the full value and round only when you print it.")


def _rounding(e: np.ndarray, g: np.ndarray) -> str | None:
    for decimals in range(0, 7):
        if np.array_equal(np.round(e, decimals), g) or np.allclose(
                np.round(e, decimals), g, rtol=1e-12, atol=0):
            return f"{decimals} decimal{'s' if decimals != 1 else ''}"
    for digits in range(1, 7):
        shown = np.array([float(f"{x:.{digits}g}") for x in e.ravel()]).reshape(e.shape)
        if np.allclose(shown, g, rtol=1e-12, atol=0):
            return f"{digits} significant digit{'s' if digits != 1 else ''}"
    return None


def _close(expected: Any, got: Any) -> bool:
    return compare(expected, got, Compare()) is None


def structural(failures: Sequence[Failure]) -> Diagnosis | None:
    """The transpose, another order of the same values, or a stray ReLU, on every case."""
    checks: list[tuple[str, Callable[[np.ndarray, np.ndarray], bool], str]] = [
        ("transposed", lambda e, g: e.ndim == 2 and e.shape[0] == e.shape[1]
         and not _close(e, e.T) and _close(e.T, g),
         "Your result is the transpose of the expected: rows and columns are swapped "
         "(check the order of a product, or an axis)."),
        ("reordered", lambda e, g: e.ndim >= 1 and e.size > 1 and _reordered(e, g),
         "Your result has the expected values in a different order: sort them the way "
         "the exercise asks (check a sort, its direction, or which end the bias goes)."),
        ("stray-relu", lambda e, g: bool((e < 0).any()) and _close(np.maximum(e, 0), g),
         "Your result is the expected with its negative entries set to 0: a stray "
         "ReLU (or a clip at 0) where the exercise does not ask for one."),
    ]
    for name, test, sentence in checks:
        if all(_applies(test, f) for f in failures):
            return Diagnosis(name, sentence)
    return None


def _applies(test: Callable[[np.ndarray, np.ndarray], bool], failure: Failure) -> bool:
    e, g = np.asarray(failure.mismatch.expected), np.asarray(failure.mismatch.got)
    if e.dtype.kind not in "iuf" or g.dtype.kind not in "iufb" or e.shape != g.shape:
        return False
    return bool(test(e.astype(float), g.astype(float)))


def _reordered(e: np.ndarray, g: np.ndarray) -> bool:
    if e.ndim == 1:
        return _close(np.sort(e), np.sort(g))
    rows_e = sorted(map(tuple, e.reshape(e.shape[0], -1).tolist()))
    rows_g = sorted(map(tuple, g.reshape(g.shape[0], -1).tolist()))
    return _close(np.array(rows_e), np.array(rows_g))


def swapped_outputs(failures: Sequence[Failure]) -> Diagnosis | None:
    """Two outputs of a tuple returned in each other's place, on every failing case."""
    pairs: set[tuple[int, int]] | None = None
    for failure in failures:
        e, g = failure.expected, failure.got
        if not (isinstance(e, (tuple, list)) and isinstance(g, (tuple, list))
                and len(e) == len(g) >= 2):
            return None
        here = {(i, j) for i in range(len(e)) for j in range(i + 1, len(e))
                if _close(e[i], g[j]) and _close(e[j], g[i]) and not _close(e[i], e[j])}
        pairs = here if pairs is None else pairs & here
        if not pairs:
            return None
    if not pairs:
        return None
    i, j = min(pairs)
    return Diagnosis("swapped-outputs", f"Your outputs {i} and {j} are in each other's "
                     "place: return them in the order the exercise lists.")


def same_output(outputs: Sequence[Any], expected: Sequence[Any]) -> Diagnosis | None:
    """Every case gave the very same result although the expected ones differ: code that
    ignores its inputs (a hard-coded answer, a variable that is never updated). Needs three
    cases or more."""
    if len(outputs) < 3 or len(outputs) != len(expected):
        return None
    first = outputs[0]
    if not all(identical(first, other) for other in outputs[1:]):
        return None
    if all(_close(expected[0], other) for other in expected[1:]):
        return None
    return Diagnosis("same-output", (
        f"Your function returned the same result, {short_text(first, 60)}, for all "
        f"{len(outputs)} cases, although the expected results differ: it does not depend "
        "on its inputs (a hard-coded answer, or a variable that never changes?)."))


def legacy_generator(calls: Sequence[str]) -> Diagnosis | None:
    """The learner draws from numpy's global generator (``calls``) where the reference uses a
    ``np.random.default_rng`` generator: same seed, other numbers."""
    if not calls:
        return None
    shown = ", ".join(f"{c}()" for c in calls[:3])
    return Diagnosis("legacy-generator", (
        f"Your code draws its random numbers from numpy's global generator ({shown}), but "
        "the exercise draws them from a Generator, np.random.default_rng(seed): the same "
        "seed gives other numbers in the two. Make one with rng = "
        "np.random.default_rng(seed) and draw from it (rng.permutation, rng.normal...)."))
