"""Cache files: plain JSON, read back only after checking it, written atomically.

Every cache of tutor (the parsed course, the reference outputs) is a file of plain
JSON under :func:`tutor.paths.cache_dir`. Nothing in one is trusted: a missing,
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
from typing import Any

MAX_CACHE_BYTES = 64 * 2**20


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


def read_json(path: Path, valid: Callable[[Any], bool], what: str) -> Read:
    """The JSON in ``path`` if ``valid(data)`` holds; a missing file is a plain miss, any
    other failure a miss with a notice naming ``what`` (e.g. "the lesson cache")."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CACHE_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):
        return Read()
    except OSError as exc:
        return Read(notice=f"{what} could not be read ({exc.strerror or exc}); loaded "
                    "without it")
    if len(raw) > MAX_CACHE_BYTES:
        return Read(notice=f"{what} was too large to be a cache file; rebuilt it")
    try:
        data = json.loads(raw)
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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False


def is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def is_stamp(value: Any) -> bool:
    """Whether ``value`` is a :meth:`Stamp.as_list` as JSON gives it back."""
    return (isinstance(value, list) and len(value) == 3 and type(value[0]) is int
            and type(value[1]) is int and isinstance(value[2], str) and len(value[2]) == 64)
