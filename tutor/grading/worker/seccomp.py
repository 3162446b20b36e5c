"""A seccomp filter for sandboxed children, built as classic BPF and installed via libc.

Denied with EPERM: creating processes (fork, vfork, clone without CLONE_THREAD,
execve), sockets, ptrace and reading other processes' memory, signals to any
process but the child itself, raising resource limits (``setrlimit``,
``prlimit64`` with a new limit), namespaces and mounts, kernel modules, bpf,
io_uring, pidfd tricks and terminal injection (``ioctl(TIOCSTI)``); asking the
kernel to signal another process for it (``fcntl`` F_SETOWN, F_SETSIG, F_SETOWN_EX;
``ioctl`` FIOSETOWN, SIOCSPGRP); memory that
``RLIMIT_AS`` does not count (``memfd_create``, System V shared memory and message
queues, POSIX message queues); leaving the child's session (``setsid``, ``setpgid``);
and every ``prctl`` option but a short list of harmless ones, so that the parent-death
signal, the dumpable flag or a child subreaper cannot be changed. ``clone3``
returns ENOSYS so that libc falls back to ``clone``, whose flags the filter can
read: threads (BLAS, torch) still work. Everything else is allowed.

Supported on x86_64 and aarch64; elsewhere :func:`install` reports why not.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import platform
import struct

# BPF opcodes
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_JSET_K = 0x45
_RET_K = 0x06

_RET_ALLOW = 0x7FFF0000
_RET_KILL_PROCESS = 0x80000000
_RET_ERRNO = 0x00050000

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2

_CLONE_THREAD = 0x00010000
_TIOCSTI = 0x5412
_FIOSETOWN, _SIOCSPGRP = 0x8901, 0x8902  # ioctls that make the kernel signal another process
_F_SETOWN, _F_SETSIG, _F_SETOWN_EX = 8, 10, 15  # the same through fcntl (SIGIO to any pid)
_X32_BIT = 0x40000000

# offsets in struct seccomp_data
_NR, _ARCH = 0, 4


def _arg(i: int, high: bool = False) -> int:
    return 16 + 8 * i + (4 if high else 0)


_DENIED = [
    "fork", "vfork", "execve", "execveat", "socket", "ptrace", "process_vm_readv",
    "process_vm_writev", "setrlimit", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_open",
    "pidfd_send_signal", "pidfd_getfd", "unshare", "setns", "mount", "umount2", "pivot_root",
    "chroot", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick", "init_module",
    "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot", "bpf",
    "perf_event_open", "userfaultfd", "keyctl", "add_key", "request_key", "setuid", "setgid",
    "setreuid", "setregid", "setresuid", "setresgid", "setgroups", "capset", "personality",
    "name_to_handle_at", "open_by_handle_at", "io_uring_setup", "io_uring_enter",
    "io_uring_register", "swapon", "swapoff", "acct", "settimeofday", "sethostname",
    "setdomainname", "syslog", "seccomp", "mknodat", "mknod", "memfd_create", "memfd_secret",
    "shmget", "shmat", "msgget", "msgsnd", "semget", "mq_open", "setsid", "setpgid",
    "mount_setattr",
]

# prctl options a child may still use (reading state, naming threads, adding filters)
_PRCTL_ALLOWED = (
    2, 3, 7, 15, 16, 21, 22, 23, 27, 29, 30, 34, 37, 38, 39, 40, 41, 42, 46, 51, 52, 56,
    0x53564D41,  # PR_SET_VMA (glibc names its mappings)
)

# (audit arch, syscall numbers)
_TABLES: dict[str, tuple[int, dict[str, int]]] = {
    "x86_64": (0xC000003E, {
        "fork": 57, "vfork": 58, "execve": 59, "execveat": 322, "clone": 56, "clone3": 435,
        "socket": 41, "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311,
        "kill": 62, "tkill": 200, "tgkill": 234, "setrlimit": 160, "prlimit64": 302,
        "ioctl": 16, "rt_sigqueueinfo": 129, "rt_tgsigqueueinfo": 297, "pidfd_open": 434,
        "pidfd_send_signal": 424, "pidfd_getfd": 438, "unshare": 272, "setns": 308,
        "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161, "open_tree": 428,
        "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
        "init_module": 175, "finit_module": 313, "delete_module": 176, "kexec_load": 246,
        "kexec_file_load": 320, "reboot": 169, "bpf": 321, "perf_event_open": 298,
        "userfaultfd": 323, "keyctl": 250, "add_key": 248, "request_key": 249, "setuid": 105,
        "setgid": 106, "setreuid": 113, "setregid": 114, "setresuid": 117, "setresgid": 119,
        "setgroups": 116, "capset": 126, "personality": 135, "name_to_handle_at": 303,
        "open_by_handle_at": 304, "io_uring_setup": 425, "io_uring_enter": 426,
        "io_uring_register": 427, "swapon": 167, "swapoff": 168, "acct": 163,
        "settimeofday": 164, "sethostname": 170, "setdomainname": 171, "syslog": 103,
        "seccomp": 317, "mknodat": 259, "mknod": 133, "memfd_create": 319,
        "memfd_secret": 447, "shmget": 29, "shmat": 30, "msgget": 68, "msgsnd": 69,
        "semget": 64, "mq_open": 240, "setsid": 112, "setpgid": 109, "mount_setattr": 442,
        "prctl": 157, "fcntl": 72,
    }),
    "aarch64": (0xC00000B7, {
        "execve": 221, "execveat": 281, "clone": 220, "clone3": 435, "socket": 198,
        "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271, "kill": 129,
        "tkill": 130, "tgkill": 131, "setrlimit": 164, "prlimit64": 261, "ioctl": 29,
        "rt_sigqueueinfo": 138, "rt_tgsigqueueinfo": 240, "pidfd_open": 434,
        "pidfd_send_signal": 424, "pidfd_getfd": 438, "unshare": 97, "setns": 268,
        "mount": 40, "umount2": 39, "pivot_root": 41, "chroot": 51, "open_tree": 428,
        "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
        "init_module": 105, "finit_module": 273, "delete_module": 106, "kexec_load": 104,
        "kexec_file_load": 294, "reboot": 142, "bpf": 280, "perf_event_open": 241,
        "userfaultfd": 282, "keyctl": 219, "add_key": 217, "request_key": 218, "setuid": 146,
        "setgid": 144, "setreuid": 145, "setregid": 143, "setresuid": 147, "setresgid": 149,
        "setgroups": 159, "capset": 91, "personality": 92, "name_to_handle_at": 264,
        "open_by_handle_at": 265, "io_uring_setup": 425, "io_uring_enter": 426,
        "io_uring_register": 427, "swapon": 224, "swapoff": 225, "acct": 89,
        "settimeofday": 170, "sethostname": 161, "setdomainname": 162, "syslog": 116,
        "seccomp": 277, "mknodat": 33, "memfd_create": 279, "memfd_secret": 447,
        "shmget": 194, "shmat": 196, "msgget": 186, "msgsnd": 189, "semget": 190,
        "mq_open": 180, "setsid": 157, "setpgid": 154, "mount_setattr": 442, "prctl": 167,
        "fcntl": 25,
    }),
}


def _stmt(code: int, k: int) -> bytes:
    return struct.pack("HBBI", code, 0, 0, k & 0xFFFFFFFF)


def _jump(code: int, k: int, jt: int, jf: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k & 0xFFFFFFFF)


def build_filter(pid: int, machine: str | None = None) -> bytes:
    """The filter program for a child whose own pid is ``pid`` (signals to itself stay allowed)."""
    machine = machine or platform.machine()
    head, tail = _fixed_parts(machine)
    nr = _TABLES[machine][1]
    own = (pid, 0, -pid)
    blocks = [("kill", _one_of(_arg(0), own, _ALLOW, _DENY)),
              ("tkill", _one_of(_arg(0), (pid,), _ALLOW, _DENY)),
              ("tgkill", _one_of(_arg(0), (pid,), _ALLOW, _DENY))]
    return head + _blocks(nr, blocks) + tail


_DENY = _stmt(_RET_K, _RET_ERRNO | errno.EPERM)
_ALLOW = _stmt(_RET_K, _RET_ALLOW)


def _blocks(nr: dict[str, int], blocks: list[tuple[str, list[bytes]]]) -> bytes:
    """Each block: if the syscall number matches, load an argument, allow or deny; else skip."""
    prog: list[bytes] = []
    for name, body in blocks:
        prog += [_stmt(_LD_W_ABS, _NR), _jump(_JEQ_K, nr[name], 0, len(body)), *body]
    return b"".join(prog)


@functools.cache
def _fixed_parts(machine: str) -> tuple[bytes, bytes]:
    """The program before and after the pid's rules (built once per worker)."""
    if machine not in _TABLES:
        raise OSError(errno.ENOSYS, f"seccomp filter not written for {machine}")
    arch, nr = _TABLES[machine]
    prog: list[bytes] = [
        _stmt(_LD_W_ABS, _ARCH),
        _jump(_JEQ_K, arch, 1, 0),
        _stmt(_RET_K, _RET_KILL_PROCESS),
        _stmt(_LD_W_ABS, _NR),
    ]
    if machine == "x86_64":  # the x32 ABI shares the arch value: refuse it outright
        prog += [_jump(_JGE_K, _X32_BIT, 0, 1), _DENY]
    for name in _DENIED:
        if name in nr:
            prog += [_jump(_JEQ_K, nr[name], 0, 1), _DENY]
    prog += [_jump(_JEQ_K, nr["clone3"], 0, 1), _stmt(_RET_K, _RET_ERRNO | errno.ENOSYS)]
    tail = _blocks(nr, [
        ("clone", [_stmt(_LD_W_ABS, _arg(0)), _jump(_JSET_K, _CLONE_THREAD, 0, 1), _ALLOW,
                   _DENY]),
        ("prlimit64", [  # reading limits (new_limit == NULL) is fine, setting is not
            _stmt(_LD_W_ABS, _arg(2)), _jump(_JEQ_K, 0, 0, 3),
            _stmt(_LD_W_ABS, _arg(2, high=True)), _jump(_JEQ_K, 0, 0, 1), _ALLOW, _DENY,
        ]),
        ("ioctl", _none_of(_arg(1), (_TIOCSTI, _FIOSETOWN, _SIOCSPGRP), _ALLOW, _DENY)),
        ("fcntl", _none_of(_arg(1), (_F_SETOWN, _F_SETSIG, _F_SETOWN_EX), _ALLOW, _DENY)),
        ("prctl", _one_of(_arg(0), _PRCTL_ALLOWED, _ALLOW, _DENY)),
    ]) + _ALLOW
    return b"".join(prog), tail


def _none_of(offset: int, values: tuple[int, ...], allow: bytes, deny: bytes) -> list[bytes]:
    """Load a 32-bit argument; deny if it equals one of ``values``, else allow."""
    return _one_of(offset, values, deny, allow)


def _one_of(offset: int, values: tuple[int, ...], allow: bytes, deny: bytes) -> list[bytes]:
    """Load a 32-bit argument; allow if it equals one of ``values``, else deny."""
    body = [_stmt(_LD_W_ABS, offset)]
    for i, value in enumerate(values):
        remaining = len(values) - i - 1
        body.append(_jump(_JEQ_K, value, remaining + 1, 0))  # to `allow`
    return [*body, deny, allow]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def install(pid: int) -> None:
    """Set no_new_privs and install the filter on the calling thread (raises OSError)."""
    program = build_filter(pid)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")
