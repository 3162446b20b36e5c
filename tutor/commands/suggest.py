""""Unknown id, did you mean ...?": close matches for a mistyped lesson or exercise id.

Shared by the subcommands that take an id (``tutor check``, ``tutor plot``). Ids are
``pillar/slug``; a bare slug (``dot-product``) or one under the wrong pillar finds the
id with that slug first, then the ids whose slugs read alike.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

MAX_SUGGESTIONS = 3
CUTOFF = 0.6


def close_matches(wanted: str, ids: Iterable[str], n: int = MAX_SUGGESTIONS,
                  cutoff: float = CUTOFF) -> list[str]:
    """Up to ``n`` ids whose slug reads like ``wanted``'s, best first (ids in the same
    pillar first among equals). Slugs, not whole ids, are compared: every id of a pillar
    shares its prefix, which would make them all look alike."""
    pillar, _, slug = wanted.strip().lower().rpartition("/")
    scored = []
    for candidate in dict.fromkeys(ids):
        their_pillar, _, their_slug = candidate.lower().rpartition("/")
        ratio = difflib.SequenceMatcher(None, slug, their_slug).ratio()
        if ratio >= cutoff:
            scored.append((-ratio, their_pillar != pillar, candidate))
    return [candidate for *_, candidate in sorted(scored)[:n]]


def did_you_mean(wanted: str, ids: Iterable[str], otherwise: str = "") -> str:
    """`` (did you mean a or b?)`` to append to an "unknown id" message; `` (otherwise)``
    when nothing is close (or "" when ``otherwise`` is empty)."""
    close = close_matches(wanted, ids)
    if close:
        return f" (did you mean {' or '.join(close)}?)"
    return f" ({otherwise})" if otherwise else ""
