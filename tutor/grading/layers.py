"""The sandbox's layers as a person reads them: what each protects, and whether it is on.

One list for ``tutor doctor``, the app and tests. The worker's ready report says which
namespace and filesystem layers took effect; a child's ``ready`` message says which of
its own did (scratch, limits, capabilities, seccomp, audit hook). Layers can be turned
off for testing with ``TUTOR_SANDBOX_OFF`` (a comma list of the names in :data:`OFF`),
read by ``tutor check``, ``tutor lessons validate`` and ``tutor doctor``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

ENV = "TUTOR_SANDBOX_OFF"
OFF = {
    "audit": "the audit hook (friendly messages only)",
    "seccomp": "the seccomp filter",
    "caps": "dropping capabilities",
    "userns": "the user namespace",
    "netns": "the network namespace",
    "mountns": "the mount namespace (and with it the allow-list root)",
    "rootfs": "the allow-list root",
    "ipcns": "the IPC namespace",
    "pidns": "the PID namespace",
}
# layers without which learner code is not contained (the app warns when one is off)
ESSENTIAL = ("allow-list root", "PID namespace", "seccomp filter", "network namespace")


@dataclass(frozen=True)
class Report:
    name: str
    protects: str
    active: bool
    detail: str


def off_from_env(environ: dict[str, str] | None = None) -> tuple[str, ...]:
    """The layers ``TUTOR_SANDBOX_OFF`` turns off; ValueError names an unknown one."""
    text = (os.environ if environ is None else environ).get(ENV, "")
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in OFF]
    if unknown:
        raise ValueError(f"{ENV}: unknown layer {unknown[0]!r}; the layers are: "
                         + ", ".join(OFF))
    return names


_PROTECTS = {
    "user namespace": "the worker's privileges, even as root, reach only its own namespaces",
    "network namespace": "no network: no sockets to this machine or any other",
    "mount namespace": "mounts made for the sandbox are seen by no one else",
    "IPC namespace": "no shared memory or queues with processes outside",
    "PID namespace": "no other process visible; nothing outlives the worker",
    "allow-list root": "files: only the Python library and numeric packages, read-only",
    "devices and /sys": "no terminal, kvm, fuse, loop or userfaultfd device; no /sys, /proc",
}
_CHILD = {
    "scratch": ("scratch per run", "each run writes only to an empty tmpfs of its own, "
                "capped in size and files, gone when it ends"),
    "limits": ("resource limits", "CPU time, address space, file size, open files, no core "
               "dumps, no locked memory or message queues"),
    "caps": ("capabilities dropped", "even as root: limits cannot be raised, mounts not "
             "undone"),
    "seccomp": ("seccomp filter", "no fork/exec, sockets, ptrace, signals to others, "
                "memfd or shared memory, setsid, mounts, namespaces; prctl limited"),
    "audit": ("audit hook", "clear messages for refused files, processes, network, ctypes "
              "(messages only: the layers above do the stopping)"),
}


def reports(worker: dict[str, Any], child: dict[str, str]) -> list[Report]:
    """Every layer, in the order a run meets them."""
    out = [
        Report("separate process", "learner and lesson code never run in the app's process",
               True, "a warm worker forks a fresh child per run"),
        Report("wall-clock kill", "endless code is killed by the parent, whatever it does",
               True, "per run, by the exercise's time limit"),
        Report("scrubbed environment", "no environment variables of yours reach the sandbox",
               True, "PATH, LANG and one thread per math library only"),
    ]
    for layer in worker.get("layers", []):
        name = str(layer.get("name"))
        out.append(Report(name, _PROTECTS.get(name, ""), bool(layer.get("active")),
                          str(layer.get("detail", ""))))
    for key, (name, protects) in _CHILD.items():
        status = child.get(key)
        out.append(Report(name, protects, status == "ok",
                          "on" if status == "ok" else str(status or "no report")))
    scratch = worker.get("scratch", {})
    memory = bool(scratch.get("tmpfs")) and child.get("limits") == "ok" and \
        child.get("seccomp") == "ok"
    out.append(Report(
        "memory cap", "a run cannot hold more memory than its budget", memory,
        f"address space limit + scratch tmpfs of {scratch.get('mb')} MB + memfd and shared "
        "memory denied; no memory cgroup (not delegated to the tutor on most machines)"
        if memory else "partial: needs the allow-list root, limits and seccomp"))
    out.append(Report("kernel-timed speed check", "a slow function cannot fake its speed",
                      True, "CPU time read from the kernel by the worker, over fresh inputs"))
    return out
