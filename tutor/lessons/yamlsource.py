"""Read one YAML file into plain data plus the line/column of every key path.

Lesson files are untrusted: only the safe loader is used (the C one where
present), anchors/aliases are refused (they are how "billion laughs" files
explode), nesting depth and file size are capped, and duplicate keys are
errors instead of silently keeping the last one. Only regular files are read
(a FIFO or device named ``*.yaml`` must not block or stream forever), text may
not hold control or bidirectional-override characters (they would reach the
learner's terminal), and numbers must be finite.
"""

from __future__ import annotations

import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tutor.lessons.located import KeyPath
from tutor.lessons.tree import MAX_FILE_BYTES

try:  # the libyaml parser is several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 40
MAX_NODES = 200_000


# What YAML itself refuses in a file (the reader's rule), found here so the error has a place.
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                       "\U00010000-\U0010ffff]")
# What a value may not hold even when written as an escape ("\e", "\x07", "\u202e"):
# control characters other than tab and newline, and the bidirectional overrides that
# make text (and code) display differently from what it is.
_UNSAFE_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
                          "\u2066-\u2069\ufeff\ud800-\udfff]")


@dataclass(frozen=True)
class Mark:
    """1-based line and column."""

    line: int
    column: int


class SourceError(Exception):
    """A problem with the YAML text itself, located in the file."""

    def __init__(self, message: str, mark: Mark, key_path: KeyPath = ()) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.key_path = key_path


@dataclass
class YamlSource:
    """A parsed file: its data and where each key path starts."""

    path: Path
    data: Any
    key_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    value_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    # the text as written of scalars YAML did not read as a string ("yes", "1:20", "2024-01-01"),
    # so a type error can show what the author wrote
    raw_scalars: dict[KeyPath, str] = field(default_factory=dict)
    # where each line of a literal block scalar (``key: |``) is: its 1-based line and column
    block_lines: dict[KeyPath, list[Mark]] = field(default_factory=dict)

    def text_mark(self, key_path: KeyPath, index: int) -> Mark:
        """Where line ``index`` (from 0) of the text at ``key_path`` is in the file: exact in
        a literal block (``|``); the start of the value for other styles, which YAML folds."""
        lines = self.block_lines.get(key_path)
        if lines and 0 <= index < len(lines):
            return lines[index]
        return self.mark_for(key_path)

    def mark_for(self, key_path: KeyPath, *, key: bool = False) -> Mark:
        """The mark of the deepest known prefix of ``key_path``."""
        marks = self.key_marks if key else self.value_marks
        for end in range(len(key_path), -1, -1):
            prefix = key_path[:end]
            if prefix in marks:
                return marks[prefix]
            if prefix in self.value_marks:
                return self.value_marks[prefix]
        return Mark(1, 1)


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


_FRIENDLY = {
    "mapping values are not allowed": "a ':' where it cannot be: check the indentation, "
    "or quote a value that contains ': '",
    "exceeded maximum nesting depth": f"nested deeper than {MAX_DEPTH} levels",
    "found character '\\t' that cannot start any token": "tab character: indent with spaces",
    "could not find expected ':'": "expected 'key: value' (check the indentation)",
    "did not find expected key": "bad indentation: this line does not line up with its siblings",
    "did not find expected '-' indicator": "bad indentation in a list: items must line up",
    "found undefined tag handle": "unknown YAML tag",
}


def _friendly(problem: str, text: str = "", index: int | None = None) -> str:
    if problem.startswith("found character") and index is not None and (
        text[index:index + 1] == "\t"
    ):
        problem = "found character '\\t' that cannot start any token"
    for known, friendly in _FRIENDLY.items():
        if problem.startswith(known):
            return f"{friendly} (YAML: {problem})"
    return problem


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X}"


