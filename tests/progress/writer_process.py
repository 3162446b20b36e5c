"""A separate process that writes to a progress store, driven by the reliability tests.

Usage: python writer_process.py MODE DATA_DIR [ARG]. Every mode prints "ready" and
waits for a line on stdin before it starts, so tests synchronise on pipes, not sleeps.

* loop PREFIX: record attempts PREFIX/0, PREFIX/1, ... forever, printing each index
  once ``record_attempt`` has returned (so it is committed).
* batch PREFIX N: record N attempts, drafts and positions, then print the store's
  ``last_error`` as JSON.
* hold: inside one write transaction insert an attempt, print "in-transaction" and
  wait on stdin forever (the test kills the process there).
* unprivileged: drop root to uid 65534 if root, then open the store and report JSON.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys

from tutor.progress.mastery import compute_mastery  # noqa: F401  (import before dropping root)
from tutor.progress.store import ProgressStore


def _attempt(store: ProgressStore, exercise_id: str, code: str) -> None:
    store.record_attempt(exercise_id, status="failed", duration_ms=1.0, hints_used=0,
                         code=code, passed=False)


def main() -> None:
    mode, data_dir, *rest = sys.argv[1:]
    if mode == "unprivileged" and os.geteuid() == 0:
        os.setgid(65534)
        os.setuid(65534)
    print("ready", flush=True)
    sys.stdin.readline()
    store = ProgressStore.open(data_dir)
    if mode == "loop":
        i = 0
        while True:
            _attempt(store, f"{rest[0]}/{i}", str(i))
            print(i, flush=True)
            i += 1
    elif mode == "batch":
        prefix, n = rest[0], int(rest[1])
        for i in range(n):
            _attempt(store, f"{prefix}/{i}", str(i))
            store.save_draft(f"{prefix}/{i % 7}", str(i))
            store.set_position(f"{prefix}/lesson", i)
        print(json.dumps({"last_error": store.last_error}), flush=True)
    elif mode == "hold":
        def insert_and_wait(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO attempts (uid, exercise_id, at, status, passed, duration_ms,"
                " hints_used, after_solution, code_sha256, code)"
                " VALUES ('held', 'held/0', 0, 'failed', 0, 0, 0, 0, '', '0')"
            )
            print("in-transaction", flush=True)
            sys.stdin.readline()

        store.transact(insert_and_wait)
    elif mode == "unprivileged":
        before = store.exercise_state("calculus/diff").attempts
        _attempt(store, "calculus/diff", "new")  # must not raise
        print(json.dumps({
            "readonly": store.readonly,
            "notice": store.notice,
            "last_error": store.last_error,
            "attempts_before": before,
            "attempts_after": store.exercise_state("calculus/diff").attempts,
        }), flush=True)
    store.close()


if __name__ == "__main__":
    main()
