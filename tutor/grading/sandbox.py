"""The parent's side of the sandbox: warm workers, jobs, wall-clock kills.

A :class:`WorkerProcess` is a fresh interpreter (``python -I``, scrubbed
environment, its own session) running :mod:`tutor.grading.worker.serve`. Each
:class:`Job` travels as a JSON file descriptor; its child answers on a pipe the
parent reads directly, so the parent trusts nothing but plain data. Several jobs
run at once (the reference's child beside the learner's); each is killed when its
``time_limit`` passes. A job is over only once the worker has reaped its child (so
no process outlives its job) and reported the CPU time the kernel counted for it.
A child writes at most ``result_bytes`` in at most ``max_messages`` lines, and says
so when it would write more (an ``overflow`` message); one that writes more anyway
is killed. Every line is checked by :mod:`tutor.grading.messages` against the job's
plan; anything malformed makes that job's ``failure``, and the next job runs as usual.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tutor.grading.worker.tuning import FOR_LEARNERS, Tuning
from tutor.safetext import printable

READY_TIMEOUT_S = 120.0
KILL_GRACE_S = 5.0
STOP_WAIT_S = 2.0  # for a worker to end and reap its children once its socket closes
LINGER_S = 1.0  # after its last word, how long a child may take to exit before it is killed
RESULT_BYTES = 8 * 2**20  # what a learner's child may send back
LESSON_RESULT_BYTES = 64 * 2**20  # a lesson's reference run sends every case's inputs too
RESULT_SLACK = 65536  # beyond it, for the child's own overflow report
MAX_MESSAGES = 20_000
MAX_CONTROL_MESSAGE = 65536
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
               "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS")
_BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); "
         "from tutor.grading.worker.serve import main; main(sys.argv[2])")


class WorkerError(RuntimeError):
    """The worker could not start or stopped answering."""


@dataclass
class Job:
    """One sandboxed run: ``payload`` goes to the child as JSON."""

    payload: dict[str, Any]
    time_limit: float = 5.0
    memory_mb: int | None = 1536
    off: tuple[str, ...] = ()  # layers to leave out (doctor's probes only)
    lesson: bool = False  # lesson code: a reference run sends every case's inputs back too
    timed: bool = False  # its CPU time is wanted: wait for the worker to reap it
    max_messages: int = MAX_MESSAGES
    parts: tuple[float, ...] = ()  # a batch (see batchrun): each of its jobs' time limit

    def plan(self) -> tuple[int | None, int | None]:
        """(cases, mistakes) the child may report on, from the payload."""
        items = self.payload.get("cases", self.payload.get("exprs"))
        codes = self.payload.get("codes")
        return (len(items) if isinstance(items, list) else None,
                len(codes) if isinstance(codes, list) else None)


@dataclass
class RunOutcome:
    """What came back from one child: its messages and how it ended."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    exit_code: int | None = None  # negative: killed by that signal; None: unknown
    timed_out: bool = False
    overflowed: bool = False  # the child had more to send than ``result_limit`` bytes
    overflow_bytes: int = 0  # how much it had by then (at least)
    result_limit: int = 0
    duration_ms: float = 0.0
    cpu_seconds: float | None = None  # user + system time of the child, from the kernel
    failure: str | None = None  # the worker failed, or the child sent malformed data
    # a batch's: its lines decoded but not yet checked (batchrun checks each job's), and
    # when each job's first line was read, then when the last was (monotonic seconds),
    # with how many bytes had come before it
    lines: list[dict[str, Any]] = field(default_factory=list)
    marks: list[float] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)

    @property
    def out_of_time(self) -> bool:
        """Killed at the wall-clock limit, or by the kernel at the CPU-time limit (SIGXCPU)."""
        return self.timed_out or self.exit_code == -signal.SIGXCPU

    @property
    def finished(self) -> bool:
        """The child reached its end and said so."""
        return any(m.get("ev") == "done" for m in self.messages)

    def events(self, name: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if m.get("ev") == name]


@dataclass
class _Running:
    job: Job
    read_fd: int
    started: float
    deadline: float
    limit: int = 0
    outcome: RunOutcome = field(default_factory=RunOutcome)
    buffer: bytearray = field(default_factory=bytearray)
    pid: int | None = None
    eof: bool = False
    exited: bool = False
    killed_at: float | None = None
    lines: int = 0
    scanned: int = 0  # a batch's output looked at for its jobs' first lines, so far
    let_go: bool = False  # said done, closed its output, and was killed: its exit adds nothing

    @property
    def over(self) -> bool:
        """Nothing more to wait for: all output read, and the child either reaped by the
        worker or, once it said it was done, killed (a timed job always waits for its
        reaping: its CPU time comes with it)."""
        return self.eof and (self.exited or self.let_go)


