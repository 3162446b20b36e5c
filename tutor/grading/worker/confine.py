"""Kernel-level confinement steps, each reporting whether it took effect.

Worker level (once, when a warm worker starts): a user namespace (as root too, so the
worker's capabilities reach nothing outside its own namespaces), then network, mount,
IPC and PID namespaces. The mount namespace gets the allow-list root of
:mod:`tutor.grading.worker.rootfs`; the PID namespace gets a tiny init process, so
that when the worker ends, every process inside ends with it.

Child level (after each fork, before any lesson or learner code): a mount namespace of
its own with a fresh, size-capped tmpfs on ``/scratch``, resource limits, every
capability dropped and ``no_new_privs`` set. The seccomp filter
(:mod:`tutor.grading.worker.seccomp`) comes last, then the audit hook.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import resource
import signal
from dataclasses import dataclass
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC = 2, 4, 8
PR_SET_PDEATHSIG = 1
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
CAP_LAST = 63
_SYS_CAPSET = {"x86_64": 126, "aarch64": 91}


@dataclass(frozen=True)
class Layer:
    """One isolation layer and whether it is active here (``detail`` says why not)."""

    name: str
    active: bool
    detail: str = ""


@functools.cache
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def libc_call(result: int, what: str) -> None:
    """Raise OSError naming ``what`` when a libc call returned an error."""
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err) if err else 'failed'}")


PR_SET_THP_DISABLE = 41


def disable_huge_pages() -> None:
    """No transparent huge pages for this process: numpy asks for them on large arrays,
    and whether the kernel can give them (or compacts memory first) varies from run to run,
    which would show in a timed run's CPU time. Best effort: an old kernel keeps them."""
    _libc().prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)


def set_parent_death_signal(sig: int) -> None:
    """Ask the kernel to send ``sig`` to this process when its parent dies."""
    _libc().prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)


def enter_namespaces(off: set[str]) -> list[Layer]:
    """A user namespace, then network, mount, IPC and PID namespaces (each may fail on its
    own; the PID namespace applies to the processes this one forks from now on)."""
    libc = _libc()
    layers = [_user_namespace(libc) if "userns" not in off else
              Layer("user namespace", False, "turned off")]
    wanted = [("network namespace", "netns", CLONE_NEWNET, "no network at all"),
              ("mount namespace", "mountns", CLONE_NEWNS, "private mounts: the allow-list root "
               "and a scratch tmpfs per child"),
              ("IPC namespace", "ipcns", CLONE_NEWIPC, "no shared memory or message queues "
               "with anything outside"),
              ("PID namespace", "pidns", CLONE_NEWPID, "children see no other process; all of "
               "them end when the worker ends")]
    for name, key, flag, detail in wanted:
        if key in off:
            layers.append(Layer(name, False, "turned off"))
        elif libc.unshare(flag) == 0:
            layers.append(Layer(name, True, detail))
        else:
            err = ctypes.get_errno()
            layers.append(Layer(name, False, f"unshare: {os.strerror(err)}"))
    return layers


def _user_namespace(libc: ctypes.CDLL) -> Layer:
    uid, gid = os.geteuid(), os.getegid()
    if libc.unshare(CLONE_NEWUSER) != 0:
        err = ctypes.get_errno()
        return Layer("user namespace", False, f"unshare: {os.strerror(err)} (as root, the "
                     "worker keeps real capabilities until each child drops them)")
    try:
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    except OSError as exc:
        return Layer("user namespace", False, f"mapping ids: {exc.strerror}")
    return Layer("user namespace", True, "the worker's privileges reach only its own "
                 "namespaces")


def start_init() -> int:
    """Fork the PID namespace's first process: it only waits, and dies with the worker
    (the kernel then kills everything left in the namespace). Returns its pid."""
    pid = os.fork()
    if pid == 0:
        try:
            for sig in signal.valid_signals() - {signal.SIGKILL, signal.SIGSTOP}:
                with contextlib.suppress(OSError, ValueError):
                    signal.signal(sig, signal.SIG_IGN)
            set_parent_death_signal(signal.SIGKILL)
            os.closerange(0, 1 << 16)
            while True:
                signal.pause()
        finally:
            os._exit(0)
    return pid


# ---- in each child ---------------------------------------------------------

def own_scratch(path: str, size_mb: int, inodes: int) -> None:
    """A mount namespace of this process's own with an empty tmpfs on ``path``: no other
    child's files, a cap on their total size and number, gone when this process ends."""
    libc = _libc()
    libc_call(libc.unshare(CLONE_NEWNS), "unshare for scratch")
    options = f"size={size_mb}m,nr_inodes={inodes},mode=700".encode()
    libc_call(libc.mount(b"tmpfs", os.fsencode(path), b"tmpfs",
                         MS_NOSUID | MS_NODEV | MS_NOEXEC, options), "mounting scratch")


def drop_capabilities(machine: str) -> Layer:
    """Empty the bounding, ambient, effective, permitted and inheritable capability sets,
    and set ``no_new_privs``."""
    libc = _libc()
    for cap in range(CAP_LAST + 1):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # EINVAL past the kernel's last cap
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return Layer("capabilities dropped", False, "prctl(PR_SET_NO_NEW_PRIVS) failed")
    number = _SYS_CAPSET.get(machine)
    if number is None:
        return Layer("capabilities dropped", False, f"capset not wired for {machine}")
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()
    if libc.syscall(number, header, data) != 0:
        err = ctypes.get_errno()
        return Layer("capabilities dropped", False, f"capset: {os.strerror(err)}")
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
        (rl.RLIMIT_MSGQUEUE, 0, 0),
        (rl.RLIMIT_MEMLOCK, 0, 0),
    ]
    if limits.address_space is not None:
        settings.append((rl.RLIMIT_AS, limits.address_space, limits.address_space))
    for which, soft, hard in settings:
        _, old_hard = rl.getrlimit(which)
        if old_hard != rl.RLIM_INFINITY:
            soft, hard = min(soft, old_hard), min(hard, old_hard)
        rl.setrlimit(which, (soft, hard))
