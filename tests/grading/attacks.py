"""Shared pieces of the hostile suite (issues 11 and 22): evaluators, probes, scans.

Every attack runs twice: with the audit hook on and with it off (``MODES``). Attack code
first neutralises the hook from inside (:data:`NEUTRALISE`), as an attacker who has read
the source would, so with either mode only the kernel layers stand in the way.

Workers take seconds to start, so the two evaluators every module shares are made once
per session (:func:`shared`); they hide a planted world (:class:`World`): secrets, a
progress database and a lesson tree in a temporary folder.
"""

from __future__ import annotations

import atexit
import os
import pprint
import re
import shutil
import sqlite3
import sysconfig
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tutor.grading import Evaluator
from tutor.lessons.model import ExerciseStep
from tutor.progress import ProgressStore

from .conftest import exercise as dot_exercise

MODES = [pytest.param((), id="audit-on"), pytest.param(("audit",), id="audit-off")]
CHECKOUT = Path(__file__).resolve().parents[2]
SITE_PACKAGES = Path(sysconfig.get_paths()["purelib"])
STDLIB = Path(sysconfig.get_paths()["stdlib"])
NUMPY_DIR = Path(np.__file__).parent
SECRET = "tutor-attack-secret-7f3a"
GOOD = "import numpy as np\n\ndef dot(a, b):\n    return float(np.sum(a * b))\n"
WRONG = "def dot(a, b):\n    return 0.0\n"
# every character a terminal could be steered or fooled by (what safetext escapes)
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e"
                    "\u2060-\u2069\ufeff\ud800-\udfff]")
# a fake pass line, a screen clear, a clipboard write (OSC 52), bidi overrides
HOSTILE_TEXT = ("\x1b[2J\x1b[32m\u2713 passed\x1b[0m\x1b]52;c;cm0gLXJmIH4=\x07"
                "\u202eevil\u2066\x00\x9b")

NEUTRALISE = """\
import sys as _sys
_audit = _sys.modules.get("tutor.grading.child.audit")
if _audit is not None:
    _audit._FIXED.clear()
    _audit._under = lambda path, root: True
    _audit.AuditPolicy.hook.__code__ = (lambda self, event, args: None).__code__
"""


