"""The warm worker: a process with numpy and scipy imported that forks one child per job.

Started by :mod:`tutor.grading.sandbox` with a scrubbed environment and one
``SOCK_SEQPACKET`` socket. It confines itself once (namespaces, hidden paths,
capabilities; see :mod:`tutor.grading.confine`), reports ``ready``, then serves:

``{"op": "run", "id", "limits", "off"}`` + two fds (job file, result pipe)
    fork a child in a fresh scratch directory; reply ``{"started": id, "pid"}``;
``{"op": "kill", "id"}``
    kill that child's process group;
and reports ``{"exited": id, "code"}`` (negative: killed by that signal) when a
child ends. The worker never holds lesson data: jobs arrive only in children.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import platform
import selectors
import shutil
import signal
import socket
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from tutor.grading import audit, confine, seccomp

MAX_MESSAGE = 65536
DEVNULL = "/dev/null"


class Worker:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.sock = socket.socket(fileno=config["sock"])
        self.scratch_root = config["scratch_root"]
        self.running: dict[int, tuple[int, str]] = {}  # pid -> (job id, scratch dir)
        self.layers: list[confine.Layer] = []
        self.read_roots: list[str] = []
        self.statm = -1

    # -- start-up
    def prepare(self) -> None:
        """Import the numeric stack, confine this process, report ready.

        (No parent-death signal here: it fires when the parent *thread* ends, and the
        app creates evaluators in short-lived threads. The worker leaves when its
        socket closes instead, which happens when the parent process ends.)
        """
        import numpy as np
        import scipy
        import scipy.linalg
        import scipy.optimize
        import scipy.special
        import scipy.stats  # noqa: F401 - warm imports for lessons and learners

        from tutor.grading import harness  # noqa: F401 - imported before paths are hidden

        self.read_roots = sorted({sys.prefix, sys.base_prefix, sys.exec_prefix,
                                  sys.base_exec_prefix, str(Path(np.__file__).parents[1]),
                                  str(Path(scipy.__file__).parents[1])})
        try:
            self.statm = os.open("/proc/self/statm", os.O_RDONLY)
        except OSError:
            self.statm = -1
        off = set(self.config.get("off", ()))
        net, mnt = confine.enter_namespaces("netns" not in off, "mountns" not in off)
        self.layers += [net, mnt]
        if mnt.active:
            keep = [Path(p) for p in (*self.read_roots, self.scratch_root)]
            self.layers.append(confine.hide_paths([Path(p) for p in self.config["hide"]], keep))
            self.layers.append(confine.private_scratch(Path(self.scratch_root)))
        else:
            self.layers.append(confine.Layer("hidden paths", False, "needs a mount namespace"))
            self.layers.append(confine.Layer("private scratch", False, "needs a mount namespace"))
        if "caps" in off:
            self.layers.append(confine.Layer("capabilities dropped", False, "turned off"))
        else:
            self.layers.append(confine.drop_capabilities(platform.machine()))
        versions = {"python": platform.python_version(), "numpy": np.__version__,
                    "scipy": scipy.__version__}
        if self.config.get("kind") == "torch":
            import torch

            torch.set_num_threads(1)
            versions["torch"] = torch.__version__
            self.read_roots.append(str(Path(torch.__file__).parents[1]))
        self.send({"ready": True, "pid": os.getpid(), "versions": versions,
                   "layers": [vars(layer) for layer in self.layers]})

    def send(self, message: dict[str, Any]) -> None:
        self.sock.send(json.dumps(message).encode())

    # -- main loop
    def serve(self) -> None:
        wake_r, wake_w = os.pipe()
        os.set_blocking(wake_w, False)
        signal.set_wakeup_fd(wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        selector = selectors.DefaultSelector()
        selector.register(self.sock, selectors.EVENT_READ)
        selector.register(wake_r, selectors.EVENT_READ)
        while True:
            for key, _ in selector.select():
                if key.fileobj is self.sock:
                    if not self.receive():
                        self.shutdown()
                        return
                else:
                    os.read(wake_r, 4096)
                self.reap()

    def receive(self) -> bool:
        try:
            data, fds, _, _ = socket.recv_fds(self.sock, MAX_MESSAGE, 4)
        except (ConnectionError, OSError):
            return False
        if not data:
            return False
        message = json.loads(data)
        if message["op"] == "run" and len(fds) == 2:
            self.spawn(message, *fds)
        else:
            for fd in fds:
                os.close(fd)
            if message["op"] == "kill":
                for pid, (job_id, _) in self.running.items():
                    if job_id == message["id"]:
                        _kill_group(pid)
        return True

    def spawn(self, message: dict[str, Any], job_fd: int, result_fd: int) -> None:
        scratch = tempfile.mkdtemp(prefix="run-", dir=self.scratch_root)
        message["base_bytes"] = self.memory_in_use()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                self.child(message, job_fd, result_fd, scratch)
            except BaseException:  # noqa: BLE001 - report, then leave without cleanup
                code = 70
                report = {"ev": "fatal", "error": traceback.format_exc()[-2000:]}
                with contextlib.suppress(OSError):
                    os.write(3, json.dumps(report).encode() + b"\n")
            os._exit(code)
        os.close(job_fd)
        os.close(result_fd)
        self.running[pid] = (message["id"], scratch)
        self.send({"started": message["id"], "pid": pid})

    def reap(self) -> None:
        while self.running:
            try:
                info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:
                return
            if info is None or info.si_pid == 0:
                return
            pid = info.si_pid
            _kill_group(pid)  # anything the child left in its group, while its pid is still ours
            _, status = os.waitpid(pid, 0)
            job_id, scratch = self.running.pop(pid, (None, None))
            if scratch:
                shutil.rmtree(scratch, ignore_errors=True)
            if job_id is not None:
                self.send({"exited": job_id, "code": os.waitstatus_to_exitcode(status)})

    def memory_in_use(self) -> int:
        """This process's address-space size: children get their memory budget on top."""
        if self.statm < 0:
            return 0
        try:
            return int(os.pread(self.statm, 100, 0).split()[0]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return 0

    def shutdown(self) -> None:
        for pid in list(self.running):
            _kill_group(pid)
        for pid, (_, scratch) in list(self.running.items()):
            os.waitpid(pid, 0)
            shutil.rmtree(scratch, ignore_errors=True)

    # -- in the child
    def child(self, message: dict[str, Any], job_fd: int, result_fd: int, scratch: str) -> None:
        signal.set_wakeup_fd(-1)
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGPIPE):
            signal.signal(sig, signal.SIG_DFL if sig != signal.SIGPIPE else signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.setsid()
        confine.set_parent_death_signal(signal.SIGKILL)
        # Out of the way first (either may already sit on 3 or 4), then into place.
        result_fd = fcntl.fcntl(result_fd, fcntl.F_DUPFD, 10)
        job_fd = fcntl.fcntl(job_fd, fcntl.F_DUPFD, 10)
        os.dup2(result_fd, 3)
        os.dup2(job_fd, 4)
        null = os.open(DEVNULL, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.closerange(5, 1 << 16)
        os.chdir(scratch)
        with os.fdopen(4, "rb") as job_file:
            job = json.loads(job_file.read())
        violations: list[str] = []
        layers = self.confine_child(message, scratch, violations)

        from tutor.grading import harness

        def write(data: bytes) -> None:
            view = memoryview(data)
            while view:
                view = view[os.write(3, view):]

        limit = message["limits"].get("result_bytes")
        runner = harness.Runner(job, write, violations, int(limit) if limit else None)
        runner.run({"ev": "ready", "layers": layers})
        os.close(3)  # the parent has everything: it need not wait for this process to end

    def confine_child(self, message: dict[str, Any], scratch: str,
                      violations: list[str]) -> dict[str, str]:
        """Limits, seccomp, audit hook; returns what took effect ("ok" or why not)."""
        off = {*message.get("off", ()), *self.config.get("off", ())}
        limits = message["limits"]
        report: dict[str, str] = {}
        base = message["base_bytes"]
        memory = limits.get("memory_mb")
        try:
            confine.apply_limits(confine.Limits(
                cpu_seconds=int(limits["cpu_seconds"]),
                address_space=None if memory is None else base + memory * 2**20,
            ))
            report["limits"] = "ok"
        except (OSError, ValueError) as exc:
            report["limits"] = str(exc)
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
            policy = audit.AuditPolicy(scratch, self.read_roots, self.config["hide"],
                                       violations.append)
            audit.install(policy)
            report["audit"] = "ok"
        return report


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def main(config_json: str) -> None:
    worker = Worker(json.loads(config_json))
    worker.prepare()
    worker.serve()


if __name__ == "__main__":
    main(sys.argv[1])
