"""Find the lesson files of a tree without trusting it: no links out of the tree, no
link loops, capped depth, entry count and file count."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

MAX_FILE_BYTES = 1_000_000  # one lesson file (read by tutor.lessons.yamlsource)
MAX_FILES = 2_000
MAX_ENTRIES = 20_000  # files and folders looked at, lesson or not
MAX_DIR_DEPTH = 8  # folders below the root
MAX_TREE_BYTES = 32 * MAX_FILE_BYTES
LESSON_SUFFIXES = (".yaml", ".yml")
MANIFEST_NAME = "course.yaml"  # a course's manifest at the root is not a lesson


def lesson_files(root: Path, problems: list[tuple[Path, str]]) -> Iterator[Path]:
    """YAML files under pillar folders, in name order, not following links out of the tree
    nor into folders; the number of entries and the depth looked at are capped."""
    count = entries = 0
    real_root = root.resolve()
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as listing:
                found = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append((folder, "cannot read folder: "
                                      f"{exc.strerror or exc}"))
            continue
        entries += len(found)
        if entries > MAX_ENTRIES:
            problems.append((folder, f"the lesson tree has more than "
                                      f"{MAX_ENTRIES} files and folders; not read further"))
            return
        subfolders: list[Path] = []
        for entry in found:
            name, path = entry.name, Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if name.startswith(".") or (is_dir and name.startswith("_")):
                continue
            if is_dir:
                if depth + 1 > MAX_DIR_DEPTH:
                    problems.append((path, f"folders nested more than "
                                              f"{MAX_DIR_DEPTH} deep are not read"))
                else:
                    subfolders.append(path)
                continue
            if not name.endswith(LESSON_SUFFIXES) or (depth == 0 and name == MANIFEST_NAME):
                continue
            problem = link_problem(path, real_root)
            if problem:
                problems.append((path, problem))
                continue
            count += 1
            if count > MAX_FILES:
                problems.append((path, f"more than {MAX_FILES} lesson files; "
                                          "not read further"))
                return
            yield path
        stack.extend((sub, depth + 1) for sub in reversed(subfolders))


def link_problem(path: Path, real_root: Path) -> str | None:
    """Why a symbolic link named like a lesson is not read, or None (not a link, or fine)."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop, before Python 3.13
        if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
            return "link loop: the link points (through others) back at itself"
        return "broken link: its target does not exist"
    if not target.is_relative_to(real_root):
        return "link points outside the lesson tree"
    return None