def code(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def hostile(*parts: str) -> str:
    """Source that neutralises the audit hook, then runs ``parts`` (module level)."""
    return NEUTRALISE + "".join(code(p).rstrip("\n") + "\n" for p in parts)


def body(*lines: str, answer: str = "float(np.sum(a * b))") -> str:
    """A dot() that neutralises the hook, runs ``lines`` on each call, then answers."""
    inner = "".join(f"    {line}\n" for line in lines)
    return (NEUTRALISE + "import os, sys\nimport numpy as np\n\n"
            f"def dot(a, b):\n{inner}    return {answer}\n")


@dataclass
class World:
    """Host files the sandbox must never reach."""

    base: Path
    secret: Path  # a planted secret file
    data_dir: Path  # the progress database's folder, given to the evaluator
    lessons: Path  # a lesson tree, given to the evaluator
    lesson_file: Path
    initial_db: dict[str, int]
    initial_pth: list[str]

    @property
    def db(self) -> Path:
        return self.data_dir / "progress.db"

    def db_state(self) -> dict[str, int]:
        """Rows per table of the progress database (read on the host)."""
        with sqlite3.connect(self.db) as conn:
            names = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
            return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


_WORLD: World | None = None
_SHARED: dict[tuple[str, ...], Evaluator] = {}


def world() -> World:
    """The planted world (made once per session)."""
    global _WORLD
    if _WORLD is None:
        base = Path(tempfile.mkdtemp(prefix="tutor-attacks-"))
        atexit.register(shutil.rmtree, base, True)
        secret = base / "secret.txt"
        secret.write_text(SECRET)
        data_dir = base / "data"
        with ProgressStore.open(data_dir) as store:
            store.record_attempt("linear-algebra/dot-product", status="passed", duration_ms=1.0,
                                 hints_used=0, code=GOOD, passed=True)
        lessons = base / "lessons"
        (lessons / "linear-algebra").mkdir(parents=True)
        lesson_file = lessons / "linear-algebra" / "01-dot.yaml"
        lesson_file.write_text(f"# {SECRET}\n")
        _WORLD = World(base, secret, data_dir, lessons, lesson_file, {}, pth_files())
        _WORLD.initial_db = _WORLD.db_state()
    return _WORLD


def shared(off: tuple[str, ...]) -> Evaluator:
    """The session's evaluator for this mode (both start warming on first use)."""
    if not _SHARED:
        w = world()
        for mode in ((), ("audit",)):
            _SHARED[mode] = Evaluator(off=mode, data_dir=w.data_dir, lessons_root=w.lessons)
    return _SHARED[off]


def exercise(**fields: Any) -> ExerciseStep:
    """The dot-product exercise of ``conftest``, with a shorter time limit."""
    return dot_exercise(**{"time_limit": 5, **fields})




# -- the probe: everything lesson or learner code must not be able to do --------------

def targets(w: World, extra_write_dirs: tuple[Path, ...] = ()) -> dict[str, Any]:
    """Host paths and names the probe tries (plain data, interpolated into the probe)."""
    ttys = [f"/dev/pts/{i}" for i in range(8)] + ["/dev/tty", "/dev/ptmx", "/dev/console"]
    for fd in (0, 1, 2):
        if os.isatty(fd):
            ttys.append(os.ttyname(fd))
    write_dirs = [Path("/tmp"), Path("/dev/shm"), w.base, w.data_dir, w.lessons, CHECKOUT,
                  CHECKOUT / "tutor", CHECKOUT / ".git", SITE_PACKAGES, NUMPY_DIR, STDLIB,
                  *extra_write_dirs]
    return {
        "read": [str(w.secret), str(w.db), str(w.lesson_file), str(CHECKOUT / ".git" / "HEAD"),
                 str(CHECKOUT / ".git" / "config"), str(Path(__file__)), "/etc/shadow",
                 "/etc/passwd", str(CHECKOUT / "tutor" / "grading" / "evaluator.py")],
        "list": {str(w.base): ["secret.txt"], str(CHECKOUT): [".git", "tutor", "tests"],
                 str(w.lessons): ["linear-algebra"], str(w.data_dir): ["progress.db"],
                 str(SITE_PACKAGES): ["tutor", "pytest"], "/": ["proc", "sys", "tmp", "home"],
                 "/dev": ["shm", "pts", "kvm", "fuse", "tty"]},
        "write": [str(d / f"tutor-attack-{os.getpid()}.pth") for d in write_dirs],
        "attach": [str(w.db), str(w.base / "attached.db"), "/tmp/tutor-attached.db"],
        "devices": ["/dev/kvm", "/dev/fuse", "/dev/loop-control", "/dev/userfaultfd",
                    "/dev/mem", "/dev/sda", "/dev/vda", *ttys],
        "dirs": ["/sys", "/proc", "/sys/fs/cgroup", "/dev/pts", "/dev/shm", "/tmp", "/home"],
    }


def pth_files() -> list[str]:
    """The ``.pth`` files of the venv's site-packages (each runs code at start-up)."""
    return sorted(p.name for p in SITE_PACKAGES.glob("*.pth"))


def written(t: dict[str, Any]) -> list[str]:
    """Files of ``t["write"]`` (and attached databases) that exist on the host."""
    return [p for p in [*t["write"], *t["attach"][1:]] if os.path.lexists(p)]


PROBE = r'''
def _tutor_probe(T):
    """Every attack in T; returns the names of those that worked (an empty list: none)."""
    import ctypes, fcntl, os, resource, socket, sqlite3
    leaks = []

    def attempt(name, fn):
        try:
            result = fn()
        except BaseException:
            return
        if result is not False:
            leaks.append(name)

    libc = ctypes.CDLL(None, use_errno=True)
    # processes
    def fork():
        pid = os.fork()
        if pid == 0:
            libc.syscall(231, 0)
        return True
    attempt("fork", fork)
    def clone():
        r = libc.syscall(56, 17, 0, 0, 0, 0)
        if r == 0:
            libc.syscall(231, 0)
        return r >= 0
    attempt("clone", clone)
    attempt("vfork", lambda: libc.syscall(58) >= 0 and libc.syscall(231, 0))
    attempt("posix_spawn", lambda: os.posix_spawn("/usr/bin/true", ["true"], {}))
    attempt("execve", lambda: libc.execve(b"/lib64/ld-linux-x86-64.so.2", None, None) >= 0)
    attempt("socket inet", lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM))
    attempt("socket unix", lambda: socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))
    attempt("socket netlink", lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0))
    # prctl and sessions
    attempt("prctl PR_SET_PDEATHSIG 0", lambda: libc.prctl(1, 0, 0, 0, 0) == 0)
    attempt("prctl PR_SET_DUMPABLE 1", lambda: libc.prctl(4, 1, 0, 0, 0) == 0)
    attempt("prctl PR_SET_CHILD_SUBREAPER", lambda: libc.prctl(36, 1, 0, 0, 0) == 0)
    attempt("prctl PR_SET_MM", lambda: libc.prctl(35, 8, 0, 0, 0) == 0)
    attempt("setsid", os.setsid)
    attempt("setpgid", lambda: os.setpgid(0, 0))
    attempt("signal pid 1", lambda: os.kill(1, 0))
    attempt("signal every process", lambda: os.kill(-1, 0))
    attempt("ptrace pid 1", lambda: libc.ptrace(16, 1, 0, 0) == 0)
    attempt("unshare user", lambda: libc.unshare(0x10000000) == 0)
    attempt("mount", lambda: libc.mount(b"none", b"/scratch", b"tmpfs", 0, None) == 0)
    attempt("raise limits", lambda: resource.setrlimit(
        resource.RLIMIT_CPU, (resource.RLIM_INFINITY, resource.RLIM_INFINITY)))
    attempt("raise address space", lambda: resource.setrlimit(
        resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY)))
    # memory outside RLIMIT_AS
    attempt("memfd_create", lambda: os.memfd_create("hoard"))
    attempt("memfd_create raw", lambda: libc.syscall(319, b"hoard", 0) >= 0)
    attempt("userfaultfd", lambda: libc.syscall(323, 0) >= 0)
    attempt("io_uring", lambda: libc.syscall(425, 4, ctypes.create_string_buffer(120)) >= 0)
    attempt("shmget", lambda: libc.shmget(0, 1 << 20, 0o1600) >= 0)
    # files, devices, /sys, /proc
    for path in T["read"]:
        attempt("read " + path, lambda p=path: open(p, "rb").read(1) is not None)
    for path, names in T["list"].items():
        attempt("see " + path, lambda p=path, n=names: bool(set(os.listdir(p)) & set(n)) or False)
    for path in T["write"]:
        attempt("write " + path, lambda p=path: open(p, "xb").write(b"import os") > 0)
    for path in T["devices"]:
        attempt("open " + path, lambda p=path: os.close(os.open(p, os.O_RDWR | os.O_NOCTTY)))
        attempt("open " + path, lambda p=path: os.close(os.open(p, os.O_RDONLY | os.O_NOCTTY)))
    for path in T["dirs"]:
        attempt("list " + path, lambda p=path: os.listdir(p) is not None)
    def attach(path, create):
        c = sqlite3.connect(":memory:")
        c.execute("ATTACH DATABASE ? AS x", (path,))
        if create:
            c.execute("CREATE TABLE x.pwned(a)")
            return True
        tables = c.execute("SELECT name FROM x.sqlite_master").fetchall()
        c.execute("DROP TABLE IF EXISTS x.attempts")
        return bool(tables)
    for i, path in enumerate(T["attach"]):
        attempt("attach " + path, lambda p=path, i=i: attach(p, i > 0))
    # canaries: what must keep working (so the probe is not vacuous)
    def scratch():
        with open("canary.txt", "w") as f:
            f.write("ok")
        return open("canary.txt").read() == "ok"
    if not scratch():
        leaks.append("CANARY: scratch is not writable")
    import numpy
    if not open(numpy.__file__).read(1):
        leaks.append("CANARY: numpy is not readable")
    attempt("chroot", lambda: libc.chroot(b"/usr") == 0)  # last: it would hide the rest
    return leaks
'''


def probe_module(t: dict[str, Any], then: str = "") -> str:
    """Module source: neutralise the hook, run the probe at load, raise if anything worked."""
    return (NEUTRALISE + PROBE + f"_T = {pprint.pformat(t, width=90)}\n_LEAKS = _tutor_probe(_T)\n"
            "if _LEAKS:\n    raise RuntimeError('LEAK: ' + '; '.join(_LEAKS))\n" + code(then))


# -- processes -------------------------------------------------------------------------

def processes_marked(marker: str) -> list[int]:
    """Pids of live processes whose name, command line or environment holds ``marker``."""
    found = []
    needle = marker.encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        for name in ("comm", "cmdline", "environ"):
            try:
                data = Path("/proc", entry, name).read_bytes()
            except OSError:
                continue
            if needle in data:  # zombies count too: nothing may remain
                found.append(int(entry))
                break
    return found


def descendants(pid: int) -> list[int]:
    """Live descendants of ``pid`` (from /proc's parent links)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path("/proc", entry, "stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        kids = [p for p, pp in parents.items() if pp == current]
        out += kids
        todo += kids
    return out


def linger(marker: str) -> str:
    """Module-level code that tries every way to outlive its job: a name to find it by,
    the parent-death signal cleared, exits replaced, signals ignored, threads that spin."""
    return f"""
import ctypes as _ct, os as _os, signal as _sig, sys as _sys, threading as _th, time as _t
_libc = _ct.CDLL(None, use_errno=True)
_libc.prctl(15, {marker.encode()!r}, 0, 0, 0)
_libc.prctl(1, 0, 0, 0, 0)
for _s in (_sig.SIGTERM, _sig.SIGINT, _sig.SIGHUP, _sig.SIGPIPE, _sig.SIGXCPU, _sig.SIGALRM):
    try:
        _sig.signal(_s, _sig.SIG_IGN)
    except (OSError, ValueError):
        pass
try:
    _os.setsid()
except OSError:
    pass
def _stay(*args, **kwargs):
    while True:
        _t.sleep(1)
_os._exit = _stay
_sys.exit = _stay
_th.Thread(target=_stay, daemon=False).start()
"""


def unsafe_strings(value: Any, path: str = "") -> list[str]:
    """Every string inside ``value`` (keys too) with a character a terminal must not get."""
    found: list[str] = []
    if isinstance(value, str):
        if UNSAFE.search(value):
            found.append(f"{path}: {value[:120]!r}")
    elif isinstance(value, dict):
        for k, v in value.items():
            found += unsafe_strings(k, f"{path}/key")
            found += unsafe_strings(v, f"{path}/{k}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            found += unsafe_strings(v, f"{path}[{i}]")
    return found
