"""`tutor lessons validate` runs lesson code in the sandbox: hostile code is a located problem.

One tree holds a lesson per kind of hostile or careless code (a reference that
loops, forks, reads secrets, floods stdout or sends back too much; generators, args,
facts and answers that hang, raise or return nonsense). It is validated once; each
test checks the lines its lesson produced. Validation must finish, report with exit 1,
run nothing outside the sandbox, and print every problem on one clean line, at the key
of the code that failed, worded for the author (never "your code").
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tutor.authoring import validate
from tutor.authoring.validate import validate_course
from tutor.cli import main
from tutor.lessons.loader import load_course

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HANG_LIMIT_S = 5.0  # time limits shortened so the hanging cases cost seconds, not minutes
RESULT_LIMIT = 2 * 2**20  # what a child may send back, shortened likewise
HAS_TORCH = importlib.util.find_spec("torch") is not None

GOOD = """\
id: probability/{slug}
title: Bayes
pillar: probability
order: 1
summary: Update a belief with evidence.
steps:
  - kind: text
    body: A positive test raises the probability.
  - kind: exercise
    id: probability/{slug}-ex
    title: Posterior
    prompt: Write posterior.
    function: posterior
    starter: |
{starter}
    solution: |
{solution}
    cases:
      - args: "{args}"
{extra}    hints: [Think of base rates., Count every positive., Divide the true ones by all.]
"""
SOLUTION = """\
def posterior(prior, sensitivity, false_positive_rate):
    hit = prior * sensitivity
    return hit / (hit + (1 - prior) * false_positive_rate)
"""
STARTER = """\
def posterior(prior, sensitivity, false_positive_rate):
    raise NotImplementedError
"""


def _indent(code: str, by: int = 6) -> str:
    return "\n".join(" " * by + line if line else "" for line in code.rstrip("\n").split("\n"))


def _body(code: str) -> str:
    """A posterior() whose body is ``code``."""
    return "def posterior(prior, sensitivity, false_positive_rate):\n" + _indent(code, 4) + "\n"


def _lesson(slug: str, *, solution: str = SOLUTION, starter: str = STARTER,
            args: str = "0.01, 0.99, 0.05", extra: str = "", steps: str = "") -> str:
    return GOOD.format(slug=slug, solution=_indent(solution), starter=_indent(starter),
                       args=args, extra=_indent(extra, 4) + "\n" if extra else "") + steps


def _at(text: str, key_line: str, value: str | None = None) -> str:
    """``line:column`` where the loader points for a key: the first line of ``text`` that
    starts with ``key_line`` (spaces included), at ``value`` in it, else after the key."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(key_line):
            if value is not None:
                return f"{number}:{line.index(value) + 1}"
            rest = line[len(key_line):]
            return f"{number}:{len(key_line) + len(rest) - len(rest.lstrip()) + 1}"
    raise AssertionError(key_line)


SECRET = "hunter2-do-not-leak"
FACTS_OK = """\
facts:
  - {code: "np.sum([1, 2])", value: 3}
  - {code: "np.array([0.25, 0.5])", value: [0.25, 0.5]}
  - {code: "np.float32(0.5)", value: 0.5}
"""