def _position(text: str, index: int) -> Mark:
    line = text.count("\n", 0, index) + 1
    return Mark(line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _scalar_problem(value: Any, written: str) -> str | None:
    """Why a plain value cannot be in a lesson, or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return (f"{written[:20]!r} is not allowed: numbers in lessons must be finite "
                "(YAML reads .nan and .inf as not-a-number and infinity)")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 1000:
        return "number is too large (over 300 digits)"
    if isinstance(value, str):
        bad = _UNSAFE_TEXT.search(value)
        if bad:
            return (f"text contains the invisible or control character {_char_name(bad.group())}"
                    " (written as an escape?): lessons may not hold terminal control codes or "
                    "bidirectional overrides")
    return None


class _Builder:
    """Turns a composed node tree into Python data, recording marks."""

    def __init__(self, source: YamlSource, text: str = "") -> None:
        self.source = source
        self.lines = text.split("\n")
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()
        self.count = 0

    def build(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        if id(node) in self.seen:
            raise SourceError(
                "YAML anchors and aliases (& and *) are not supported in lessons", _mark(node), path
            )
        self.seen.add(id(node))
        self.count += 1
        if self.count > MAX_NODES:
            raise SourceError(f"file has more than {MAX_NODES} YAML nodes", _mark(node), path)
        if depth > MAX_DEPTH:
            raise SourceError(f"nested deeper than {MAX_DEPTH} levels", _mark(node), path)
        self.source.value_marks[path] = _mark(node)
        if not node.tag.startswith("tag:yaml.org,2002:") or node.tag.endswith(
            (":python", ":binary", ":set", ":omap", ":pairs")
        ) or "python/" in node.tag:
            raise SourceError(
                f"unsupported YAML value with tag {node.tag!r} (only plain data is allowed)",
                _mark(node),
                path,
            )
        if node.tag == "tag:yaml.org,2002:merge":
            raise SourceError("YAML merge keys (<<) are not supported", _mark(node), path)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        try:
            value = self.constructor.construct_object(node, deep=True)
        except Exception as exc:  # noqa: BLE001 - int('x'), bad dates, 5000-digit numbers...
            kind = node.tag.rsplit(":", 1)[-1]
            text = str(node.value)
            shown = repr(text[:40]) + ("..." if len(text) > 40 else "")
            detail = "too many digits" if "digits" in str(exc) else (
                str(exc).splitlines()[0][:80] if str(exc) else exc.__class__.__name__)
            raise SourceError(f"cannot read {shown} as a YAML {kind} ({detail}): quote it if "
                              "it is text", _mark(node), path) from None
        problem = _scalar_problem(value, str(node.value))
        if problem:
            raise SourceError(problem, _mark(node), path)
        if not isinstance(value, str):
            self.source.raw_scalars[path] = str(node.value)[:60]
        elif node.style == "|":
            self._block_lines(node, path, value)
        return value

    def _block_lines(self, node: yaml.Node, path: KeyPath, value: str) -> None:
        """Line i of a literal block is on the i-th line after its ``|`` indicator."""
        first = node.start_mark.line + 1  # 0-based index of the first content line
        marks = []
        for i in range(value.count("\n") + 1):
            line = self.lines[first + i] if first + i < len(self.lines) else ""
            indent = len(line) - len(line.lstrip(" ")) if line.strip() else 0
            marks.append(Mark(first + i + 1, indent + 1))
        self.source.block_lines[path] = marks

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SourceError("YAML merge keys (<<) are not supported", _mark(key_node), path)
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError("keys must be plain text", _mark(key_node), path)
            key = str(key_node.value)
            bad = _UNSAFE_TEXT.search(key)
            if bad:
                raise SourceError(f"key contains the control character {_char_name(bad.group())}",
                                  _mark(key_node), path)
            if key in result:
                first = self.source.key_marks[(*path, key)]
                raise SourceError(
                    f"duplicate key {key!r} (first defined on line {first.line})",
                    _mark(key_node),
                    (*path, key),
                )
            self.source.key_marks[(*path, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; SourceError otherwise.

    Opened non-blocking and checked before reading, so a FIFO, socket or device named
    like a lesson neither blocks nor streams without end.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}", Mark(1, 1)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "a directory" if stat.S_ISDIR(info.st_mode) else "a pipe, socket or device"
            raise SourceError(f"not a regular file ({what}): lesson files must be plain files",
                              Mark(1, 1))
        if info.st_size > limit:
            raise SourceError(
                f"file is {info.st_size} bytes; lesson files are limited to {limit}", Mark(1, 1)
            )
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise SourceError(f"file is over {limit} bytes; lesson files are limited to {limit}",
                              Mark(1, 1))
        return b"".join(chunks)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}", Mark(1, 1)) from None
    finally:
        os.close(fd)


def read_yaml(path: Path) -> YamlSource:
    """Parse ``path``; raise SourceError with a location on any problem."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[:exc.start].decode("utf-8", "replace")
        where = _position(good, len(good))
        raise SourceError(f"not UTF-8 text (byte {exc.start}, 0x{data[exc.start]:02x}): save "
                          "the file as UTF-8", where) from None
    bad = _NOT_YAML.search(text)
    if bad:
        raise SourceError(f"character {_char_name(bad.group())} is not allowed in a YAML file "
                          "(a control character: delete it)", _position(text, bad.start()))
    source = YamlSource(path=path, data=None)
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        index = _index_of(text, where)
        raise SourceError(_friendly(str(exc.problem or exc.context), text, index), where) from None
    except (yaml.YAMLError, RecursionError, MemoryError) as exc:
        raise SourceError(f"YAML error: {exc.__class__.__name__}: {str(exc)[:200]}",
                          Mark(1, 1)) from None
    if not nodes or nodes[0] is None:
        raise SourceError("file is empty: a lesson needs id, title, pillar, steps...", Mark(1, 1))
    if len(nodes) > 1:
        raise SourceError("one lesson per file: found a second YAML document ('---')",
                          _mark(nodes[1]))
    try:
        source.data = _Builder(source, text).build(nodes[0], (), 0)
    except RecursionError:
        raise SourceError(f"nested deeper than {MAX_DEPTH} levels", Mark(1, 1)) from None
    return source


def _index_of(text: str, mark: Mark) -> int | None:
    """The character index of a 1-based line/column (None if out of range)."""
    start = 0
    for _ in range(mark.line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    index = start + mark.column - 1
    return index if index < len(text) else None
