"""`tutor courses new NAME`: a pack skeleton whose lesson validates and which tutor finds
once its entry point is installed."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.courses.registry import BUILTIN_ID


def _install(pack: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What `pip install -e` would leave: the package importable, its entry points listed."""
    project = tomllib.loads((pack / "pyproject.toml").read_text())["project"]
    points = project["entry-points"]["tutor.courses"]
    info = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {project['name']}\n"
                                   f"Version: {project['version']}\n")
    lines = "".join(f"{name} = {target}\n" for name, target in points.items())
    (info / "entry_points.txt").write_text(f"[tutor.courses]\n{lines}")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.syspath_prepend(str(pack / "src"))


def test_new_pack_validates_and_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "my-pack"
    assert main(["courses", "new", "linear-maps", "--dir", str(pack)]) == 0
    assert "next: `pip install -e" in capsys.readouterr().out
    project = tomllib.loads((pack / "pyproject.toml").read_text())
    assert project["project"]["entry-points"]["tutor.courses"] == {
        "linear-maps": "tutor_course_linear_maps:lessons"}
    tree = pack / "src" / "tutor_course_linear_maps" / "lessons"
    assert main(["lessons", "validate", str(tree)]) == 0  # runs its code in the sandbox
    assert "1 lesson, 1 exercise in" in capsys.readouterr().err
    _install(pack, tmp_path / "site", monkeypatch)
    assert main(["courses"]) == 0
    out = capsys.readouterr().out
    assert "linear-maps  0.1.0  (package linear-maps 0.1.0)" in out
    assert "cannot be used" not in out
    assert main(["--course", "linear-maps", "lessons", "list"]) == 0
    assert "linear-algebra/first-steps" in capsys.readouterr().out


@pytest.mark.parametrize(("name", "error"), [
    ("Bad Name", "must be lowercase words"),
    (BUILTIN_ID, "the built-in course's id"),
])
def test_bad_names_are_refused(name: str, error: str, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["courses", "new", name, "--dir", str(tmp_path / "p")]) == 2
    assert error in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_an_existing_folder_is_never_overwritten(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "notes.txt").write_text("mine")
    assert main(["courses", "new", "my-pack", "--dir", str(tmp_path / "p")]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "p" / "notes.txt").read_text() == "mine"
