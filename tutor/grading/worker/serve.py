"""The warm worker: a process with the numeric stack imported that forks one child per job.

Its ``kind`` says what it imports ahead: "numpy" (and the bare scipy package), "scipy"
(its common submodules too) or "torch" (torch itself, beside numpy and the bare scipy
package; not the compiler stack that torch.optim's first step loads: 1.5 s of CPU that
only an optimizer's reference needs, which every start of a torch worker would pay,
unless its tuning asks for it: see :mod:`tutor.grading.worker.tuning`); the evaluator
sends each job to the lightest kind its code needs (:func:`tutor.workerkind.kind_for`).

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
nothing but this package's code until its job arrives, and serves exactly one job (see
:mod:`tutor.grading.worker.spare`).
"""

from __future__ import annotations

import contextlib
import gc
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

from tutor.grading.worker import confine, rootfs, seccomp, spare
from tutor.grading.worker.tuning import OPTIM_MODULES, Tuning

MAX_MESSAGE, SCRATCH_MB, SCRATCH_INODES = spare.MAX_MESSAGE, spare.SCRATCH_MB, spare.SCRATCH_INODES


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
        self.tuning = Tuning.from_config(config.get("tuning"))

    # -- start-up
    def prepare(self) -> None:
        """Import the numeric stack, confine this process, report ready.

        (No parent-death signal here: it fires when the parent *thread* ends, and the
        app creates evaluators in short-lived threads. The worker leaves when its
        socket closes instead, which happens when the parent process ends.)
        """
        import numpy as np
        import scipy  # the package only: its submodules load when first used

        kind = self.config.get("kind")
        if kind == "scipy":  # (not torch: its jobs are references, which seldom name scipy)
            import scipy.linalg
            import scipy.optimize
            import scipy.special
            import scipy.stats  # noqa: F401 - warm imports for code that names scipy

        from tutor.grading.child import batch, harness  # noqa: F401 - imported before the new root

        packages = ["numpy", "scipy", "torch"]  # any child may import these lazily
        versions = {"python": platform.python_version(), "numpy": np.__version__,
                    "scipy": scipy.__version__}
        if kind == "torch":
            import torch

            torch.set_num_threads(1)
            versions["torch"] = torch.__version__
            if self.tuning.torch_optim:
                import importlib

                for name in OPTIM_MODULES:
                    importlib.import_module(name)
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
        """Send the job to the spare child (forking one first if there is none); its pid.
        A job that keeps capabilities gets a child of its own, since a spare has dropped
        them; so does a timed job, in a child that does no warm-up, so that the CPU time
        the kernel counts for it is the same set-up plus its calls every time."""
        keeps_caps = "caps" in message.get("off", ()) and "caps" not in self.off
        for _ in range(2):
            if keeps_caps or message.get("timed"):
                pid, sock = self.fork_waiting(drop_caps=not keeps_caps and "caps" not in self.off,
                                              warm=False, steady=True)
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
        self.spare = self.fork_waiting(drop_caps="caps" not in self.off,
                                       warm=self.tuning.warm_spares)

    def fork_waiting(self, drop_caps: bool, warm: bool = True,
                     steady: bool = False) -> tuple[int, socket.socket]:
        """Fork a child that prepares what does not depend on the job (with a warm-up run
        unless ``warm`` is False; ``steady``: for a timed run, see :func:`spare.run`), then
        waits for it on the socket returned (with its pid)."""
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
                spare.run(self.child_settings(), theirs, drop_caps, warm, steady)
            except BaseException:  # noqa: BLE001 - report, then leave without cleanup
                code = 70
                report = {"ev": "fatal", "error": traceback.format_exc()[-2000:]}
                with contextlib.suppress(OSError):
                    os.write(3, json.dumps(report).encode() + b"\n")
            os._exit(code)
        theirs.close()
        return pid, ours

    def child_settings(self) -> spare.Settings:
        return spare.Settings(self.tmpfs_scratch, frozenset(self.off), self.read_roots,
                              self.hidden)

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


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)


def main(config_json: str) -> None:
    worker = Worker(json.loads(config_json))
    worker.prepare()
    worker.serve()
    # every child is reaped and nothing is buffered: leave without the interpreter's
    # teardown of numpy and scipy (tens of ms the parent would wait for at every close)
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1])
