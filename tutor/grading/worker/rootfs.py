"""The child's view of the filesystem: a fresh root built from an allow-list.

Inside the worker's private mount namespace, :func:`build` mounts an empty tmpfs,
bind-mounts into it, read-only, exactly what the interpreter and the numeric stack
need, then makes it the root (``pivot_root``) and drops the old one:

- the Python standard library (its ``site-packages`` covered by an empty tmpfs);
- the files of numpy and scipy (and torch, for the torch worker) and of the
  distributions they require, found through their installed metadata: never a whole
  ``site-packages``, so neither this package nor any lesson tree comes along;
- the system libraries (``/usr/lib``, ``/usr/lib64`` and their ``/lib`` links) and the
  two files under ``/etc`` the dynamic loader and the clock read;
- ``/dev/null``, ``/dev/zero``, ``/dev/random`` and ``/dev/urandom``, nothing else of
  ``/dev``;
- an empty ``/scratch``, on which each child mounts a tmpfs of its own.

There is no ``/proc``, ``/sys``, ``/tmp``, ``/dev/shm``, ``/dev/pts``, home directory,
checkout, lesson tree or data directory. Hidden paths that lie inside an allowed
directory are covered with an empty tmpfs as well (a second line: nothing there is
allowed in the first place). Only kernel objects enforce this; no Python in the child.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.metadata as metadata
import os
import re
import sys
import sysconfig
from collections.abc import Iterable
from pathlib import Path

from tutor.grading.worker.confine import Layer, libc_call

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}
SCRATCH = "/scratch"
DEVICES = ("null", "zero", "random", "urandom")
SYSTEM_DIRS = ("/usr/lib", "/usr/lib64", "/usr/lib32")
LINKS = ("/lib", "/lib64", "/lib32", "/bin", "/sbin")
ETC_FILES = ("/etc/ld.so.cache", "/etc/localtime")
_STATVFS_FLAGS = ((os.ST_RDONLY, MS_RDONLY), (os.ST_NOSUID, MS_NOSUID),
                  (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC))
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def distribution_files(names: Iterable[str], exclude: Iterable[str] = ("tutor",)) -> list[Path]:
    """The top-level files and folders of the installed distributions ``names`` and of
    every distribution they require (extras and markers that do not apply left out)."""
    skip = {_normal(n) for n in exclude}
    todo = [_normal(n) for n in names]
    seen: set[str] = set()
    paths: dict[Path, None] = {}
    while todo:
        name = todo.pop()
        if name in seen or name in skip:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for first in _top_entries(dist):
            top = Path(dist.locate_file(first))
            if top.exists():
                paths[top.resolve()] = None
        for requirement in dist.requires or ():
            if ";" in requirement and not _marker_applies(requirement.split(";", 1)[1]):
                continue
            match = _REQUIREMENT_NAME.match(requirement)
            if match:
                todo.append(_normal(match.group(1)))
    return sorted(paths)


def _top_entries(dist: metadata.Distribution) -> set[str]:
    """The first path parts of a distribution's installed files (read from RECORD as text:
    parsing it into paths takes seconds for torch). Never a shared ``__pycache__``, a
    ``.pth`` file (code that runs at start-up) or an editable-install hook."""
    text = dist.read_text("RECORD") or ""
    firsts = {line.split(",", 1)[0].replace("\\", "/").split("/", 1)[0]
              for line in text.splitlines() if line}
    if not firsts:  # installed without a RECORD (some distributions' packages): its modules
        top = dist.read_text("top_level.txt") or dist.metadata["Name"] or ""
        firsts = {name.strip() for name in top.splitlines() if name.strip()}
        firsts |= {f"{name}.py" for name in firsts}  # locate_file: whichever exists
    return {f for f in firsts if f and f not in ("..", "__pycache__") and not f.startswith(
        "__editable__") and not f.endswith(".pth")}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _marker_applies(marker: str) -> bool:
    """Requirements behind extras never apply; other markers are taken as applying (binding
    one folder too many is harmless, missing one breaks an import)."""
    return "extra" not in marker


def python_dirs() -> tuple[list[Path], list[Path]]:
    """(standard library folders, ``site-packages``-like folders to cover inside them)."""
    paths = sysconfig.get_paths()
    stdlib = {Path(paths[key]).resolve() for key in ("stdlib", "platstdlib") if key in paths}
    sites = {Path(p).resolve() for p in sys.path
             if "site-packages" in p or "dist-packages" in p}
    sites |= {Path(paths[key]).resolve() for key in ("purelib", "platlib") if key in paths}
    return sorted(stdlib), sorted(sites)


def build(new_root: Path, dists: list[Path], hidden: Iterable[Path], machine: str) -> Layer:
    """Make ``new_root`` (an empty folder) this mount namespace's root, holding only the
    allow-list (``dists``: from :func:`distribution_files`). Must run in a private mount
    namespace with CAP_SYS_ADMIN in it."""
    libc = ctypes.CDLL(None, use_errno=True)
    stdlib, sites = python_dirs()
    hidden = [h.resolve() for h in hidden if h.exists()]
    root = os.fsencode(new_root)
    try:
        libc_call(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "private mounts")
        libc_call(libc.mount(b"tmpfs", root, b"tmpfs", MS_NOSUID | MS_NODEV,
                             b"size=1m,nr_inodes=4096,mode=755"), "root tmpfs")
        broad = [*stdlib, *(Path(d) for d in SYSTEM_DIRS if Path(d).is_dir())]
        for path in _outermost(broad):
            _bind(libc, path, new_root, read_only=True)
        covers = [p for p in (*sites, *hidden) if any(_inside(p, b) for b in broad)
                  and p.is_dir()]
        for path in _outermost(covers):
            _cover(libc, new_root / path.relative_to("/"))
        for path in dists:
            if not any(_inside(path, h) for h in hidden):
                _bind(libc, path, new_root, read_only=True)
        for name in ETC_FILES:
            if Path(name).exists():
                _bind(libc, Path(name).resolve(), new_root, read_only=True,
                      at=new_root / name.lstrip("/"))
        for name in DEVICES:
            _bind(libc, Path("/dev") / name, new_root, read_only=False)
        for link in LINKS:
            if os.path.islink(link):
                os.symlink(os.readlink(link), new_root / link.lstrip("/"))
        (new_root / SCRATCH.lstrip("/")).mkdir(mode=0o755)
        _traverse_only(new_root, keep={new_root / site.relative_to("/") for site in sites})
        for path in _outermost(covers):  # read-only now that their binds are in place
            libc_call(libc.mount(None, os.fsencode(new_root / path.relative_to("/")), None,
                                 MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, None),
                      f"read-only {path}")
        _pivot(libc, new_root, machine)
        libc_call(libc.mount(None, b"/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV,
                             None), "read-only root")
    except OSError as exc:
        return Layer("allow-list root", False, str(exc))
    return Layer("allow-list root", True,
                 f"a fresh read-only root: the Python standard library, {len(dists)} package "
                 "folders of numpy/scipy and what they need, system libraries, /dev/null, "
                 "zero, random, urandom; no /proc, /sys, /tmp, home, lessons or data")


def _traverse_only(new_root: Path, keep: set[Path]) -> None:
    """Make the root's own folders (the parents of what is bound, e.g. ``/tmp`` when the
    checkout lives there) traversable but not listable: no name shows but the path itself.
    Folders on ``sys.path`` stay listable (the import system lists them); bound folders
    are other file systems and are not touched."""
    device = os.stat(new_root).st_dev
    for folder, subfolders, _ in os.walk(new_root):
        here = Path(folder)
        subfolders[:] = [d for d in subfolders if os.lstat(here / d).st_dev == device]
        if here not in keep and here != new_root / SCRATCH.lstrip("/"):
            os.chmod(here, 0o111)


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _outermost(paths: Iterable[Path]) -> list[Path]:
    """The paths not inside another one of them, sorted."""
    unique = sorted(set(paths))
    return [p for p in unique if not any(_inside(p, q) for q in unique if q != p)]


def _bind(libc: ctypes.CDLL, source: Path, new_root: Path, *, read_only: bool,
          at: Path | None = None) -> None:
    """Bind ``source`` at the same path under ``new_root`` (or at ``at``)."""
    target = at or new_root / source.relative_to("/")
    if source.is_dir():
        target.mkdir(parents=True, exist_ok=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.touch()
    libc_call(libc.mount(os.fsencode(source), os.fsencode(target), None, MS_BIND | MS_REC,
                         None), f"binding {source}")
    flags = MS_REMOUNT | MS_BIND | MS_NOSUID | (MS_RDONLY if read_only else 0)
    with contextlib.suppress(OSError):
        kept = os.statvfs(source).f_flag  # flags a user namespace may not drop
        flags |= sum(ms for st, ms in _STATVFS_FLAGS if kept & st)
    libc_call(libc.mount(None, os.fsencode(target), None, flags, None),
              f"read-only {source}" if read_only else f"flags of {source}")


def _cover(libc: ctypes.CDLL, target: Path) -> None:
    """An empty tmpfs over ``target`` (writable until remounted read-only)."""
    libc_call(libc.mount(b"tmpfs", os.fsencode(target), b"tmpfs", MS_NOSUID | MS_NODEV,
                         b"size=1m,nr_inodes=4096,mode=755"), f"covering {target}")


def _pivot(libc: ctypes.CDLL, new_root: Path, machine: str) -> None:
    number = _SYS_PIVOT_ROOT.get(machine)
    if number is None:
        raise OSError(f"pivot_root not wired for {machine}")
    old = new_root / ".old"
    old.mkdir()
    libc_call(libc.syscall(number, os.fsencode(new_root), os.fsencode(old)), "pivot_root")
    os.chdir("/")
    libc_call(libc.umount2(b"/.old", MNT_DETACH), "detaching the old root")
    os.rmdir("/.old")
