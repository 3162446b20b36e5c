"""The cache of `tutor lessons validate`: what each check found, by what it was run on.

Entries live under ``<cache dir>/validate/``, one JSON file each (see
:mod:`tutor.cachefile`), named by the hash of everything that decides what the check
finds: the tutor that ran it (its version, a hash of its source, the versions of Python,
numpy, scipy and torch, the sandbox layers turned off) and the check's own input (a
lesson's text checks: the lesson; its facts: each fact and the code it may use; an
exercise: its data). Where a problem is in the file is not stored but found again from
its key path, so an edit elsewhere in the file does not invalidate it. One more entry
per lesson tree holds the whole report of a run without problems, keyed by the bytes of
every file in the tree: an unchanged course is answered without loading it.

An entry that cannot be read or does not validate is rebuilt and a notice says so; one
process writing an entry while another reads or writes it is safe (atomic replace).
Constants patched at run time (tests shortening time limits) are not seen: such callers
use a cache folder of their own, or none.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sys
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from tutor import __version__, cachefile

FORMAT = 1
SUBDIR = "validate"
MAX_ENTRIES = 4000  # beyond it, the oldest entries are removed
PACKAGES = ("numpy", "scipy", "torch")
# The sandbox's settings (time and memory limits, result sizes) are constants in the
# source, so in its hash; a layer turned off is in the environment.
SETTINGS_ENV = ("TUTOR_SANDBOX_OFF",)
MAX_TREE_FILES = 5000
MAX_TREE_BYTES = 64 * 2**20

Key = Sequence[str | int]


class Found(BaseModel):
    """One thing a check found, located by key path within its lesson."""

    where: list[str | int]
    message: str
    text_line: int | None = None
    warning: bool = False


class Entry(BaseModel):
    """What one check found (a lesson's text checks, its facts, or one exercise)."""

    format: Literal[1]
    key: str
    found: list[Found]


class Report(BaseModel):
    """The whole report on an unchanged lesson tree that had no problems: its warnings, as
    printed, each after the tree's path and a separator."""

    format: Literal[1]
    key: str
    lessons: int = Field(ge=0)
    exercises: int = Field(ge=0)
    warnings: list[str]


def _source_hash() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def tutor_fingerprint() -> str:
    """Everything about this tutor that can change what a check finds."""
    parts = [__version__, sys.version, _source_hash()]
    parts += [f"{name}={_package_version(name)}" for name in PACKAGES]
    parts += [f"{name}={os.environ.get(name, '')}" for name in SETTINGS_ENV]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def tree_digest(root: Path) -> str | None:
    """A hash of every file's path and bytes under ``root`` (hidden ones left out), or None
    when the tree is too large or cannot be read (then nothing is cached for the tree)."""
    digest = hashlib.sha256()
    count = total = 0
    try:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = Path(folder, name)
                if path.is_symlink() or not path.is_file():
                    return None  # the loader decides about links and odd files
                count += 1
                data = path.read_bytes()
                total += len(data)
                if count > MAX_TREE_FILES or total > MAX_TREE_BYTES:
                    return None
                digest.update(str(path.relative_to(root)).encode() + b"\0")
                digest.update(hashlib.sha256(data).digest())
    except OSError:
        return None
    return digest.hexdigest()


class ValidateCache:
    """Read and write validate results under ``directory`` (None: no cache at all);
    ``use=False`` reads nothing (``--no-cache``) but still records what this run found."""

    def __init__(self, directory: Path | None, *, use: bool = True) -> None:
        self.directory = None if directory is None else directory / SUBDIR
        self.use = use and directory is not None
        self.notices: list[str] = []
        self.hits = 0
        self.misses = 0

    @cached_property
    def fingerprint(self) -> str:
        return tutor_fingerprint()

    def key(self, kind: str, *parts: str) -> str:
        if self.directory is None:
            return kind  # nothing is stored: no need to hash
        digest = hashlib.sha256(f"{FORMAT}\0{self.fingerprint}\0{kind}".encode())
        for part in parts:
            digest.update(b"\0" + part.encode())
        return f"{kind}-{digest.hexdigest()}"

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / f"{key}.json"

    def _read(self, key: str, model: type[cachefile.Model]) -> cachefile.Model | None:
        if not self.use:
            return None
        value, why = cachefile.read(self._path(key), model)
        if why is not None:
            self.notices.append(f"the validate cache entry {self._path(key)} could not be "
                                f"used: {why}; it was rebuilt")
        elif value is not None and getattr(value, "key", None) != key:
            self.notices.append(f"the validate cache entry {self._path(key)} belongs to "
                                "another check; it was rebuilt")
            value = None
        self.hits += value is not None
        self.misses += value is None
        return value

    def _write(self, value: Entry | Report) -> None:
        if self.directory is None:
            return
        why = cachefile.write(self._path(value.key), value)
        if why is not None and not any(n.startswith("cannot write") for n in self.notices):
            self.notices.append(f"{why}; results are not cached")

    def get(self, key: str) -> list[Found] | None:
        entry = self._read(key, Entry)
        return None if entry is None else entry.found

    def put(self, key: str, found: Iterable[Found]) -> None:
        self._write(Entry(format=FORMAT, key=key, found=list(found)))

    def get_report(self, key: str) -> Report | None:
        return self._read(key, Report)

    def put_report(self, report: Report) -> None:
        self._write(report)

    def prune(self) -> None:
        """Remove the oldest entries beyond :data:`MAX_ENTRIES` (other processes may remove
        the same ones at the same time)."""
        if self.directory is None:
            return
        try:
            entries = [e for e in os.scandir(self.directory) if e.name.endswith(".json")]
            if len(entries) <= MAX_ENTRIES:
                return
            entries.sort(key=lambda e: e.stat().st_mtime)
        except OSError:
            return
        for entry in entries[:len(entries) - MAX_ENTRIES]:
            try:
                os.unlink(entry.path)
            except OSError:
                continue
