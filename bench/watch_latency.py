"""Latency of `tutor watch`: from a file saved to its verdict printed, with a warm worker.

Runs `tutor watch` as a process on a temporary file, waits for the first verdict (the
cold start, reported apart), then saves new content by atomic rename N times and times
each save until the verdict's footer line is read from the pipe. Also prints the
grader's own time for the same checks (the status line's "(N ms)"), so the rest is the
watcher, reading the file and drawing. Numbers only: nothing here passes or fails.

    python bench/watch_latency.py [--saves 20] [EXERCISE_ID]
"""

from __future__ import annotations

import argparse
import os
import re
import selectors
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from check_latency import child_env

from tutor.lessons.loader import load_course

FOOTER = "── "
TARGET_MS = 150  # issue 14: save to verdict with a warm worker
GRADED_MS = re.compile(r": passed  \((\d+) ms\)$")


class Lines:
    """Lines from a pipe, read until one matches or a deadline passes."""

    def __init__(self, fd: int) -> None:
        self.fd, self.buffer = fd, b""
        self.selector = selectors.DefaultSelector()
        self.selector.register(fd, selectors.EVENT_READ)

    def until_footer(self, deadline_s: float) -> list[str]:
        lines: list[str] = []
        end = time.monotonic() + deadline_s
        while True:
            while b"\n" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\n", 1)
                lines.append(raw.decode())
                if lines[-1].startswith(FOOTER):
                    return lines
            if not self.selector.select(timeout=max(0.0, end - time.monotonic())):
                raise TimeoutError(f"no verdict within {deadline_s} s: {lines}")
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise EOFError(f"tutor watch ended: {lines}")
            self.buffer += chunk


def save(path: Path, text: str) -> None:
    fresh = path.with_name(path.name + ".tmp")
    fresh.write_text(text)
    os.replace(fresh, path)


def graded_ms(lines: list[str]) -> float:
    for line in lines:
        found = GRADED_MS.search(line)
        if found:
            return float(found.group(1))
    raise RuntimeError(f"the reference solution did not pass: {lines}")


def start_watch(exercise: str, path: Path, tmp: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tutor.cli", "--data-dir", str(Path(tmp) / "data"), "watch",
         exercise, str(path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        env=child_env())


def first_verdict_ms(exercise: str, path: Path, tmp: str) -> float:
    """Another `tutor watch` on the same file, started and stopped: to its first verdict."""
    start = time.perf_counter()
    proc = start_watch(exercise, path, tmp)
    assert proc.stdout is not None
    try:
        graded_ms(Lines(proc.stdout.fileno()).until_footer(180))
        return (time.perf_counter() - start) * 1000
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("exercise", nargs="?", default="linear-algebra/dot-product")
    parser.add_argument("--saves", type=int, default=20)
    args = parser.parse_args()
    solution = load_course().exercise(args.exercise).solution
    with tempfile.TemporaryDirectory(prefix="watch-bench-") as tmp:
        path = Path(tmp) / "solution.py"
        save(path, solution)
        start = time.perf_counter()
        proc = start_watch(args.exercise, path, tmp)
        assert proc.stdout is not None
        lines = Lines(proc.stdout.fileno())
        try:
            graded_ms(lines.until_footer(180))
            cold = (time.perf_counter() - start) * 1000
            warm_start = [first_verdict_ms(args.exercise, path, tmp) for _ in range(3)]
            total, grading = [], []
            for n in range(args.saves):
                text = f"{solution}\n# save {n}\n"  # new content each time: always graded
                save(path, text)
                saved = time.perf_counter()
                frame = lines.until_footer(60)
                total.append((time.perf_counter() - saved) * 1000)
                grading.append(graded_ms(frame))
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=60)
    print(f"tutor watch {args.exercise}: {args.saves} saves by atomic rename, warm worker")
    print(f"  start to first verdict (cold)    {cold:7.0f} ms   (caches empty)")
    print(f"  start to first verdict, caches warm, median {statistics.median(warm_start):7.0f} ms"
          f"   (another watch started meanwhile)")
    print(f"  save to verdict printed, median  {statistics.median(total):7.1f} ms"
          f"   (min {min(total):.1f}, max {max(total):.1f}; target ≤ {TARGET_MS} ms)")
    print(f"  of which grading, median         {statistics.median(grading):7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
