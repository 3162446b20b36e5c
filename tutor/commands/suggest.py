""""Unknown id, did you mean ...?": close matches for a mistyped lesson or exercise id.

Shared by the subcommands that take an id (``tutor check``, ``tutor plot``). Ids are
``pillar/slug``; a bare slug (``dot-product``) or one under the wrong pillar finds the
id with that slug first, then the ids that read alike.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

MAX_SUGGESTIONS = 3
CUTOFF = 0.5


def close_matches(wanted: str, ids: Iterable[str], n: int = MAX_SUGGESTIONS,
                  cutoff: float = CUTOFF) -> list[str]:
    """Up to ``n`` ids close to ``wanted``, best first: the same slug, then similar ids."""
    candidates = list(dict.fromkeys(ids))
    key = wanted.strip().lower()
    slug = key.rsplit("/", 1)[-1]
    same_slug = [c for c in candidates if c.lower().rsplit("/", 1)[-1] == slug and c != key]
    alike = difflib.get_close_matches(key, candidates, n=n, cutoff=cutoff)
    return list(dict.fromkeys([*same_slug, *alike]))[:n]


def did_you_mean(wanted: str, ids: Iterable[str], otherwise: str = "") -> str:
    """`` (did you mean a or b?)`` to append to an "unknown id" message; `` (otherwise)``
    when nothing is close (or "" when ``otherwise`` is empty)."""
    close = close_matches(wanted, ids)
    if close:
        return f" (did you mean {' or '.join(close)}?)"
    return f" ({otherwise})" if otherwise else ""