def _lessons(secrets: Path, marker: Path) -> dict[str, str]:
    question = ("  - kind: question\n    question:\n      type: numeric\n      id: q\n"
                "      prompt: How much?\n      answer: {answer}\n      compute: \"{compute}\"\n")
    lessons = {
        "loop": _lesson("loop", solution=_body("while True:\n    pass")),
        "memory": _lesson("memory", solution=_body("x = bytearray(64 * 2**30)\nreturn 1.0")),
        "fork": _lesson("fork", solution="import os\nos.fork()\n" + SOLUTION),
        "ssh": _lesson("ssh", solution=f"KEY = open({str(secrets / '.ssh' / 'id_rsa')!r})"
                       ".read()\n" + SOLUTION),
        "home": _lesson("home", solution=_body("import os\nreturn float(len(open(os.path."
                                               "expanduser('~/.ssh/id_rsa')).read()))")),
        "progress": _lesson("progress", solution=_body(
            f"return float(len(open({str(secrets / 'data' / 'progress.db')!r}, 'rb').read()))")),
        "write": _lesson("write", solution=f"open({str(marker)!r}, 'w').write('x')\n" + SOLUTION),
        "kill": _lesson("kill", solution=_body("import os, signal\nos.kill(os.getppid(), "
                                               "signal.SIGKILL)\nreturn 1.0")),
        "flood": _lesson("flood", solution=_body(
            "print('\\x1b[2Jx.yaml:1:1: no problems\\n' * 2_000_000)\n"
            "raise ValueError('\\x1b[31mred\\nsecond line')")),
        "gen-hang": _lesson("gen-hang", extra="random:\n  - generator: |\n      def generate("
                            "rng, size):\n          while True:\n              pass"),
        "gen-scalar": _lesson("gen-scalar", extra="random:\n  - generator: |\n      def generate("
                              "rng, size):\n          return 5"),
        "gen-array": _lesson("gen-array", extra="random:\n  - generator: |\n      def generate("
                             "rng, size):\n          return rng.random((3, size))"),
        "gen-list": _lesson("gen-list", extra="random:\n  - generator: |\n      def generate("
                            "rng, size):\n          return [0.1, 0.2, 0.3]"),
        "args-hang": _lesson("args-hang", args="sum(iter(int, 1)), 0.5, 0.5"),
        "ref-huge": _lesson("ref-huge", extra="random:\n  - generator: |\n      def generate("
                            "rng, size):\n          return tuple(rng.random((3, size)))\n"
                            "    count: 20\n    sizes: [20000, 20000]"),
        "ref-changes-input": _lesson("ref-changes-input", args="np.array([0.01, 0.02]), 0.99, 0.05",
                                     solution=_body("prior[0] = 0.5\nhit = prior * sensitivity\n"
                                                    "return hit / (hit + (1 - prior) * "
                                                    "false_positive_rate)"),
                                     extra="inputs_unchanged: true"),
        "fact-bad-solution": _lesson("fact-bad-solution",
                                     solution="raise RuntimeError('bad lesson')\n" + SOLUTION,
                                     extra="facts:\n  - {code: \"1\", value: 1}"),
        "fact-huge-out": _lesson("fact-huge-out", extra="facts:\n  - {code: \"np.zeros(10**6)\", "
                                 "value: 1}"),
        "gen-raises": _lesson("gen-raises", extra="random:\n  - generator: |\n      def generate("
                              "rng, size):\n          raise KeyError('nope')"),
        "args-raise": _lesson("args-raise", args="1 / 0, 0.5, 0.5"),
        "fact-hang": _lesson("fact-hang", extra="facts:\n  - {code: \"sum(iter(int, 1))\", "
                             "value: 1}"),
        "fact-raises": _lesson("fact-raises", extra="facts:\n  - {code: \"1 / 0\", value: 1}"),
        "fact-text": _lesson("fact-text", extra="facts:\n  - {code: \"'abc'\", value: 1}"),
        "fact-huge": _lesson("fact-huge", extra="facts:\n  - {code: \"10 ** 400\", value: 1.5}"),
        "facts-numpy": _lesson("facts-numpy", extra=FACTS_OK),
        "compute-text": _lesson("compute-text", steps=question.format(answer=1,
                                                                       compute="'abc'")),
        "compute-numpy": _lesson("compute-numpy", steps=question.format(
            answer=1.5, compute="np.float32(0.5) + np.int64(1)")),
        "mistake-same": _lesson("mistake-same", extra="mistakes:\n  - name: same\n    code: |\n"
                                + _indent(SOLUTION) + "\n    message: Same as the reference."),
        "starter-same": _lesson("starter-same", starter=SOLUTION),
        "mistake-twin": _lesson("mistake-twin", extra="mistakes:\n" + "".join(
            f"  - name: {name}\n    code: |\n{_indent(_body('return prior'))}\n"
            "    message: Only the prior.\n" for name in ("first", "second")).rstrip("\n")),
        "mistake-broken": _lesson("mistake-broken", extra="mistakes:\n  - name: broken\n"
                                  "    code: |\n" + _indent("BOOM = 1 // 0\n" + _body(
                                      "return prior")) + "\n    message: Never loads."),
        "baseline-hang": _lesson("baseline-hang", extra="speed:\n  baseline: |\n    def baseline"
                                 "(prior, sensitivity, false_positive_rate):\n        while True:"
                                 "\n            pass\n  args: \"rng.random(), 0.2, 0.3\""),
        "speed-args-hang": _lesson("speed-args-hang", extra="speed:\n  baseline: |\n    def "
                                   "baseline(prior, sensitivity, false_positive_rate):\n        "
                                   "return 0.5\n  args: \"sum(iter(int, 1)) + rng.random(), "
                                   "0.2, 0.3\""),
    }
    if HAS_TORCH:
        lessons["torch"] = _lesson("torch", extra="verify_with: torch\ntorch_reference: |\n"
                                   + _indent(_body("raise RuntimeError('torch boom')"), 2))
    return lessons


