"""Recording and reading back: every kind of record, the schema, transactions."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest

from tutor.progress.database import DB_FILENAME
from tutor.progress.records import ExerciseState
from tutor.progress.schema import MIGRATIONS, SCHEMA_VERSION, migrate, user_version
from tutor.progress.store import ProgressStore


def _attempt(store: ProgressStore, ex: str, passed: bool, code: str = "x = 1",
             hints: int = 0) -> None:
    store.record_attempt(ex, status="passed" if passed else "failed", duration_ms=12.5,
                         hints_used=hints, code=code, passed=passed)


def _raw(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(data_dir / DB_FILENAME)


def test_data_dir_from_env_and_explicit_argument(data_dir: Path, tmp_path: Path) -> None:
    with ProgressStore.open() as s:
        assert s.path == data_dir / DB_FILENAME
    explicit = tmp_path / "elsewhere"
    with ProgressStore.open(explicit) as s:
        assert s.path == explicit / DB_FILENAME
    assert (explicit / DB_FILENAME).exists()


def test_new_database_is_wal_versioned_and_has_busy_timeout(store: ProgressStore,
                                                           data_dir: Path) -> None:
    assert store.last_error is None and not store.readonly
    with _raw(data_dir) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert user_version(raw) == SCHEMA_VERSION
    assert store.read_strict(lambda c: c.execute("PRAGMA busy_timeout").fetchone()[0]) >= 1000


def test_attempt_is_stored_with_hash_code_and_hints(store: ProgressStore, data_dir: Path) -> None:
    _attempt(store, "calculus/diff", False, code="def f(x):\n    return 0\n", hints=2)
    with _raw(data_dir) as raw:
        row = raw.execute("SELECT exercise_id, status, passed, duration_ms, hints_used,"
                          " code_sha256, code, after_solution FROM attempts").fetchone()
    code = "def f(x):\n    return 0\n"
    assert row == ("calculus/diff", "failed", 0, 12.5, 2,
                   hashlib.sha256(code.encode()).hexdigest(), code, 0)


def test_each_record_is_committed_at_once(store: ProgressStore, data_dir: Path) -> None:
    raw = _raw(data_dir)
    for i in range(3):
        _attempt(store, "calculus/diff", False)
        assert raw.execute("SELECT count(*) FROM attempts").fetchone()[0] == i + 1
    raw.close()


def test_exercise_state_passed_mastered_hints_solution(store: ProgressStore) -> None:
    assert store.exercise_state("calculus/diff") == ExerciseState("calculus/diff")
    _attempt(store, "calculus/diff", False)
    store.record_hint("calculus/diff", 2)
    store.record_hint("calculus/diff", 1)  # the maximum is kept
    state = store.exercise_state("calculus/diff")
    assert (state.attempts, state.passed, state.mastered, state.hints) == (1, False, False, 2)
    assert state.last_status == "failed"
    _attempt(store, "calculus/diff", True)
    state = store.exercise_state("calculus/diff")
    assert (state.attempts, state.passed, state.mastered) == (2, True, True)
    store.record_solution_shown("calculus/diff")  # after mastering: still mastered
    assert store.exercise_state("calculus/diff").mastered
    assert store.exercise_state("calculus/diff").solution_shown


def test_pass_after_solution_is_done_not_mastered(store: ProgressStore) -> None:
    _attempt(store, "calculus/diff", False)
    store.record_solution_shown("calculus/diff")
    _attempt(store, "calculus/diff", True)
    _attempt(store, "calculus/diff", True)
    state = store.exercise_state("calculus/diff")
    assert state.passed and not state.mastered and state.solution_shown


def test_drafts(store: ProgressStore) -> None:
    assert store.draft("calculus/diff") is None
    store.save_draft("calculus/diff", "a")
    store.save_draft("calculus/diff", "b = 'ü'")
    assert store.draft("calculus/diff") == "b = 'ü'"
    assert store.counts()["drafts"] == 1


def test_positions(store: ProgressStore) -> None:
    assert store.position() is None
    assert store.lesson_position("calculus/derivatives") == 0
    store.set_position("calculus/derivatives", 3)
    store.set_position("linear-algebra/vectors", 1)
    store.set_position("calculus/derivatives", 4)
    assert store.position() == ("calculus/derivatives", 4)
    assert store.lesson_position("linear-algebra/vectors") == 1
    assert store.lesson_position("calculus/derivatives") == 4


def test_steps_answers_checkpoints_in_records(store: ProgressStore, clock: object) -> None:
    store.record_step("calculus/derivatives", 0)
    store.record_step("calculus/derivatives", 0)  # first completion kept
    store.record_answer("calculus/derivatives/q", "1", False)
    store.record_answer("calculus/derivatives/q", "2", True)
    store.record_answer("calculus/derivatives/r", "no", False)
    store.record_checkpoint("calculus/derivatives", "check", 0.5, False)
    store.record_checkpoint("calculus/derivatives", "check", 0.9, True)
    rec = store.records()
    assert list(rec.steps_completed) == [("calculus/derivatives", 0)]
    assert rec.questions_correct == {"calculus/derivatives/q"}
    assert set(rec.question_last_at) == {"calculus/derivatives/q", "calculus/derivatives/r"}
    cp = rec.checkpoints[("calculus/derivatives", "check")]
    assert cp.passed and cp.best_score == 0.9
    assert store.counts()["answers"] == 3 and store.counts()["steps"] == 1


def test_data_survives_reopen(data_dir: Path) -> None:
    with ProgressStore.open() as s:
        _attempt(s, "calculus/diff", True)
        s.save_draft("calculus/diff", "d")
        s.set_position("calculus/derivatives", 2)
    with ProgressStore.open() as s:
        assert s.exercise_state("calculus/diff").passed
        assert s.draft("calculus/diff") == "d"
        assert s.position() == ("calculus/derivatives", 2)


def test_reset_all_and_one_pillar(store: ProgressStore) -> None:
    _attempt(store, "calculus/diff", True)
    _attempt(store, "linear-algebra/dot", True)
    store.save_draft("calculus/diff", "d")
    store.record_answer("calculus/derivatives/q", "1", True)
    store.set_position("calculus/derivatives", 1)
    deleted = store.reset("calculus")
    assert deleted["attempts"] == 1 and deleted["drafts"] == 1 and deleted["answers"] == 1
    assert deleted["last_position"] == 1
    assert store.exercise_state("linear-algebra/dot").passed
    assert not store.exercise_state("calculus/diff").passed
    store.reset()
    assert sum(store.counts().values()) == 0


def test_migrations_apply_in_order_once(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    assert migrate(conn) == len(MIGRATIONS)
    conn.execute("INSERT INTO drafts VALUES ('a/b', 'code', 1.0)")
    extra = (*MIGRATIONS, "ALTER TABLE drafts ADD COLUMN note TEXT; CREATE TABLE extra (x)")
    assert migrate(conn, extra) == len(MIGRATIONS) + 1
    assert migrate(conn, extra) == len(MIGRATIONS) + 1  # nothing re-run (would fail)
    assert conn.execute("SELECT exercise_id, note FROM drafts").fetchall() == [("a/b", None)]
    conn.close()


def test_records_from_many_threads(store: ProgressStore) -> None:
    def work(n: int) -> None:
        for i in range(25):
            _attempt(store, f"calculus/ex{n}", i % 2 == 0)
            store.save_draft(f"calculus/ex{n}", str(i))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.counts()["attempts"] == 100 and store.last_error is None


@pytest.mark.parametrize("bad_call", [
    lambda s: s.record_attempt("a/b", status="passed", duration_ms="slow", hints_used=0,
                               code="x", passed=True),
    lambda s: s.record_attempt("a/b", status="passed", duration_ms=1, hints_used=0,
                               code=None, passed=True),
    lambda s: s.record_step(None, 0),
    lambda s: s.save_draft("a/b", object()),
])
def test_bad_arguments_never_raise(store: ProgressStore, bad_call: object) -> None:
    bad_call(store)  # type: ignore[operator]
    assert store.last_error and "Could not save" in store.last_error
    assert not store.readonly  # a bad call is not a disk problem
    store.save_draft("a/b", "fine")
    assert store.draft("a/b") == "fine"


def test_closed_store_neither_raises_nor_returns_garbage(data_dir: Path) -> None:
    s = ProgressStore.open()
    s.close()
    _attempt(s, "calculus/diff", True)
    assert s.exercise_state("calculus/diff").attempts == 0
    assert s.draft("calculus/diff") is None and s.position() is None
    assert s.last_error


# -- the solution-unlock rule: distinct failed codes, kept across sessions ------------------


def test_identical_failed_checks_are_one_try_and_keep_the_solution_locked(
    data_dir: Path,
) -> None:
    wrong = "def f(x):\n    return 0\n"
    with ProgressStore.open(data_dir) as store:
        for code in (wrong, wrong, wrong + "\n\n", wrong.replace("0\n", "0   \n")):
            _attempt(store, "calculus/diff", False, code=code)
        state = store.exercise_state("calculus/diff")
        assert (state.attempts, state.failed_tries) == (4, 1)
        assert not state.solution_unlocked and state.failed_tries_to_unlock == 2
    with ProgressStore.open(data_dir) as store:  # a new session counts the same
        _attempt(store, "calculus/diff", False, code=wrong)
        state = store.exercise_state("calculus/diff")
        assert (state.attempts, state.failed_tries) == (5, 1)
        assert not state.solution_unlocked
        assert store.records().exercises["calculus/diff"] == state


def test_three_distinct_failed_codes_unlock_the_solution_across_a_restart(
    data_dir: Path,
) -> None:
    with ProgressStore.open(data_dir) as store:
        _attempt(store, "calculus/diff", False, code="return 0")
        _attempt(store, "calculus/diff", False, code="return 1")
        _attempt(store, "calculus/diff", False, code="return 0")  # an old try again
        assert store.exercise_state("calculus/diff").failed_tries == 2
        assert not store.exercise_state("calculus/diff").solution_unlocked
    with ProgressStore.open(data_dir) as store:
        _attempt(store, "calculus/diff", False, code="return 2")
        assert store.exercise_state("calculus/diff").solution_unlocked
    with ProgressStore.open(data_dir) as store:
        state = store.exercise_state("calculus/diff")
        assert state.failed_tries == 3 and state.solution_unlocked
        assert state.failed_tries_to_unlock == 0
        assert not store.exercise_state("calculus/other").solution_unlocked


def test_passing_or_seeing_the_solution_unlocks_it(store: ProgressStore) -> None:
    _attempt(store, "calculus/diff", True)
    assert store.exercise_state("calculus/diff").solution_unlocked
    assert store.exercise_state("calculus/diff").failed_tries == 0
    store.record_solution_shown("linear-algebra/dot")
    assert store.exercise_state("linear-algebra/dot").solution_unlocked


def test_code_key_ignores_trailing_whitespace_only() -> None:
    from tutor.progress.records import code_key

    base = code_key("def f(x):\n    return x\n")
    assert code_key("def f(x):  \n    return x") == base
    assert code_key("def f(x):\r\n    return x\r\n\n") == base
    assert code_key("def f(x):\n  return x\n") != base  # leading whitespace is code
    assert code_key("def f(y):\n    return y\n") != base


def test_attempts_come_back_in_order_with_code_and_mistake(store: ProgressStore) -> None:
    store.record_attempt("calculus/diff", status="failed", duration_ms=3.0, hints_used=0,
                         code="def f(x):\n    return x\n", passed=False, mistake="off-by-one")
    store.record_solution_shown("calculus/diff")
    store.record_attempt("calculus/diff", status="passed", duration_ms=2.0, hints_used=1,
                         code="def f(x):\n    return 2 * x\n", passed=True)
    first, second = store.attempts()
    assert (first.exercise_id, first.status, first.passed, first.mistake) == (
        "calculus/diff", "failed", False, "off-by-one")
    assert first.code == "def f(x):\n    return x\n" and not first.after_solution
    assert second.passed and second.after_solution and second.mistake is None
    assert first.at < second.at
    store.close()
    assert store.attempts() == []  # a closed store answers with nothing, never raises
