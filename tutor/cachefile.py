"""Cache files: plain JSON, read back only after checking it, written atomically.

Every cache of tutor (the parsed course, the reference outputs, what validate found) is
a file of plain JSON under :func:`tutor.paths.cache_dir`. Nothing in one is trusted: a missing,
unreadable, garbled or ill-shaped file reads as "no entry" (with a notice for the
last three, so the rebuild is not silent), and the caller rebuilds it. A write goes
to a temporary file in the same folder and is renamed over the old one, so a reader
(another process at the same moment) sees the old file or the new one, never half of
either; two writers at once each rename a whole file, and the last one stays.
Writing never raises: a cache that cannot be written only costs the next run time.

:func:`stamp` is what an entry about a file is keyed by: its size, modification time
and SHA-256 of its bytes, read once from one open descriptor.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

MAX_CACHE_BYTES = 64 * 2**20

Model = TypeVar("Model", bound="BaseModel")


@dataclass(frozen=True)
class Stamp:
    """What identifies one version of a file: size, mtime (ns) and SHA-256 of its bytes."""

    size: int
    mtime_ns: int
    sha256: str

    def as_list(self) -> list[Any]:
        return [self.size, self.mtime_ns, self.sha256]


def stamp(path: Path, limit: int) -> Stamp | None:
    """The stamp of a regular file of at most ``limit`` bytes, else None (missing, not a
    regular file, too large, unreadable: the caller goes the uncached way, which reports
    it). Opened non-blocking, so a FIFO named like the file never blocks."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        digest = hashlib.sha256()
        total = 0
        while total <= limit:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            digest.update(chunk)
            total += len(chunk)
        if total != info.st_size:  # changed while read: not a version we can name
            return None
        return Stamp(info.st_size, info.st_mtime_ns, digest.hexdigest())
    except OSError:
        return None
    finally:
        os.close(fd)


def text_digest(*parts: str) -> str:
    """A SHA-256 naming a combination of texts (a cache key)."""
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.hexdigest()


@dataclass
class Read:
    """What reading a cache file gave: ``data`` when it was there and well formed, else
    None; ``notice`` says why a file that was there could not be used (else None)."""

    data: Any = None
    notice: str | None = None


def read_json(path: Path, valid: Callable[[Any], bool], what: str,
              older: Callable[[Any], bool] | None = None) -> Read:
    """The JSON in ``path`` if ``valid(data)`` holds; a missing file is a plain miss, and
    so is data that ``older(data)`` says another format or tutor version wrote (an upgrade
    is not damage); any other failure is a miss with a notice naming ``what`` (e.g. "the
    lesson cache")."""
    raw, why = _read_bytes(path)
    if raw is None:
        return Read(notice=None if why is None else f"{what} {why}; rebuilt it")
    try:
        data = json.loads(raw)
        if older is not None and older(data):
            return Read()
        ok = valid(data)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        ok = False
    if not ok:
        return Read(notice=f"{what} at {path} was damaged (not the data tutor writes); "
                    "rebuilt it")
    return Read(data)


def write_json(path: Path, data: Any, max_chars: int = MAX_CACHE_BYTES // 4) -> bool:
    """Write ``data`` as JSON to ``path`` atomically (temporary file + rename); False,
    never an exception, when it cannot be written (read-only disk, no space, ...) or
    would be over ``max_chars``. NaN and infinities are written as Python's json does."""
    try:
        text = json.dumps(data, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return False
    if len(text) > max_chars:
        return False
    return _write_bytes(path, text.encode()) is None


def read(path: Path, model: type[Model]) -> tuple[Model | None, str | None]:
    """The file as ``model``: ``(value, None)``; ``(None, None)`` when there is no file;
    ``(None, why)`` when it is there but cannot be used."""
    from pydantic import ValidationError

    raw, why = _read_bytes(path)
    if raw is None:
        return None, None if why is None else f"it {why}"
    try:
        return model.model_validate_json(raw), None
    except ValidationError as exc:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ())) or "the file"
        return None, f"it is not a valid cache file ({where}: {first.get('msg', 'invalid')})"


def write(path: Path, value: BaseModel) -> str | None:
    """Write ``value`` as JSON at ``path`` atomically; why it could not be, or None."""
    return _write_bytes(path, value.model_dump_json().encode())


def _read_bytes(path: Path) -> tuple[bytes | None, str | None]:
    """The file's bytes; (None, None) when missing, (None, why) when unusable."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CACHE_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):
        return None, None
    except OSError as exc:
        return None, f"could not be read ({exc.strerror or exc})"
    if len(raw) > MAX_CACHE_BYTES:
        return None, "was too large to be a cache file"
    return raw, None


def _write_bytes(path: Path, data: bytes) -> str | None:
    """A temporary file in the same folder, renamed over ``path``; why not, or None."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
        return None
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return f"cannot write {path} ({exc.strerror or exc})"


def is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def is_stamp(value: Any) -> bool:
    """Whether ``value`` is a :meth:`Stamp.as_list` as JSON gives it back."""
    return (isinstance(value, list) and len(value) == 3 and type(value[0]) is int
            and type(value[1]) is int and isinstance(value[2], str) and len(value[2]) == 64)
