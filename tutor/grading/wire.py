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

How a value becomes this data (in the child) is :mod:`tutor.grading.encoding`.
"""

from __future__ import annotations

import base64
import json
import math
import re
import sys
from typing import Any

from tutor.lazynumpy import is_loaded, np
from tutor.safetext import printable

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


_PENDING: Any = object()


class Checked:
    """A value that came over the wire, proved well formed once: ``raw`` as it came (to send
    on again) and ``value``, decoded at its first read, its arrays read-only (one decoding
    serves every reader). A value nobody reads (a passing case's arguments) is never built,
    so a check whose results are plain numbers need not import numpy in the parent.
    (A plain class, not a dataclass: pydantic passes it through a dump untouched.)"""

    __slots__ = ("raw", "_value")

    def __init__(self, raw: Any, value: Any = _PENDING) -> None:
        self.raw = raw
        self._value = value

    @property
    def value(self) -> Any:
        if self._value is _PENDING:
            try:
                value = decode(self.raw)
            except WireError as exc:  # checked already: only a platform's missing dtype
                value = Unsupported(f"malformed data ({exc})")
            _read_only(value)
            self._value = value
        return self._value


def checked(data: Any) -> Checked:
    """``data`` proved well formed, as :func:`decode` would (raising WireError like it),
    without building its arrays while numpy is not imported here: those are built at the
    first read of ``value``."""
    if is_loaded():
        value = decode(data)
        _read_only(value)
        return Checked(data, value)
    _walk(data, build=False)
    return Checked(data)


def _read_only(value: Any) -> None:
    if not is_loaded():  # then no value holds an array
        return
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
    return _walk(data, build=True)


def _walk(data: Any, build: bool) -> Any:
    """:func:`_decode` from the top, whatever it raises on malformed data as WireError."""
    try:
        return _decode(data, 0, build)
    except WireError:
        raise
    except (ArithmeticError, ValueError, TypeError, KeyError, IndexError, AttributeError,
            RecursionError, MemoryError) as exc:
        raise WireError(f"{type(exc).__name__}: {str(exc)[:200]}") from None


# The tags in the order they are looked for: an object's first key of these is its tag.
TAGS = ("nd", "tuple", "list", "dict", "strs", "complex", "rng", "unsupported")


def tag_of(data: Any) -> str | None:
    """The tag :func:`decode` reads ``data`` by (None for a plain value or no tag)."""
    if isinstance(data, dict):
        return next((tag for tag in TAGS if tag in data), None)
    return None


def _decode(data: Any, depth: int, build: bool) -> Any:
    """The value; with ``build`` False, only the checks (arrays are not made)."""
    if depth > MAX_DEPTH + 1:
        raise WireError("nesting too deep")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if not isinstance(data, dict) or not data:
        raise WireError(f"unexpected {type(data).__name__}")
    tag = tag_of(data)
    if tag == "nd":
        return _decode_array(data, build)
    if tag == "tuple":
        return tuple(_decode(item, depth + 1, build) for item in _as_list(data["tuple"]))
    if tag == "list":
        return [_decode(item, depth + 1, build) for item in _as_list(data["list"])]
    if tag == "dict":
        out: dict[Any, Any] = {}
        for pair in _as_list(data["dict"]):
            if not (isinstance(pair, list) and len(pair) == 2 and type(pair[0]) in (str, int)):
                raise WireError("bad dict item")
            out[pair[0]] = _decode(pair[1], depth + 1, build)
        return out
    if tag == "strs":
        return _decode_strings(data, build)
    if tag == "complex":
        real, imag = _as_list(data["complex"])
        return complex(float(real), float(imag))
    if tag == "rng":
        return _decode_rng(data["rng"])
    if tag == "unsupported":
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


def _decode_strings(data: dict[str, Any], build: bool) -> Any:
    strs = _as_list(data["strs"])
    try:
        shape = tuple(int(n) for n in data["shape"])
    except (KeyError, TypeError, ValueError) as exc:
        raise WireError(f"bad string array: {exc}") from None
    if not all(type(x) is str and len(x) <= MAX_STR for x in strs):
        raise WireError("bad string array: items must be strings")
    if not shape or any(n < 0 for n in shape) or math.prod(shape) != len(strs):
        raise WireError("string array shape does not match its data")
    return np.array(strs, dtype=str).reshape(shape) if build else None


# An array's dtype as numpy's ``dtype.str`` spells it: byte order, kind, item size.
_DTYPE = re.compile(rf"[<>|=]?([{ARRAY_KINDS}])(\d{{1,2}})")
_ITEM_SIZES = {"b": (1,), "i": (1, 2, 4, 8), "u": (1, 2, 4, 8), "f": (2, 4, 8, 16),
               "c": (8, 16, 32)}  # numpy's item sizes of each of ARRAY_KINDS


def _decode_array(data: dict[str, Any], build: bool) -> Any:
    try:
        spelled = data["nd"]
        shape = tuple(int(n) for n in data["shape"])
        raw = base64.b64decode(data["b64"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise WireError(f"bad array: {exc}") from None
    form = _DTYPE.fullmatch(spelled) if type(spelled) is str else None
    itemsize = 0 if form is None else int(form[2])
    if form is None or itemsize not in _ITEM_SIZES[form[1]]:
        raise WireError(f"dtype {printable(str(spelled)[:40])} is not allowed")
    if len(shape) > MAX_DIMS:
        raise WireError(f"an array of {len(shape)} dimensions (at most {MAX_DIMS})")
    if any(n < 0 for n in shape) or math.prod(shape) * itemsize != len(raw):
        raise WireError("array shape does not match its data")
    if math.prod(n for n in shape if n) * itemsize >= 2**63:  # numpy's limit, zeros aside
        raise WireError("an empty array of impossible dimensions")
    if not build:
        return None
    arr = np.frombuffer(raw, dtype=np.dtype(spelled)).reshape(shape).copy()
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
