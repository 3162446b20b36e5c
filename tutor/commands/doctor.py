"""`tutor doctor`: which sandbox layers are active on this machine, proven by probes.

Every layer degrades on its own (an unprivileged user may get no namespaces, an
unusual CPU no seccomp filter); this command says which ones hold here, then
runs small hostile programs in the sandbox, once with every layer and once
without the audit hook, to show what stops each of them.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
from pathlib import Path
from typing import Any

from tutor import paths


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("doctor", parents=[parent], help="show which sandbox layers are active",
                       description=__doc__)
    p.add_argument("--no-probes", action="store_true", help="list the layers only")
    p.set_defaults(handler=cmd_doctor)


def probes(home: Path, lessons: Path) -> list[tuple[str, str]]:
    """(what, code) pairs; each code does something the sandbox must refuse."""
    return [
        ("start a process", "import os\npid = os.fork()\nif pid == 0:\n    os._exit(0)\n"
                            "os.waitpid(pid, 0)"),
        ("run a shell command", "import subprocess\nsubprocess.run(['true'])"),
        ("connect to 127.0.0.1", "import socket\nsocket.create_connection(('127.0.0.1', 9), 1)"),
        ("signal the parent", "import os\nos.kill(os.getppid(), 0)"),
        ("raise its CPU limit", "import resource\nr = resource.RLIMIT_CPU\n"
                                "resource.setrlimit(r, (resource.RLIM_INFINITY,) * 2)"),
        ("list the home directory", f"import os\nprint(sorted(os.listdir({str(home)!r})))"),
        ("list the lesson tree", f"import os\nprint(sorted(os.listdir({str(lessons)!r})))"),
        ("read /etc/passwd", "open('/etc/passwd').read()"),
        ("read the parent's environment", "import os\n"
                                          "open(f'/proc/{os.getppid()}/environ', 'rb').read()"),
        ("call C through ctypes", "import ctypes\nctypes.CDLL(None).getpid()"),
    ]


def cmd_doctor(args: argparse.Namespace) -> int:
    from tutor.grading import Evaluator
    from tutor.grading.sandbox import Job, WorkerError

    lessons = paths.lessons_dir(getattr(args, "lessons", None))
    print("tutor doctor: sandbox layers on this machine")
    user = "root" if os.geteuid() == 0 else f"uid {os.geteuid()}"
    print(f"  {platform.system()} {platform.release()} {platform.machine()}, "
          f"Python {platform.python_version()}, running as {user}")
    with Evaluator(hide_paths=[lessons]) as evaluator:
        try:
            info = evaluator.worker_info()
            [first] = evaluator.run_jobs([Job({"op": "exec", "code": "pass"})])
        except (WorkerError, OSError) as exc:
            print(f"  [off] warm worker: {exc}")
            return 1
        versions = info.get("versions", {})
        _line(True, "warm worker", f"numpy {versions.get('numpy')}, scipy "
              f"{versions.get('scipy')} imported; a fresh forked child per run")
        _line(True, "own process group", "each run in its own session, killed as a group on "
              "timeout (wall clock, per exercise)")
        _line(True, "scrubbed environment", "workers see no environment variables of yours")
        child = next(iter(first.events("ready")), {}).get("layers", {})
        _line(child.get("limits") == "ok", "resource limits",
              "CPU time, address space, file size, open files, no core dumps"
              if child.get("limits") == "ok" else str(child.get("limits")))
        for layer in info.get("layers", []):
            _line(bool(layer["active"]), layer["name"], layer.get("detail", ""))
        _line(child.get("seccomp") == "ok", "seccomp filter",
              "no fork/exec/sockets/ptrace, signals only to itself, limits cannot be raised"
              if child.get("seccomp") == "ok" else str(child.get("seccomp")))
        _line(child.get("audit") == "ok", "audit hook",
              "clear messages: files outside scratch, processes, network, signals, ctypes")
        torch = importlib.util.find_spec("torch") is not None
        _line(torch, "torch worker", "torch installed: started on the first torch-verified "
              "check" if torch else "torch is not installed: torch-verified exercises cannot run")
        if not args.no_probes:
            _run_probes(evaluator, Job, lessons)
    return 0


def _line(active: bool, name: str, detail: str) -> None:
    print(f"  [{'on ' if active else 'off'}] {name:22} {detail}")


def _run_probes(evaluator: Any, job_type: Any, lessons: Path) -> None:
    print("probes: each is a sandboxed run, with every layer and then without the audit hook")
    cases = probes(Path.home(), lessons)
    jobs = [job_type({"op": "exec", "code": code}, time_limit=10, off=off)
            for _, code in cases for off in ((), ("audit",))]
    outcomes = evaluator.run_jobs(jobs)
    for i, (what, _) in enumerate(cases):
        print(f"  {what}")
        print(f"      every layer:       {_result(outcomes[2 * i])}")
        print(f"      without the hook:  {_result(outcomes[2 * i + 1])}")
    sys.stdout.flush()


def _result(outcome: Any) -> str:
    found = outcome.events("exec")
    if not found:
        return "stopped (the run ended)" if outcome.exit_code is not None else "no answer"
    if found[0].get("ok"):
        seen = "".join(str(m.get("stdout", "")) for m in outcome.messages).strip()
        return "allowed" + (f", sees {seen[:100]}" if seen else "")
    exc = found[0].get("exc", {})
    message = str(exc.get("message", "")).removeprefix("blocked by the tutor sandbox: ")
    return f"blocked ({exc.get('type')}: {message[:100]})"
