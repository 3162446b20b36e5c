"""``course.yaml``: the manifest at the root of a course's lesson tree.

Read with the same untrusting YAML reader as lessons (size and depth caps, no
aliases); every problem becomes a located ``LessonError``, never an exception.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tutor import __version__
from tutor.lessons.fields import ShortText, Slug
from tutor.lessons.loader import LessonError, format_path
from tutor.lessons.model import Pillar
from tutor.lessons.tree import MANIFEST_NAME
from tutor.lessons.yamlsource import SourceError, read_yaml


class CourseManifest(BaseModel):
    """What a course says about itself. ``id`` is also its entry point's name."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: Slug
    title: ShortText
    version: Annotated[str, Field(min_length=1, max_length=40)]
    author: ShortText | None = None
    license: ShortText | None = None
    pillars: list[Pillar] = []
    requires: Annotated[str, Field(max_length=200)] | None = None

    @field_validator("version")
    @classmethod
    def _pep440(cls, value: str) -> str:
        try:
            Version(value)
        except InvalidVersion:
            raise ValueError(f"version {value!r} is not a version number such as "
                             "'1.0' or '0.3.1' (write it in quotes)") from None
        return value

    @field_validator("pillars")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        twice = sorted({p for p in value if value.count(p) > 1})
        if twice:
            raise ValueError(f"pillar listed twice: {', '.join(twice)}")
        return value

    @field_validator("requires")
    @classmethod
    def _specifier(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                SpecifierSet(value)
            except InvalidSpecifier:
                raise ValueError(f"requires {value!r} is not a version range such as "
                                 "'>=0.1,<0.3'") from None
        return value

    def works_with_this_tutor(self) -> bool:
        """True when ``requires`` is absent or admits this tutor's version."""
        if self.requires is None:
            return True
        return SpecifierSet(self.requires).contains(__version__, prereleases=True)


def read_manifest(root: Path) -> tuple[CourseManifest | None, list[LessonError]]:
    """The manifest at ``root``, or None and the located problems that kept it out."""
    path = root / MANIFEST_NAME
    if not path.is_file():
        return None, [LessonError(path, 1, 1, "", f"no {MANIFEST_NAME} at the root of the "
                                  "course (id, title and version are required)")]
    try:
        source = read_yaml(path)
    except SourceError as exc:
        return None, [LessonError(path, exc.mark.line, exc.mark.column,
                                  format_path(exc.key_path), exc.message)]
    if not isinstance(source.data, dict):
        return None, [LessonError(path, 1, 1, "", f"{MANIFEST_NAME} must be a mapping of keys "
                                  "(id, title, version, ...)")]
    try:
        manifest = CourseManifest.model_validate(source.data)
    except ValidationError as exc:
        errors = []
        for error in exc.errors(include_url=False):
            key_path = tuple(p for p in error["loc"] if isinstance(p, str | int))
            on_key = error["type"] in ("missing", "extra_forbidden")
            mark = source.mark_for(key_path, key=on_key)
            errors.append(LessonError(path, mark.line, mark.column, format_path(key_path),
                                      _message(error)))
        return None, errors
    if not manifest.works_with_this_tutor():
        mark = source.mark_for(("requires",))
        return manifest, [LessonError(path, mark.line, mark.column, "requires",
                                      f"this course needs tutor {manifest.requires}; this is "
                                      f"tutor {__version__}")]
    return manifest, []


def _message(error: Any) -> str:
    kind, key = error["type"], str(error["loc"][-1]) if error["loc"] else ""
    if kind == "missing":
        return f"missing required key {key!r}"
    if kind == "extra_forbidden":
        return (f"unknown key {key!r} (allowed: "
                f"{', '.join(CourseManifest.model_fields)})")
    if kind == "string_type":
        return f"expected text, got {error.get('input')!r} (write it in quotes)"
    if kind == "string_pattern_mismatch":
        return (f"must be lowercase letters, digits and single '-' (e.g. my-course); got "
                f"{error.get('input')!r}")
    return str(error["msg"]).removeprefix("Value error, ")
