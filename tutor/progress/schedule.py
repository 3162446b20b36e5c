"""The review schedule: the FSRS scheduler this tutor uses, and a card as a table row.

Scheduling is the ``fsrs`` package's (``Scheduler.review_card``); this module only
chooses its settings and converts between ``fsrs.Card`` and the ``review_cards``
row. Settings: two learning steps of a day (an item got right comes back the next
day; Good then graduates it to FSRS's own intervals, Easy at once), a relearning
step of a day after a lapse, 90% desired retention, and no fuzzing (the same
ratings give the same dates, which the tests and ``tutor review --now`` rely on).

An item is *due on* a day when its due time falls before the end of that day, in
local time (``due_by``): what is due at 16:00 can be reviewed in the morning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from fsrs import Card, Rating, ReviewLog, Scheduler, State

Kind = Literal["exercise", "question"]
DAY = timedelta(days=1)
SCHEDULER = Scheduler(learning_steps=(DAY, DAY), relearning_steps=(DAY,),
                      desired_retention=0.9, enable_fuzzing=False)
CARD_ID = 0  # cards are keyed by item id; fsrs only needs logs to match their card


@dataclass(frozen=True)
class CardRow:
    """A ``review_cards`` row; times are Unix epoch seconds."""

    item_id: str
    kind: Kind
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: float
    last_review: float | None

    def card(self) -> Card:
        """The fsrs card (a ValueError for a state fsrs does not know)."""
        return Card(card_id=CARD_ID, state=State(self.state), step=self.step,
                    stability=self.stability, difficulty=self.difficulty,
                    due=_datetime(self.due),
                    last_review=None if self.last_review is None else _datetime(self.last_review))

    @classmethod
    def of(cls, item_id: str, kind: Kind, card: Card) -> CardRow:
        return cls(item_id, kind, int(card.state), card.step, card.stability, card.difficulty,
                   card.due.timestamp(),
                   None if card.last_review is None else card.last_review.timestamp())

    def recall(self, now: float) -> float:
        """The probability of recalling the item at ``now`` (FSRS retrievability)."""
        return float(SCHEDULER.get_card_retrievability(self.card(), _datetime(now)))


def review(row: CardRow | None, item_id: str, kind: Kind, rating: Rating, at: float) -> CardRow:
    """The card after rating it ``rating`` at ``at`` (a new card when ``row`` is None)."""
    card = Card(card_id=CARD_ID) if row is None else row.card()
    after, _log = SCHEDULER.review_card(card, rating, _datetime(at))
    return CardRow.of(item_id, kind, after)


def replay(item_id: str, kind: Kind, ratings: Iterable[tuple[Rating, float]]) -> CardRow | None:
    """The card that ``ratings`` ``(rating, at)`` give, in time order (None for none)."""
    logs = [ReviewLog(CARD_ID, rating, _datetime(at), None) for rating, at in ratings]
    if not logs:
        return None
    card = SCHEDULER.reschedule_card(Card(card_id=CARD_ID), logs)
    return CardRow.of(item_id, kind, card)


def due_by(now: float, days: int = 0) -> float:
    """The end of the local day ``days`` after ``now``'s: items due before it are due
    on that day (``days=0``: today, overdue included)."""
    local = datetime.fromtimestamp(now).astimezone()
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight + timedelta(days=days + 1)).timestamp()


def _datetime(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)
