"""Files (issue 11 §2, §7, §8, §9; issue 22 §1, §2, §4): with the audit hook neutralised
from inside, code under test reads and writes nothing outside its own scratch, cannot
see /proc, /sys or devices, cannot reach the progress database through sqlite, and
leaves nothing a later file can read or trip over."""

from __future__ import annotations

import pytest

from tutor.grading import Evaluator

from .attacks import (
    GOOD,
    MODES,
    body,
    exercise,
    hostile,
    probe_module,
    pth_files,
    shared,
    targets,
    world,
    written,
)


@pytest.fixture(scope="module", params=MODES)
def ev(request: pytest.FixtureRequest) -> Evaluator:
    return shared(request.param)


def test_the_hook_is_really_neutralised(ev: Evaluator) -> None:
    """The suite's premise: after NEUTRALISE only the kernel layers answer."""
    verdict = ev.check(exercise(), body("os.fork()"))
    assert verdict.status == "error"
    assert "Operation not permitted" in verdict.messages[0]
    assert "blocked by the tutor sandbox" not in verdict.messages[0]


def test_learner_code_reaches_nothing_outside_scratch(ev: Evaluator) -> None:
    t = targets(world())
    verdict = ev.check(exercise(), probe_module(t, then=GOOD))
    assert verdict.passed, verdict.messages
    assert written(t) == []
    assert world().db_state() == world().initial_db
    assert pth_files() == world().initial_pth


def test_sqlite_attach_cannot_touch_the_progress_database(ev: Evaluator) -> None:
    db = str(world().db)
    source = body("import sqlite3",
                  "c = sqlite3.connect(':memory:')",
                  f"c.execute('ATTACH DATABASE ? AS p', ({db!r},))",
                  "c.execute('DROP TABLE p.attempts')")
    verdict = ev.check(exercise(), source)
    assert verdict.status == "error" and "OperationalError" in verdict.messages[0]
    source = body("import sqlite3",
                  f"c = sqlite3.connect({db!r})",
                  "c.execute('DELETE FROM attempts')", "c.commit()")
    assert not ev.check(exercise(), source).passed
    assert world().db_state() == world().initial_db


def test_a_pth_file_cannot_be_planted(ev: Evaluator) -> None:
    import sysconfig

    for key in ("purelib", "platlib", "stdlib"):
        target = f"{sysconfig.get_paths()[key]}/tutor-attack-escape.pth"
        verdict = ev.check(exercise(), body(f"open({target!r}, 'w').write('import os')"))
        assert not verdict.passed
    assert pth_files() == world().initial_pth


def test_a_later_file_sees_nothing_an_earlier_one_left(ev: Evaluator) -> None:
    """a.py is right and stores its answers everywhere it can; b.py is wrong and answers
    from what it finds. Sharing anything would make b.py pass."""
    store = hostile("""
        import hashlib, json, os
        import numpy as np
        PLACES = [".", "..", "/scratch", "/scratch/..", os.environ.get("HOME", "."),
                  os.environ.get("TMPDIR", "."), "/tmp", "/dev/shm", "/"]
        def dot(a, b):
            out = float(np.sum(a * b))
            key = hashlib.sha256(np.asarray(a).tobytes() + np.asarray(b).tobytes()).hexdigest()
            for place in PLACES:
                try:
                    with open(os.path.join(place, "answers-" + key), "w") as f:
                        f.write(json.dumps(out))
                except OSError:
                    pass
            return out
        """)
    replay = hostile("""
        import hashlib, json, os
        import numpy as np
        PLACES = [".", "..", "/scratch", "/scratch/..", os.environ.get("HOME", "."),
                  os.environ.get("TMPDIR", "."), "/tmp", "/dev/shm", "/"]
        SEEN = sorted(os.listdir("."))
        def dot(a, b):
            key = hashlib.sha256(np.asarray(a).tobytes() + np.asarray(b).tobytes()).hexdigest()
            for place in PLACES:
                try:
                    with open(os.path.join(place, "answers-" + key)) as f:
                        return json.loads(f.read())
                except OSError:
                    pass
            assert SEEN == [], SEEN
            return 0.0
        """)
    assert ev.check(exercise(), store).passed
    verdict = ev.check(exercise(), replay)
    assert verdict.status == "failed", verdict.messages
    assert "wrong value" in verdict.messages[0]


def test_a_scratch_full_of_directories_does_not_slow_the_next_file(ev: Evaluator) -> None:
    flood = body("for i in range(300_000):",
                 "    try:",
                 "        os.makedirs(f'd{i}/e')",
                 "    except OSError:",
                 "        break")
    ev.check(exercise(time_limit=5), flood)
    assert ev.check(exercise(time_limit=2), GOOD).passed


def test_scratch_and_files_hold_bounded_memory(ev: Evaluator) -> None:
    """64 files of 16 MiB (1 GiB) must not fit: the scratch tmpfs is capped, memfd denied."""
    hoard = hostile("""
        import os
        import numpy as np
        held, fds = 0, []
        for i in range(64):
            try:
                fd = os.open(f"hoard{i}", os.O_CREAT | os.O_RDWR)
                fds.append(fd)
                for _ in range(16):
                    held += os.write(fd, b"x" * 2**20)
            except OSError:
                pass
        for i in range(64):
            try:
                fd = os.memfd_create(f"m{i}")
                fds.append(fd)
                held += os.write(fd, b"x" * 16 * 2**20)
            except OSError:
                pass
        if held > 128 * 2**20:
            raise RuntimeError(f"HOARD: held {held >> 20} MiB outside RLIMIT_AS")
        def dot(a, b):
            return float(np.sum(a * b))
        """)
    verdict = ev.check(exercise(time_limit=10), hoard)
    assert verdict.passed, verdict.messages
    assert ev.check(exercise(), GOOD).passed
