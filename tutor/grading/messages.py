"""What a sandboxed child may send, checked before the parent uses any of it.

A child writes JSON lines on its result pipe (see :mod:`tutor.grading.child.harness`),
and code under test can write there too. Each line must be one of the messages below,
with the right types, lengths and ranges (strict: no coercion, no extra keys), and the
whole run must fit the plan the parent made: ``ready`` first, each case reported at
most once and only cases that were planned, nothing after ``done``. Every text field
a person may read is made printable (:func:`tutor.safetext.printable`) here, the one
place where the child's text enters the parent. Encoded values are decoded here, once,
which proves them well formed: they reach readers as :class:`tutor.grading.wire.Checked`
(the plain data and the value).

:func:`check` returns the messages, or raises :class:`Malformed` saying what was wrong:
the caller grades that one run as an error and goes on with the next.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
)

from tutor.grading import wire
from tutor.grading.refusals import ACTION_CHARS, REASON_CHARS, RefusalKind
from tutor.grading.wire import NAME_CHARS, STDOUT_CAP
from tutor.safetext import printable


class Malformed(ValueError):
    """A child sent something that is not a message the parent planned for."""


def _text(limit: int) -> Any:
    """A string of at most ``limit`` characters, made printable before anything else reads
    it (a lone surrogate is escaped, not refused)."""

    def clean(value: Any) -> Any:
        if type(value) is not str:
            return value  # the str check after this one refuses it
        if len(value) > limit:
            raise ValueError(f"longer than {limit} characters")
        return printable(value)

    return Annotated[str, BeforeValidator(clean)]


def _wire_value(value: Any) -> wire.Checked:
    try:
        return wire.checked(value)
    except wire.WireError as exc:
        raise ValueError(f"a malformed value ({exc})") from None


Name = _text(NAME_CHARS)
Line = _text(2000)
Output = _text(STDOUT_CAP)
Wire = Annotated[Any, AfterValidator(_wire_value)]
Index = Annotated[int, Field(ge=0, lt=1_000_000)]


def _pair(item: Any) -> Any:
    """``[name, [item, ...]]`` as a checked tuple type: JSON has no tuples, so the pair is
    validated without strictness on its container only."""
    return Annotated[tuple[Name, Annotated[list[item], Field(max_length=64)]],
                     Field(strict=False)]


class _Message(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Refusal(_Message):
    """What the audit hook refused (:class:`tutor.grading.refusals.Refusal` as data)."""

    kind: Annotated[RefusalKind, Field(strict=False)]  # its value, on the wire
    action: _text(ACTION_CHARS)
    reason: _text(REASON_CHARS)


Refusals = Annotated[list[Refusal], Field(max_length=20)]


class Exc(_Message):
    type: Name
    mro_: Annotated[list[Name], Field(max_length=64, alias="mro")]
    message: Line
    trace: Annotated[list[_text(600)], Field(max_length=40)]
    kind: Literal["memory", "recursion", "exit", "interrupt"] | None
    function: Name | None = None
    refusal: Refusal | None = None  # the exception is the sandbox's refusal


class Ready(_Message):
    ev: Literal["ready"]
    layers: Annotated[dict[Name, _text(500)], Field(max_length=16)]


class Phase(_Message):
    ev: Literal["phase"]
    phase: Literal["load", "call", "time_args", "time"]
    k: Index | None = None
    m: Index | None = None


class Start(_Message):
    ev: Literal["start"]
    k: Index
    m: Index | None = None


class Case(_Message):
    ev: Literal["case"]
    k: Index
    m: Index | None = None
    args: Annotated[list[Wire], Field(max_length=64)] | None = None
    args_error: Exc | None = None
    single: Name | None = None
    out: Wire = None
    out2: Wire = None
    exc: Exc | None = None
    after: Annotated[list[_pair(Wire)], Field(max_length=16)] | None = None
    rng_idle: Annotated[list[_pair(Index)], Field(max_length=16)] | None = None
    warn: Annotated[list[_text(300)], Field(max_length=5)] | None = None
    stdout: Output | None = None
    refusals: Refusals | None = None
    then: Literal["call"] | None = None  # the next case's call follows at once, unannounced


class Load(_Message):
    ev: Literal["load"]
    exc: Exc
    stdout: Output | None = None
    refusals: Refusals | None = None


class Missing(_Message):
    ev: Literal["missing"]
    name: Name
    found: Name | None
    want: Literal["class"] | None = None  # a class exercise's entry point


class Value(_Message):
    ev: Literal["value"]
    k: Index
    out: Wire = None
    error: Line | None = None


class Exec(_Message):
    ev: Literal["exec"]
    ok: bool
    stdout: Output | None = None
    exc: Exc | None = None


class Timed(_Message):
    """The timing run's report: the outputs of its calls (checked against the baseline's);
    the time itself comes from the kernel, never from here."""

    ev: Literal["timed"]
    outs: Annotated[list[Wire], Field(max_length=64)] | None = None
    exc: Exc | None = None
    part: Literal["time_args"] | None = None


class Overflow(_Message):
    ev: Literal["overflow"]
    bytes: Annotated[int, Field(ge=0, lt=2**60)]
    limit: Annotated[int, Field(ge=0)] | None


class Done(_Message):
    ev: Literal["done"]
    stdout: Output
    dropped: Annotated[int, Field(ge=0, lt=2**60)]
    refusals: Refusals | None = None


class Fatal(_Message):
    ev: Literal["fatal"]
    error: _text(4000)


AnyMessage = Annotated[Ready | Phase | Start | Case | Load | Missing | Value | Exec | Timed |
                       Overflow | Done | Fatal, Field(discriminator="ev")]
_ADAPTER: TypeAdapter[Any] = TypeAdapter(AnyMessage)


def one(raw: Any) -> dict[str, Any]:
    """One message, checked, as a plain dict (fields it did not send left out)."""
    if not isinstance(raw, dict):
        raise Malformed("a message that is not an object")
    try:
        message = _ADAPTER.validate_python(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "the message"
        kind = str(raw.get("ev"))[:20] if isinstance(raw.get("ev"), str) else "?"
        raise Malformed(f"a {kind!r} message with a bad {where}: {first['msg']}") from None
    return message.model_dump(exclude_unset=True, by_alias=True)


def check(raw: list[Any], cases: int | None, mistakes: int | None = None) -> list[dict[str, Any]]:
    """Every message checked, and the run against its plan: ``cases`` cases (per mistake,
    when ``mistakes`` is given; None: no cases planned)."""
    messages = [one(m) for m in raw]
    seen: set[tuple[int | None, int]] = set()
    for i, message in enumerate(messages):
        event = message["ev"]
        if event == "ready" and i != 0:
            raise Malformed("a second 'ready' message")
        if event == "done" and i != len(messages) - 1:
            raise Malformed("messages after 'done'")
        if "k" in message and event in ("start", "case", "value", "phase"):
            k, m = message["k"], message.get("m")
            if cases is None or k >= cases:
                raise Malformed(f"a report of case {k}, which was never planned")
            if m is not None and (mistakes is None or m >= mistakes):
                raise Malformed(f"a report of mistake {m}, which was never planned")
            if event in ("case", "value"):
                if (m, k) in seen:
                    raise Malformed(f"case {k} reported twice")
                seen.add((m, k))
    return messages
