"""Compare a learner's output with the reference's: pure functions, no processes.

``compare(expected, got, spec)`` returns ``None`` when they agree, else the first
:class:`Mismatch` found (depth first). The rules follow the grading conventions:

- numbers and arrays: shapes must match exactly (a Python float, a numpy scalar
  and a 0-d array all have shape ``()``), then ``|got - expected| <= atol + rtol *
  |expected|`` elementwise; NaN only matches NaN, inf only the same inf;
- a list/tuple of numbers or arrays is accepted where an array is expected, as the one
  array ``np.asarray`` makes of it (compared with its shape); a Python bool, a numpy
  bool and a 0-d bool array are all the same kind of value;
- tuple-like expected values (tuples, namedtuples, scipy results) accept any
  tuple-like or list of the same length; a dict needs every expected key (extra keys
  are ignored: a describe that also returns 'mode' is fine);
- strings compare exactly; a numpy string array counts as the (nested) list of ``str``
  it holds;
- ``spec.outputs`` overrides the tolerances per tuple index (``"0"``) or dict key;
  the fields an override sets replace the parent's, the others are inherited;
- ``up_to_sign`` lets each row, each column or the whole array flip sign;
- ``statistical`` compares distributions: same shape, mean within k standard
  errors of the reference's mean, spreads within a relative gap, optional integers;
- :func:`compare_finite` checks structure, shapes and finiteness only (``check: finite``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from tutor.grading.factor import constant_factor
from tutor.grading.wire import Unsupported
from tutor.lazynumpy import is_array, np
from tutor.lessons.exercise import Compare, Statistical

NUMERIC_KINDS = "biufc"


@dataclass(frozen=True)
class Mismatch:
    """Why one output differs. ``path`` names the part: "" (the value itself),
    "[0]" (tuple item), "['W1']" (dict key)."""

    kind: str  # type | length | keys | none | unsupported | shape | nan | inf | value | integer
    #           | mean | spread
    path: str = ""
    expected: Any = None
    got: Any = None
    detail: str = ""
    factor: float | None = None  # got / expected, when constant_factor finds it telling
    max_error: float | None = None
    where: tuple[int, ...] | None = None  # index of the worst element
    excess: float | None = None  # largest |got - expected| / (atol + rtol |expected|)
    tolerance: tuple[float, float] | None = None  # (rtol, atol) the values were compared with
    missing: tuple[str, ...] = field(default_factory=tuple)
    extra: tuple[str, ...] = field(default_factory=tuple)


def compare(expected: Any, got: Any, spec: Compare | None = None,
            path: str = "", *, detail: bool = True) -> Mismatch | None:
    """First difference between the reference's ``expected`` and the learner's ``got``.
    ``detail=False``: a wrong value's mismatch carries its kind only (no factor, error,
    worst index or excess), for callers that ask only whether they agree."""
    spec = spec or Compare()
    expected, got = _strings_as_lists(expected), _strings_as_lists(got)
    if isinstance(got, Unsupported):
        return Mismatch("unsupported", path, expected, got, detail=got.type_name)
    if expected is None or got is None:
        if expected is None and got is None:
            return None
        return Mismatch("none", path, expected, got)
    if isinstance(expected, (tuple, list)):
        as_array = _as_numeric_array(expected) if is_array(got) else None
        if as_array is None:
            return _compare_sequence(expected, got, spec, path, detail)
        expected = as_array
    if isinstance(expected, dict):
        return _compare_dict(expected, got, spec, path, detail)
    if isinstance(expected, str):
        if got == expected and isinstance(got, str):
            return None
        return Mismatch("value" if isinstance(got, str) else "type", path, expected, got)
    if _is_number_like(expected):
        if isinstance(got, (list, tuple)) and np.ndim(expected) > 0:
            converted = _as_numeric_array(got, arrays=True)
            got = got if converted is None else converted
        if not _is_number_like(got):
            return Mismatch("type", path, expected, got)
        if spec.statistical is not None:
            return compare_statistical(expected, got, spec.statistical, path)
        return compare_numbers(expected, got, spec, path, detail=detail)
    return Mismatch("type", path, expected, got, detail=f"cannot compare {type(expected).__name__}")


def compare_finite(expected: Any, got: Any, path: str = "") -> Mismatch | None:
    """For ``check: finite`` cases: the reference's structure and shapes, every number
    finite, values not compared (an infinite absolute tolerance; no per-output overrides)."""
    anything = Compare(rtol=0.0, atol=float("inf"))
    return compare(expected, got, anything, path)


def _strings_as_lists(value: Any) -> Any:
    """A numpy string array as the (nested) list of ``str`` it holds: strings compare
    exactly, item by item, whatever container they came in."""
    if is_array(value) and value.dtype.kind == "U":
        return value.tolist()
    return value


_MERGED: dict[tuple[int, int], tuple[Compare, Compare | None, Compare]] = {}


def merged(parent: Compare, override: Compare | None) -> Compare:
    """``override`` with every field it does not set taken from ``parent`` (remembered:
    every element of every case asks for the same few)."""
    if override is None and not parent.outputs:
        return parent
    key = (id(parent), id(override))
    known = _MERGED.get(key)
    if known is not None and known[0] is parent and known[1] is override:
        return known[2]
    if len(_MERGED) > 512:
        _MERGED.clear()
    result = _merge(parent, override)
    _MERGED[key] = (parent, override, result)  # holding both keeps their ids theirs
    return result


def _merge(parent: Compare, override: Compare | None) -> Compare:
    if override is None:
        return parent.model_copy(update={"outputs": {}})
    values = {name: getattr(parent, name) for name in Compare.model_fields if name != "outputs"}
    values.update({name: getattr(override, name) for name in override.model_fields_set})
    values.setdefault("outputs", {})
    return Compare(**values)


def _as_numeric_array(value: Any, arrays: bool = False) -> np.ndarray | None:
    """A list/tuple of plain numbers (possibly nested; with ``arrays``, numeric arrays as
    items too) as one array, else None (ragged, strings, anything else)."""
    kinds: tuple[type, ...] = (int, float, complex, np.generic, list, tuple)
    if not all(isinstance(v, kinds + ((np.ndarray,) if arrays else ())) for v in value):
        return None
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError):
        return None
    return arr if arr.dtype.kind in NUMERIC_KINDS else None


def _is_number_like(value: Any) -> bool:
    kind = type(value)
    if kind is float or kind is bool or kind is complex:  # without numpy: the same answer
        return True
    if kind is int:
        return -2**63 <= value < 2**64  # numpy makes an int64 or uint64 of it, else object
    if isinstance(value, (bool, int, float, complex, np.generic)):
        return np.asarray(value).dtype.kind in NUMERIC_KINDS
    return isinstance(value, np.ndarray) and value.dtype.kind in NUMERIC_KINDS


def agree(expected: Any, got: Any, spec: Compare | None = None) -> bool:
    """Whether :func:`compare` finds no difference (without describing one)."""
    return compare(expected, got, spec, detail=False) is None


def _compare_sequence(expected: Any, got: Any, spec: Compare, path: str,
                      detail: bool) -> Mismatch | None:
    if not isinstance(got, (tuple, list)):
        return Mismatch("type", path, expected, got)
    if len(got) != len(expected):
        return Mismatch("length", path, expected, got)
    for i, (e, g) in enumerate(zip(expected, got, strict=True)):
        found = compare(e, g, merged(spec, spec.outputs.get(str(i))), f"{path}[{i}]",
                        detail=detail)
        if found:
            return found
    return None


def _compare_dict(expected: dict[Any, Any], got: Any, spec: Compare, path: str,
                  detail: bool) -> Mismatch | None:
    if not isinstance(got, dict):
        return Mismatch("type", path, expected, got)
    missing = tuple(str(k) for k in expected if k not in got)
    if missing:  # extra keys alone are fine; named here in case one is a misspelling
        extra = tuple(str(k) for k in got if k not in expected)
        return Mismatch("keys", path, expected, got, missing=missing, extra=extra)
    for key, e in expected.items():
        found = compare(e, got[key], merged(spec, spec.outputs.get(str(key))),
                        f"{path}[{key!r}]", detail=detail)
        if found:
            return found
    return None


def _as_float(arr: np.ndarray) -> np.ndarray:
    return arr.astype(np.complex128 if arr.dtype.kind == "c" else np.float64)


def closeness(e: np.ndarray, g: np.ndarray, rtol: float,
              atol: float) -> tuple[np.ndarray, np.ndarray]:
    """|g − e| and which entries count as equal: within ``atol + rtol·|e|`` and finite, the
    same value (inf and inf), or NaN where NaN is expected. An infinite expected value is
    never merely "close"."""
    with np.errstate(all="ignore"):
        diff = np.abs(g - e)
        close = ((diff <= atol + rtol * np.abs(e)) & np.isfinite(diff)) | (g == e) | \
            (np.isnan(g) & np.isnan(e))
    return diff, close


def compare_numbers(expected: Any, got: Any, spec: Compare, path: str = "", *,
                    detail: bool = True) -> Mismatch | None:
    """Shape, non-finite values, then tolerance; for numbers and arrays (``detail``: see
    :func:`compare`)."""
    if type(expected) is float and type(got) is float and _close_floats(expected, got, spec):
        return None  # most results are one float: the same test as closeness(), in Python
    e, g = np.asarray(expected), np.asarray(got)
    if e.shape != g.shape:
        return Mismatch("shape", path, expected, got)
    e, g = _as_float(e), _as_float(g)
    if spec.up_to_sign:
        g = align_signs(e, g, spec.up_to_sign)
    diff, close = closeness(e, g, spec.rtol, spec.atol)
    if close.all():
        return None
    for kind, bad in (("nan", np.isnan(g) & ~np.isnan(e)), ("inf", np.isinf(g) & (g != e))):
        if bad.any():
            where = tuple(int(i) for i in np.argwhere(bad)[0])
            return Mismatch(kind, path, expected, got, where=where,
                            detail=f"{int(bad.sum())} of {bad.size}")
    if not detail:
        return Mismatch("value", path, expected, got)
    with np.errstate(all="ignore"):
        err = np.where(close, 0.0, diff)
        err = np.where(np.isnan(err), np.inf, err)
        excess = float(np.max(np.where(close, 0.0, diff / (spec.atol + spec.rtol * np.abs(e)))))
    worst = np.unravel_index(int(np.argmax(err)), err.shape) if err.ndim else ()
    return Mismatch(
        "value", path, expected, got,
        detail=f"{int((~close).sum())} of {close.size}",
        factor=constant_factor(e, g),
        max_error=float(err[worst]),
        where=tuple(int(i) for i in worst),
        excess=excess if np.isfinite(excess) else None,
        tolerance=(spec.rtol, spec.atol),
    )


def _close_floats(e: float, g: float, spec: Compare) -> bool:
    """:func:`closeness` of two Python floats (the same IEEE double arithmetic)."""
    diff = abs(g - e)
    return (diff <= spec.atol + spec.rtol * abs(e) and math.isfinite(diff)) or g == e or \
        (math.isnan(g) and math.isnan(e))


NEAR_MISS = 10.0  # within 10 tolerances: a difference that looks like rounding to a learner


def near_miss(m: Mismatch | None) -> bool:
    """Wrong values that differ from the expected by little more than the tolerance."""
    return m is not None and m.kind == "value" and m.excess is not None and \
        m.excess < NEAR_MISS


def align_signs(expected: np.ndarray, got: np.ndarray, mode: str) -> np.ndarray:
    """Flip the sign of each row / column / the whole of ``got`` to best match ``expected``."""
    if got.ndim == 0:
        return got
    if mode == "whole" or got.ndim == 1:
        return -got if _flip_is_better(expected, got) else got
    axis = 0 if mode == "rows" else got.ndim - 1
    out = got.copy()
    for i in range(got.shape[axis]):
        e, g = np.take(expected, i, axis=axis), np.take(got, i, axis=axis)
        if _flip_is_better(e, g):
            index: list[Any] = [slice(None)] * got.ndim
            index[axis] = i
            out[tuple(index)] = -g
    return out


def _flip_is_better(e: np.ndarray, g: np.ndarray) -> bool:
    with np.errstate(all="ignore"):
        return bool(np.nansum(np.abs(g + e)) < np.nansum(np.abs(g - e)))


def compare_statistical(expected: Any, got: Any, stat: Statistical,
                        path: str = "") -> Mismatch | None:
    """Same shape, then the distribution of ``got`` against the reference sample."""
    e, g = np.asarray(expected), np.asarray(got)
    if e.shape != g.shape:
        return Mismatch("shape", path, expected, got)
    if g.dtype.kind == "c" or e.dtype.kind == "c":
        return Mismatch("type", path, expected, got, detail="complex values")
    dtype = g.dtype
    e, g = e.astype(np.float64).ravel(), g.astype(np.float64).ravel()
    for kind, bad in (("nan", np.isnan(g)), ("inf", np.isinf(g))):
        if bad.any():
            return Mismatch(kind, path, expected, got, detail=f"{int(bad.sum())} of {bad.size}")
    if stat.integer and not np.array_equal(g, np.round(g)):
        return Mismatch("integer", path, expected, got)
    if stat.integer and dtype.kind not in "iu":  # whole numbers, but floats (or bools)
        return Mismatch("integer", path, expected, got, detail=str(dtype))
    n = e.size
    mean_e, mean_g = float(e.mean()), float(g.mean())
    std_e, std_g = (float(e.std(ddof=1)), float(g.std(ddof=1))) if n > 1 else (0.0, 0.0)
    se = std_e / np.sqrt(n) if n > 1 else 0.0
    allowed = stat.mean_tolerance_se * se
    if abs(mean_g - mean_e) > allowed + 1e-12 * max(1.0, abs(mean_e)):
        return Mismatch("mean", path, expected, got,
                        detail=f"mean {mean_g:.4g}, expected {mean_e:.4g} ± {allowed:.2g}")
    if abs(std_g - std_e) > stat.std_rtol * std_e + 1e-12:
        return Mismatch("spread", path, expected, got,
                        detail=f"standard deviation {std_g:.4g}, expected {std_e:.4g} "
                        f"(within {stat.std_rtol:.0%})")
    return None


def nonfinite_as_nan(value: Any) -> Any:
    """``value`` with every non-finite number (NaN, inf, -inf) made NaN, so that where NaN
    and where inf appear (which depends on rounding) stops mattering."""
    if isinstance(value, tuple):
        return tuple(nonfinite_as_nan(v) for v in value)
    if isinstance(value, list):
        return [nonfinite_as_nan(v) for v in value]
    if isinstance(value, dict):
        return {k: nonfinite_as_nan(v) for k, v in value.items()}
    if _is_number_like(value):
        arr = np.asarray(value)
        if arr.dtype.kind not in "fc" or np.isfinite(arr).all():
            return value
        out = arr.copy()
        out[~np.isfinite(out)] = np.nan
        return out if isinstance(value, np.ndarray) else out[()]
    return value


def all_nonfinite(value: Any) -> bool:
    """Whether ``value`` holds numbers and every one of them is NaN or infinite."""
    leaves: list[np.ndarray] = []

    def walk(v: Any) -> None:
        if isinstance(v, (tuple, list)):
            for item in v:
                walk(item)
        elif isinstance(v, dict):
            for item in v.values():
                walk(item)
        elif _is_number_like(v):
            leaves.append(np.asarray(v))

    walk(value)
    return bool(leaves) and all(a.size > 0 and a.dtype.kind in "fc" and not np.isfinite(a).any()
                                for a in leaves)


def identical(a: Any, b: Any) -> bool:
    """Exactly the same value (NaN equals NaN): for the same-seed determinism check."""
    a, b = _strings_as_lists(a), _strings_as_lists(b)
    if type(a) is not type(b) and not (_is_number_like(a) and _is_number_like(b)):
        return False
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(identical(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(identical(a[k], b[k]) for k in a)
    if _is_number_like(a):
        x, y = np.asarray(a), np.asarray(b)
        return x.shape == y.shape and bool(np.array_equal(x, y, equal_nan=x.dtype.kind in "fc"))
    return bool(a == b)
