"""Course packs built in a temporary folder and made importable: a package whose
``*.dist-info/entry_points.txt`` declares a ``tutor.courses`` entry point, on sys.path."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ..commands.cli_lesson import DOUBLED, GOOD
from ..commands.cli_lesson import LESSON as CHECK_LESSON

__all__ = ["DOUBLED", "GOOD", "LESSON", "PackMaker", "manifest"]

# The one-exercise lesson `tutor check` is tested on, under a title of its own.
LESSON = CHECK_LESSON.replace("title: Vectors\n", "title: Vectors of the pack\n", 1)
assert LESSON != CHECK_LESSON

_numbers = itertools.count()

PackMaker = Callable[..., Path]


def manifest(course_id: str, title: str = "A pack for the tests", version: str = "0.2") -> str:
    return f'id: {course_id}\ntitle: {title}\nversion: "{version}"\nauthor: Ada\n'


@pytest.fixture
def make_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PackMaker:
    """``make_pack(course_id, manifest_text=..., lessons={path: text}, target=...)``: an
    installed pack; returns its lesson tree. ``target`` replaces the entry point's
    callable body (``"raise RuntimeError('x')"``)."""
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    monkeypatch.syspath_prepend(str(site))

    def make(course_id: str, manifest_text: str | None = None,
             lessons: dict[str, str] | None = None, *, entry_name: str | None = None,
             target: str | None = None, dist: str | None = None) -> Path:
        module = f"tutor_test_pack_{next(_numbers)}"
        package = site / module
        tree = package / "lessons"
        (tree / "linear-algebra").mkdir(parents=True)
        text = manifest(course_id) if manifest_text is None else manifest_text
        if text:
            (tree / "course.yaml").write_text(text)
        for name, body in (lessons or {"linear-algebra/01-vectors.yaml": LESSON}).items():
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            (tree / name).write_text(body)
        body = target or "return Path(__file__).parent / 'lessons'"
        (package / "__init__.py").write_text(
            f"from pathlib import Path\n\n\ndef lessons():\n    {body}\n")
        name = dist or f"{course_id}-pack"
        info = site / f"{name.replace('-', '_')}-0.2.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.2\n")
        (info / "entry_points.txt").write_text(
            f"[tutor.courses]\n{entry_name or course_id} = {module}:lessons\n")
        monkeypatch.delitem(sys.modules, module, raising=False)
        return tree

    return make
