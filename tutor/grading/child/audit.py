"""A PEP 578 audit hook for sandboxed children: clear messages, one layer of several.

Installed after fork, once the child's own setup is done. It refuses, with a
``PermissionError`` (:class:`Refused`, carrying a :class:`tutor.grading.refusals.Refusal`)
that says what was blocked and why:

- opening files outside the child's scratch directory, except reading the
  Python installation (hidden paths excepted); writing, renaming, deleting or
  linking outside scratch;
- starting processes (fork, exec, spawn, system, subprocess);
- any socket use; signals to other processes;
- ctypes beyond loading libraries from the installation (no calls into C, no
  raw memory), changing resource limits, adding audit hooks, walking the
  interpreter's objects with ``gc``, ``input()``.

Audit hooks can be stepped around by C code, so the seccomp filter, namespaces
and limits stand behind this; what this adds is a message a learner understands.
Every refusal but a plain read is also passed to ``record`` (once each), so the
verdict can mention it even when the code catches the exception; libraries probe
for files (``/proc/self/maps``, their own sources) and cope when refused, so
refused reads only show when they surface as the exception.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from tutor.grading.refusals import Refusal
from tutor.grading.refusals import RefusalKind as K

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

_PROCESS = (K.PROCESS, "starting another process ({event})", "")
_RAW_MEMORY = (K.CTYPES, "reading raw memory through ctypes", "")
_GC = (K.INTERPRETER, "walking the interpreter's objects (gc)", "")
_LIMITS = (K.LIMITS, "changing resource limits", "")
# event -> (kind, action, reason); {event} in the action is the event's name
_FIXED: dict[str, tuple[K, str, str]] = {
    "os.fork": _PROCESS, "os.forkpty": _PROCESS, "os.system": _PROCESS, "os.exec": _PROCESS,
    "os.posix_spawn": _PROCESS, "os.spawn": _PROCESS, "subprocess.Popen": _PROCESS,
    "pty.spawn": _PROCESS, "os.startfile": _PROCESS, "webbrowser.open": _PROCESS,
    "os.killpg": (K.SIGNAL, "sending signals to other processes ({event})", ""),
    "ctypes.call_function": (K.CTYPES, "calling C functions through ctypes", ""),
    "ctypes.cdata": _RAW_MEMORY, "ctypes.cdata/buffer": _RAW_MEMORY,
    "ctypes.string_at": _RAW_MEMORY, "ctypes.wstring_at": _RAW_MEMORY,
    "ctypes.dlsym/handle": (K.CTYPES, "looking up C symbols through ctypes", ""),
    "resource.setrlimit": _LIMITS, "resource.prlimit": _LIMITS,
    "sys.addaudithook": (K.INTERPRETER, "adding audit hooks", ""),
    "gc.get_objects": _GC, "gc.get_referrers": _GC, "gc.get_referents": _GC,
    "builtins.input": (K.INPUT, "calling input()",
                       "your function gets its inputs as arguments"),
    "builtins.breakpoint": (K.INPUT, "calling breakpoint()", "there is no debugger while grading"),
    "fcntl.ioctl": (K.DEVICE, "calling ioctl", ""),
    "urllib.Request": (K.NETWORK, "using network access ({event})", ""),
}
_OWN_FOLDER = "your code may only {0} files in its own working directory"
_NETWORK_PREFIXES = ("socket.", "http.client.", "ftplib.", "smtplib.", "imaplib.", "poplib.",
                     "nntplib.", "telnetlib.")
# events whose first argument (and second, for the two-path ones) must lie in scratch
_WRITE_EVENTS = {
    "os.mkdir": 1, "os.remove": 1, "os.rmdir": 1, "os.rename": 2, "os.link": 2,
    "os.truncate": 1, "os.chmod": 1, "os.chown": 1, "os.utime": 1, "os.setxattr": 1,
    "os.removexattr": 1, "shutil.rmtree": 1, "shutil.copyfile": 2, "shutil.copytree": 2,
    "shutil.move": 2, "os.chflags": 1, "os.lchflags": 1,
}


class Refused(PermissionError):
    """The audit hook's refusal, raised into the code under test; ``refusal`` says what."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.error_text)
        self.refusal = refusal


