"""Cache files: plain JSON checked against a pydantic model on the way in, written atomically.

A cache is never trusted blindly. A file that is missing reads as nothing; one that cannot
be read, is too large or does not match its model reads as nothing plus a notice saying
why, so the caller rebuilds it and can tell the user. A write goes to a temporary file in
the same folder, then ``os.replace`` puts it in place: a reader in another process sees
the old file or the new one, never half of one, and two writers of the same entry leave
one whole file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

MAX_BYTES = 16 * 2**20

Model = TypeVar("Model", bound=BaseModel)


def read(path: Path, model: type[Model]) -> tuple[Model | None, str | None]:
    """``(value, None)``; ``(None, None)`` when there is no file; ``(None, why)`` when the
    file is there but cannot be used."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"cannot read it ({exc.strerror or exc})"
    if len(data) > MAX_BYTES:
        return None, f"it is larger than {MAX_BYTES} bytes"
    try:
        return model.model_validate_json(data), None
    except ValidationError as exc:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ())) or "the file"
        return None, f"it is not a valid cache file ({where}: {first.get('msg', 'invalid')})"


def write(path: Path, value: BaseModel) -> str | None:
    """Write ``value`` as JSON at ``path`` atomically (creating its folder); return why it
    could not be written, or None."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(value.model_dump_json().encode())
        os.replace(tmp, path)
        return None
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return f"cannot write {path} ({exc.strerror or exc})"
