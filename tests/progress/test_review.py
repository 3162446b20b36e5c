"""Spaced review: the rating rule, cards made and moved by the store, the due plan,
`tutor review`, export/import of the review state and damaged review rows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tutor import cli
from tutor.progress.database import DB_FILENAME
from tutor.progress.due import review_plan
from tutor.progress.rating import Performance, Rating, attempt_performance, rate
from tutor.progress.schedule import SCHEDULER, review
from tutor.progress.schema import SCHEMA_VERSION
from tutor.progress.store import ProgressStore
from tutor.progress.transfer import export_progress, import_progress

DOT = "linear-algebra/dot-product"
DAY = 86_400.0
YESTERDAY = datetime(2026, 12, 6, 10, 0).timestamp()


class SetClock:
    """A clock that stands still until the test moves it."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def check(store: ProgressStore, passed: bool, *, hints: int = 0, code: str = "c",
          item: str = DOT) -> None:
    store.record_attempt(item, status="passed" if passed else "failed", duration_ms=1,
                         hints_used=hints, code=code, passed=passed)


# -- the rating rule ------------------------------------------------------------------------


@pytest.mark.parametrize(("performance", "is_review", "expected"), [
    (Performance(0, passed=True), False, Rating.Good),
    (Performance(0, passed=True), True, Rating.Easy),
    (Performance(0, passed=True, failed=2), False, Rating.Hard),
    (Performance(0, passed=True, hints=1), False, Rating.Hard),
    (Performance(0, passed=True, hints=1), True, Rating.Hard),
    (Performance(0, passed=True, failed=1), True, Rating.Again),
    (Performance(0, passed=True, solution_seen=True), False, Rating.Again),
    (Performance(0, passed=False, failed=3), True, Rating.Again),
])
def test_the_rating_comes_from_what_happened(performance: Performance, is_review: bool,
                                             expected: Rating) -> None:
    assert rate(performance, review=is_review) == expected


def test_a_window_ends_at_the_first_pass_and_counts_what_came_before() -> None:
    attempts = [(1.0, 0, 0, 0), (2.0, 0, 1, 0), (3.0, 1, 1, 0), (4.0, 0, 2, 1)]
    first = attempt_performance(attempts, [], since=None)
    assert first == Performance(3.0, passed=True, failed=2, hints=1, solution_seen=False)
    later = attempt_performance(attempts, [3.5], since=3.5)
    assert later == Performance(4.0, passed=False, failed=1, hints=2, solution_seen=True)
    assert attempt_performance(attempts, [], since=9.0) is None


# -- cards in the store ---------------------------------------------------------------------


@pytest.fixture
def clock() -> SetClock:  # type: ignore[override]
    return SetClock(YESTERDAY)


def test_the_first_pass_makes_a_card_rated_from_the_checks_before_it(
        store: ProgressStore, clock: SetClock) -> None:
    check(store, False, code="wrong")
    assert store.review_cards() == {}  # not got right yet: no card
    clock.now += 60
    check(store, True, code="right")
    card = store.review_cards()[DOT]
    expected = review(None, DOT, "exercise", Rating.Hard, clock.now)
    assert card == expected and card.last_review == clock.now
    clock.now += 60
    check(store, True, code="right")  # passing again in the lesson moves nothing
    assert store.review_cards()[DOT] == expected


def test_a_review_passed_at_once_is_easy_and_moves_the_due_date_as_fsrs_says(
        store: ProgressStore, clock: SetClock) -> None:
    check(store, True)
    learned = store.review_cards()[DOT]
    assert learned.due == pytest.approx(YESTERDAY + DAY)  # a learning step of a day
    clock.now = YESTERDAY + DAY + 3600
    began = clock.now
    check(store, True, code="fresh")
    result = store.record_review("exercise", DOT, began)
    assert result is not None
    rating, after = result
    fsrs_card, _ = SCHEDULER.review_card(learned.card(), Rating.Easy,
                                         datetime.fromtimestamp(began).astimezone())
    assert rating == Rating.Easy
    assert after.due == pytest.approx(fsrs_card.due.timestamp())
    assert after.due > began + 7 * DAY  # graduated: days, not the learning step
    assert store.review_cards()[DOT] == after