class AuditPolicy:
    """Which paths a child may read and write, and where to report refusals.
    ``read_roots`` and ``hidden`` must be real paths (the worker resolves them once)."""

    def __init__(
        self,
        scratch: str,
        read_roots: Sequence[str],
        hidden: Sequence[str],
        record: Callable[[Refusal], None],
    ) -> None:
        self.scratch = os.path.realpath(scratch)
        self.read_roots = tuple(read_roots)  # real paths, resolved once by the worker
        self.hidden = tuple(hidden)
        self.record = record
        self.recorded: set[Refusal] = set()
        self.pid = os.getpid()

    def _deny(self, kind: K, action: str, reason: str = "", quiet: bool = False) -> None:
        refusal = Refusal(kind, action, reason)
        if not quiet and refusal not in self.recorded:
            self.recorded.add(refusal)
            self.record(refusal)
        raise Refused(refusal)

    def _path(self, path: object) -> str | None:
        """Absolute real path of a path-like argument; None for file descriptors."""
        if path is None:
            return os.getcwd()
        if isinstance(path, int):
            return None
        try:
            return os.path.realpath(os.fsdecode(path))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return "?"

    def in_scratch(self, real: str) -> bool:
        return _under(real, self.scratch)

    def readable(self, real: str) -> bool:
        """Scratch, or inside a read root unless a hidden path inside that root covers it.

        (A hidden home directory does not hide a Python installed inside it.)
        """
        if self.in_scratch(real) or real in ("/dev/null", "/dev/urandom"):
            return True
        for root in self.read_roots:
            if _under(real, root) and not any(
                _under(hidden, root) and _under(real, hidden) for hidden in self.hidden
            ):
                return True
        return False

    def check_open(self, path: object, mode: object, flags: object) -> None:
        real = self._path(path)
        if real is None:
            return
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        if writing and not self.in_scratch(real):
            self._deny(K.WRITE, f"writing {real}", _OWN_FOLDER.format("write"))
        if not writing and not self.readable(real):
            self._deny(K.READ, f"reading {real}", _OWN_FOLDER.format("open"), quiet=True)

    def hook(self, event: str, args: tuple[object, ...]) -> None:
        if event == "open":
            self.check_open(*args[:3])
        elif event in _FIXED:
            kind, action, reason = _FIXED[event]
            self._deny(kind, action.format(event=event), reason)
        elif event.startswith(_NETWORK_PREFIXES):
            self._deny(K.NETWORK, f"using network access ({event})")
        elif event in ("os.listdir", "os.scandir"):
            real = self._path(args[0] if args else None)
            if real is not None and not self.readable(real):
                self._deny(K.READ, f"listing {real}", quiet=True)
        elif event in _WRITE_EVENTS:
            for path in args[: _WRITE_EVENTS[event]]:
                real = self._path(path)
                if real is not None and not self.in_scratch(real):
                    self._deny(K.WRITE, f"changing {real} ({event})",
                               _OWN_FOLDER.format("change"))
        elif event == "os.symlink":
            self._deny(K.WRITE, "creating symbolic links")
        elif event == "os.kill":
            if args and args[0] != self.pid:
                self._deny(K.SIGNAL, f"sending signals to other processes (os.kill({args[0]}, "
                           "...))")
        elif event == "ctypes.dlopen":
            name = args[0] if args else None
            real = self._path(name) if isinstance(name, (str, bytes)) and os.sep in os.fsdecode(
                name) else "?"
            if real is None or real == "?" or not self.readable(real):
                self._deny(K.CTYPES, f"loading the C library {name!r} through ctypes")
        elif event == "sqlite3.connect":
            target = args[0] if args else None
            if target not in (":memory:", b":memory:", ""):
                real = self._path(target)
                if real is not None and not self.in_scratch(real):
                    self._deny(K.DATABASE, f"opening the database {real}")


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def install(policy: AuditPolicy) -> None:
    """Add the hook for the rest of this process's life (hooks cannot be removed)."""
    sys.addaudithook(policy.hook)
