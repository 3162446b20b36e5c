"""Kernel-level confinement steps, each reporting whether it took effect.

Worker level (once, when a warm worker starts): a network namespace (no network
at all), a mount namespace in which the lesson tree, the learner's data, the home
directory and ``/proc`` are covered by empty read-only tmpfs mounts, then all
capabilities dropped, so that even root cannot raise its limits again or undo
the mounts. Unprivileged users get the same through a user namespace where the
kernel allows one.

Child level (after each fork): resource limits. The seccomp filter lives in
:mod:`tutor.grading.seccomp` and the audit hook in :mod:`tutor.grading.audit`.
"""

from __future__ import annotations

import ctypes
import os
import resource
from dataclasses import dataclass
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG = 1
PR_CAPBSET_DROP = 24
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
CAP_LAST = 63
_SYS_CAPSET = {"x86_64": 126, "aarch64": 91}


@dataclass(frozen=True)
class Layer:
    """One isolation layer and whether it is active here (``detail`` says why not)."""

    name: str
    active: bool
    detail: str = ""


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _fail(what: str) -> str:
    err = ctypes.get_errno()
    return f"{what}: {os.strerror(err)}" if err else what


def set_parent_death_signal(sig: int) -> None:
    """Ask the kernel to send ``sig`` to this process when its parent dies."""
    _libc().prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)


def enter_namespaces(want_net: bool, want_mount: bool) -> tuple[Layer, Layer]:
    """Unshare network and mount namespaces (via a user namespace when unprivileged)."""
    libc = _libc()
    flags = (CLONE_NEWNET if want_net else 0) | (CLONE_NEWNS if want_mount else 0)
    if not flags:
        return Layer("network namespace", False, "turned off"), Layer("mount namespace", False,
                                                                       "turned off")
    done, why = 0, ""
    if libc.unshare(flags) == 0:
        done = flags
    elif os.geteuid() != 0 and _enter_user_namespace(libc):
        done = flags if libc.unshare(flags) == 0 else 0
        why = "" if done else _fail("unshare in a user namespace")
    else:
        why = _fail("unshare")
        for one in (CLONE_NEWNET, CLONE_NEWNS):  # maybe one of them is allowed alone
            if flags & one and libc.unshare(one) == 0:
                done |= one
    net = Layer("network namespace", bool(done & CLONE_NEWNET),
                "no network at all" if done & CLONE_NEWNET else (why or "turned off"))
    mnt = Layer("mount namespace", bool(done & CLONE_NEWNS),
                "private mounts, for the two layers below" if done & CLONE_NEWNS else
                (why or "turned off"))
    return net, mnt


def _enter_user_namespace(libc: ctypes.CDLL) -> bool:
    uid, gid = os.geteuid(), os.getegid()
    if libc.unshare(CLONE_NEWUSER) != 0:
        return False
    try:
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    except OSError:
        return False
    return True


def hide_paths(paths: list[Path], keep: list[Path]) -> Layer:
    """Cover each existing path with an empty read-only tmpfs (files with /dev/null).

    A path that holds something in ``keep`` (the Python installation, the scratch
    directory) is covered too, then what it keeps is bind-mounted back in place:
    nothing else of it stays visible, not even names. Must run inside a private
    mount namespace, before ``/proc`` is hidden (the binds go through /proc/self/fd).
    """
    libc = _libc()
    if libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return Layer("hidden paths", False, _fail("making mounts private"))
    keep = [k.resolve() for k in keep]
    roots = [p for p in dict.fromkeys(p.resolve() for p in paths) if p.exists()]
    roots.sort(key=lambda p: p == Path("/proc"))  # /proc last: the binds below need it
    hidden: list[str] = []
    failed: list[str] = []
    for root in roots:
        if root in keep:
            continue
        if any(Path(h) in root.parents for h in hidden):
            continue  # already covered with its parent
        inner = [k for k in keep if root in k.parents]
        problem = _cover(libc, root, inner)
        (failed if problem else hidden).append(problem or str(root))
    detail = "hidden: " + (", ".join(hidden) or "nothing")
    if any(root in k.parents for k in keep for root in roots):
        detail += " (the Python installation and scratch inside them stay)"
    if failed:
        detail += "; could not hide: " + ", ".join(failed[:5])
    return Layer("hidden paths", bool(hidden), detail)