def test_a_failed_review_and_one_with_the_solution_shown_are_again(
        store: ProgressStore, clock: SetClock) -> None:
    check(store, True)
    clock.now += 2 * DAY
    began = clock.now
    check(store, False, code="oops")
    check(store, True, code="fixed")
    assert store.record_review("exercise", DOT, began)[0] == Rating.Again  # type: ignore[index]
    clock.now += 2 * DAY
    began = clock.now
    store.record_solution_shown(DOT)
    check(store, True, code="copied")
    assert store.record_review("exercise", DOT, began)[0] == Rating.Again  # type: ignore[index]
    clock.now += 2 * DAY
    assert store.record_review("exercise", DOT, clock.now) is None  # nothing tried


def test_hints_in_a_review_make_it_hard_and_the_window_state_starts_afresh(
        store: ProgressStore, clock: SetClock) -> None:
    store.record_hint(DOT, 2)
    check(store, False, code="a", hints=2)
    check(store, True, code="b", hints=2)
    clock.now += 2 * DAY
    began = clock.now
    state = store.exercise_state(DOT, since=began)
    assert (state.attempts, state.passed, state.hints, state.solution_unlocked) == \
        (0, False, 0, False)
    check(store, True, code="c", hints=1)
    assert store.record_review("exercise", DOT, began)[0] == Rating.Hard  # type: ignore[index]


def test_questions_become_cards_when_first_answered_right(store: ProgressStore,
                                                          clock: SetClock) -> None:
    store.record_answer("linear-algebra/vectors/norm", "b", False)
    store.record_answer("linear-algebra/vectors/norm", "a", True)
    card = store.review_cards()["linear-algebra/vectors/norm"]
    assert card.kind == "question"
    assert card == review(None, card.item_id, "question", Rating.Hard, clock.now)


def test_progress_from_before_review_gets_cards_from_its_events(data_dir: Path) -> None:
    with ProgressStore.open(data_dir, clock=SetClock(YESTERDAY)) as s:
        check(s, True)
    with sqlite3.connect(data_dir / DB_FILENAME) as raw:
        raw.execute("DELETE FROM review_cards")
        raw.execute("DELETE FROM review_logs")
    with ProgressStore.open(data_dir) as s:
        assert s.review_cards() == {}
        s.sync_cards()
        assert s.review_cards()[DOT] == review(None, DOT, "exercise", Rating.Good, YESTERDAY)


# -- the plan and `tutor review` -----------------------------------------------------------


def test_the_plan_lists_what_is_due_today_and_this_week(store: ProgressStore, course_of,
                                                        lesson_of, clock: SetClock) -> None:
    from tests.progress.conftest import exercise, question

    course = course_of([lesson_of("linear-algebra", "vectors",
                                  [exercise("linear-algebra", "dot-product"), question("q")])])
    check(store, True)
    plan = review_plan(store.review_cards(), course, YESTERDAY)
    assert plan.today == [] and [i.item_id for i in plan.this_week] == [DOT]
    plan = review_plan(store.review_cards(), course, YESTERDAY + DAY)
    assert [i.item_id for i in plan.today] == [DOT]
    assert plan.per_pillar() == {"linear-algebra": (1, 0)}
    assert plan.recall_of(pillar="linear-algebra") == pytest.approx(plan.today[0].recall)
    assert review_plan(store.review_cards(), course_of([]), YESTERDAY + DAY).items == []


