"""Read one YAML file into plain data plus the line/column of every key path.

Lesson files are untrusted: only the safe loader is used (the C one where
present), anchors/aliases are refused (they are how "billion laughs" files
explode), nesting depth and file size are capped, and duplicate keys are
errors instead of silently keeping the last one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the libyaml parser is several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NODES = 200_000

KeyPath = tuple[str | int, ...]


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


def _friendly(problem: str) -> str:
    for known, text in _FRIENDLY.items():
        if problem.startswith(known):
            return f"{text} (YAML: {problem})"
    return problem


class _Builder:
    """Turns a composed node tree into Python data, recording marks."""

    def __init__(self, source: YamlSource) -> None:
        self.source = source
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
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise SourceError(
                f"unsupported YAML value with tag {node.tag!r} (only plain data is allowed)",
                _mark(node),
                path,
            ) from exc

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SourceError("YAML merge keys (<<) are not supported", _mark(key_node), path)
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError("keys must be plain text", _mark(key_node), path)
            key = str(key_node.value)
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


def read_yaml(path: Path) -> YamlSource:
    """Parse ``path``; raise SourceError with a location on any problem."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror}", Mark(1, 1)) from None
    if size > MAX_FILE_BYTES:
        raise SourceError(
            f"file is {size} bytes; lesson files are limited to {MAX_FILE_BYTES}", Mark(1, 1)
        )
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 text (byte {exc.start})", Mark(1, 1)) from None
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror}", Mark(1, 1)) from None
    source = YamlSource(path=path, data=None)
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        raise SourceError(_friendly(str(exc.problem or exc.context)), where) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise SourceError(f"YAML error: {exc.__class__.__name__}", Mark(1, 1)) from None
    if not nodes or nodes[0] is None:
        raise SourceError("file is empty: a lesson needs id, title, pillar, steps...", Mark(1, 1))
    if len(nodes) > 1:
        raise SourceError("one lesson per file: found a second YAML document ('---')",
                          _mark(nodes[1]))
    try:
        source.data = _Builder(source).build(nodes[0], (), 0)
    except RecursionError:
        raise SourceError(f"nested deeper than {MAX_DEPTH} levels", Mark(1, 1)) from None
    return source
