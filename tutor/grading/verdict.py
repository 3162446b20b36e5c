"""What grading returns: plain dataclasses, JSON-ready through ``to_json``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tutor.grading.refusals import Refusal

if TYPE_CHECKING:
    from tutor.grading.plotdata import PlotData

Status = Literal["passed", "failed", "error", "timeout", "memory", "killed"]
# What each status means, in one line for the learner (the app's result panel, `tutor notes`).
STATUS_TEXT: dict[str, str] = {
    "passed": "✓ Passed: every case matches the reference.",
    "failed": "✗ Not yet: some cases differ from the reference.",
    "error": "✗ Your code raised an error.",
    "timeout": "⏱ Time limit reached: the code ran too long (an endless loop?).",
    "memory": "✗ Memory limit reached: the code used too much memory.",
    "killed": "✗ The run was stopped.",
}


class _Text:
    """A text field of :class:`CaseResult`, made from its ``texts`` on first use."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_{name}"

    def __get__(self, case: CaseResult | None, owner: type | None = None) -> Any:
        if case is None:
            return self
        case._fill()
        return getattr(case, self.slot)

    def __set__(self, case: CaseResult, value: str) -> None:
        case._fill()
        setattr(case, self.slot, value)


class CaseResult:
    """One case as the learner sees it; values are short texts, not the values.

    ``texts``, when given, makes ``inputs``, ``expected`` and ``got`` on first use (a
    passing case's texts are rarely read, and describing every value of every case would
    cost more than judging them). ``where``: for a wrong 1-D or 2-D array, which entries
    differ (:func:`tutor.grading.feedback_values.difference_map`).
    """

    def __init__(self, name: str, passed: bool, inputs: str = "", expected: str = "",
                 got: str = "", message: str = "", note: str | None = None,
                 texts: Callable[[], tuple[str, str, str]] | None = None,
                 where: str = "") -> None:
        self.name = name
        self.passed = passed
        self._inputs, self._expected, self._got = inputs, expected, got
        self.message = message
        self.note = note
        self.where = where  # a failing array's map of differing entries, or ""
        self._texts = texts

    inputs = _Text()
    expected = _Text()
    got = _Text()

    def _fill(self) -> None:
        if self._texts is not None:
            texts, self._texts = self._texts, None
            self._inputs, self._expected, self._got = texts()

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "inputs": self.inputs,
                "expected": self.expected, "got": self.got, "message": self.message,
                "note": self.note, "where": self.where}

    def __repr__(self) -> str:
        return f"CaseResult({self.name!r}, passed={self.passed}, message={self.message!r})"


@dataclass
class LessonProblem:
    """Lesson code that failed, not the learner's: worded for the lesson's author.

    ``part`` names the code: ``solution`` (the reference, or torch_reference when the
    exercise verifies with torch), ``args`` (a fixed case's args), ``generator`` (a random
    block's generator), ``data`` (the cases together sent back too much), ``baseline`` or
    ``speed_args`` (the speed check's), ``grader`` (the grader itself could not run).
    ``case``: the index in :func:`tutor.grading.cases.plan` of the case it happened on.
    ``key``: the YAML key path of that code inside the exercise step, e.g.
    ``("cases", 2, "args")`` (set by :func:`tutor.grading.reference.locate`).
    """

    part: str
    message: str
    case: int | None = None
    key: tuple[str | int, ...] = field(default=(), compare=False)  # follows part and case


@dataclass(frozen=True)
class Diagnosis:
    """A named cause of a failure: a lesson's known mistake, or a generic diagnosis
    (:mod:`tutor.grading.diagnose`, :mod:`tutor.grading.mutations`)."""

    name: str  # e.g. "sum-of-sums", "ratio-bits-vs-nats", "transposed"
    message: str


