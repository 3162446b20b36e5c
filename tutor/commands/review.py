"""`tutor review [--json] [--now DATE]`: what is due for review, today and this week,
per pillar. Reviewing happens in the app (press r on the home screen)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.progress.due import ReviewItem, ReviewPlan

DESCRIPTION = """List the exercises and questions due for review: today (overdue
included), later this week, and the count per pillar. An exercise or question
becomes a review card the first time you get it right; the FSRS scheduler then
spaces its reviews by how well you did. Review them in the app: press r on the home
screen."""


def register(sub: Any, parent: argparse.ArgumentParser, summary: str) -> None:
    p = sub.add_parser("review", parents=[parent], help=summary,
                       description=DESCRIPTION)
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.add_argument("--now", metavar="DATE", type=parse_now, default=None,
                   help="show the schedule as of DATE (YYYY-MM-DD, the start of that day, "
                   "or YYYY-MM-DDTHH:MM; local time) instead of now")
    p.set_defaults(handler=cmd_review)


def parse_now(text: str) -> float:
    """A DATE for --now as Unix seconds; an argparse error saying the form otherwise."""
    try:
        return datetime.fromisoformat(text.strip()).timestamp()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None


def cmd_review(args: argparse.Namespace) -> int:
    from tutor.commands.inputs import learner_course, open_store
    from tutor.progress.due import review_plan

    course = learner_course(args, "tutor review")
    now = time.time() if args.now is None else args.now
    with open_store(args) as store:
        store.sync_cards()
        plan = review_plan(store.review_cards(), course, now)
        if args.json:
            print(json.dumps({"database": str(store.path), "readonly": store.readonly,
                              "warning": store.last_error, **plan.to_json()}, indent=2))
        else:
            print(format_plan(plan))
        if store.last_error and store.last_error != store.notice:
            print(f"tutor: warning: {store.last_error}", file=sys.stderr)
    return 0


def format_plan(plan: ReviewPlan) -> str:
    """The plan as text: due today, due this week, then per pillar."""
    from tutor.commands.progress import _when
    from tutor.lessons.model import PILLAR_TITLES

    if not plan.items:
        return ("Nothing to review yet: an exercise or question joins your reviews the "
                "first time you get it right.")
    lines = [f"Review as of {_when(plan.now)}", ""]
    for heading, items in (("Due today", plan.today), ("Due later this week", plan.this_week)):
        lines.append(f"{heading}: {len(items)}")
        lines += [_item_line(item) for item in items]
        lines.append("")
    lines.append("Per pillar (today, later this week):")
    per_pillar = plan.per_pillar()
    width = max(len(PILLAR_TITLES.get(p, p)) for p in per_pillar)
    for pillar, (today, week) in per_pillar.items():
        lines.append(f"  {PILLAR_TITLES.get(pillar, pillar).ljust(width)}  {today:3d}  {week:3d}")
    if plan.today:
        lines += ["", "Review them in the app: run `tutor` and press r."]
    else:
        soonest = plan.items[0]
        lines += ["", f"Next due: {soonest.title} on {_when(soonest.due)}."]
    return "\n".join(lines)


def _item_line(item: ReviewItem) -> str:
    from tutor.commands.progress import _when

    mark = "✎" if item.kind == "exercise" else "?"
    return (f"  {mark} {item.item_id}  {item.title}  (due {_when(item.due)}, "
            f"recall {item.recall:.0%})")