def _cover(libc: ctypes.CDLL, path: Path, inner: list[Path]) -> str | None:
    """Mount over ``path``, then bind each of ``inner`` back; an error text, or None."""
    target = os.fsencode(path)
    if not path.is_dir():
        ok = libc.mount(b"/dev/null", target, None, MS_BIND, None) == 0
        return None if ok else _fail(str(path))
    handles = [os.open(k, os.O_PATH) for k in inner]
    try:
        flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
        if libc.mount(b"tmpfs", target, b"tmpfs", flags, b"size=64k,mode=755") != 0:
            return _fail(str(path))
        for kept, handle in zip(inner, handles, strict=True):
            kept.mkdir(parents=True, exist_ok=True)  # a mount point inside the new tmpfs
            source = f"/proc/self/fd/{handle}".encode()
            if libc.mount(source, os.fsencode(kept), None, MS_BIND | MS_REC, None) != 0:
                return _fail(f"{kept} (kept inside {path})")
        if libc.mount(None, target, None, MS_REMOUNT | MS_RDONLY | flags, None) != 0:
            return _fail(f"{path} (read-only)")
        return None
    finally:
        for handle in handles:
            os.close(handle)


def private_scratch(root: Path, size_mb: int = 256) -> Layer:
    """Mount a fresh in-memory tmpfs on the scratch root, seen only by this worker's
    children: fast to create and delete run directories, gone when the worker ends."""
    ok = _libc().mount(b"tmpfs", os.fsencode(root), b"tmpfs", MS_NOSUID | MS_NODEV,
                       f"size={size_mb}m,mode=700".encode())
    if ok != 0:
        return Layer("private scratch", False, _fail("mounting a tmpfs"))
    return Layer("private scratch", True, f"in-memory, {size_mb} MB, visible to no one else")


def drop_capabilities(machine: str) -> Layer:
    """Empty the bounding, ambient, effective, permitted and inheritable capability sets."""
    libc = _libc()
    for cap in range(CAP_LAST + 1):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # EINVAL past the kernel's last cap
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    number = _SYS_CAPSET.get(machine)
    if number is None:
        return Layer("capabilities dropped", False, f"capset not wired for {machine}")
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()
    if libc.syscall(number, header, data) != 0:
        return Layer("capabilities dropped", False, _fail("capset"))
    return Layer("capabilities dropped", True,
                 "none left (even as root): limits cannot be raised, mounts not undone")


@dataclass(frozen=True)
class Limits:
    """Per-child resource limits."""

    cpu_seconds: int
    address_space: int | None  # bytes; None leaves it unlimited
    file_size: int = 16 * 2**20
    open_files: int = 256


def apply_limits(limits: Limits) -> None:
    """Lower this process's limits (soft and hard); raises OSError if the kernel refuses."""
    rl = resource
    settings = [
        (rl.RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + 1),
        (rl.RLIMIT_FSIZE, limits.file_size, limits.file_size),
        (rl.RLIMIT_NOFILE, limits.open_files, limits.open_files),
        (rl.RLIMIT_CORE, 0, 0),
    ]
    if limits.address_space is not None:
        settings.append((rl.RLIMIT_AS, limits.address_space, limits.address_space))
    for which, soft, hard in settings:
        _, old_hard = rl.getrlimit(which)
        if old_hard != rl.RLIM_INFINITY:
            soft, hard = min(soft, old_hard), min(hard, old_hard)
        rl.setrlimit(which, (soft, hard))
