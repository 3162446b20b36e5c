"""Plain-data encoding of values crossing the sandbox boundary (never pickle).

A sandboxed child sends back JSON only. Arrays travel as dtype + shape + base64
bytes and only numeric and bool dtypes are accepted; tuple-like values (tuples,
namedtuples, scipy result objects), lists and dicts nest; numpy and Python
scalars, ``None`` and strings pass as themselves (a ``np.str_`` as a ``str``). Anything
else becomes ``{"unsupported": type name}`` so the parent can say what it could not grade.
A function (a case argument such as ``f``) travels as unsupported too, with a readable
text: its ``label`` attribute (a generator may set ``f.label = "f(x) = sin(3x)"``), else
the first line of its docstring, ``np.<name>`` for a numpy ufunc, else "a function".

Tags, one key per object: ``nd`` (array or numpy scalar), ``strs`` (a string array:
its strings in C order and its shape; compared like a (nested) list of ``str``),
``tuple``, ``list``, ``dict`` (list of [key, value] pairs), ``complex``, ``rng`` (a
numpy Generator's bit-generator state, used for arguments only), ``unsupported``.

Size: :func:`encode` with a :class:`Budget` counts (roughly) the JSON it builds and raises
:class:`TooLarge` past it, before building anything big, so a child never runs out of memory
encoding a huge result; the child then reports the size instead (see
:mod:`tutor.grading.child.harness`). Without a budget, one array is capped at ``MAX_ARRAY_BYTES``.
"""

from __future__ import annotations

import base64
import json
import math
import sys
import types
from typing import Any

import numpy as np

from tutor.safetext import clip, printable

MAX_DEPTH = 16
MAX_DIMS = 32
MAX_ITEMS = 10_000
MAX_STR = 10_000
MAX_ARRAY_BYTES = 64 * 2**20
ARRAY_KINDS = "biufc"
STDOUT_CAP = 10_000  # characters of a run's printed output that are sent
NAME_CHARS = 200  # of a name sent (tutor.grading.messages refuses longer texts)


class Unsupported:
    """A value the child could not encode: kept as its type name and a short repr."""

    __slots__ = ("type_name", "text")

    def __init__(self, type_name: str, text: str = "") -> None:
        self.type_name = type_name
        self.text = text or f"<{type_name}>"

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unsupported) and other.type_name == self.type_name

    __hash__ = None  # type: ignore[assignment]


class WireError(ValueError):
    """Malformed data from a child."""


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


# Bound once: learner code may monkeypatch numpy in its own child, never this reference.
_asarray = np.asarray
_ndarray = np.ndarray
_generic = np.generic
_ufunc = np.ufunc
_FunctionType = types.FunctionType


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


class Checked:
    """A value that came over the wire and was decoded once: ``raw`` as it came (to send on
    again), ``value`` decoded, its arrays read-only (one decoding serves every reader).
    (A plain class, not a dataclass: pydantic passes it through a dump untouched.)"""

    __slots__ = ("raw", "value")

    def __init__(self, raw: Any, value: Any) -> None:
        self.raw = raw
        self.value = value


def checked(data: Any) -> Checked:
    """:func:`decode`, keeping the plain data too; raises WireError like it."""
    value = decode(data)
    _read_only(value)
    return Checked(data, value)


def _read_only(value: Any) -> None:
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, (tuple, list)):
        for item in value:
            _read_only(item)
    elif isinstance(value, dict):
        for item in value.values():
            _read_only(item)


def decode(data: Any) -> Any:
    """Rebuild a value from plain data (runs in the trusted parent and in children).

    Raises WireError on anything malformed (whatever numpy or Python would raise on it:
    an infinite shape, a state out of range); never evaluates or unpickles. The type names
    and texts of unsupported values are made printable.
    """
    try:
        return _decode(data, 0)
    except WireError:
        raise
    except (ArithmeticError, ValueError, TypeError, KeyError, IndexError, AttributeError,
            RecursionError, MemoryError) as exc:
        raise WireError(f"{type(exc).__name__}: {str(exc)[:200]}") from None


