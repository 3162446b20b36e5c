"""Processes (issue 11 §3, issue 22 §6, and the first wave with the hook off): nothing
starts another process, opens a socket, signals another process, leaves its session,
undoes its parent-death signal or outlives its check, with the audit hook neutralised."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tutor.grading import Evaluator

from .attacks import (
    GOOD,
    MODES,
    body,
    descendants,
    exercise,
    hostile,
    linger,
    processes_marked,
    shared,
)


@pytest.fixture(scope="module", params=MODES)
def ev(request: pytest.FixtureRequest) -> Evaluator:
    return shared(request.param)


REFUSED = "Operation not permitted"
FIRST_WAVE = {
    "fork bomb": ("while True:", "    os.fork()"),
    "subprocess": ("import subprocess", "subprocess.run(['/bin/sh', '-c', 'echo hi'])"),
    "os.system": ("if os.system('exit 0') == 0:", "    raise RuntimeError('a shell ran')",
                  "raise PermissionError('os.system failed')"),
    "exec": ("os.execv(sys.executable, [sys.executable, '-c', 'pass'])",),
    "posix_spawn": ("os.posix_spawn(sys.executable, [sys.executable], {})",),
    "pty": ("import pty", "pty.fork()"),
    "signal init": ("os.kill(1, 9)",),
    "signal everyone": ("os.kill(-1, 9)",),
    "signal the test": (f"os.kill({os.getpid()}, 9)",),
    "setsid": ("os.setsid()",),
    "setpgid": ("os.setpgid(0, 0)",),
    "memfd": ("os.memfd_create('hoard')",),
}


@pytest.mark.parametrize("name", FIRST_WAVE)
def test_processes_and_signals_are_refused(ev: Evaluator, name: str) -> None:
    verdict = ev.check(exercise(), body(*FIRST_WAVE[name]))
    assert verdict.status == "error", (name, verdict.messages)
    assert any(word in verdict.messages[0] for word in (REFUSED, "PermissionError",
                                                        "out of pty devices"))
    assert ev.check(exercise(), GOOD).passed


def test_killing_its_own_group_kills_only_itself(ev: Evaluator) -> None:
    verdict = ev.check(exercise(), body("os.killpg(0, 9)"))
    assert verdict.status == "killed" and "SIGKILL" in verdict.messages[0]
    assert ev.check(exercise(), GOOD).passed


PRCTL = {
    "PR_SET_PDEATHSIG 0": "libc.prctl(1, 0, 0, 0, 0)",
    "PR_SET_DUMPABLE 1": "libc.prctl(4, 1, 0, 0, 0)",
    "PR_SET_DUMPABLE 0": "libc.prctl(4, 0, 0, 0, 0)",
    "PR_SET_CHILD_SUBREAPER": "libc.prctl(36, 1, 0, 0, 0)",
    "setsid": "libc.setsid()",
    "memfd_create": "libc.syscall(319, b'x', 0)",
    "fork (raw)": "libc.syscall(57)",
    "clone without CLONE_THREAD": "libc.syscall(56, 17, 0, 0, 0, 0)",
    "unshare": "libc.unshare(0x20000000)",
}


@pytest.mark.parametrize("name", PRCTL)
def test_prctl_setsid_memfd_refused_with_eperm(ev: Evaluator, name: str) -> None:
    """Through ctypes (no audit event at all): each call must fail with EPERM. A success
    makes dot() wrong."""
    source = body("import ctypes", "libc = ctypes.CDLL(None, use_errno=True)",
                  f"r = {PRCTL[name]}", "if r == 0:", "    libc.syscall(231, 0)",
                  "refused = r == -1 and ctypes.get_errno() == 1",
                  answer="float(np.sum(a * b)) if refused else -1.0")
    verdict = ev.check(exercise(), source)
    assert verdict.passed, (name, verdict.messages)


def test_sockets_reach_nothing(ev: Evaluator) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        port = listener.getsockname()[1]
        for line in (f"socket.create_connection(('127.0.0.1', {port}), 2)",
                     "socket.socket(socket.AF_UNIX).connect('/run/systemd/private')",
                     "socket.socketpair()[0].sendto(b'x', ('127.0.0.1', 53))",
                     "socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"):
            verdict = ev.check(exercise(), body("import socket", line))
            assert verdict.status == "error", (line, verdict.messages)
        with pytest.raises(BlockingIOError):
            listener.accept()


# -- nothing outlives a check, or the evaluator ----------------------------------------

def _run_lifecycle(ev: Evaluator) -> dict[str, Any]:
    """Lingering learner and lesson code in a fresh evaluator, then the SIGIO attack on
    the PID namespace's first process, then close(); what was left at each point."""
    record: dict[str, Any] = {}
    mark = f"atk{uuid.uuid4().hex[:10]}"
    worker = ev.worker_info()["pid"]
    verdict = ev.check(exercise(), hostile(linger(mark + "l"), GOOD))
    record["learner"] = (verdict.status, processes_marked(mark + "l"))
    lesson = exercise(solution=hostile(linger(mark + "s"), GOOD))
    verdict = ev.check(lesson, GOOD)
    record["lesson"] = (verdict.status, processes_marked(mark + "s"))
    inside = descendants(worker)
    # fcntl(F_SETOWN) + F_SETSIG: the kernel signals the owner when the pipe is readable,
    # past seccomp's rules for kill(): here SIGINT to pid 1, the PID namespace's init.
    sigio = hostile(f"""
        import ctypes, fcntl, os, signal
        ctypes.CDLL(None).prctl(15, {(mark + "i").encode()!r}, 0, 0, 0)
        r, w = os.pipe()
        for target in (1, -1):
            try:
                fcntl.fcntl(r, fcntl.F_SETOWN, target)
                fcntl.fcntl(r, 10, signal.SIGINT)  # F_SETSIG
                fcntl.fcntl(r, fcntl.F_SETFL, fcntl.fcntl(r, fcntl.F_GETFL) | os.O_ASYNC)
                os.write(w, b"x")
                os.read(r, 1)
            except OSError:
                pass
        """, GOOD)
    ev.check(exercise(), sigio)
    after = ev.check(exercise(), GOOD)
    record["after_sigio"] = (after.status, after.messages)
    ev.close()
    record["closed"] = (processes_marked(mark), [p for p in [worker, *inside]
                                                 if os.path.exists(f"/proc/{p}")])
    return record


