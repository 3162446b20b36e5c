"""A wrong value that is one constant factor of the right one (twice it, half of it, its
negative): found here for the feedback to name, in the parent, on plain numbers."""

from __future__ import annotations

import math

from tutor.lazynumpy import np

FACTOR_MIN_GAP = 0.05  # a factor within 5% of 1 is a plain wrong value, not a scaling
ROUND_FACTOR_MAX = 1000


def constant_factor(expected: np.ndarray, got: np.ndarray) -> float | None:
    """``got / expected`` when that ratio is one constant worth telling the learner, else None.

    Worth telling: clearly not ~1 (``|factor - 1| > FACTOR_MIN_GAP``), and either one
    consistent factor across several nonzero values, or, for a single value (where any two
    numbers have a ratio), a round factor (2, 1/2, n, 1/n, -1, ...)."""
    e, g = np.asarray(expected).ravel(), np.asarray(got).ravel()
    if np.iscomplexobj(e) or np.iscomplexobj(g):
        return None
    e, g = e.astype(np.float64), g.astype(np.float64)
    if e.size == 1:  # one number: the same steps on Python floats (no median of one)
        ratio = float(g[0]) / float(e[0]) if e[0] != 0 and np.isfinite(e[0]) else math.nan
        if not math.isfinite(ratio) or ratio == 0 or abs(ratio - 1.0) <= FACTOR_MIN_GAP:
            return None
        return ratio if is_round_factor(ratio) else None
    if _ends_disagree(e, g):
        return None
    return _one_factor(e, g)


# A factor ``f`` is kept only when every ratio is within ``RATIO_RTOL * |f|`` of it; then any
# two ratios ``a``, ``b`` have ``|a - b| <= 2 RATIO_RTOL |f| <= 2 RATIO_RTOL |a| / (1 -
# RATIO_RTOL)``. Two ratios further apart than this bound (with room for rounding) mean no
# factor, found without the median of them all (most wrong outputs are no scaling).
RATIO_RTOL = 1e-6
_ENDS_APART = 2.1 * RATIO_RTOL


def _ends_disagree(e: np.ndarray, g: np.ndarray) -> bool:
    """The ratios at the first and last nonzero expected values already rule out one
    constant factor (or one of them is not finite, which rules it out too)."""
    nonzero = np.flatnonzero(e)
    if nonzero.size < 2:
        return False
    first, last = int(nonzero[0]), int(nonzero[-1])
    with np.errstate(all="ignore"):
        a, b = float(g[first] / e[first]), float(g[last] / e[last])
    if not (np.isfinite(a) and np.isfinite(b)):
        return True
    return abs(a - b) > _ENDS_APART * abs(a)


def _one_factor(e: np.ndarray, g: np.ndarray) -> float | None:
    """:func:`constant_factor` on flat float arrays, every ratio considered."""
    if not (np.isfinite(e).all() and np.isfinite(g).all()):
        return None
    nonzero = e != 0
    if not nonzero.any() or not np.allclose(g[~nonzero], 0.0, atol=1e-12):
        return None
    with np.errstate(all="ignore"):
        ratios = g[nonzero] / e[nonzero]
    if not np.isfinite(ratios).all():
        return None
    factor = float(np.median(ratios))
    if factor == 0 or abs(factor - 1.0) <= FACTOR_MIN_GAP:
        return None
    if not np.allclose(ratios, factor, rtol=RATIO_RTOL, atol=0):
        return None
    if ratios.size >= 2 or is_round_factor(factor):
        return factor
    return None


def is_round_factor(factor: float) -> bool:
    """-1, or n or 1/n (either sign) for a whole n from 2 to ROUND_FACTOR_MAX."""
    if np.isclose(factor, -1.0, rtol=1e-9, atol=0):
        return True
    size = abs(factor)
    for candidate in (size, 1.0 / size):
        if not np.isfinite(candidate):
            continue  # 1/size of a subnormal factor
        n = round(candidate)
        if 2 <= n <= ROUND_FACTOR_MAX and np.isclose(candidate, n, rtol=1e-9, atol=0):
            return True
    return False