@dataclass
class Verdict:
    """The outcome of checking one submission against one exercise.

    Each grading step fills its own fields; what the learner reads is made from them in
    one place (:attr:`headline`, :attr:`messages`), never edited afterwards:

    - ``problems``: what stopped the grading short of the cases deciding it, each a
      sentence (the code does not parse, each forbidden call, the process ended badly,
      the lesson's code or the grader failed, the speed check failed); empty otherwise;
    - ``failing``: the case shown (random cases shrunk), with its inputs and values;
    - ``known_mistake``: the lesson's listed mistake the code behaves like, if any;
    - ``diagnoses``: generic causes found when no listed mistake matched;
    - ``speed``: the speed check's case, when it ran (also the last of ``cases``);
    - ``refusals``: what the sandbox refused the code (even when the code caught it).
    """

    exercise: str
    status: Status
    cases: list[CaseResult] = field(default_factory=list)
    failing: CaseResult | None = None
    _: KW_ONLY
    problems: list[str] = field(default_factory=list)
    known_mistake: Diagnosis | None = None
    diagnoses: list[Diagnosis] = field(default_factory=list)
    speed: CaseResult | None = None
    refusals: list[Refusal] = field(default_factory=list)
    stdout: str = ""
    duration_ms: float = 0.0
    plot_data: PlotData | None = None  # set for an exercise with a plot
    lesson_problem: LessonProblem | None = None  # set when the lesson's own code failed

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @property
    def mistake(self) -> str | None:
        """The name of the known mistake matched (what progress records), or None."""
        return self.known_mistake.name if self.known_mistake else None

    @property
    def diagnosis(self) -> str | None:
        """The name of the first generic diagnosis, or None."""
        return self.diagnoses[0].name if self.diagnoses else None

    @property
    def case_headline(self) -> bool:
        """True when the headline is the failing case's name and message."""
        return not self.problems and self.failing is not None

    @property
    def headline(self) -> str:
        """The first sentence: what stopped grading, the failing case, or all passed."""
        if self.problems:
            return self.problems[0]
        if self.failing is not None:
            return f"{self.failing.name}: {self.failing.message}"
        if self.passed:
            return f"all {len(self.judged_cases)} cases passed"
        return ""

    @property
    def judged_cases(self) -> list[CaseResult]:
        """The cases compared with the reference (a speed check is not one of them)."""
        return [case for case in self.cases if case is not self.speed]

    @property
    def notes(self) -> list[str]:
        """What follows the headline and the other problems: the known mistake's words, or
        the diagnoses and the failing case's note (a known mistake says it better); how
        fast a passing speed check found the code."""
        if self.known_mistake is not None:
            notes = [self.known_mistake.message]
        else:
            notes = [d.message for d in self.diagnoses]
            if self.failing is not None and self.failing.note:
                notes.append(self.failing.note)
        if self.speed is not None and self.speed.passed:
            notes.append(self.speed.got)
        return notes

    @property
    def details(self) -> list[str]:
        """What follows the headline: the other problems, the notes, the refusals."""
        return self.problems[1:] + self.notes + [r.stopped for r in self.refusals]

    @property
    def messages(self) -> list[str]:
        """Everything to say, in order: the headline, then the details."""
        return ([self.headline] if self.headline else []) + self.details

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data (non-finite plot values become null). ``messages`` is what
        ``tutor check`` prints; the other keys are the fields it is made from."""
        return {
            "exercise": self.exercise,
            "status": self.status,
            "passed": self.passed,
            "cases": [c.to_json() for c in self.cases],
            "failing": self.failing.to_json() if self.failing else None,
            "messages": self.messages,
            "headline": self.headline,
            "problems": list(self.problems),
            "notes": self.notes,
            "mistake": self.mistake,
            "known_mistake": asdict(self.known_mistake) if self.known_mistake else None,
            "diagnosis": self.diagnosis,
            "diagnoses": [asdict(d) for d in self.diagnoses],
            "refusals": [r.to_wire() for r in self.refusals],
            "stdout": self.stdout,
            "duration_ms": round(self.duration_ms, 3),
            "plot_data": self.plot_data.to_json() if self.plot_data else None,
            "lesson_problem": asdict(self.lesson_problem) if self.lesson_problem else None,
        }


@dataclass
class RunResult:
    """A plain run of the first fixed case, without grading (the app's Run button)."""

    ok: bool
    stdout: str = ""
    value_repr: str = ""
    error: str | None = None
    duration_ms: float = 0.0


@dataclass
class Outcome:
    """One evaluated expression: its plain value, or the error it raised."""

    expression: str
    ok: bool
    value: Any = None
    text: str = ""
    error: str | None = None
