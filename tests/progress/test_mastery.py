"""Mastery per lesson and pillar, and where to continue."""

from __future__ import annotations

import json
from typing import Any

from tutor.lessons.model import PILLARS
from tutor.progress.mastery import compute_mastery, continue_position
from tutor.progress.records import Records
from tutor.progress.store import ProgressStore


def _pass(store: ProgressStore, ex: str, passed: bool = True) -> None:
    store.record_attempt(ex, status="passed" if passed else "failed", duration_ms=1,
                         hints_used=0, code="c", passed=passed)


def test_nothing_done(store: ProgressStore, course: Any) -> None:
    m = store.mastery(course)
    assert list(m.pillars) == list(PILLARS)
    la = m.pillars["linear-algebra"]
    assert (la.lessons, la.exercises_total) == (2, 3)
    assert (la.exercises_done, la.exercises_mastered) == (0, 0)
    assert (la.checkpoints_total, la.checkpoints_passed) == (1, 0)
    assert not la.mastered and la.last_activity is None
    assert m.pillars["probability"].lessons == 0 and not m.pillars["probability"].mastered
    assert m.last_activity is None
    vectors = m.lessons["linear-algebra/vectors"]
    assert vectors.exercises == {"linear-algebra/dot": "new", "linear-algebra/norm": "new"}
    assert (vectors.questions_total, vectors.questions_correct) == (1, 0)


def test_exercise_statuses(store: ProgressStore, course: Any) -> None:
    _pass(store, "linear-algebra/dot")
    _pass(store, "linear-algebra/norm", passed=False)
    store.record_solution_shown("linear-algebra/matmul")
    _pass(store, "linear-algebra/matmul")
    m = store.mastery(course)
    assert m.lessons["linear-algebra/vectors"].exercises == {
        "linear-algebra/dot": "mastered", "linear-algebra/norm": "tried"}
    assert m.lessons["linear-algebra/matrices"].exercises == {"linear-algebra/matmul": "done"}
    la = m.pillars["linear-algebra"]
    assert (la.exercises_done, la.exercises_mastered) == (2, 1)


def test_pillar_mastered_needs_every_exercise_mastered_and_checkpoint_passed(
    store: ProgressStore, course: Any
) -> None:
    for ex in ("linear-algebra/dot", "linear-algebra/norm", "linear-algebra/matmul"):
        _pass(store, ex)
    assert not store.mastery(course).pillars["linear-algebra"].mastered  # checkpoint missing
    store.record_checkpoint("linear-algebra/matrices", "matrices-check", 0.5, False)
    assert not store.mastery(course).pillars["linear-algebra"].mastered
    store.record_checkpoint("linear-algebra/matrices", "matrices-check", 1.0, True)
    m = store.mastery(course)
    la = m.pillars["linear-algebra"]
    assert la.mastered and la.checkpoint_passed
    assert m.lessons["linear-algebra/matrices"].mastered
    assert m.lessons["linear-algebra/matrices"].checkpoint_passed
    assert not m.pillars["calculus"].mastered


def test_pillar_not_mastered_when_an_exercise_was_passed_after_the_solution(
    store: ProgressStore, course: Any
) -> None:
    _pass(store, "calculus/diff", passed=False)
    store.record_solution_shown("calculus/diff")
    _pass(store, "calculus/diff")
    c = store.mastery(course).pillars["calculus"]
    assert (c.exercises_done, c.exercises_mastered, c.mastered) == (1, 0, False)
    assert not c.checkpoint_passed  # the pillar has no checkpoint


def test_questions_and_last_activity(store: ProgressStore, course: Any,
                                     clock: object) -> None:
    store.record_answer("linear-algebra/vectors/norm", "1", False)
    store.record_answer("linear-algebra/vectors/norm", "0", True)
    _pass(store, "calculus/diff")
    store.record_step("linear-algebra/matrices", 0)
    m = store.mastery(course)
    assert m.lessons["linear-algebra/vectors"].questions_correct == 1
    times = {lid: lm.last_activity for lid, lm in m.lessons.items()}
    # the clock ticks one second per record: answers at +1, +2, attempt +3, step +4
    start = 1_700_000_000.0
    assert times == {"linear-algebra/vectors": start + 2, "linear-algebra/matrices": start + 4,
                     "calculus/derivatives": start + 3}
    assert m.pillars["linear-algebra"].last_activity == start + 4
    assert m.last_activity == start + 4


def test_checkpoint_answers_count_as_activity(store: ProgressStore, course: Any) -> None:
    store.record_answer("linear-algebra/matrices/matrices-check-q", "1", True)
    assert store.mastery(course).lessons["linear-algebra/matrices"].last_activity is not None


def test_lesson_with_nothing_to_master_is_not_mastered(course_of: Any, lesson_of: Any) -> None:
    course = course_of([lesson_of("statistics", "intro", [])])
    m = compute_mastery(Records(), course)
    assert not m.lessons["statistics/intro"].mastered
    assert not m.pillars["statistics"].mastered