def test_tutor_review_shows_yesterdays_pass_due_with_now(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with ProgressStore.open(data_dir, clock=SetClock(YESTERDAY)) as s:
        check(s, True)
    today = datetime.fromtimestamp(YESTERDAY + DAY).strftime("%Y-%m-%d")
    assert cli.main(["review", "--now", today]) == 0
    out = capsys.readouterr().out
    assert "Due today: 1" in out and DOT in out and "Write the dot product" in out
    assert cli.main(["review", "--json", "--now", today]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [i["id"] for i in data["today"]] == [DOT]
    assert data["pillars"] == {"linear-algebra": {"today": 1, "this_week": 0}}
    before = datetime.fromtimestamp(YESTERDAY).strftime("%Y-%m-%d")
    assert cli.main(["review", "--now", before]) == 0
    out = capsys.readouterr().out
    assert "Due today: 0" in out and "Next due: Write the dot product on " in out
    assert cli.main(["review", "--json", "--now", before]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["today"] == [] and [i["id"] for i in data["this_week"]] == [DOT]


def test_tutor_review_refuses_a_date_it_cannot_read(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["review", "--now", "tomorrow"])
    assert stop.value.code == 2
    assert "not a date" in capsys.readouterr().err


# -- export, import and damage ---------------------------------------------------------------


def test_export_and_import_round_trip_the_review_state(store: ProgressStore, clock: SetClock,
                                                       tmp_path: Path) -> None:
    check(store, True)
    store.record_answer("linear-algebra/vectors/norm", "a", True)
    clock.now += 2 * DAY
    began = clock.now
    check(store, True, code="again")
    store.record_review("exercise", DOT, began)
    file = tmp_path / "export.json"
    counts = export_progress(store, file)
    assert counts["review_cards"] == 2 and counts["review_logs"] == 3
    with ProgressStore.open(tmp_path / "other") as other:
        merged = import_progress(other, file)
        assert merged["review_logs"].added == 3
        assert other.review_cards() == store.review_cards()
        again = import_progress(other, file)  # idempotent
        assert again["review_logs"].added == 0 and again["review_cards"].added == 0
        assert other.review_cards() == store.review_cards()


def edited_export(store: ProgressStore, file: Path,
                  edit: Callable[[dict[str, Any]], None]) -> Path:
    """Export ``store`` to ``file``, changed by ``edit``."""
    export_progress(store, file)
    data = json.loads(file.read_text())
    edit(data)
    file.write_text(json.dumps(data))
    return file


def test_an_export_without_review_state_starts_a_schedule(store: ProgressStore,
                                                          tmp_path: Path) -> None:
    def older(data: dict[str, Any]) -> None:
        data["version"] = 2
        del data["review_cards"], data["review_logs"]

    check(store, True)
    file = edited_export(store, tmp_path / "old.json", older)
    with ProgressStore.open(tmp_path / "other") as other:
        merged = import_progress(other, file)
        assert merged["review_cards"].added == 1
        assert other.review_cards() == store.review_cards()


def test_a_bad_review_row_in_an_export_changes_nothing(store: ProgressStore,
                                                       tmp_path: Path) -> None:
    from tutor.progress.transfer import TransferError

    check(store, True)
    file = edited_export(store, tmp_path / "bad.json",
                         lambda data: data["review_logs"][0].update(rating=7))
    with ProgressStore.open(tmp_path / "other") as other:
        with pytest.raises(TransferError, match="review_logs.0.rating"):
            import_progress(other, file)
        assert other.counts()["attempts"] == 0


def test_a_damaged_card_row_is_rebuilt_from_its_log(data_dir: Path) -> None:
    with ProgressStore.open(data_dir, clock=SetClock(YESTERDAY)) as s:
        check(s, True)
        good = s.review_cards()[DOT]
    with sqlite3.connect(data_dir / DB_FILENAME) as raw:
        raw.execute("UPDATE review_cards SET state = 99, stability = 'x'")
    with ProgressStore.open(data_dir) as s:
        assert s.review_cards() == {DOT: good}
        assert s.last_error is None


def test_a_newer_review_table_is_read_only_and_left_untouched(data_dir: Path) -> None:
    with ProgressStore.open(data_dir, clock=SetClock(YESTERDAY)) as s:
        check(s, True)
        good = s.review_cards()[DOT]
    db = data_dir / DB_FILENAME
    with sqlite3.connect(db) as raw:
        raw.execute("ALTER TABLE review_cards ADD COLUMN from_the_future TEXT")
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = db.read_bytes()
    with ProgressStore.open(data_dir, clock=SetClock(YESTERDAY + 2 * DAY)) as s:
        assert s.readonly and s.notice and "newer version" in s.notice
        assert s.review_cards() == {DOT: good}
        check(s, True, code="later")
        assert s.record_review("exercise", DOT, YESTERDAY + 2 * DAY) is not None  # in memory
    assert db.read_bytes() == before


def test_cards_are_reset_with_their_pillar(store: ProgressStore) -> None:
    check(store, True)
    check(store, True, item="calculus/diff")
    store.reset("linear-algebra")
    assert list(store.review_cards()) == ["calculus/diff"]
    with sqlite3.connect(store.path) as raw:
        assert raw.execute("SELECT DISTINCT item_id FROM review_logs").fetchall() == \
            [("calculus/diff",)]


def test_a_missing_review_table_costs_no_attempt(data_dir: Path) -> None:
    with ProgressStore.open(data_dir, clock=SetClock(YESTERDAY)) as s:
        check(s, False)
    with sqlite3.connect(data_dir / DB_FILENAME) as raw:
        raw.execute("DROP TABLE review_cards")
    with ProgressStore.open(data_dir, clock=SetClock(YESTERDAY + 60)) as s:
        check(s, True)  # the card cannot be made: the attempt is still saved
        assert s.exercise_state(DOT).passed and s.exercise_state(DOT).attempts == 2
        assert s.review_cards() == {}
        assert s.last_error and "review_cards" in s.last_error