def _decode(data: Any, depth: int) -> Any:
    if depth > MAX_DEPTH + 1:
        raise WireError("nesting too deep")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if not isinstance(data, dict) or not data:
        raise WireError(f"unexpected {type(data).__name__}")
    if "nd" in data:
        return _decode_array(data)
    if "tuple" in data:
        return tuple(_decode(item, depth + 1) for item in _as_list(data["tuple"]))
    if "list" in data:
        return [_decode(item, depth + 1) for item in _as_list(data["list"])]
    if "dict" in data:
        out: dict[Any, Any] = {}
        for pair in _as_list(data["dict"]):
            if not (isinstance(pair, list) and len(pair) == 2 and type(pair[0]) in (str, int)):
                raise WireError("bad dict item")
            out[pair[0]] = _decode(pair[1], depth + 1)
        return out
    if "strs" in data:
        return _decode_strings(data)
    if "complex" in data:
        re, im = _as_list(data["complex"])
        return complex(float(re), float(im))
    if "rng" in data:
        return _decode_rng(data["rng"])
    if "unsupported" in data:
        return Unsupported(printable(str(data["unsupported"])[:200]),
                           printable(str(data.get("repr", ""))[:200]))
    raise WireError(f"unknown tag {next(iter(data))!r}")


_BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")


def is_generator(value: Any) -> bool:
    """Whether ``value`` is a numpy Generator; without importing ``numpy.random`` (none can
    exist before it is imported), which a grading parent that never meets one need not."""
    random = sys.modules.get("numpy.random")
    return random is not None and isinstance(value, random.Generator)


def _decode_rng(state: Any) -> np.random.Generator:
    name = state.get("bit_generator") if isinstance(state, dict) else None
    if name not in _BIT_GENERATORS:
        raise WireError(f"unknown bit generator {name!r}")
    bit_generator = getattr(np.random, name)()
    try:
        bit_generator.state = state
    except (TypeError, ValueError, KeyError) as exc:
        raise WireError(f"bad generator state: {exc}") from None
    return np.random.Generator(bit_generator)


def _as_list(value: Any) -> list[Any]:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise WireError("expected a list")
    return value


def _decode_strings(data: dict[str, Any]) -> Any:
    strs = _as_list(data["strs"])
    try:
        shape = tuple(int(n) for n in data["shape"])
    except (KeyError, TypeError, ValueError) as exc:
        raise WireError(f"bad string array: {exc}") from None
    if not all(type(x) is str and len(x) <= MAX_STR for x in strs):
        raise WireError("bad string array: items must be strings")
    if not shape or any(n < 0 for n in shape) or math.prod(shape) != len(strs):
        raise WireError("string array shape does not match its data")
    return np.array(strs, dtype=str).reshape(shape)


def _decode_array(data: dict[str, Any]) -> Any:
    try:
        dtype = np.dtype(str(data["nd"]))
        shape = tuple(int(n) for n in data["shape"])
        raw = base64.b64decode(data["b64"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise WireError(f"bad array: {exc}") from None
    if len(shape) > MAX_DIMS:
        raise WireError(f"an array of {len(shape)} dimensions (at most {MAX_DIMS})")
    if dtype.kind not in ARRAY_KINDS or dtype.fields is not None or dtype.hasobject:
        raise WireError(f"dtype {dtype} is not allowed")
    if any(n < 0 for n in shape) or math.prod(shape) * dtype.itemsize != len(raw):
        raise WireError("array shape does not match its data")
    arr = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if data.get("scalar") and shape == ():
        return arr[()]
    return arr


def dumps(message: dict[str, Any]) -> bytes:
    """One message as a JSON line (NaN and inf allowed, as Python's json writes them)."""
    return json.dumps(message, separators=(",", ":")).encode() + b"\n"


def loads(line: bytes) -> dict[str, Any]:
    """Parse one JSON line from a child; WireError if it is not a JSON object."""
    try:
        message = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise WireError(f"not JSON: {exc}") from None
    if not isinstance(message, dict):
        raise WireError("message is not an object")
    return message