@pytest.fixture(scope="module")
def lifecycle() -> Iterator[dict[tuple[str, ...], dict[str, Any]]]:
    before = set(descendants(os.getpid()))
    evaluators = {(): Evaluator(), ("audit",): Evaluator(off=("audit",))}  # warm together
    records = {}
    try:
        for mode, ev in evaluators.items():
            records[mode] = _run_lifecycle(ev)
    finally:
        for ev in evaluators.values():
            ev.close()
    # (another evaluator's worker, started before, forks spare children of its own)
    theirs = {p for q in before for p in descendants(q)}
    records[()]["new_descendants"] = set(descendants(os.getpid())) - before - theirs
    yield records


@pytest.mark.parametrize("mode", MODES)
def test_no_process_outlives_its_check(lifecycle: dict[Any, Any], mode: tuple[str, ...]) -> None:
    record = lifecycle[mode]
    assert record["learner"][1] == [], record
    assert record["lesson"][1] == [], record
    assert record["lesson"][0] == "passed", record


@pytest.mark.parametrize("mode", MODES)
def test_no_process_outlives_close(lifecycle: dict[Any, Any], mode: tuple[str, ...]) -> None:
    assert lifecycle[mode]["closed"] == ([], []), lifecycle[mode]
    assert lifecycle[()]["new_descendants"] == set()


@pytest.mark.parametrize("mode", MODES)
def test_a_sigio_signal_cannot_break_the_next_file(lifecycle: dict[Any, Any],
                                                   mode: tuple[str, ...]) -> None:
    assert lifecycle[mode]["after_sigio"][0] == "passed", lifecycle[mode]["after_sigio"]
