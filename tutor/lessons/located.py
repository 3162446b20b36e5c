"""A located problem in a lesson file (file, line, column, key path, message), and how key
paths and untrusted text are shown in it. No pydantic and no YAML here: the lesson cache
hands these back without loading either."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tutor.safetext import clip

KeyPath = tuple[str | int, ...]

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")


def printable(text: str) -> str:
    """``text`` on one line, with control characters shown as escapes (never sent raw to a
    terminal: lesson files and the errors of their code are untrusted)."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True)
class LessonError:
    """One located problem in a lesson file."""

    file: Path
    line: int
    column: int
    key_path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.key_path}: {self.message}" if self.key_path else (
            f"{where}: {self.message}"
        )
        return printable(text)


def format_path(path: KeyPath) -> str:
    """``('steps', 2, 'hints')`` → ``steps[2].hints``; odd keys are quoted: ``params['a.b']``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(part):
            shown = clip(part, 40, "...")
            out += f"[{shown!r}]"
        else:
            out += f".{part}" if out else part
    return out
