"""`tutor courses new NAME`: a course pack ready for ``pip install -e .``.

The pack is an ordinary Python package (``src/`` layout) whose lesson tree ships
as package data and whose entry point in the ``tutor.courses`` group returns
that tree; its one lesson is ``tutor lessons new``'s skeleton, which validates.
"""

from __future__ import annotations

import re
from pathlib import Path

from tutor import __version__
from tutor.authoring.scaffold import write_skeleton
from tutor.courses.registry import BUILTIN_ID, GROUP
from tutor.lessons.tree import MANIFEST_NAME

FIRST_PILLAR = "linear-algebra"
FIRST_SLUG = "first-steps"

PYPROJECT = '''\
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "{name}"
version = "0.1.0"
description = "{title}: a course for tutor"
requires-python = ">=3.11"

# tutor finds the course through this entry point: its name is the course id
# (as in course.yaml) and its object returns the folder of the lesson tree.
[project.entry-points."{group}"]
{name} = "{module}:lessons"

[tool.setuptools.package-data]
"{module}" = ["lessons/**/*.yaml", "lessons/**/*.md"]
'''

INIT = '''\
"""The {name} course for tutor: `lessons()` is its `{group}` entry point."""

from pathlib import Path


def lessons() -> Path:
    """The folder of this course's lesson tree."""
    return Path(__file__).resolve().parent / "lessons"
'''

MANIFEST = '''\
# The course's manifest; `tutor courses` lists it. id must equal the entry
# point's name in pyproject.toml. pillars: the pillars it uses, in order.
id: {name}
title: {title}
version: "0.1.0"
author: Your name
license: CC-BY-4.0
pillars:
  - {pillar}
requires: ">={tutor_version}"
'''

README = '''\
# {title}

A course for tutor, the terminal tutor for the math behind machine learning.
Install it into the environment tutor runs in, then pick it:

    pip install -e .
    tutor courses                      # lists it, or its problems
    tutor --course {name} lessons validate
    tutor --course {name}              # the app, on this course

Lessons live in `src/{module}/lessons/<pillar>/`; add one with
`tutor --course {name} lessons new PILLAR SLUG`.
'''


def write_pack(target: Path, name: str) -> list[Path]:
    """Create the pack in ``target`` (new, or an empty folder); return the files written."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) or len(name) > 64:
        raise ValueError(f"course name {name[:80]!r} must be lowercase words joined by '-' "
                         "(at most 64 characters), e.g. my-course")
    if name == BUILTIN_ID:
        raise ValueError(f"{BUILTIN_ID!r} is the built-in course's id; choose another name")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(f"{target} already exists and is not an empty folder")
    module = "tutor_course_" + name.replace("-", "_")
    title = name.replace("-", " ").capitalize()
    package = target / "src" / module
    tree = package / "lessons"
    tree.mkdir(parents=True)
    fields = {"name": name, "module": module, "title": title, "group": GROUP,
              "pillar": FIRST_PILLAR, "tutor_version": __version__}
    written = []
    for path, template in ((target / "pyproject.toml", PYPROJECT),
                           (target / "README.md", README),
                           (package / "__init__.py", INIT),
                           (tree / MANIFEST_NAME, MANIFEST)):
        with path.open("x", encoding="utf-8") as out:
            out.write(template.format(**fields))
        written.append(path)
    written.append(write_skeleton(tree, FIRST_PILLAR, FIRST_SLUG))
    return written
