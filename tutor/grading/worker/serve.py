"""The warm worker: a process with numpy and scipy imported that forks one child per job.

Started by :mod:`tutor.grading.sandbox` with a scrubbed environment and one
``SOCK_SEQPACKET`` socket. It confines itself once (namespaces and the allow-list
root; see :mod:`tutor.grading.worker.confine` and :mod:`tutor.grading.worker.rootfs`),
reports ``ready``, then serves:

``{"op": "run", "id", "limits", "off"}`` + two fds (job file, result pipe)
    hand the job to a child; reply ``{"started": id, "pid"}``;
``{"op": "kill", "id"}``
    kill that child;
and reports ``{"exited": id, "code", "cpu"}`` once the child is reaped (``code``
negative: killed by that signal; ``cpu``: its user + system CPU seconds, as the
kernel counted them). The worker never holds lesson data: jobs arrive only in
children, and no code but this package's runs in the worker itself.

Forking a process that holds numpy and scipy costs milliseconds, so the worker keeps one
*spare* child forked ahead of time, already in its own session and mount namespace with
its scratch tmpfs: a job goes to the spare (its fds over a socket of their own), and a new
spare is forked as soon as the worker is idle again, usually while that job runs (on the
other core: the parent mostly waits then), so the next check finds it ready. A spare runs
nothing but this module's code until its job arrives, and serves exactly one job.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
import platform
import select
import selectors
import shutil
import signal
import socket
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from tutor.grading.child import audit
from tutor.grading.worker import confine, rootfs, seccomp

MAX_MESSAGE = 65536
DEVNULL = "/dev/null"
SCRATCH_MB = 64
SCRATCH_INODES = 4096


class Worker:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.sock = socket.socket(fileno=config["sock"])
        self.scratch_root = config["scratch_root"]
        self.running: dict[int, tuple[int, str | None]] = {}  # pid -> (job id, scratch dir)
        self.spare: tuple[int, socket.socket] | None = None  # (pid, the socket its job comes on)
        self.cleaners: set[int] = set()
        self.layers: list[confine.Layer] = []
        self.read_roots: list[str] = []
        self.hidden: list[str] = []
        self.statm = -1
        self.init_pid: int | None = None
        self.tmpfs_scratch = False
        self.off = set(config.get("off", ()))

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

        from tutor.grading.child import harness  # noqa: F401 - imported before the new root

        packages = ["numpy", "scipy", "torch"]  # torch may be imported lazily by any child
        versions = {"python": platform.python_version(), "numpy": np.__version__,
                    "scipy": scipy.__version__}
        if self.config.get("kind") == "torch":
            import torch

            torch.set_num_threads(1)
            versions["torch"] = torch.__version__
        stdlib, _ = rootfs.python_dirs()
        dists = rootfs.distribution_files(packages)  # read once: the root and the audit hook
        self.read_roots = sorted({*map(str, stdlib), *map(str, dists)})
        self.hidden = [os.path.realpath(p) for p in self.config.get("hide", ())]
        try:
            self.statm = os.open("/proc/self/statm", os.O_RDONLY)
        except OSError:
            self.statm = -1
        with contextlib.suppress(OSError):  # built once here, not in every child
            seccomp.build_filter(os.getpid())
        self.layers = confine.enter_namespaces(self.off)
        active = {layer.name for layer in self.layers if layer.active}
        if "rootfs" in self.off:
            root = confine.Layer("allow-list root", False, "turned off")
        elif "mount namespace" not in active:
            root = confine.Layer("allow-list root", False, "needs a mount namespace")
        else:
            root = rootfs.build(Path(self.scratch_root), dists,
                                [Path(p) for p in self.config.get("hide", ())],
                                platform.machine())
        self.layers.append(root)
        self.layers.append(confine.Layer(
            "devices and /sys", root.active,
            "/dev holds only null, zero, random and urandom; no /sys, /proc or /dev/pts"
            if root.active else "the host's /dev and /sys stay visible (no allow-list root)"))
        self.tmpfs_scratch = root.active
        if root.active:
            os.environ.update(HOME=rootfs.SCRATCH, TMPDIR=rootfs.SCRATCH)
        if "PID namespace" in active:
            self.init_pid = confine.start_init()
        gc.freeze()  # children's collections then leave the shared pages alone (fewer copies)
        self.send({"ready": True, "pid": os.getpid(), "versions": versions,
                   "layers": [vars(layer) for layer in self.layers],
                   "scratch": {"tmpfs": self.tmpfs_scratch, "mb": SCRATCH_MB,
                               "files": SCRATCH_INODES}})

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
            if self.spare is None and not selector.select(0):
                self.fork_spare()  # idle: the next job's child, made while this one runs

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
                        _kill(pid)
        return True

    def spawn(self, message: dict[str, Any], job_fd: int, result_fd: int) -> None:
        scratch = None if self.tmpfs_scratch else tempfile.mkdtemp(prefix="run-",
                                                                     dir=self.scratch_root)
        message["base_bytes"] = self.memory_in_use()
        message["scratch"] = scratch
        try:
            pid = self.hand_to_spare(message, job_fd, result_fd)
        except OSError as exc:  # the PID namespace's init is gone, or no memory
            os.close(job_fd)
            os.close(result_fd)
            self.send({"exited": message["id"], "code": None, "cpu": 0.0,
                       "error": f"could not start a child: {exc}"})
            return
        os.close(job_fd)
        os.close(result_fd)
        self.running[pid] = (message["id"], scratch)
        self.send({"started": message["id"], "pid": pid})

    def hand_to_spare(self, message: dict[str, Any], job_fd: int, result_fd: int) -> int:
        """Send the job to the spare child (forking one first if there is none; a job that
        keeps capabilities gets a child of its own, since a spare has dropped them); its pid."""
        keeps_caps = "caps" in message.get("off", ()) and "caps" not in self.off
        for _ in range(2):
            if keeps_caps:
                pid, sock = self.fork_waiting(drop_caps=False)
            else:
                if self.spare is None:
                    self.fork_spare()
                assert self.spare is not None
                (pid, sock), self.spare = self.spare, None
            try:
                socket.send_fds(sock, [json.dumps(message).encode()], [job_fd, result_fd])
                return pid
            except OSError:  # it died waiting (reaped as a stray): fork another
                _kill(pid)
            finally:
                sock.close()
        raise OSError("no child could take the job")

    def fork_spare(self) -> None:
        self.spare = self.fork_waiting(drop_caps="caps" not in self.off)

    def fork_waiting(self, drop_caps: bool) -> tuple[int, socket.socket]:
        """Fork a child that prepares what does not depend on the job, then waits for it on
        the socket returned (with its pid)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            pid = os.fork()
        except OSError:
            ours.close()
            theirs.close()
            raise
        if pid == 0:
            code = 0
            try:
                ours.close()
                self.child(theirs, drop_caps)
            except BaseException:  # noqa: BLE001 - report, then leave without cleanup
                code = 70
                report = {"ev": "fatal", "error": traceback.format_exc()[-2000:]}
                with contextlib.suppress(OSError):
                    os.write(3, json.dumps(report).encode() + b"\n")
            os._exit(code)
        theirs.close()
        return pid, ours

    def reap(self) -> None:
        """Reap ended children; report each job's end with the CPU time it used."""
        while True:
            try:
                info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:
                return
            if info is None or info.si_pid == 0:
                return
            pid = info.si_pid
            if pid in self.running:
                _kill(pid)  # anything left in its group, while its pid is still ours
            _, status, usage = os.wait4(pid, 0)
            if pid == self.init_pid:  # the namespace is gone: no child can start in it
                self.init_pid = None
                self.shutdown()  # the parent sees the socket close and starts a new worker
                os._exit(3)
            if pid in self.cleaners:
                self.cleaners.discard(pid)
                continue
            if self.spare is not None and pid == self.spare[0]:
                self.spare[1].close()
                self.spare = None
            job_id, scratch = self.running.pop(pid, (None, None))
            if job_id is not None:
                self.send({"exited": job_id, "code": os.waitstatus_to_exitcode(status),
                           "cpu": usage.ru_utime + usage.ru_stime})
            if scratch:
                self.clean(scratch)

    def clean(self, scratch: str) -> None:
        """Delete a run's scratch folder in a process of its own, off the next job's path
        (only without a tmpfs per child)."""
        try:
            pid = os.fork()
        except OSError:
            shutil.rmtree(scratch, ignore_errors=True)
            return
        if pid == 0:
            try:
                shutil.rmtree(scratch, ignore_errors=True)
            finally:
                os._exit(0)
        self.cleaners.add(pid)

    def memory_in_use(self) -> int:
        """This process's address-space size: children get their memory budget on top."""
        if self.statm < 0:
            return 0
        try:
            return int(os.pread(self.statm, 100, 0).split()[0]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return 0

    def shutdown(self) -> None:
        """End every child, then the PID namespace's init, reaping each (so no zombie is
        left for whoever adopts orphans on this machine)."""
        if self.spare is not None:
            pid, sock = self.spare
            sock.close()
            _kill(pid)
            self.running[pid] = (-1, None)
            self.spare = None
        for pid in list(self.running):
            _kill(pid)
        for pid, (_, scratch) in list(self.running.items()):
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
            if scratch:
                shutil.rmtree(scratch, ignore_errors=True)
        self.running.clear()
        if self.init_pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.init_pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.init_pid, 0)
            self.init_pid = None
        for pid in list(self.cleaners):
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)

    # -- in the child
    def child(self, sock: socket.socket, drop_caps: bool) -> None:
        """A spare child: set up (scratch, warm-up, capabilities dropped if ``drop_caps``),
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
        early = {"scratch": self.child_scratch()}
        if not select.select([sock], [], [], 0)[0]:  # no job waiting yet: time to warm up
            warm_up()
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
        violations: list[str] = []
        layers = {**early, **self.confine_child(message, message.get("scratch"), violations,
                                                 caps_done="caps" in early)}

        from tutor.grading.child import harness

        def write(data: bytes) -> None:
            view = memoryview(data)
            while view:
                view = view[os.write(3, view):]

        limit = message["limits"].get("result_bytes")
        runner = harness.Runner(job, write, violations, int(limit) if limit else None)
        runner.run({"ev": "ready", "layers": layers})
        os.close(3)  # the parent has everything: it need not wait for this process to end

    def child_scratch(self) -> str:
        """A spare's own mount namespace and scratch tmpfs (with the allow-list root);
        what took effect."""
        if not self.tmpfs_scratch:
            return "a folder of its own (no tmpfs: no allow-list root)"
        try:
            confine.own_scratch(rootfs.SCRATCH, SCRATCH_MB, SCRATCH_INODES)
            return "ok"
        except OSError as exc:  # pragma: no cover - the worker checked it could
            return str(exc)

    def confine_child(self, message: dict[str, Any], scratch: str | None,
                      violations: list[str], caps_done: bool = False) -> dict[str, str]:
        """Limits, capabilities (unless ``caps_done``), seccomp, audit hook, in that order
        (scratch is ready); returns what took effect ("ok" or why not)."""
        off = {*message.get("off", ()), *self.off}
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
            policy = audit.AuditPolicy(scratch, self.read_roots, self.hidden, violations.append)
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

    from tutor.grading import wire
    from tutor.grading.child import harness

    rng = np.random.default_rng(0)
    cases: list[dict[str, Any]] = [
        {"wire": [wire.encode(rng.normal(size=n)), wire.encode(rng.normal(size=n))]}
        for n in (3, 40, 7, 12)]
    cases.append({"args": "np.arange(4.0), np.ones(4)"})
    job = {"op": "cases", "code": WARM_UP_CODE, "function": "f", "send_args": True,
           "send_after": True, "twice": True, "cases": cases, "filename": "<warm-up>"}
    state = np.random.get_state()  # the determinism check reseeds numpy's global generator
    with contextlib.suppress(Exception):
        payload = json.loads(json.dumps(job))  # as a job arrives: parsed from JSON
        harness.Runner(payload, lambda data: None, []).run({"ev": "ready", "layers": {}})
    np.random.set_state(state)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)


def main(config_json: str) -> None:
    worker = Worker(json.loads(config_json))
    worker.prepare()
    worker.serve()


if __name__ == "__main__":
    main(sys.argv[1])