class Run:
    """The tree, and what validating it reported (lines per file, relative to the root)."""

    def __init__(self, root: Path, texts: dict[str, str], lines: list[str], count: int,
                 marker: Path) -> None:
        self.root, self.texts, self.lines, self.count, self.marker = (root, texts, lines, count,
                                                                      marker)

    def of(self, slug: str) -> list[str]:
        prefix = f"probability/{slug}.yaml:"
        return [line.removeprefix(prefix) for line in self.lines if line.startswith(prefix)]

    def one(self, slug: str) -> str:
        found = self.of(slug)
        assert len(found) == 1, found
        return found[0]

    def at(self, slug: str, key_line: str, value: str | None = None) -> str:
        return _at(self.texts[slug], key_line, value)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    base = tmp_path_factory.mktemp("validate-runs")
    secrets = base / "secrets"
    (secrets / ".ssh").mkdir(parents=True)
    (secrets / ".ssh" / "id_rsa").write_text(SECRET)
    (secrets / "data").mkdir()
    (secrets / "data" / "progress.db").write_text(SECRET)
    marker = base / "written-by-lesson-code"
    root = base / "lessons"
    (root / "probability").mkdir(parents=True)
    texts = _lessons(secrets, marker)
    for slug, text in texts.items():
        (root / "probability" / f"{slug}.yaml").write_text(text)
    course = load_course(root)
    assert course.errors == [], [str(e) for e in course.errors]
    lines: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(secrets))
        patch.setenv("TUTOR_DATA_DIR", str(secrets / "data"))
        patch.setattr(validate, "FACT_TIME_LIMIT_S", HANG_LIMIT_S)
        patch.setattr("tutor.grading.lessoncode.LESSON_TIME_LIMIT_S", HANG_LIMIT_S)
        patch.setattr("tutor.grading.sandbox.LESSON_RESULT_BYTES", RESULT_LIMIT)
        count = validate_course(course, lambda e: lines.append(str(e)))
    yield Run(root, texts, [line.replace(f"{root}{os.sep}", "") for line in lines], count,
              marker)


def test_every_problem_is_one_clean_located_line(run: Run) -> None:
    assert run.count == len(run.lines) > 0
    for line in run.lines:
        assert "\n" not in line and not CONTROL.search(line), repr(line)
        assert re.match(r"probability/[a-z-]+\.yaml:\d+:\d+: steps\[\d\]\.", line), line
        assert len(line) < 700, line
    assert SECRET not in "\n".join(run.lines)
    assert not re.search(r"\byou(r)?\b", "\n".join(run.lines)), run.lines


def test_a_reference_that_never_returns(run: Run) -> None:
    assert run.one("loop") == (f"{run.at('loop', '    solution: ')}: steps[1].solution: the "
                               "reference solution did not finish the case within 5 s (time "
                               "ran out on case 1)")


def test_a_memory_bomb(run: Run) -> None:
    assert run.one("memory").startswith(f"{run.at('memory', '    solution: ')}: steps[1]."
                                        "solution: the reference solution ran out of memory "
                                        "(MemoryError) on case 1")


def test_a_fork(run: Run) -> None:
    assert run.one("fork").startswith(
        f"{run.at('fork', '    solution: ')}: steps[1].solution: the reference solution raised "
        "PermissionError while loading: blocked by the tutor sandbox: starting another process "
        "(os.fork) is not allowed | line 2, in <module>")


def test_the_home_folder_inside_the_sandbox_is_its_scratch(run: Run) -> None:
    line = run.one("home")  # ~ is the run's own empty scratch: the secret is not there
    assert line.startswith(f"{run.at('home', '    solution: ')}: steps[1].solution: the reference "
                           "solution raised FileNotFoundError ")
    assert "'/scratch/.ssh/id_rsa'" in line and SECRET not in line


@pytest.mark.parametrize("slug", ["ssh", "progress"])
def test_reading_secrets_is_blocked(run: Run, slug: str) -> None:
    line = run.one(slug)
    assert line.startswith(f"{run.at(slug, '    solution: ')}: steps[1].solution: the reference "
                           "solution raised PermissionError ")
    assert "blocked by the tutor sandbox: reading " in line
    assert "(the reference solution may only open files in its own working directory)" in line


def test_writing_files_is_blocked(run: Run) -> None:
    assert run.one("write").startswith(
        f"{run.at('write', '    solution: ')}: steps[1].solution: the reference solution raised "
        f"PermissionError while loading: blocked by the tutor sandbox: writing {run.marker}")
    assert not run.marker.exists()