def test_to_json_is_plain(store: ProgressStore, course: Any) -> None:
    _pass(store, "calculus/diff")
    data = json.loads(json.dumps(store.mastery(course).to_json()))
    calc = next(p for p in data["pillars"] if p["pillar"] == "calculus")
    assert calc["exercises_done"] == 1 and calc["mastered"] is True
    lesson = next(x for x in data["lessons"] if x["lesson_id"] == "calculus/derivatives")
    assert lesson["exercises"] == {"calculus/diff": "mastered"}


# -- continue_position -----------------------------------------------------------------------


def test_continue_from_the_start(store: ProgressStore, course: Any, course_of: Any) -> None:
    assert store.continue_position(course) == ("linear-algebra/vectors", 0)
    assert store.continue_position(course_of([])) is None


def test_continue_at_the_first_unfinished_step(store: ProgressStore, course: Any) -> None:
    store.record_step("linear-algebra/vectors", 0)
    _pass(store, "linear-algebra/dot")  # step 1 finished by passing
    assert store.continue_position(course) == ("linear-algebra/vectors", 2)
    store.record_answer("linear-algebra/vectors/norm", "0", True)
    store.record_step("linear-algebra/vectors", 3)
    assert store.continue_position(course) == ("linear-algebra/matrices", 0)


def test_continue_at_the_last_position(store: ProgressStore, course: Any) -> None:
    store.set_position("calculus/derivatives", 1)
    assert store.continue_position(course) == ("calculus/derivatives", 1)
    store.set_position("calculus/derivatives", 99)  # the lesson got shorter
    assert store.continue_position(course) == ("calculus/derivatives", 1)
    store.set_position("calculus/removed-lesson", 0)
    assert store.continue_position(course) == ("linear-algebra/vectors", 0)


def test_continue_when_everything_is_finished(course: Any) -> None:
    steps = {(lesson.id, i): 1.0 for lesson in course.lessons for i in range(len(lesson.steps))}
    assert continue_position(Records(steps_completed=steps), course) == (
        "linear-algebra/vectors", 0)


def test_done_counts_exercises_and_checkpoints_alike(store: ProgressStore,
                                                     course: Any) -> None:
    _pass(store, "linear-algebra/dot")
    store.record_solution_shown("linear-algebra/matmul")
    _pass(store, "linear-algebra/matmul")  # done, not mastered
    _pass(store, "linear-algebra/norm", passed=False)
    store.record_checkpoint("linear-algebra/matrices", "matrices-check", 1.0, True)
    m = store.mastery(course)
    la = m.pillars["linear-algebra"]
    assert (la.done, la.total) == (3, 4)  # 2 of 3 exercises, 1 of 1 checkpoint
    matrices = m.lessons["linear-algebra/matrices"]
    assert (matrices.done, matrices.total) == (2, 2) and not matrices.mastered
    data = {p["pillar"]: p for p in json.loads(json.dumps(m.to_json()))["pillars"]}
    assert (data["linear-algebra"]["done"], data["linear-algebra"]["total"]) == (3, 4)
    lessons = {entry["lesson_id"]: entry for entry in m.to_json()["lessons"]}
    assert (lessons["linear-algebra/matrices"]["done"],
            lessons["linear-algebra/matrices"]["total"]) == (2, 2)


def test_the_exercise_rules_read_the_state() -> None:
    from tutor.progress.mastery import checkpoint_passed, exercise_done, exercise_mastered
    from tutor.progress.records import CheckpointState, ExerciseState

    assert not exercise_done(None) and not exercise_mastered(None)
    aided = ExerciseState("a/b", attempts=2, passed=True, solution_shown=True)
    assert exercise_done(aided) and not exercise_mastered(aided)
    assert aided.done and not aided.mastered
    unaided = ExerciseState("a/b", attempts=1, passed=True, passed_before_solution=True)
    assert unaided.done and unaided.mastered
    assert not checkpoint_passed(None)
    assert checkpoint_passed(CheckpointState(True, 0.8, 1.0))
    assert not checkpoint_passed(CheckpointState(False, 0.5, 1.0))


def test_the_cache_index_gives_the_mastery_and_continue_of_the_models(
        store: ProgressStore, course: Any, lesson_tree: Any, tmp_path: Any) -> None:
    """Mastery reads only outlines, so the parsed-course cache's index (no models) gives
    the same numbers and the same place to continue as the lesson models."""
    from tutor.lessons.cache import load_index

    load_index(lesson_tree, cache=tmp_path / "cache")  # fills the cache
    index = load_index(lesson_tree, cache=tmp_path / "cache")
    assert index.loaded is None  # from the cache's index: no model loaded
    _pass(store, "linear-algebra/dot")
    store.record_solution_shown("linear-algebra/matmul")
    _pass(store, "linear-algebra/matmul")
    store.record_answer("linear-algebra/vectors/norm", "0", True)
    store.record_checkpoint("linear-algebra/matrices", "matrices-check", 1.0, True)
    store.record_step("linear-algebra/vectors", 0)
    records = store.records()
    assert compute_mastery(records, index) == compute_mastery(records, course)
    assert compute_mastery(records, index).lessons["linear-algebra/vectors"].steps_completed == 3
    assert continue_position(records, index) == continue_position(records, course) == (
        "linear-algebra/vectors", 3)
