"""Text from code we do not trust, made safe to show in a terminal.

Learner and lesson code can print, raise or return any string: ANSI and OSC escape
sequences (colours, cursor moves, a clipboard write with OSC 52, a fake "passed"
line), bidi controls that reorder what is shown, NUL, lone surrogates that no
encoder accepts. :func:`printable` escapes every control character but newline and
tab, so the text reads as written and can never steer the terminal, and replaces
what cannot be encoded. Used wherever such text crosses into the parent (the
sandbox's messages), and for anything else shown that came from outside (file
names given on the command line).
"""

from __future__ import annotations

import re

# C0 controls but \t and \n, DEL, C1 controls; bidi controls and marks; line and
# paragraph separators; the BOM / zero-width no-break space; lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
    "\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x0D:
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control, bidi and unencodable character written as an escape
    (``\\x1b[31m``, ``\\u202e``, ``\\ud800``); newlines and tabs stay."""
    return _UNSAFE.sub(_escape, text)


def printable_data(value: object) -> object:
    """:func:`printable` applied to every string inside lists, tuples and dict values."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [printable_data(v) for v in value]
    if isinstance(value, tuple):
        return tuple(printable_data(v) for v in value)
    if isinstance(value, dict):
        return {k: printable_data(v) for k, v in value.items()}
    return value


def clip(text: str, limit: int, mark: str = "…") -> str:
    """``text`` if it has at most ``limit`` characters, else its start and ``mark`` in
    ``limit`` characters (the one way texts are shortened, for people and for the wire)."""
    return text if len(text) <= limit else text[:max(0, limit - len(mark))] + mark
