"""Export and import: round trips, idempotent merges, bad files that change nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tutor.progress.store import ProgressError, ProgressStore
from tutor.progress.transfer import (
    FORMAT_VERSION,
    TransferError,
    export_data,
    export_progress,
    import_progress,
)


def _fill(store: ProgressStore) -> None:
    store.record_attempt("calculus/diff", status="failed", duration_ms=5, hints_used=1,
                         code="def f(x): return 0", passed=False)
    store.record_solution_shown("calculus/diff")
    store.record_attempt("calculus/diff", status="passed", duration_ms=4, hints_used=1,
                         code="def f(x): return x", passed=True)
    store.record_step("calculus/derivatives", 0)
    store.record_answer("calculus/derivatives/q", "2", True)
    store.record_checkpoint("calculus/derivatives", "check", 0.75, False)
    store.save_draft("calculus/diff", "draft")
    store.record_hint("calculus/diff", 1)
    store.set_position("calculus/derivatives", 2)


def _tables(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "exported_at"}


def test_round_trip_into_an_empty_store(store: ProgressStore, tmp_path: Path) -> None:
    _fill(store)
    file = tmp_path / "out" / "progress.json"
    counts = export_progress(store, file)
    assert counts["attempts"] == 2 and counts["last_position"] == 1
    data = json.loads(file.read_text())
    assert data["format"] == "tutor-progress" and data["version"] == FORMAT_VERSION
    assert data["attempts"][1]["after_solution"] is True
    with ProgressStore.open(tmp_path / "other") as other:
        report = import_progress(other, file)
        assert report["attempts"].added == 2 and report["drafts"].added == 1
        assert _tables(export_data(other)) == _tables(export_data(store))
        state = other.exercise_state("calculus/diff")
        assert state.passed and not state.mastered and state.hints == 1


def test_import_twice_adds_nothing(store: ProgressStore, tmp_path: Path) -> None:
    _fill(store)
    file = tmp_path / "p.json"
    export_progress(store, file)
    before = store.counts()
    report = import_progress(store, file)  # into the store it came from
    assert store.counts() == before
    assert all(m.added == 0 and m.updated == 0 for m in report.values())
    assert report["attempts"].unchanged == 2


def test_merge_keeps_both_sides(tmp_path: Path, clock: Any) -> None:
    with ProgressStore.open(tmp_path / "a", clock=clock) as a, \
            ProgressStore.open(tmp_path / "b", clock=clock) as b:
        a.record_attempt("calculus/diff", status="passed", duration_ms=1, hints_used=0,
                         code="a", passed=True)
        a.save_draft("calculus/diff", "old draft")
        a.record_hint("calculus/diff", 3)
        a.set_position("calculus/derivatives", 1)
        b.record_attempt("calculus/diff", status="failed", duration_ms=1, hints_used=0,
                         code="b", passed=False)
        b.save_draft("calculus/diff", "new draft")  # later on the shared clock
        b.record_hint("calculus/diff", 1)
        b.set_position("linear-algebra/vectors", 4)
        export_progress(b, tmp_path / "b.json")
        report = import_progress(a, tmp_path / "b.json")
        assert report["drafts"].updated == 1 and report["hints"].unchanged == 1
        assert a.counts()["attempts"] == 2
        assert a.draft("calculus/diff") == "new draft"
        assert a.exercise_state("calculus/diff").hints == 3
        assert a.position() == ("linear-algebra/vectors", 4)
        assert a.lesson_position("calculus/derivatives") == 1


def test_export_to_stdout(store: ProgressStore, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(store)
    export_progress(store, "-")
    assert len(json.loads(capsys.readouterr().out)["attempts"]) == 2


def _good(store: ProgressStore, tmp_path: Path) -> dict[str, Any]:
    _fill(store)
    export_progress(store, tmp_path / "good.json")
    return json.loads((tmp_path / "good.json").read_text())


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: "{not json", "is not JSON (line 1 column 2"),
    (lambda d: [1, 2], "is not a tutor progress export"),
    (lambda d: {**d, "format": "other"}, "is not a tutor progress export"),
    (lambda d: {**d, "version": FORMAT_VERSION + 1}, "exported by a newer tutor"),
    (lambda d: {**d, "version": "1"}, '"version" must be an integer'),
    (lambda d: {**d, "attempts": [{**d["attempts"][0], "passed": "yes"}]},
     "attempts.0.passed"),
    (lambda d: {**d, "attempts": [{**d["attempts"][0], "code": "changed"}]},
     "code_sha256 does not match code"),
    (lambda d: {**d, "steps": [{"lesson_id": "x/y", "step_index": -1, "completed_at": 1.0}]},
     "steps.0.step_index"),
    (lambda d: {**d, "surprise": 1}, "surprise: Extra inputs are not permitted"),
    (lambda d: {**d, "drafts": [*d["drafts"], {"exercise_id": "a/b"}]}, "drafts.1.code"),
])
def test_bad_files_change_nothing(store: ProgressStore, tmp_path: Path, mutate: Any,
                                  message: str) -> None:
    good = _good(store, tmp_path)
    bad = mutate(good)
    file = tmp_path / "bad.json"
    file.write_text(bad if isinstance(bad, str) else json.dumps(bad))
    store.reset()
    with pytest.raises(TransferError) as err:
        import_progress(store, file)
    assert message in str(err.value)
    assert sum(store.counts().values()) == 0


def test_missing_file(store: ProgressStore, tmp_path: Path) -> None:
    with pytest.raises(TransferError, match="cannot read"):
        import_progress(store, tmp_path / "nope.json")


def test_import_refused_when_read_only(tmp_path: Path, store: ProgressStore) -> None:
    _good(store, tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with ProgressStore.open(blocker / "data") as ro:
        assert ro.readonly
        with pytest.raises(ProgressError, match="not being saved"):
            import_progress(ro, tmp_path / "good.json")


def test_export_to_unwritable_place(store: ProgressStore, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(TransferError, match="cannot write"):
        export_progress(store, blocker / "out.json")
