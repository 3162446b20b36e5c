"""Review cards in the progress database: made, moved and rebuilt from logged events.

Plain functions of a connection (the store runs them inside its transactions).
A card is made the first time an item is got right (``learned``), rated by
``tutor.progress.rating`` from the attempts or answers up to then, and moved by a
review (``reviewed``), rated from the events since the review began; passing an
item again in its lesson moves no card (only a review does). Every rating
is logged in ``review_logs``, so a card can always be rebuilt from its log
(``rebuild``: after an import, or when a card row cannot be read).
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Iterable

from tutor.progress.rating import (
    Performance,
    Rating,
    answer_performance,
    attempt_performance,
    rate,
)
from tutor.progress.schedule import CardRow, Kind, replay, review

log = logging.getLogger("tutor.progress.store")

_CARD_COLUMNS = "item_id, kind, state, step, stability, difficulty, due, last_review"
_UPSERT_CARD = (
    f"INSERT OR REPLACE INTO review_cards ({_CARD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_LOG = "INSERT INTO review_logs (uid, item_id, kind, rating, at) VALUES (?, ?, ?, ?, ?)"


def read_cards(conn: sqlite3.Connection) -> dict[str, CardRow]:
    """Every card; a row that does not make a card is rebuilt from its log in memory
    (and logged), so one damaged row hides nothing."""
    cards: dict[str, CardRow] = {}
    for values in conn.execute(f"SELECT {_CARD_COLUMNS} FROM review_cards"):
        row = _card_row(values)
        if row is None:
            log.warning("review card %r cannot be read; rebuilt from its log", values[0])
            row = _replayed(conn, str(values[0]))
        if row is not None:
            cards[row.item_id] = row
    return cards


def card(conn: sqlite3.Connection, item_id: str) -> CardRow | None:
    """One item's card, or None."""
    values = conn.execute(f"SELECT {_CARD_COLUMNS} FROM review_cards WHERE item_id = ?",
                          (item_id,)).fetchone()
    if values is None:
        return None
    return _card_row(values) or _replayed(conn, item_id)


def learned(conn: sqlite3.Connection, kind: Kind, item_id: str) -> CardRow | None:
    """Make ``item_id``'s card if it was got right and has none; return its card."""
    existing = card(conn, item_id)
    if existing is not None:
        return existing
    performance = _performance(conn, kind, item_id, since=None)
    if performance is None or not performance.passed:
        return None
    return _rate(conn, None, kind, item_id, rate(performance, review=False), performance.at)


def learned_quietly(conn: sqlite3.Connection, kind: Kind, item_id: str) -> None:
    """``learned``, inside a savepoint: a card that cannot be made is logged and left
    out, and never costs the attempt or answer recorded in the same transaction."""
    conn.execute("SAVEPOINT review_card")
    try:
        learned(conn, kind, item_id)
    except Exception:
        conn.execute("ROLLBACK TO review_card")
        log.exception("progress store: could not make the review card of %s", item_id)
    finally:
        conn.execute("RELEASE review_card")


def reviewed(conn: sqlite3.Connection, kind: Kind, item_id: str,
             since: float) -> tuple[Rating, CardRow] | None:
    """Rate the review of ``item_id`` that began at ``since`` and move its card; None
    when nothing was tried since then (the card stays as it was)."""
    performance = _performance(conn, kind, item_id, since=since)
    if performance is None:
        return None
    before = learned(conn, kind, item_id)
    rating = rate(performance, review=True)
    return rating, _rate(conn, before, kind, item_id, rating, performance.at)


def sync(conn: sqlite3.Connection) -> int:
    """Make the missing cards of everything got right (progress from before review
    existed, or imported); return how many were made."""
    made = 0
    missing = (
        "SELECT DISTINCT {col} FROM {table} WHERE {ok} AND {col} NOT IN"
        " (SELECT item_id FROM review_cards)"
    )
    for kind, table, col, ok in (("exercise", "attempts", "exercise_id", "passed"),
                                 ("question", "answers", "question_id", "correct")):
        ids = [i for (i,) in conn.execute(missing.format(col=col, table=table, ok=ok))]
        for item_id in ids:
            made += learned(conn, kind, str(item_id)) is not None  # type: ignore[arg-type]
    return made


def rebuild(conn: sqlite3.Connection, item_ids: Iterable[str]) -> None:
    """Replace these items' cards with the ones their logs give (after an import)."""
    for item_id in item_ids:
        row = _replayed(conn, item_id)
        if row is not None:
            conn.execute(_UPSERT_CARD, _values(row))


def _rate(conn: sqlite3.Connection, before: CardRow | None, kind: Kind, item_id: str,
          rating: Rating, at: float) -> CardRow:
    after = review(before, item_id, kind, rating, at)
    conn.execute(_UPSERT_CARD, _values(after))
    conn.execute(_INSERT_LOG, (uuid.uuid4().hex, item_id, kind, int(rating), at))
    return after


def _performance(conn: sqlite3.Connection, kind: Kind, item_id: str,
                 since: float | None) -> Performance | None:
    if kind == "question":
        answers = conn.execute("SELECT at, correct FROM answers WHERE question_id = ?"
                               " ORDER BY id", (item_id,))
        return answer_performance(answers, since=since)
    attempts = conn.execute("SELECT at, passed, hints_used, after_solution FROM attempts"
                            " WHERE exercise_id = ? ORDER BY id", (item_id,))
    views = conn.execute("SELECT first_at, last_at FROM solutions WHERE exercise_id = ?",
                         (item_id,)).fetchone()
    times = [float(t) for t in (views or ()) if t is not None]
    return attempt_performance(attempts, times, since=since)


def _replayed(conn: sqlite3.Connection, item_id: str) -> CardRow | None:
    rows = conn.execute("SELECT kind, rating, at FROM review_logs WHERE item_id = ?"
                        " ORDER BY at, id", (item_id,)).fetchall()
    ratings = [(Rating(int(r)), float(at)) for kind, r, at in rows
               if kind in ("exercise", "question") and r in (1, 2, 3, 4)]
    if not ratings:
        return None
    return replay(item_id, rows[0][0], ratings)


def _card_row(values: tuple[object, ...]) -> CardRow | None:
    """The row as a card, or None when some value is not what the schema means."""
    try:
        row = CardRow(str(values[0]), values[1], *_numbers(values[2:]))  # type: ignore[arg-type]
        if row.kind not in ("exercise", "question"):
            return None
        row.card()
    except (TypeError, ValueError):
        return None
    return row


def _numbers(values: tuple[object, ...]) -> tuple[int, int | None, float | None,
                                                  float | None, float, float | None]:
    state, step, stability, difficulty, due, last_review = values

    def real(v: object) -> float | None:
        if v is None:
            return None
        if not isinstance(v, int | float) or v != v or v in (float("inf"), float("-inf")):
            raise ValueError(f"not a number: {v!r}")
        return float(v)

    if not isinstance(state, int) or (step is not None and not isinstance(step, int)):
        raise ValueError("state and step must be integers")
    due_at = real(due)
    if due_at is None:
        raise ValueError("no due time")
    return state, step, real(stability), real(difficulty), due_at, real(last_review)


def _values(row: CardRow) -> tuple[object, ...]:
    return (row.item_id, row.kind, row.state, row.step, row.stability, row.difficulty,
            row.due, row.last_review)