def test_killing_the_parent_is_blocked(run: Run) -> None:
    line = run.one("kill")
    assert line.startswith(f"{run.at('kill', '    solution: ')}: steps[1].solution: the "
                           "reference solution raised PermissionError on case 1: blocked by the "
                           "tutor sandbox: sending signals to other processes")


def test_megabytes_of_output_and_escapes_stay_one_short_line(run: Run) -> None:
    assert run.one("flood") == (
        f"{run.at('flood', '    solution: ')}: steps[1].solution: the reference solution raised "
        "ValueError on case 1: \\x1b[31mred | second line | line 3, in posterior | raise "
        "ValueError('\\x1b[31mred\\nsecond line')")


def test_a_generator_that_never_returns(run: Run) -> None:
    assert run.one("gen-hang") == (
        f"{run.at('gen-hang', '      - generator: ')}: steps[1].random[0].generator: the "
        "generator did not finish in time on random case #1 (size 1): the reference run has 5 s "
        "for all its cases")


def test_case_args_that_never_finish(run: Run) -> None:
    assert run.one("args-hang") == (
        f"{run.at('args-hang', '      - args: ')}: steps[1].cases[0].args: the args of case 1 did "
        "not finish in time: the reference run has 5 s for all its cases")


def test_a_generator_that_returns_no_tuple(run: Run) -> None:
    def line(slug: str, returned: str) -> str:
        return (f"{run.at(slug, '      - generator: ')}: steps[1].random[0].generator: "
                f"generate() must return a tuple of the positional arguments; it returned "
                f"{returned}")

    assert run.one("gen-scalar") == line("gen-scalar", "int")
    assert run.one("gen-array") == line("gen-array", "ndarray")


def test_a_generator_that_returns_a_list_is_taken_as_one_argument(run: Run) -> None:
    assert run.one("gen-list") == (
        f"{run.at('gen-list', '    solution: ')}: steps[1].solution: the reference solution "
        "raised TypeError on random case #1 (size 1): posterior() missing 2 required positional "
        "arguments: 'sensitivity' and 'false_positive_rate'")


def test_a_generator_that_raises(run: Run) -> None:
    assert run.one("gen-raises") == (
        f"{run.at('gen-raises', '      - generator: ')}: steps[1].random[0].generator: the "
        "generator raised KeyError on random case #1 (size 1): 'nope'")


def test_case_args_that_raise(run: Run) -> None:
    assert run.one("args-raise") == (
        f"{run.at('args-raise', '      - args: ')}: steps[1].cases[0].args: the args of case 1 "
        "raised ZeroDivisionError: division by zero")


def test_a_reference_that_sends_back_too_much(run: Run) -> None:
    line = run.one("ref-huge")
    prefix = f"{run.at('ref-huge', '      - generator: ', 'generator')}: steps[1].random[0]: "
    assert line.startswith(prefix), line
    assert re.fullmatch(r"the reference solution sent back more data than the grader accepts "
                        r"\(2\.\d MB; limit 2 MB\) by random case #\d+ \(size 20000\): the "
                        r"inputs and output of every case travel back; use fewer or smaller "
                        r"cases", line.removeprefix(prefix)), line


def test_a_reference_failing_its_own_checks_is_worded_for_the_author(run: Run) -> None:
    assert run.one("ref-changes-input") == (
        f"{run.at('ref-changes-input', '    solution: ')}: steps[1].solution: reference solution "
        "does not pass its own checks: case 1: the reference solution changed its input prior in "
        "place; work on a copy (prior.copy())")


def test_facts_that_hang_raise_or_are_not_numbers(run: Run) -> None:
    def fact(slug: str) -> str:
        return f"{run.at(slug, '      - {code', '{')}: steps[1].facts[0]: "

    assert run.one("fact-hang") == (f"{fact('fact-hang')}fact code fails: took longer than "
                                    f"{HANG_LIMIT_S:g} s")
    assert run.one("fact-raises") == (f"{fact('fact-raises')}fact code fails: ZeroDivisionError:"
                                      " division by zero")
    assert run.one("fact-text") == (f"{fact('fact-text')}fact code must give a number (or a list "
                                    "of numbers), but gives str 'abc'")
    assert run.one("fact-huge") in (  # a number beyond any float: refused either side
        f"{fact('fact-huge')}fact code fails: OverflowError: int too large to convert to float",
        f"{fact('fact-huge')}the text states 1.5 but the code computes {repr(10**400)[:117]}...")


