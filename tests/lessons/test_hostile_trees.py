"""A malicious or careless course author: every broken tree gives located errors.

Each case asserts the exact ``file:line:col: key.path: message`` line, and that
loading neither raises, hangs, runs code, nor prints raw control characters.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.lessons import loader, tree
from tutor.lessons.loader import load_course

WriteTree = Callable[..., Path]
FILE = "probability/01-x.yaml"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _errors(root: Path) -> list[str]:
    """The errors of loading ``root``, paths relative to it; each one clean line."""
    course = load_course(root)
    lines = [str(e) for e in course.errors]
    for line in lines:
        assert "\n" not in line and not CONTROL.search(line), repr(line)
    return [line.replace(f"{root}{os.sep}", "") for line in lines]


def _one(root: Path) -> str:
    errors = _errors(root)
    assert len(errors) == 1, errors
    return errors[0]


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# (id, edit of the good lesson, the one error line expected). Lines of GOOD_LESSON:
# 1 id, 2 title, 4 order, 6 steps, 9 exercise, 17 solution, 22 args, 23 hints, 30 answer
def _title(value: str) -> Callable[[str], str]:
    return lambda t: _edit(t, "title: Bayes\n", f"title: {value}\n")


def _after_title(lines: str) -> Callable[[str], str]:
    return lambda t: _edit(t, "title: Bayes\n", f"title: Bayes\n{lines}")


def _exercise_key(lines: str) -> Callable[[str], str]:
    return lambda t: _edit(t, "    hints:", f"{lines}\n    hints:")


def _numeric(answer: str, tolerance: str) -> Callable[[str], str]:
    step = ("  - kind: question\n    question: {type: numeric, id: n, prompt: p, "
            f"answer: {answer}, tolerance: {tolerance}}}\n")
    return lambda t: t + step


TAG = "unsupported YAML value with tag"
FINITE = "is not allowed: numbers in lessons must be finite"
BOOL = "(YAML reads yes/no/on/off/true/false as true or false)"


def _tagged(tag: str) -> str:
    return f"{FILE}:2:8: title: {TAG} {tag!r} (only plain data is allowed)"


CASES: list[tuple[str, Callable[[str], str], str]] = [
    # YAML tags: nothing but plain data, and a value that does not fit its tag is located
    ("python-name", _title("!!python/name:os.system"),
     _tagged("tag:yaml.org,2002:python/name:os.system")),
    ("python-module", _title("!!python/module:os"), _tagged("tag:yaml.org,2002:python/module:os")),
    ("binary", _title("!!binary aGVsbG8="), _tagged("tag:yaml.org,2002:binary")),
    ("set", _title("!!set {a, b}"), _tagged("tag:yaml.org,2002:set")),
    ("omap", _title("!!omap [a: 1]"), _tagged("tag:yaml.org,2002:omap")),
    ("custom-tag", _title("!foo Bayes"), _tagged("!foo")),
    ("verbatim-tag", _title("!<tag:evil.example,2000:x> Bayes"),
     _tagged("tag:evil.example,2000:x")),
    ("int-tag-on-text", _title("!!int Bayes"),
     f"{FILE}:2:8: title: cannot read 'Bayes' as a YAML int (invalid literal for int() with "
     "base 10: 'Bayes'): quote it if it is text"),
    ("bool-tag-on-text", _title("!!bool maybe"),
     f"{FILE}:2:8: title: cannot read 'maybe' as a YAML bool ('maybe'): quote it if it is text"),
    ("impossible-date", _title("2001-02-30"),
     f"{FILE}:2:8: title: cannot read '2001-02-30' as a YAML timestamp (day is out of range "
     "for month): quote it if it is text"),
    ("five-thousand-digits", lambda t: _edit(t, "order: 1", "order: " + "9" * 5000),
     f"{FILE}:4:8: order: cannot read '{'9' * 40}'... as a YAML int (too many digits): "
     "quote it if it is text"),
    ("four-hundred-digits", lambda t: _edit(t, "order: 1", "order: " + "9" * 400),
     f"{FILE}:4:8: order: number is too large (over 300 digits)"),
    # keys: merge keys, non-text keys, duplicates at any depth
    ("merge-key", _after_title("<<: {order: 1}\n"),
     f"{FILE}:3:1: YAML merge keys (<<) are not supported"),
    ("merge-in-a-list", _after_title("x: [<<]\n"),
     f"{FILE}:3:5: x[0]: YAML merge keys (<<) are not supported"),
    ("list-key", _after_title("? [a]\n: x\n"), f"{FILE}:3:3: keys must be plain text"),
    ("mapping-key", _after_title("? {a: 1}\n: x\n"), f"{FILE}:3:3: keys must be plain text"),
    ("number-key", _after_title("1: x\n"),
     f"{FILE}:3:1: 1: unknown key '1' (allowed here: facts, id, key_points, order, "
     "pillar, prerequisites, steps, summary, title)"),
    ("null-key", _after_title("~: x\n"),
     f"{FILE}:3:1: ['~']: unknown key '~' (allowed here: facts, id, key_points, "
     "order, pillar, prerequisites, steps, summary, title)"),
    ("key-with-a-dot", _after_title('"a.b[0]": x\n'),
     f"{FILE}:3:1: ['a.b[0]']: unknown key 'a.b[0]' (allowed here: facts, id, key_points, "
     "order, pillar, prerequisites, steps, summary, title)"),
    ("key-with-an-escape", _after_title('"\\e[31mred": x\n'),
     f"{FILE}:3:1: key contains the control character U+001B"),
    ("duplicate-number-key", _after_title("1: x\n'1': y\n"),
     f"{FILE}:4:1: 1: duplicate key '1' (first defined on line 3)"),
    ("duplicate-nested-key", lambda t: _edit(t, "    title: Posterior\n",
                                             "    title: Posterior\n    title: Again\n"),
     f"{FILE}:12:5: steps[1].title: duplicate key 'title' (first defined on line 11)"),
    # characters
    ("tab-indent", lambda t: _edit(t, "  - kind: text", "\t- kind: text"),
     f"{FILE}:7:1: tab character: indent with spaces (YAML: found character '\\t' that cannot "
     "start any token)"),
    ("raw-nul", _title("Ba\x00yes"),
     f"{FILE}:2:10: character U+0000 is not allowed in a YAML file (a control character: "
     "delete it)"),
    ("raw-bell", _title("Ba\x07yes"),
     f"{FILE}:2:10: character U+0007 is not allowed in a YAML file (a control character: "
     "delete it)"),
    ("escape-in-text", _title('"\\e[2J\\e]0;pwned\\a"'),
     f"{FILE}:2:8: title: text contains the invisible or control character U+001B (written as "
     "an escape?): lessons may not hold terminal control codes or bidirectional overrides"),
    ("nul-escape-in-prompt", lambda t: _edit(t, "prompt: Write posterior.",
                                             'prompt: "Write\\0 posterior."'),
     f"{FILE}:12:13: steps[1].prompt: text contains the invisible or control character U+0000 "
     "(written as an escape?): lessons may not hold terminal control codes or bidirectional "
     "overrides"),
    ("bidi-override-in-code", lambda t: _edit(
        t, "    starter: |\n", '    starter: "def posterior(p, s, f):  # \\u202e x\\n"\n'
        "    startr: |\n"),
     f"{FILE}:14:14: steps[1].starter: text contains the invisible or control character U+202E "
     "(written as an escape?): lessons may not hold terminal control codes or bidirectional "
     "overrides"),
    ("bad-unicode-escape", _title('"\\ud800"'),
     f"{FILE}:2:11: found invalid Unicode character escape code"),
    # numbers: YAML 1.1 surprises, non-finite values, ranges
    ("nan-tolerance", _numeric("1", ".nan"),
     f"{FILE}:32:71: steps[3].question.tolerance: '.nan' {FINITE} (YAML reads .nan and .inf "
     "as not-a-number and infinity)"),
    ("plain-nan-tolerance", _numeric("1", "nan"),
     f"{FILE}:32:71: steps[3].question.tolerance: the value should be greater than or equal "
     "to 0, got 'nan'"),
    ("inf-answer", _numeric(".inf", "0.1"),
     f"{FILE}:32:57: steps[3].question.answer: '.inf' {FINITE} (YAML reads .nan and .inf as "
     "not-a-number and infinity)"),
    ("text-inf-answer", _numeric("'inf'", "0.1"),
     f"{FILE}:32:57: steps[3].question.answer: 'inf' {FINITE}"),
    ("overflowing-tolerance", _numeric("1", "1e999"),
     f"{FILE}:32:71: steps[3].question.tolerance: '1e999' {FINITE}"),
    ("inf-rtol", _exercise_key("    compare: {rtol: .inf}"),
     f"{FILE}:23:21: steps[1].compare.rtol: '.inf' {FINITE} (YAML reads .nan and .inf as "
     "not-a-number and infinity)"),
    ("nan-time-limit", _exercise_key("    time_limit: .NaN"),
     f"{FILE}:23:17: steps[1].time_limit: '.NaN' {FINITE} (YAML reads .nan and .inf as "
     "not-a-number and infinity)"),
    ("nan-fact", _exercise_key("    facts:\n      - {code: '1', value: [1.0, .nan]}"),
     f"{FILE}:24:34: steps[1].facts[0].value[1]: '.nan' {FINITE} (YAML reads .nan and .inf "
     "as not-a-number and infinity)"),
    ("negative-time-limit", _exercise_key("    time_limit: -1"),
     f"{FILE}:23:17: steps[1].time_limit: the value should be greater than 0, got -1"),
    ("huge-time-limit", _exercise_key("    time_limit: 1e9"),
     f"{FILE}:23:17: steps[1].time_limit: the value should be less than or equal to 60, got "
     "'1e9'"),
    ("yes-as-order", lambda t: _edit(t, "order: 1", "order: yes"),
     f"{FILE}:4:8: order: expected a whole number, got true {BOOL}"),
    ("on-as-choice-answer", lambda t: _edit(t, "      answer: 0", "      answer: on"),
     f"{FILE}:30:15: steps[2].question.answer: expected a whole number, got true {BOOL}"),
    ("no-as-numeric-answer", _numeric("no", "0.1"),
     f"{FILE}:32:57: steps[3].question.answer: expected a number, got false {BOOL}"),
    ("negative-choice-answer", lambda t: _edit(t, "      answer: 0", "      answer: -1"),
     f"{FILE}:30:15: steps[2].question.answer: the value should be greater than or equal to "
     "0, got -1"),
    ("sexagesimal-title", _title("1:20"),
     f"{FILE}:2:8: title: expected text, got '1:20', which YAML reads as the number 80 (quote "
     "it if it is text)"),
    ("date-title", _title("2001-12-14"),
     f"{FILE}:2:8: title: expected text, got the date 2001-12-14 (YAML reads it as a date: "
     "quote it)"),
    ("null-list", lambda t: _edit(t, "    hints: [Think of base rates., Count the positives., "
                                  "Divide true positives by all positives.]",
                                  "    hints:"),
     f"{FILE}:23:11: steps[1].hints: expected a list (lines starting with '- '), got nothing "
     "(an empty value)"),
    ("union-of-types", _exercise_key("    facts:\n      - {code: '1', value: abc}"),
     f"{FILE}:24:28: steps[1].facts[0].value: expected a number, true or false or a list "
     "(lines starting with '- '), got str 'abc'"),
    # ids
    ("id-path-traversal", lambda t: _edit(t, "id: probability/bayes-basics",
                                          "id: ../../etc/passwd"),
     f"{FILE}:1:5: id: must be pillar/slug: lowercase letters, digits and '-' on each side of "
     "one '/' (e.g. probability/bayes-rule); got '../../etc/passwd'"),
    ("id-uppercase", lambda t: _edit(t, "id: probability/bayes-basics", "id: probability/Bayes"),
     f"{FILE}:1:5: id: must be pillar/slug: lowercase letters, digits and '-' on each side of "
     "one '/' (e.g. probability/bayes-rule); got 'probability/Bayes'"),
    ("id-unicode", lambda t: _edit(t, "id: probability/bayes-basics", "id: probability/bayés"),
     f"{FILE}:1:5: id: must be pillar/slug: lowercase letters, digits and '-' on each side of "
     "one '/' (e.g. probability/bayes-rule); got 'probability/bayés'"),
    ("lesson-id-in-another-pillar", lambda t: _edit(t, "id: probability/bayes-basics",
                                                    "id: calculus/bayes-basics"),
     f"{FILE}:1:5: id: lesson id 'calculus/bayes-basics' must start with its pillar "
     "'probability'/"),
    ("exercise-in-another-pillar", lambda t: _edit(t, "id: probability/bayes\n",
                                                   "id: calculus/bayes\n"),
     f"{FILE}:10:9: steps[1].id: exercise id must start with the pillar 'probability'/"),
    ("function-not-a-name", lambda t: _edit(t, "function: posterior", "function: pöst"),
     f"{FILE}:13:15: steps[1].function: must be a Python name: letters, digits and '_', not "
     "starting with a digit; got 'pöst'"),
    ("prerequisite-is-itself", lambda t: _edit(
        t, "steps:\n", "prerequisites: [probability/bayes-basics]\nsteps:\n"),
     f"{FILE}:6:17: prerequisites[0]: a lesson cannot be its own prerequisite"),
    # code Python cannot even parse
    ("deeply-nested-code", lambda t: _edit(t, "hit = prior * sensitivity",
                                           "hit = " + "-" * 15000 + "1"),
     f"{FILE}:17:15: steps[1].solution: code is nested too deeply for Python to parse"),
    ("torch-without-verify", _exercise_key("    torch_reference: |\n      def posterior(a, b, "
                                           "c):\n          return a"),
     f"{FILE}:23:22: steps[1].torch_reference: torch_reference is only used with "
     "verify_with: torch"),
]


@pytest.mark.parametrize(("edit", "expected"), [pytest.param(e, x, id=i) for i, e, x in CASES])
def test_hostile_file_gives_one_located_error(
    write_tree: WriteTree, GOOD_LESSON: str, edit: Callable[[str], str], expected: str
) -> None:
    text = edit(GOOD_LESSON)
    root = write_tree({})
    (root / "probability").mkdir()
    (root / FILE).write_bytes(text.encode("utf-8"))
    assert _one(root) == expected


def test_a_python_tag_deep_inside_runs_nothing(write_tree: WriteTree, GOOD_LESSON: str,
                                               tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    bad = _edit(GOOD_LESSON, "      - args: \"0.01, 0.99, 0.05\"",
                f"      - args: !!python/object/apply:os.system ['touch {marker}']")
    error = _one(write_tree({FILE: bad}))
    assert error.startswith(f"{FILE}:22:15: steps[1].cases[0].args: {TAG}")
    assert not marker.exists()


def test_deep_block_nesting_is_refused(write_tree: WriteTree) -> None:
    text = "".join("  " * i + "a:\n" for i in range(60)) + "  " * 60 + "b: 1\n"
    deepest = ".".join(["a"] * 41)
    expected = f"{FILE}:42:83: {deepest}: nested deeper than 40 levels"
    assert _one(write_tree({FILE: text})) == expected


def test_deep_flow_nesting_is_refused(write_tree: WriteTree) -> None:
    error = _one(write_tree({FILE: "a: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"}))
    assert error.startswith(f"{FILE}:1:") and "nested deeper than 40 levels" in error


def test_too_many_nodes_is_refused(write_tree: WriteTree) -> None:
    error = _one(write_tree({FILE: "a: [" + "1," * 250_000 + "1]\n"}))
    assert re.fullmatch(rf"{FILE}:1:\d+: a\[\d+\]: file has more than 200000 YAML nodes", error)


def test_a_huge_scalar_is_refused_by_length(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    big = _edit(GOOD_LESSON, "summary: Update a belief with evidence.", "summary: " + "x" * 900_000)
    (error,) = [e for e in _errors(write_tree({FILE: big}))]
    assert error == f"{FILE}:5:10: summary: String should have at most 20000 characters"


def test_many_unknown_keys_are_capped_per_file(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    keys = "".join(f"k{i}: 1\n" for i in range(50_000))
    errors = _errors(write_tree({FILE: GOOD_LESSON + keys}))
    assert len(errors) == loader.MAX_ERRORS_PER_FILE + 1
    assert errors[0] == (f"{FILE}:31:1: k0: unknown key 'k0' (allowed here: facts, id, "
                         "key_points, order, pillar, prerequisites, steps, summary, title)")
    assert errors[-1] == (f"{FILE}:1:1: ... more problems in this file are not shown (fix the "
                          "ones above first)")


def test_a_long_message_is_shortened(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    advice = ", ".join(f"k{i}: x" for i in range(5_000))
    error = _one(write_tree({FILE: _edit(GOOD_LESSON, "    hints:",
                                         f"    forbidden_advice: {{{advice}}}\n    hints:")}))
    assert error.startswith(f"{FILE}:23:23: steps[1].forbidden_advice: forbidden_advice for "
                            "calls not in forbidden: ['k0', 'k1', ")
    assert error.endswith("...") and len(error) < 400


# ---- encodings and line endings


def test_crlf_line_endings_load_like_lf(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    lf = load_course(write_tree({FILE: GOOD_LESSON}))
    crlf_root = write_tree({})
    (crlf_root / FILE).write_bytes(GOOD_LESSON.replace("\n", "\r\n").encode())
    crlf = load_course(crlf_root)
    assert crlf.errors == [] and lf.errors == []
    assert crlf.lessons[0].model_dump() == lf.lessons[0].model_dump()
    assert "\r" not in crlf.exercise("probability/bayes").solution


def test_a_bom_loads(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    root = write_tree({})
    (root / "probability").mkdir()
    (root / FILE).write_bytes(b"\xef\xbb\xbf" + GOOD_LESSON.encode())
    course = load_course(root)
    assert course.errors == [] and course.lessons[0].id == "probability/bayes-basics"


@pytest.mark.parametrize(("data", "expected"), [
    (b"id: probability/x\ntitle: Ba\xc3\x28yes\n", f"{FILE}:2:10: not UTF-8 text (byte 27, "
     "0xc3): save the file as UTF-8"),
    ("id: x\n".encode("utf-16"), f"{FILE}:1:1: not UTF-8 text (byte 0, 0xff): save the file as "
     "UTF-8"),
    ("title: Bayés\n".encode("latin-1"), f"{FILE}:1:11: not UTF-8 text (byte 10, 0xe9): save "
     "the file as UTF-8"),
    (b"", f"{FILE}:1:1: file is empty: a lesson needs id, title, pillar, steps..."),
    (b"  \n\n# only a comment\n", f"{FILE}:1:1: file is empty: a lesson needs id, title, pillar, "
     "steps..."),
    (b"~\n", f"{FILE}:1:1: a lesson file must be a mapping of keys (id, title, pillar, order, "
     "summary, steps)"),
])
def test_bad_bytes(write_tree: WriteTree, data: bytes, expected: str) -> None:
    root = write_tree({})
    (root / "probability").mkdir()
    (root / FILE).write_bytes(data)
    assert _one(root) == expected


def test_numbers_written_the_yaml_1_1_way_still_work(write_tree: WriteTree,
                                                     GOOD_LESSON: str) -> None:
    text = _exercise_key("    time_limit: 1e1\n    compare: {rtol: 1e-6, atol: 1.0e-9}\n"
                         "    facts:\n      - {code: '1e-6', value: 1e-6, tolerance: 1e-12}")(
        GOOD_LESSON) + _numeric("1e-6", "1e-9")("")
    course = load_course(write_tree({FILE: text}))
    assert course.errors == []
    ex = course.exercise("probability/bayes")
    assert ex.time_limit == 10.0 and ex.compare.rtol == 1e-6 and ex.compare.atol == 1e-9
    assert ex.facts[0].value == 1e-6 and isinstance(ex.facts[0].value, float)
    assert course.lessons[0].steps[3].question.answer == 1e-6  # type: ignore[union-attr]


# ---- the tree: prerequisites across lessons


def _lesson(GOOD_LESSON: str, slug: str, prerequisites: list[str]) -> str:
    text = _edit(GOOD_LESSON, "id: probability/bayes-basics", f"id: probability/{slug}")
    text = _edit(text, "id: probability/bayes\n", f"id: probability/{slug}-ex\n")
    return _edit(text, "steps:\n", f"prerequisites: [{', '.join(prerequisites)}]\nsteps:\n")


def test_prerequisite_cycle_is_reported_once(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    root = write_tree({
        "probability/01-a.yaml": _lesson(GOOD_LESSON, "a", ["probability/b"]),
        "probability/02-b.yaml": _lesson(GOOD_LESSON, "b", ["probability/c"]),
        "probability/03-c.yaml": _lesson(GOOD_LESSON, "c", ["probability/a"]),
        "probability/04-d.yaml": _lesson(GOOD_LESSON, "d", ["probability/a", "probability/d"]),
    })
    assert sorted(_errors(root)) == [
        "probability/03-c.yaml:6:17: prerequisites[0]: prerequisite cycle: probability/a → "
        "probability/b → probability/c → probability/a",
        "probability/04-d.yaml:6:32: prerequisites[1]: a lesson cannot be its own prerequisite",
    ]


def test_two_lesson_cycle(write_tree: WriteTree, GOOD_LESSON: str) -> None:
    root = write_tree({
        "probability/01-a.yaml": _lesson(GOOD_LESSON, "a", ["probability/b"]),
        "probability/02-b.yaml": _lesson(GOOD_LESSON, "b", ["probability/a"]),
    })
    assert _one(root) == ("probability/02-b.yaml:6:17: prerequisites[0]: prerequisite cycle: "
                          "probability/a → probability/b → probability/a")


def test_a_long_prerequisite_chain_is_not_a_cycle(write_tree: WriteTree,
                                                  GOOD_LESSON: str) -> None:
    files = {f"probability/{i:04d}-l{i}.yaml": _lesson(
        GOOD_LESSON, f"l{i}", [f"probability/l{i - 1}"] if i else []) for i in range(1500)}
    course = load_course(write_tree(files))
    assert course.errors == [] and len(course.lessons) == 1500


# ---- the file system: links, special files, permissions, size


@pytest.fixture
def pillar(write_tree: WriteTree) -> Path:
    root = write_tree({})
    (root / "probability").mkdir()
    return root / "probability"


def test_symlink_loops(pillar: Path) -> None:
    os.symlink("01-self.yaml", pillar / "01-self.yaml")
    os.symlink("03-b.yaml", pillar / "02-a.yaml")
    os.symlink("02-a.yaml", pillar / "03-b.yaml")
    os.symlink("nowhere.yaml", pillar / "04-dangling.yaml")
    os.symlink("..", pillar / "loop")  # a folder link back up: not followed
    loop = "link loop: the link points (through others) back at itself"
    assert _errors(pillar.parent) == [
        f"probability/01-self.yaml:1:1: {loop}",
        f"probability/02-a.yaml:1:1: {loop}",
        f"probability/03-b.yaml:1:1: {loop}",
        "probability/04-dangling.yaml:1:1: broken link: its target does not exist",
    ]


def test_links_out_of_the_tree(pillar: Path, tmp_path: Path, GOOD_LESSON: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yaml").write_text(GOOD_LESSON)
    os.symlink(outside / "x.yaml", pillar / "01-file.yaml")
    os.symlink(outside, pillar / "02-folder.yaml")
    os.symlink(outside, pillar / "folder")  # a plain folder link: never followed
    os.symlink("/dev/zero", pillar / "03-zero.yaml")
    out = "link points outside the lesson tree"
    assert _errors(pillar.parent) == [f"probability/0{i}-{name}.yaml:1:1: {out}"
                                      for i, name in ((1, "file"), (2, "folder"), (3, "zero"))]


def test_a_link_inside_the_tree_reads_its_target(pillar: Path, GOOD_LESSON: str) -> None:
    (pillar / "target").mkdir()
    (pillar / "target" / "lesson.txt").write_text(GOOD_LESSON)
    os.symlink("target/lesson.txt", pillar / "01-x.yaml")
    os.symlink("target", pillar / "02-folder.yaml")
    assert _errors(pillar.parent) == ["probability/02-folder.yaml:1:1: not a regular file (a "
                                      "directory): lesson files must be plain files"]


def test_a_folder_named_like_a_lesson_is_a_folder(pillar: Path, GOOD_LESSON: str) -> None:
    (pillar / "01-x.yaml").mkdir()
    (pillar / "01-x.yaml" / "02-y.yaml").write_text(GOOD_LESSON)
    course = load_course(pillar.parent)
    assert course.errors == [] and [le.id for le in course.lessons] == ["probability/bayes-basics"]


def _load_in_child(root: Path, *, user: int | None = None) -> list[str]:
    """Load ``root`` in a child process (so a hang fails the test instead of blocking it),
    as ``user`` if given: the child loads once as itself (importing all it needs), then
    drops to that user and loads again."""
    code = textwrap.dedent("""
        import os, sys
        from tutor.lessons.loader import load_course
        user = int(sys.argv[2])
        if user >= 0:
            load_course(sys.argv[1])
            os.setgroups([])
            os.setgid(user)
            os.setuid(user)
        course = load_course(sys.argv[1])
        print(len(course.lessons))
        for error in course.errors:
            print(error)
    """)
    done = subprocess.run([sys.executable, "-c", code, str(root), str(-1 if user is None
                                                                      else user)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [line.replace(f"{root}{os.sep}", "") for line in done.stdout.splitlines()]


def test_a_fifo_named_like_a_lesson_does_not_block(pillar: Path, GOOD_LESSON: str) -> None:
    os.mkfifo(pillar / "01-fifo.yaml")
    (pillar / "02-good.yaml").write_text(GOOD_LESSON)
    assert _load_in_child(pillar.parent) == [
        "1", "probability/01-fifo.yaml:1:1: not a regular file (a pipe, socket or device): "
        "lesson files must be plain files"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_named_like_a_lesson_is_not_read(pillar: Path) -> None:
    os.mknod(pillar / "01-zero.yaml", 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero
    assert _load_in_child(pillar.parent) == [
        "0", "probability/01-zero.yaml:1:1: not a regular file (a pipe, socket or device): "
        "lesson files must be plain files"]


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder another user can enter (pytest's tmp_path is private to its owner)."""
    path = Path(tempfile.mkdtemp(prefix="tutor-hostile-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        for sub in path.rglob("*"):
            if not sub.is_symlink():
                sub.chmod(0o755)
        shutil.rmtree(path, ignore_errors=True)


def _as_other_user() -> int | None:
    """As root, permissions are only felt by another user: run the loader as nobody."""
    return 65534 if os.geteuid() == 0 else None


def test_unreadable_files_and_folders(shared_tmp: Path, GOOD_LESSON: str) -> None:
    root = shared_tmp / "lessons"
    for pillar in ("calculus", "probability", "statistics"):
        (root / pillar).mkdir(parents=True)
    root.chmod(0o755)
    good = (root / "probability" / "01-good.yaml")
    good.write_text(GOOD_LESSON)
    secret = root / "probability" / "02-secret.yaml"
    secret.write_text(GOOD_LESSON)
    for path in (root / "calculus", root / "probability", root / "statistics", good):
        path.chmod(0o755)
    good.chmod(0o644)
    secret.chmod(0o000)
    (root / "statistics").chmod(0o000)
    assert _load_in_child(root, user=_as_other_user()) == [
        "1",
        "probability/02-secret.yaml:1:1: cannot read file: Permission denied",
        "statistics:1:1: cannot read folder: Permission denied",
    ]


def test_an_unreadable_root(shared_tmp: Path) -> None:
    closed = shared_tmp / "closed"
    (closed / "lessons").mkdir(parents=True)
    closed.chmod(0o000)
    assert _load_in_child(closed / "lessons", user=_as_other_user()) == [
        "0", f"{closed / 'lessons'}:1:1: cannot read lesson directory: Permission denied"]


def test_thousands_of_files_are_capped(pillar: Path) -> None:
    for i in range(tree.MAX_FILES + 50):
        (pillar / f"{i:05d}-x.yaml").write_text("")
    errors = _errors(pillar.parent)
    assert len(errors) == tree.MAX_FILES + 1
    assert errors[-1] == (f"probability/{tree.MAX_FILES:05d}-x.yaml:1:1: more than "
                          f"{tree.MAX_FILES} lesson files; not read further")


def test_a_tree_of_many_entries_is_capped(pillar: Path) -> None:
    for i in range(tree.MAX_ENTRIES + 10):
        (pillar / f"{i}.txt").touch()
    assert _errors(pillar.parent) == [f"probability:1:1: the lesson tree has more than "
                                      f"{tree.MAX_ENTRIES} files and folders; not read further"]


def test_deep_folders_are_not_followed_down(pillar: Path, GOOD_LESSON: str) -> None:
    deep = pillar
    for _ in range(tree.MAX_DIR_DEPTH + 5):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "01-x.yaml").write_text(GOOD_LESSON)
    too_deep = "/".join(["d"] * tree.MAX_DIR_DEPTH)
    assert _errors(pillar.parent) == [f"probability/{too_deep}:1:1: folders nested more than "
                                      f"{tree.MAX_DIR_DEPTH} deep are not read"]


def test_the_tree_has_a_size_budget(pillar: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tree, "MAX_TREE_BYTES", 3_000)
    for i in range(5):
        (pillar / f"0{i}-x.yaml").write_text("# " + "x" * 997 + "\n")
    errors = _errors(pillar.parent)
    assert errors[-1] == ("probability/03-x.yaml:1:1: the lesson files add up to more than 3000 "
                          "bytes; not read further")
    assert len(errors) == 4  # three empty-lesson errors, then the budget


def test_a_file_name_with_escapes_prints_on_one_line(pillar: Path) -> None:
    (pillar / "\x1b[31mevil\nname.yaml").write_text("")
    assert _one(pillar.parent) == ("probability/\\x1b[31mevil\\nname.yaml:1:1: file is empty: a "
                                   "lesson needs id, title, pillar, steps...")


# ---- the CLI on a hostile tree


@pytest.fixture
def hostile_tree(write_tree: WriteTree, GOOD_LESSON: str, tmp_path: Path) -> Path:
    root = write_tree({
        "probability/01-good.yaml": GOOD_LESSON,
        "probability/02-tag.yaml": f"id: !!python/object/apply:os.system ['touch "
                                   f"{tmp_path / 'pwned'}']\n",
        "probability/03-escape.yaml": _title('"\\e]0;pwned\\a\\e[2J"')(GOOD_LESSON),
        "probability/04-digits.yaml": "order: " + "9" * 5000 + "\n",
        "calculus/01-a.yaml": _lesson(GOOD_LESSON, "a", ["probability/b"]),
    })
    os.mkfifo(root / "probability" / "05-fifo.yaml")
    os.symlink("06-loop.yaml", root / "probability" / "06-loop.yaml")
    (root / "probability" / "07-folder.yaml").mkdir()
    return root


def test_cli_list_on_a_hostile_tree(hostile_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lessons", "list", "--lessons", str(hostile_tree)]) == 0
    out, err = capsys.readouterr()
    assert "probability/bayes-basics" in out and not CONTROL.search(out + err)
    assert "6 lesson file problem(s); run `tutor lessons validate`" in err


def test_cli_validate_on_a_hostile_tree(hostile_tree: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lessons", "validate", str(hostile_tree), "--no-run"]) == 1
    out, err = capsys.readouterr()
    assert not CONTROL.search(out + err)
    lines = [line.replace(f"{hostile_tree}{os.sep}", "") for line in out.splitlines()]
    assert lines == [
        "calculus/01-a.yaml:3:9: pillar: lesson is in folder 'calculus' but says pillar "
        "'probability'",
        f"probability/02-tag.yaml:1:5: id: {TAG} "
        f"'tag:yaml.org,2002:python/object/apply:os.system' (only plain data is allowed)",
        "probability/03-escape.yaml:2:8: title: text contains the invisible or control character "
        "U+001B (written as an escape?): lessons may not hold terminal control codes or "
        "bidirectional overrides",
        f"probability/04-digits.yaml:1:8: order: cannot read '{'9' * 40}'... as a YAML int (too "
        "many digits): quote it if it is text",
        "probability/05-fifo.yaml:1:1: not a regular file (a pipe, socket or device): lesson "
        "files must be plain files",
        "probability/06-loop.yaml:1:1: link loop: the link points (through others) back at "
        "itself",
    ]
    assert err.strip().endswith("1 lessons, 1 exercises in " f"{hostile_tree}: 6 problems")
    assert not (tmp_path / "pwned").exists()


def test_cli_new_in_a_hostile_tree(hostile_tree: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    # a link planted where the new lesson goes is not written through
    target = tmp_path / "victim.txt"
    target.write_text("keep me")
    (hostile_tree / "statistics").mkdir()
    os.symlink(target, hostile_tree / "statistics" / "01-planted.yaml")
    assert main(["lessons", "new", "statistics", "planted", "--dir", str(hostile_tree)]) == 2
    assert "01-planted.yaml already exists" in capsys.readouterr().err
    assert target.read_text() == "keep me"
    # a pillar "folder" that is a file, a slug too long to be a function name
    (hostile_tree / "optimization").write_text("")
    assert main(["lessons", "new", "optimization", "x", "--dir", str(hostile_tree)]) == 2
    assert main(["lessons", "new", "probability", "a" * 61, "--dir", str(hostile_tree)]) == 2
    assert "at most 60 characters" in capsys.readouterr().err
    # a file number near the model's limit still gives a skeleton that loads
    (hostile_tree / "probability" / "99999-big.yaml").write_text("")
    assert main(["lessons", "new", "probability", "fresh", "--dir", str(hostile_tree)]) == 0
    written = hostile_tree / "probability" / "10000-fresh.yaml"
    assert written.is_file() and str(written) in capsys.readouterr().out
    course = load_course(hostile_tree)
    assert course.lesson("probability/fresh").order == 10_000


def test_skeleton_with_the_longest_slug_loads(tmp_path: Path) -> None:
    slug = "9" + "a" * 59
    assert main(["lessons", "new", "calculus", slug, "--dir", str(tmp_path)]) == 0
    course = load_course(tmp_path)
    assert course.errors == []
    assert course.exercise(f"calculus/{slug}").function == f"f_{slug}"

