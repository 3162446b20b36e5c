"""The child side of the warm worker: a spare child, forked before its job.

A spare prepares what does not depend on the job (its own session, the parent-death
signal, only the job's socket left open, its own mount namespace and scratch tmpfs, a
warm-up run of this package's own code, capabilities dropped), then waits for one job on
its socket: the job's file and result pipe arrive as fds. It then applies the job's
limits, the seccomp filter and the audit hook, in that order, and runs the job with the
harness (:mod:`tutor.grading.child.harness`). Runs only in children of
:mod:`tutor.grading.worker.serve`.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import platform
import select
import signal
import socket
from dataclasses import dataclass
from typing import Any

from tutor.grading.child import audit
from tutor.grading.worker import confine, rootfs, seccomp

MAX_MESSAGE = 65536
DEVNULL = "/dev/null"
SCRATCH_MB = 64
SCRATCH_INODES = 4096


@dataclass(frozen=True)
class Settings:
    """What a child needs to know of its worker."""

    tmpfs_scratch: bool  # a tmpfs per child (with the allow-list root), else a folder
    off: frozenset[str]  # layers turned off for the whole worker
    read_roots: list[str]  # what the audit hook lets code read
    hidden: list[str]  # what it hides


def run(settings: Settings, sock: socket.socket, drop_caps: bool, warm: bool = True,
        steady: bool = False) -> None:
    """A spare child: set up (scratch, a warm-up run if ``warm`` and no job is waiting yet;
    no transparent huge pages if ``steady``; capabilities dropped if ``drop_caps``),
    wait for one job on ``sock``, run it (or leave if the worker closes ``sock``)."""
    signal.set_wakeup_fd(-1)
    for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_DFL if sig != signal.SIGPIPE else signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.setsid()
    confine.set_parent_death_signal(signal.SIGKILL)
    null = os.open(DEVNULL, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    # Nothing of the worker's stays open, only the job's socket, above 3 and 4 (a fatal
    # report written to 3 before the job arrives then fails instead of reaching it).
    keep = fcntl.fcntl(sock.fileno(), fcntl.F_DUPFD, 10)
    os.closerange(3, keep)
    os.closerange(keep + 1, 1 << 16)
    sock = socket.socket(fileno=keep)
    early = {"scratch": child_scratch(settings)}
    if warm and not select.select([sock], [], [], 0)[0]:  # no job waiting yet: warm up
        warm_up()
    if steady:  # a timed run (or a probe): the same CPU cost for the same work, each time
        confine.disable_huge_pages()
    if drop_caps:
        caps = confine.drop_capabilities(platform.machine())
        early["caps"] = "ok" if caps.active else caps.detail
    data, fds, _, _ = socket.recv_fds(sock, MAX_MESSAGE, 2)
    if not data or len(fds) != 2:
        os._exit(0)
    message = json.loads(data)
    job_fd, result_fd = fds
    # Out of the way first (either may already sit on 3 or 4), then into place.
    result_fd = fcntl.fcntl(result_fd, fcntl.F_DUPFD, 10)
    job_fd = fcntl.fcntl(job_fd, fcntl.F_DUPFD, 10)
    os.dup2(result_fd, 3)
    os.dup2(job_fd, 4)
    os.closerange(5, 1 << 16)
    with os.fdopen(4, "rb") as job_file:
        job = json.loads(job_file.read())
    violations: list[audit.Refusal] = []
    layers = {**early, **confine_child(settings, message, message.get("scratch"), violations,
                                             caps_done="caps" in early)}

    from tutor.grading.child import batch, harness

    def write(data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(3, view):]

    limit = message["limits"].get("result_bytes")
    limit = int(limit) if limit else None
    if job.get("op") == "batch":
        batch.run_batch(job["jobs"], write, violations, limit, {"ev": "ready", "layers": layers})
    else:
        harness.Runner(job, write, violations, limit).run({"ev": "ready", "layers": layers})
    os.close(3)  # the parent has everything: it need not wait for this process to end

def child_scratch(settings: Settings) -> str:
    """A spare's own mount namespace and scratch tmpfs (with the allow-list root);
    what took effect."""
    if not settings.tmpfs_scratch:
        return "a folder of its own (no tmpfs: no allow-list root)"
    try:
        confine.own_scratch(rootfs.SCRATCH, SCRATCH_MB, SCRATCH_INODES)
        return "ok"
    except OSError as exc:  # pragma: no cover - the worker checked it could
        return str(exc)

def confine_child(settings: Settings, message: dict[str, Any], scratch: str | None,
                  violations: list[audit.Refusal], caps_done: bool = False) -> dict[str, str]:
    """Limits, capabilities (unless ``caps_done``), seccomp, audit hook, in that order
    (scratch is ready); returns what took effect ("ok" or why not)."""
    off = {*message.get("off", ()), *settings.off}
    limits = message["limits"]
    report: dict[str, str] = {}
    if scratch is None:
        scratch = rootfs.SCRATCH
    else:
        os.environ.update(HOME=scratch, TMPDIR=scratch)
    os.chdir(scratch)
    memory = limits.get("memory_mb")
    try:
        confine.apply_limits(confine.Limits(
            cpu_seconds=int(limits["cpu_seconds"]),
            address_space=None if memory is None else message["base_bytes"] + memory * 2**20,
        ))
        report["limits"] = "ok"
    except (OSError, ValueError) as exc:
        report["limits"] = str(exc)
    if caps_done:
        pass
    elif "caps" in off:
        report["caps"] = "turned off"
    else:
        caps = confine.drop_capabilities(platform.machine())
        report["caps"] = "ok" if caps.active else caps.detail
    if "seccomp" in off:
        report["seccomp"] = "turned off"
    else:
        try:
            seccomp.install(os.getpid())
            report["seccomp"] = "ok"
        except OSError as exc:
            report["seccomp"] = str(exc)
    if "audit" in off:
        report["audit"] = "turned off"
    else:
        policy = audit.AuditPolicy(scratch, settings.read_roots, settings.hidden,
                                    violations.append)
        audit.install(policy)
        report["audit"] = "ok"
    return report


WARM_UP_CODE = """
import numpy as np
def f(a, b):
    return float(np.sum(a * b)), np.exp(a - np.max(a)) / np.sum(np.exp(a - np.max(a)))
"""


def warm_up() -> None:
    """Run a small job of this package's own, so that the pages a job touches first are
    copied and the code it runs is paged in before the real job arrives, not during it."""
    import numpy as np

    from tutor.grading import encoding
    from tutor.grading.child import harness

    rng = np.random.default_rng(0)
    cases: list[dict[str, Any]] = [
        {"wire": [encoding.encode(rng.normal(size=n)), encoding.encode(rng.normal(size=n))],
         "twice": True}
        for n in (3, 40, 7, 12)]
    cases.append({"args": "np.arange(4.0), np.ones(4)"})
    job = {"op": "cases", "code": WARM_UP_CODE, "function": "f", "send_args": True,
           "send_after": True, "twice": True, "cases": cases, "filename": "<warm-up>"}
    state = np.random.get_state()  # the determinism check reseeds numpy's global generator
    with contextlib.suppress(Exception):
        payload = json.loads(json.dumps(job))  # as a job arrives: parsed from JSON
        harness.Runner(payload, lambda data: None, []).run({"ev": "ready", "layers": {}})
    np.random.set_state(state)