def test_facts_of_a_broken_solution_or_too_large(run: Run) -> None:
    fact = "      - {code"
    assert run.of("fact-bad-solution") == [
        f"{run.at('fact-bad-solution', fact, '{')}: steps[1].facts[0]: fact code fails: the "
        "reference solution raised RuntimeError while loading: bad lesson | line 1, in <module> "
        "| raise RuntimeError('bad lesson')",
        f"{run.at('fact-bad-solution', '    solution: ')}: steps[1].solution: the reference "
        "solution raised RuntimeError while loading: bad lesson | line 1, in <module> | raise "
        "RuntimeError('bad lesson')",
    ]
    assert run.one("fact-huge-out") == (
        f"{run.at('fact-huge-out', fact, '{')}: steps[1].facts[0]: fact code fails: it sent back "
        "more data than the grader accepts (11 MB; limit 2 MB)")


def test_numpy_results_back_facts_and_answers(run: Run) -> None:
    assert run.of("facts-numpy") == []
    assert run.of("compute-numpy") == []


def test_a_compute_that_returns_text(run: Run) -> None:
    assert run.one("compute-text") == (
        f"{run.at('compute-text', '      compute: ')}: steps[2].question.compute: compute must "
        "give a number (or a list of numbers), but gives str 'abc'")


def test_a_mistake_identical_to_the_solution(run: Run) -> None:
    assert run.one("mistake-same") == (
        f"{run.at('mistake-same', '      - name: ', 'name')}: steps[1].mistakes[0]: mistake 'same' "
        "passes the checks: add a case that tells it from the reference")


def test_mistakes_not_recognised_as_themselves(run: Run) -> None:
    """Each mistake runs once (its learner run stands in for the lesson's run of the
    mistakes); one that is not recognised as itself is still reported, worded as before."""
    assert run.one("mistake-twin") == (
        f"{run.at('mistake-twin', '      - name: second', 'name')}: steps[1].mistakes[1]: mistake "
        "'second' fails but is not recognised as itself (recognised as 'first')")
    assert run.one("mistake-broken") == (
        f"{run.at('mistake-broken', '      - name: ', 'name')}: steps[1].mistakes[0]: mistake "
        "'broken' fails but is not recognised as itself (failed as: it raised "
        "ZeroDivisionError: integer division or modulo by zero while loading | line 1, in "
        "<module> | BOOM = 1 // 0)")


def test_a_starter_identical_to_the_solution(run: Run) -> None:
    assert run.one("starter-same") == (
        f"{run.at('starter-same', '    starter: ')}: steps[1].starter: starter code already "
        "passes: the learner has nothing to do")


def test_a_speed_check_whose_baseline_or_args_hang(run: Run) -> None:
    assert run.one("baseline-hang") == (
        f"{run.at('baseline-hang', '      baseline: ')}: steps[1].speed.baseline: the speed "
        "baseline did not finish within 5 s")
    assert run.one("speed-args-hang") == (
        f"{run.at('speed-args-hang', '      args: ')}: steps[1].speed.args: building the speed "
        "check's args did not finish within 5 s")


@pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed")
def test_a_torch_reference_that_raises(run: Run) -> None:
    assert run.one("torch") == (
        f"{run.at('torch', '    torch_reference: ')}: steps[1].torch_reference: the torch "
        "reference raised RuntimeError on case 1: torch boom | line 2, in posterior | raise "
        "RuntimeError('torch boom')")


def test_cli_exits_1_with_the_problem_lines(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "lessons"
    (root / "probability").mkdir(parents=True)
    a = _lesson("a", starter=SOLUTION)
    b = _lesson("b", extra='facts:\n  - {code: "1 / 0", value: 1}')
    (root / "probability" / "01-a.yaml").write_text(a)
    (root / "probability" / "02-b.yaml").write_text(b)
    assert main(["lessons", "validate", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{root}/probability/01-a.yaml:{_at(a, '    starter: ')}: steps[1].starter: starter code "
        "already passes: the learner has nothing to do",
        f"{root}/probability/02-b.yaml:{_at(b, '      - {code', '{')}: steps[1].facts[0]: fact "
        "code fails: ZeroDivisionError: division by zero",
    ]
    assert err.strip() == f"2 lessons, 2 exercises in {root}: 2 problems"


@pytest.mark.slow
def test_the_shipped_course_has_no_problems(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lessons", "validate"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err.strip().endswith(": no problems")
    # unchanged: answered from the cache, the same report
    assert main(["lessons", "validate"]) == 0
    assert capsys.readouterr() == (out, err)
