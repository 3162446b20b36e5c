"""The learner's notebook as plain Markdown: what they did, lesson by lesson.

Per lesson touched, in course order: its summary and key points, the learner's own
passing solution of each exercise they checked, and the mistakes on the way with the
messages they got. It reads in a terminal pager as well as in a Markdown viewer: headings,
lists, fenced blocks, no colour. Learner code is untrusted text: it goes in a fence longer
than any run of backticks inside it, and the whole notebook is made printable
(:func:`tutor.safetext.printable`), so no code can close its block or steer the terminal.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from tutor.grading.verdict import STATUS_TEXT
from tutor.lessons.display import lesson_markdown
from tutor.lessons.loader import Course
from tutor.lessons.model import PILLAR_TITLES, ExerciseStep, Lesson, question_id, step_questions
from tutor.progress.records import Attempt, Records, code_key
from tutor.safetext import printable

WIDTH = 76  # a one-line summary is wrapped to this width
MAX_MISTAKE_KINDS = 5  # kinds of mistake listed per exercise; the rest are counted
_BACKTICKS = re.compile(r"`+")


def code_block(code: str, language: str = "python") -> str:
    """``code`` in a fenced block that nothing inside it can close: the fence is one
    backtick longer than the longest run of backticks in the code (three at least).
    Control characters are escaped first, so only its newlines break its lines."""
    code = printable(code)
    longest = max((len(run) for run in _BACKTICKS.findall(code)), default=0)
    fence = "`" * max(3, longest + 1)
    body = "\n".join(line.rstrip() for line in code.strip("\n").split("\n"))
    return f"{fence}{language}\n{body}\n{fence}"


def _indented(markdown: str, prefix: str) -> str:
    return "\n".join(f"{prefix}{line}".rstrip() for line in markdown.split("\n"))


def _wrapped(markdown: str) -> str:
    """A one-line paragraph wrapped for a terminal; text of several lines as it is."""
    if "\n" in markdown:
        return markdown
    return textwrap.fill(markdown, WIDTH, break_long_words=False, break_on_hyphens=False)


def _list_item(markdown: str) -> str:
    """``markdown`` as one item of a list: its later lines indented to stay inside it."""
    return "- " + _indented(markdown, "  ")[2:]


@dataclass
class _Mistake:
    """Failed tries of one exercise that got the same message."""

    text: str
    message: str | None = None  # the lesson's message for a known mistake
    codes: set[str] = field(default_factory=set)


def _on_the_way(ex: ExerciseStep, failed: Sequence[Attempt]) -> list[str]:
    """The mistakes of failed tries, grouped by the message they got, first seen first;
    a try is a distinct piece of code (``code_key``), as in the progress store."""
    known = {m.name: m.message for m in ex.mistakes}
    groups: dict[str, _Mistake] = {}
    for attempt in failed:
        if attempt.mistake in known:
            group = groups.setdefault(f"mistake:{attempt.mistake}", _Mistake(
                f"a known mistake (`{attempt.mistake}`):", known[attempt.mistake]))
        else:
            group = groups.setdefault(f"status:{attempt.status}", _Mistake(
                STATUS_TEXT.get(attempt.status, f"✗ {attempt.status}")))
        group.codes.add(code_key(attempt.code))
    lines: list[str] = []
    for group in list(groups.values())[:MAX_MISTAKE_KINDS]:
        tries = len(group.codes)
        lines.append(f"- {tries} {'try' if tries == 1 else 'tries'}: {group.text}")
        if group.message:
            lines += ["", _indented(lesson_markdown(group.message.strip()), "  > "), ""]
    rest = len(groups) - MAX_MISTAKE_KINDS
    if rest > 0:
        lines.append(f"- and {rest} more kind{'s' if rest > 1 else ''} of mistake")
    return lines


def exercise_section(ex: ExerciseStep, attempts: Sequence[Attempt]) -> str:
    """One exercise: the learner's passing solution (or last try) and the mistakes on the
    way. ``attempts``: this exercise's, oldest first; at least one."""
    first_pass = next((i for i, a in enumerate(attempts) if a.passed), None)
    out = [f"#### {ex.title} (`{ex.id}`)", ""]
    if first_pass is None:
        failed = list(attempts)
        out += ["Not passed yet. Your last try:", "", code_block(attempts[-1].code)]
    else:
        failed = [a for a in attempts[:first_pass] if not a.passed]
        passing = [a for a in attempts if a.passed]
        own = [a for a in passing if not a.after_solution]
        chosen = (own or passing)[-1]
        tries = len({code_key(a.code) for a in failed}) + 1
        when = ("on the first try" if tries == 1 else f"on try {tries}")
        if not own:
            when = "after the solution was shown"
        out += [f"Passed {when}. Your solution:", "", code_block(chosen.code)]
    if failed:
        out += ["", "Mistakes on the way:", "", *_on_the_way(ex, failed)]
    return "\n".join(out).rstrip()


def _touched(lesson: Lesson, records: Records, attempted: set[str]) -> bool:
    prefix = f"{lesson.id}/"
    return (any(ex.id in attempted or ex.id in records.exercises for ex in lesson.exercises)
            or lesson.id in records.lesson_positions
            or any(key[0] == lesson.id for key in records.steps_completed)
            or any(key[0] == lesson.id for key in records.checkpoints)
            or any(q.startswith(prefix) for q in records.question_last_at))


def _results(lesson: Lesson, records: Records) -> list[str]:
    """One line on the lesson's questions, and one per checkpoint taken."""
    lines = []
    ids = [question_id(lesson, q) for step in lesson.steps for _, q in step_questions(step)]
    if any(q in records.question_last_at for q in ids):
        right = sum(q in records.questions_correct for q in ids)
        lines.append(f"Questions answered right: {right} of {len(ids)}.")
    for checkpoint in lesson.checkpoints:
        state = records.checkpoints.get((lesson.id, checkpoint.id))
        if state is not None:
            result = "passed" if state.passed else "not passed yet"
            lines.append(f"{checkpoint.title}: {result}, best score "
                         f"{round(100 * state.best_score)}%.")
    return lines


def lesson_section(lesson: Lesson, records: Records, attempts: dict[str, list[Attempt]]) -> str:
    """One lesson: summary, key points, questions, and each exercise checked."""
    out = [f"### {lesson.title}", "", _wrapped(lesson_markdown(lesson.summary.strip()))]
    if lesson.key_points:
        out += ["", "Key points:", ""]
        out += [_list_item(lesson_markdown(point.strip())) for point in lesson.key_points]
    for line in _results(lesson, records):
        out += ["", line]
    for ex in lesson.exercises:
        if attempts.get(ex.id):
            out += ["", exercise_section(ex, attempts[ex.id])]
    return "\n".join(out)


def notebook(course: Course, records: Records, attempts: Sequence[Attempt], *,
             pillar: str | None = None) -> str:
    """The notebook of every lesson touched (of ``pillar`` only, when given), in course
    order; "" when the learner has touched none."""
    by_exercise: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_exercise.setdefault(attempt.exercise_id, []).append(attempt)
    attempted = set(by_exercise)
    parts: list[str] = []
    for name, lessons in course.by_pillar().items():
        if pillar is not None and name != pillar:
            continue
        sections = [lesson_section(lesson, records, by_exercise) for lesson in lessons
                    if _touched(lesson, records, attempted)]
        if sections:
            parts.append(f"## {PILLAR_TITLES[name]}")
            parts.extend(sections)
    if not parts:
        return ""
    return printable("\n\n".join(["# Your notes", *parts]) + "\n")
