"""How a value becomes plain data for the wire (see :mod:`tutor.grading.wire` for the
format): in the child, for the values it sends, and in the parent for arguments it sends on.

Size: :func:`encode` with a :class:`Budget` counts (roughly) the JSON it builds and raises
:class:`TooLarge` past it, before building anything big, so a child never runs out of memory
encoding a huge result; the child then reports the size instead (see
:mod:`tutor.grading.child.harness`). Without a budget, one array is capped at ``MAX_ARRAY_BYTES``.
"""

from __future__ import annotations

import base64
import types
from typing import Any

from tutor.grading.wire import (
    ARRAY_KINDS,
    MAX_ARRAY_BYTES,
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_STR,
    is_generator,
)
from tutor.lazynumpy import is_loaded, np
from tutor.safetext import clip


class TooLarge(Exception):
    """An encoding went over its :class:`Budget`; ``size``: the bytes counted by then."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


class Budget:
    """The bytes an encoding may still take (its JSON, roughly: exact sizes are checked when
    a message is written). ``cap_arrays``: an array over ``MAX_ARRAY_BYTES`` still becomes
    unsupported instead of counting (for arguments, which a child can rebuild itself)."""

    __slots__ = ("left", "used", "cap_arrays")

    def __init__(self, left: int, cap_arrays: bool = False) -> None:
        self.left = left
        self.used = 0
        self.cap_arrays = cap_arrays

    def take(self, size: int) -> None:
        self.used += size
        if self.used > self.left:
            raise TooLarge(self.used)


def _take(budget: Budget | None, size: int) -> None:
    if budget is not None:
        budget.take(size)


# numpy's names that encode() uses, bound once: learner code may monkeypatch numpy in its
# own child, never these. The child imports numpy before this module, so they are bound
# before any learner code runs; the parent, which mostly decodes, binds them at its first
# encode (and need not import numpy for a check of plain numbers).
_asarray: Any = None
_ndarray: Any = None
_generic: Any = None
_ufunc: Any = None
_FunctionType = types.FunctionType


def _bind_numpy() -> None:
    global _asarray, _ndarray, _generic, _ufunc
    import numpy

    _asarray, _ndarray, _generic, _ufunc = (numpy.asarray, numpy.ndarray, numpy.generic,
                                            numpy.ufunc)


if is_loaded():
    _bind_numpy()


def _callable_text(value: object) -> str:
    """A readable name for a function argument, never its ``<function ... at 0x...>``."""
    try:
        label = getattr(value, "label", None)
        if type(label) is str and label.strip():
            return label.strip()
        if isinstance(value, _ufunc):
            return f"np.{value.__name__}"
        doc = value.__doc__ if isinstance(value, _FunctionType) else None
        if type(doc) is str and doc.strip():
            return doc.strip().splitlines()[0].strip()
    except Exception:  # noqa: BLE001 - learner objects may raise anything from getattr
        pass
    return "a function"


def _short_repr(value: object) -> str:
    try:
        text = object.__repr__(value) if isinstance(value, type) else repr(value)
    except Exception:  # noqa: BLE001 - learner objects may raise anything from __repr__
        text = f"<{type(value).__name__}>"
    return clip(text, 80, "...")


def encode(value: Any, depth: int = 0, budget: Budget | None = None) -> Any:
    """Turn a value into JSON-able plain data (runs in the child); TooLarge past ``budget``."""
    if _ndarray is None:
        _bind_numpy()
    if depth > MAX_DEPTH:
        return {"unsupported": "nesting deeper than 16 levels"}
    kind = type(value)
    if value is None or kind is bool:
        _take(budget, 5)
        return value
    if kind is str:
        _take(budget, min(len(value), MAX_STR) + 2)
        return value if len(value) <= MAX_STR else value[:MAX_STR]
    if kind is int:
        _take(budget, 24)
        return value if abs(value) < 2**63 else float(value)
    if kind is float:
        _take(budget, 24)
        return value
    if kind is complex:
        _take(budget, 60)
        return {"complex": [value.real, value.imag]}
    if isinstance(value, (_ndarray, _generic)):
        return _encode_array(value, depth, budget)
    if isinstance(value, tuple):
        return _encode_items("tuple", value, depth, budget)
    if isinstance(value, list):
        return _encode_items("list", value, depth, budget)
    if isinstance(value, dict):
        return _encode_dict(value, depth, budget)
    _take(budget, 200)
    if is_generator(value):
        return {"rng": value.bit_generator.state}
    if isinstance(value, (int, float, str)):  # subclasses (IntEnum, ...): use the plain value
        return encode(_base_number(value)(value), depth, budget)
    if callable(value) and not isinstance(value, type):
        text = _callable_text(value)
        return {"unsupported": type(value).__name__,
                "repr": clip(text, 80, "...")}
    return {"unsupported": type(value).__name__, "repr": _short_repr(value)}


def _base_number(value: object) -> type:
    for base in (int, float, str):
        if isinstance(value, base):
            return base
    raise TypeError(type(value).__name__)


def _encode_array(value: Any, depth: int = 0, budget: Budget | None = None) -> Any:
    arr = _asarray(value)
    _take(budget, 80 + 24 * arr.ndim if type(arr) is _ndarray else 200)
    if type(arr) is not _ndarray:  # __array__ returned something odd
        return {"unsupported": type(value).__name__, "repr": _short_repr(value)}
    if arr.dtype.kind == "U":
        return _encode_strings(arr, depth, budget)
    if arr.dtype.kind not in ARRAY_KINDS or arr.dtype.fields is not None:
        return {"unsupported": f"array of dtype {arr.dtype}"}
    if arr.nbytes > MAX_ARRAY_BYTES and (budget is None or budget.cap_arrays):
        return {"unsupported": f"array of {arr.nbytes // 2**20} MB (too large to grade)"}
    _take(budget, 4 * -(-arr.nbytes // 3))  # its base64 text
    data = base64.b64encode(np.ascontiguousarray(arr).tobytes()).decode("ascii")
    out: dict[str, Any] = {"nd": arr.dtype.str, "shape": list(arr.shape), "b64": data}
    if isinstance(value, _generic):
        out["scalar"] = True
    return out


def _encode_strings(arr: Any, depth: int, budget: Budget | None = None) -> Any:
    """A numpy string scalar as a Python str; a string array as its shape and its strings
    (so that an argument stays an array on the other side)."""
    if arr.ndim == 0:
        return encode(str(arr[()]), depth, budget)
    if arr.size > MAX_ITEMS:
        return {"unsupported": f"array of {arr.size} strings (too long to grade)"}
    _take(budget, arr.size * (min(arr.dtype.itemsize // 4, MAX_STR) + 3))
    return {"strs": [str(x)[:MAX_STR] for x in arr.ravel().tolist()], "shape": list(arr.shape)}


def _encode_items(tag: str, items: tuple[Any, ...] | list[Any], depth: int,
                  budget: Budget | None = None) -> Any:
    if len(items) > MAX_ITEMS:
        return {"unsupported": f"{tag} of {len(items)} items (too long to grade)"}
    _take(budget, 12 + len(items))
    encoded: dict[str, Any] = {tag: [encode(item, depth + 1, budget) for item in items]}
    if tag == "tuple" and type(items) is not tuple:
        encoded["type"] = type(items).__name__
    return encoded


def _encode_dict(value: dict[Any, Any], depth: int, budget: Budget | None = None) -> Any:
    if len(value) > MAX_ITEMS:
        return {"unsupported": f"dict of {len(value)} items (too long to grade)"}
    _take(budget, 12)
    pairs = []
    for key, item in value.items():
        if type(key) not in (str, int):
            return {"unsupported": f"dict with {type(key).__name__} keys"}
        _take(budget, 8 + (len(key) if type(key) is str else 24))
        pairs.append([key, encode(item, depth + 1, budget)])
    return {"dict": pairs}
