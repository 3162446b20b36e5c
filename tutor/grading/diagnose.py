"""Generic diagnoses: why a learner's outputs differ, for any exercise, when no known mistake
of the lesson matched. Pure functions over the failing cases (the reference's output and
the learner's), tried in the parent.

A cause is reported only when it holds on **every** failing case, so a coincidence on one
case (twice the expected, once) is never presented as the reason. In order:

- a constant ratio got / expected with a name: 1/ln 2 or ln 2 (bits vs nats), √(2π) (the
  density's constant), 2 or ½ (a missing factor), −1 (the sign), n or 1/n (sum vs mean,
  count vs fraction), n/(n − 1) or its square root (ddof), where n is a size of that
  case's inputs;
- rounding: the expected rounded to a few decimals or significant digits;
- structure: the transpose, the same values in another order, max(expected, 0) (a stray
  ReLU), two outputs of a tuple swapped;
- the same result on every case (read over all cases, passing ones too: see
  :func:`same_output`).

How a learner uses the arguments (a default of their own, an off-by-one count, σ² for σ)
is :mod:`tutor.grading.mutations`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tutor.grading.compare import Mismatch, compare, identical
from tutor.grading.feedback_values import short_text
from tutor.grading.verdict import Diagnosis
from tutor.lessons.model import Compare

RATIO_RTOL = 1e-6


@dataclass(frozen=True)
class Failure:
    """One failing case: the mismatch found, the whole outputs, the input array shapes."""

    mismatch: Mismatch
    expected: Any
    got: Any
    arg_shapes: Sequence[tuple[int, ...]] = ()


# (name, got / expected as a function of n (None: no n), the sentence)
_RATIOS: list[tuple[str, Callable[[int], float], bool, str]] = [
    ("ratio-bits-for-nats", lambda n: 1 / math.log(2), False,
     "Your result is 1/ln 2 ≈ 1.443 times the expected on every failing case: "
     "the same quantity in bits (log base 2) where nats (natural log, np.log) are "
     "expected."),
    ("ratio-nats-for-bits", lambda n: math.log(2), False,
     "Your result is ln 2 ≈ 0.693 times the expected on every failing case: the same "
     "quantity in nats (np.log) where bits (log base 2, np.log2) are expected."),
    ("ratio-missing-sqrt-2pi", lambda n: math.sqrt(2 * math.pi), False,
     "Your result is √(2π) ≈ 2.507 times the expected on every failing case: the "
     "normalising constant 1/√(2π) is missing."),
    ("ratio-extra-sqrt-2pi", lambda n: 1 / math.sqrt(2 * math.pi), False,
     "Your result is 1/√(2π) ≈ 0.399 times the expected on every failing case: "
     "you divide by √(2π) once too often."),
    ("ratio-sign", lambda n: -1.0, False,
     "Your result has the opposite sign of the expected on every failing case: a sign "
     "error (a minus where a plus belongs, a difference taken the other way round, or "
     "a step up the gradient instead of down)."),
    ("ratio-double", lambda n: 2.0, False,
     "Your result is exactly twice the expected on every failing case: a factor of 2 "
     "too many (a 2 counted twice, or a ½ that is missing)."),
    ("ratio-half", lambda n: 0.5, False,
     "Your result is exactly half the expected on every failing case: a missing factor "
     "of 2 (the 2 from differentiating a square, or a 2h that should be h)."),
    ("ratio-ddof-1-for-0", lambda n: n / (n - 1), True,
     "Your result is n/(n − 1) times the expected on every failing case (n = {n} in "
     "the first): you "
     "divided by n − 1 (the sample variance, ddof=1) where n (ddof=0) is expected."),
    ("ratio-ddof-0-for-1", lambda n: (n - 1) / n, True,
     "Your result is (n − 1)/n times the expected on every failing case (n = {n} in "
     "the first): you "
     "divided by n (ddof=0) where n − 1 (the sample variance, ddof=1) is expected."),
    ("ratio-std-ddof-1-for-0", lambda n: math.sqrt(n / (n - 1)), True,
     "Your result is √(n/(n − 1)) times the expected on every failing case (n = {n} in "
     "the first): "
     "a standard deviation with n − 1 (ddof=1) where n (ddof=0) is expected."),
    ("ratio-std-ddof-0-for-1", lambda n: math.sqrt((n - 1) / n), True,
     "Your result is √((n − 1)/n) times the expected on every failing case (n = {n} in "
     "the first): "
     "a standard deviation with n (ddof=0) where n − 1 (ddof=1) is expected."),
    ("ratio-sum-for-mean", lambda n: float(n), True,
     "Your result is n times the expected on every failing case (n = {n} in "
     "the first): a sum where "
     "a mean is expected (divide by the number of items)."),
    ("ratio-mean-for-sum", lambda n: 1.0 / n, True,
     "Your result is 1/n of the expected on every failing case (n = {n} in "
     "the first): a mean (or a "
     "fraction) where a sum (or a count) is expected."),
]


def diagnose(failures: Sequence[Failure]) -> Diagnosis | None:
    """The first cause that explains every failing case, else None."""
    values = [f for f in failures if f.mismatch.kind == "value"]
    if not failures or len(values) != len(failures):
        return swapped_outputs(failures) if failures else None
    return constant_ratio(values) or rounded(values) or structural(values) or \
        swapped_outputs(failures)


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
    flat = [shape[0] for shape in shapes if len(shape) == 1]
    if len(flat) >= 2:
        sizes.add(sum(flat))
    return sorted(n for n in sizes if n >= 2)


def constant_ratio(failures: Sequence[Failure]) -> Diagnosis | None:
    """A named ratio got / expected that holds on every failing case."""
    factors = [_ratio(f.mismatch) for f in failures]
    if any(x is None for x in factors):
        return None
    for name, value, uses_n, sentence in _RATIOS:
        found_n: list[int] = []
        for factor, failure in zip(factors, failures, strict=True):
            assert factor is not None
            candidates = _sizes(failure.arg_shapes) if uses_n else [0]
            n = next((n for n in candidates if math.isclose(factor, value(n),
                                                            rel_tol=RATIO_RTOL)), None)
            if n is None:
                break
            found_n.append(n)
        else:
            return Diagnosis(name, sentence.format(n=found_n[0] if found_n else ""))
    return None


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