def clean_environment(scratch: Path) -> dict[str, str]:
    """The only environment a worker (and every child) sees: no secrets, one BLAS thread."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(scratch),
           "TMPDIR": str(scratch), "PYTHONDONTWRITEBYTECODE": "1"}
    env.update(dict.fromkeys(THREAD_VARS, "1"))
    return env


class WorkerProcess:
    """One warm worker; ``kind`` is one of :data:`tutor.workerkind.KINDS`; ``tuning``: see
    :mod:`tutor.grading.worker.tuning`."""

    def __init__(self, kind: str, scratch_root: Path, hide: list[Path],
                 off: tuple[str, ...] = (), tuning: Tuning = FOR_LEARNERS) -> None:
        self.kind = kind
        self.tuning = tuning
        self.scratch_root = scratch_root
        self.hide = hide
        self.off = off
        self.proc: subprocess.Popen[bytes] | None = None
        self.sock: socket.socket | None = None
        self.info: dict[str, Any] = {}
        self._next_id = 0
        self._pending: dict[int, float] = {}  # jobs let go, not yet reaped -> deadline
        self._log = scratch_root / f"{kind}-worker.log"

    def start(self) -> None:
        """Launch the process; :meth:`wait_ready` waits for its imports."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        config = {"sock": theirs.fileno(), "kind": self.kind, "off": list(self.off),
                  "scratch_root": str(self.scratch_root), "hide": [str(p) for p in self.hide],
                  "tuning": self.tuning.config()}
        root = str(Path(__file__).resolve().parents[2])
        with open(self._log, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-c", _BOOT, root, json.dumps(config)],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                env=clean_environment(self.scratch_root), start_new_session=True,
                cwd=self.scratch_root,
            )
        theirs.close()
        self.sock = ours
        self.info = {}

    def wait_ready(self) -> dict[str, Any]:
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        if not self.info:
            message = self._receive(READY_TIMEOUT_S)
            if message is None or not message.get("ready"):
                self.stop()
                raise WorkerError(f"the {self.kind} grading worker did not start: "
                                  f"{self.log_tail()}")
            self.info = message
        return self.info

    def log_tail(self) -> str:
        try:
            return self._log.read_text(errors="replace")[-800:].strip() or "no output"
        except OSError:
            return "no log"

    def _receive(self, timeout: float) -> dict[str, Any] | None:
        assert self.sock is not None
        ready, _, _ = select.select([self.sock], [], [], timeout)
        if not ready:
            return None
        try:
            data = self.sock.recv(MAX_CONTROL_MESSAGE)
        except OSError:
            return None
        return json.loads(data) if data else None

    def _send(self, message: dict[str, Any], fds: list[int] | None = None) -> None:
        assert self.sock is not None
        socket.send_fds(self.sock, [json.dumps(message).encode()], fds or [])

    def run_many(self, jobs: list[Job]) -> list[RunOutcome]:
        """Run jobs concurrently; every job gets an outcome, whatever its child does."""
        self.wait_ready()
        states: dict[int, _Running] = {}
        try:
            for job in jobs:
                jid, state = self._submit(job)
                states[jid] = state
            self._pump(states)
        except (OSError, ValueError) as exc:
            self.stop()
            for state in states.values():
                state.outcome.failure = state.outcome.failure or f"grading worker failed: {exc}"
            states.update({-i: _Running(job, -1, 0.0, 0.0, outcome=RunOutcome(failure=str(exc)))
                           for i, job in enumerate(jobs[len(states):], 1)})
        for jid, state in states.items():
            if state.read_fd >= 0:
                os.close(state.read_fd)
            if state.let_go and not state.exited:
                self._pending[jid] = time.monotonic() + KILL_GRACE_S
            self._parse(state)
        return [state.outcome for state in states.values()]

    def settle(self) -> None:
        """Wait until the worker has reaped every child that was let go once it said it was
        done: callers grade first, then settle, so a check never returns while a process it
        started is alive, and the children's exits overlap the grading."""
        while self._pending and self.sock is not None:
            now = time.monotonic()
            if now > max(self._pending.values()):
                self.stop()  # the worker did not reap them: end it, and them with it
                return
            ready, _, _ = select.select([self.sock], [], [], max(self._pending.values()) - now)
            if ready:
                try:
                    self._worker_message({})
                except (OSError, ValueError):
                    self.stop()
                    return

    def _submit(self, job: Job) -> tuple[int, _Running]:
        self._next_id += 1
        jid = self._next_id
        job_fd = _anonymous_file(json.dumps(job.payload).encode())
        read_fd, write_fd = os.pipe()
        cpu = max(1, math.ceil(job.time_limit) + 1)
        limit = LESSON_RESULT_BYTES if job.lesson else RESULT_BYTES  # read now: tests lower them
        header = {"op": "run", "id": jid, "off": list(job.off), "timed": job.timed,
                  "limits": {"cpu_seconds": cpu, "memory_mb": job.memory_mb,
                             "result_bytes": limit}}
        limit *= max(1, len(job.parts))  # a batch: each of its jobs may send that much
        try:
            self._send(header, [job_fd, write_fd])
        except OSError:
            os.close(read_fd)
            raise
        finally:
            os.close(job_fd)
            os.close(write_fd)
        now = time.monotonic()
        return jid, _Running(job, read_fd, now, now + job.time_limit + 2.0, limit,
                             RunOutcome(result_limit=limit))

    def _pump(self, jobs: dict[int, _Running]) -> None:
        """Read results and worker messages until every job has ended and been reaped."""
        assert self.sock is not None
        while any(not s.over for s in jobs.values()):
            now = time.monotonic()
            for jid, state in jobs.items():
                if state.over:
                    continue
                if state.killed_at is None and now > state.deadline:
                    state.outcome.timed_out = not state.eof
                    self._kill(jid, state)
                elif state.killed_at is not None and now > state.killed_at + KILL_GRACE_S:
                    raise OSError("the worker did not report a killed child")
            waits = [self._wake_at(s) for s in jobs.values() if not s.over]
            fds = [s.read_fd for s in jobs.values() if not s.eof]
            ready, _, _ = select.select([self.sock, *fds], [], [], max(0.0, min(waits) - now))
            by_fd = {s.read_fd: jid for jid, s in jobs.items()}
            for fd in ready:
                if fd is self.sock:
                    self._worker_message(jobs)
                else:
                    self._read(by_fd[fd], jobs)

    @staticmethod
    def _wake_at(state: _Running) -> float:
        if state.killed_at is not None:
            return state.killed_at + KILL_GRACE_S
        return state.deadline

    def _worker_message(self, jobs: dict[int, _Running]) -> None:
        assert self.sock is not None
        data = self.sock.recv(MAX_CONTROL_MESSAGE)
        if not data:
            raise OSError(f"the grading worker stopped: {self.log_tail()}")
        message = json.loads(data)
        self._pending.pop(message.get("exited"), None)
        state = jobs.get(message.get("started", message.get("exited")))
        if state is None:
            return
        if "started" in message:
            state.pid = message["pid"]
            state.started = time.monotonic()
            parts = state.job.parts
            state.deadline = state.started + (parts[0] if parts else state.job.time_limit)
        else:
            state.exited = True
            state.outcome.exit_code = message["code"]
            cpu = message.get("cpu")
            state.outcome.cpu_seconds = float(cpu) if isinstance(cpu, (int, float)) else None
            if message.get("error"):
                state.outcome.failure = str(message["error"])
            if not state.eof:  # whatever it left in the pipe is all there will be
                self._drain(jid=message["exited"], jobs=jobs)

    def _drain(self, jid: int, jobs: dict[int, _Running]) -> None:
        state = jobs[jid]
        os.set_blocking(state.read_fd, False)
        with contextlib.suppress(BlockingIOError):
            while not state.eof:
                self._read(jid, jobs)

    def _read(self, jid: int, jobs: dict[int, _Running]) -> None:
        state = jobs[jid]
        chunk = os.read(state.read_fd, 1 << 20)
        if not chunk:
            state.eof = True
            state.outcome.duration_ms = (time.monotonic() - state.started) * 1000
            if state.job.parts:
                state.outcome.marks.append(time.monotonic())  # its last line's time
                state.outcome.offsets.append(len(state.buffer))
            if state.killed_at is None and not state.job.timed and \
                    b'"ev":"done"' in state.buffer[-4096:]:
                self._kill(jid, state)  # its exit (unmapping a copy of the worker) costs
                state.let_go = True     # milliseconds that grading need not wait for
            elif state.killed_at is None:  # said its last word: a moment to exit
                state.deadline = min(state.deadline, time.monotonic() + LINGER_S)
            return
        state.buffer += chunk
        state.lines += chunk.count(b"\n")
        if state.job.parts:
            self._next_part(state)
        if len(state.buffer) > state.limit + RESULT_SLACK:
            state.outcome.overflowed = True
            state.outcome.overflow_bytes = len(state.buffer)
            self._stop_reading(jid, state)
        elif state.lines > state.job.max_messages:
            state.outcome.failure = (f"the sandbox returned malformed data: more than "
                                     f"{state.job.max_messages} messages")
            self._stop_reading(jid, state)

    @staticmethod
    def _next_part(state: _Running) -> None:
        """A batch: each of its jobs gets its own time limit from its first line on."""
        marks, parts = state.outcome.marks, state.job.parts
        while (end := state.buffer.find(b"\n", state.scanned)) >= 0:
            if state.buffer.startswith(b'{"ev":"ready"', state.scanned):
                now = time.monotonic()
                marks.append(now)
                state.outcome.offsets.append(state.scanned)
                if len(marks) <= len(parts):
                    state.deadline = now + parts[len(marks) - 1]
            state.scanned = end + 1

    def _stop_reading(self, jid: int, state: _Running) -> None:
        state.eof = True
        if state.killed_at is None:
            self._kill(jid, state)

    def _kill(self, jid: int, state: _Running) -> None:
        """Have the worker kill the child: only it knows whether the pid is still its
        child's (never reaped), so no other process can be hit."""
        state.killed_at = time.monotonic()
        self._send({"op": "kill", "id": jid})

    def _parse(self, state: _Running) -> None:
        """The child's messages, checked against the job's plan (see
        :mod:`tutor.grading.messages`); an ``overflow`` report marks the outcome. The
        unfinished last line of a child that was killed is dropped, not called malformed."""
        outcome = state.outcome
        data = bytes(state.buffer)
        state.buffer.clear()
        if outcome.failure:
            return
        if not data.endswith(b"\n"):
            data = data[:data.rfind(b"\n") + 1]
        from tutor.grading import messages, wire  # here: starting a worker needs neither

        try:
            raw = [wire.loads(line) for line in data.splitlines()]
            if state.job.parts:  # checked job by job (see batchrun)
                outcome.lines = raw
                return
            outcome.messages = messages.check(raw, *state.job.plan())
        except (wire.WireError, messages.Malformed) as exc:
            outcome.messages = []
            outcome.failure = f"the sandbox returned malformed data: {exc}"
            return
        except Exception as exc:  # noqa: BLE001 - whatever a child sends, the parent goes on
            outcome.messages = []
            outcome.failure = (f"the sandbox returned malformed data ({type(exc).__name__}: "
                               f"{printable(str(exc)[:200])})")
            return
        for message in outcome.events("overflow"):
            outcome.overflowed = True
            size = message["bytes"]
            if outcome.overflow_bytes < size:
                outcome.overflow_bytes = size

    def stop(self) -> None:
        """Close the socket: the worker ends its children and reaps them, then exits; one
        that does not within ``STOP_WAIT_S`` is killed with its process group."""
        self._pending.clear()
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        if self.proc is not None:
            if not _exited(self.proc, STOP_WAIT_S):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
            self.proc = None
        self.info = {}


def _exited(proc: subprocess.Popen[bytes], timeout: float) -> bool:
    """Wait at most ``timeout`` seconds for ``proc`` to exit and reap it; whether it did.
    A pidfd wakes the moment it exits (``Popen.wait`` with a timeout polls, with sleeps
    that grow to 50 ms)."""
    try:
        pidfd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):  # reaped already, or no pidfd here
        pidfd = None
    if pidfd is not None:
        try:
            ready, _, _ = select.select([pidfd], [], [], timeout)
        finally:
            os.close(pidfd)
        if not ready:
            return False
    try:
        proc.wait(timeout=timeout)  # at once after the pidfd said it ended
    except subprocess.TimeoutExpired:
        return False
    return True


def _anonymous_file(data: bytes) -> int:
    """A file descriptor holding ``data`` with no name on disk (memfd, else a temp file)."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("tutor-job", os.MFD_CLOEXEC)
    else:  # pragma: no cover - non-Linux
        with tempfile.TemporaryFile() as handle:
            fd = os.dup(handle.fileno())
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.lseek(fd, 0, os.SEEK_SET)
    return fd
