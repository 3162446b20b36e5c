"""Output hygiene and `tutor check` end to end (issue 11 §6, §7, §9; issue 22 §2, §5).

One `tutor check` call per mode and format grades a row of hostile files against a
lesson tree of its own, with a progress database of its own: everything printed is
free of control, bidi and unencodable characters, a later file sees nothing of an
earlier one, nothing outlives the command, and the database keeps its tables."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from tutor.grading import Evaluator
from tutor.progress import ProgressStore

from .attacks import (
    GOOD,
    HOSTILE_TEXT,
    MODES,
    UNSAFE,
    WRONG,
    body,
    exercise,
    hostile,
    linger,
    processes_marked,
    shared,
    unsafe_strings,
)

EVIL_NAME = "evil\x1b[31m\u202e\x07name.py"
MARKER = f"atk{uuid.uuid4().hex[:10]}"
STORE = hostile("""
    import hashlib, json, os
    import numpy as np
    def dot(a, b):
        out = float(np.sum(a * b))
        key = hashlib.sha256(np.asarray(a).tobytes() + np.asarray(b).tobytes()).hexdigest()
        for place in (".", "..", "/scratch", "/"):
            try:
                with open(os.path.join(place, "answers-" + key), "w") as f:
                    f.write(json.dumps(out))
            except OSError:
                pass
        return out
    """)
REPLAY = hostile("""
    import hashlib, json, os
    import numpy as np
    def dot(a, b):
        key = hashlib.sha256(np.asarray(a).tobytes() + np.asarray(b).tobytes()).hexdigest()
        for place in (".", "..", "/scratch", "/"):
            try:
                with open(os.path.join(place, "answers-" + key)) as f:
                    return json.loads(f.read())
            except OSError:
                pass
        return 0.0
    """)
FILES: dict[str, tuple[str, str | None]] = {  # name -> (source, expected status or None)
    EVIL_NAME: (body(f"print({HOSTILE_TEXT!r})"), "passed"),
    "raises.py": (body(f"raise type({HOSTILE_TEXT[:-2]!r}, (Exception,), {{}})"
                       f"({HOSTILE_TEXT!r})"), "error"),
    "surrogate.py": (body("print('\\ud800')"), None),
    "store.py": (STORE, "passed"),
    "replay.py": (REPLAY, "failed"),
    "dirs.py": (body("for i in range(300_000):", "    try:", "        os.makedirs(f'd{i}/e')",
                     "    except OSError:", "        break"), None),
    "honest.py": (GOOD, "passed"),
    "linger.py": (hostile(linger(MARKER), GOOD), None),
    "sqlite.py": (None, None),  # filled in per run: it names that run's database  # type: ignore[dict-item]
    "forge.py": (hostile("import os", "os.write(3, b'{\"ev\":\"done\",\"stdout\":\"\","
                         "\"dropped\":0}\\n')", "os._exit(0)"), "error"),
    "malformed.py": (hostile("import os", "os.write(3, b'{\"ev\":\"case\",\"k\":0,"
                             "\"out\":16.0,\"warn\":5}\\n')", GOOD), "error"),
    "wrong.py": (WRONG, "failed"),
    "honest-again.py": (GOOD, "passed"),
}


def _lesson_tree(root: Path) -> None:
    ex = exercise(time_limit=3).model_dump(mode="json", exclude_none=True)
    ex["id"] = "linear-algebra/dot-product"
    ex["hints"] = ["Multiply and add."]
    lesson = {"id": "linear-algebra/dot", "title": "Dot", "pillar": "linear-algebra",
              "order": 1, "summary": "Dot products.",
              "steps": [{"kind": "text", "body": "Hi."}, ex]}
    (root / "linear-algebra").mkdir(parents=True)
    (root / "linear-algebra" / "dot.yaml").write_text(yaml.safe_dump(lesson, sort_keys=False))


class Run:
    def __init__(self, proc: subprocess.Popen[bytes], data: Path, names: list[str]) -> None:
        self.proc, self.data, self.names = proc, data, names
        out, err = proc.communicate(timeout=300)
        self.out, self.err = out.decode("utf-8", "surrogateescape"), err.decode(
            "utf-8", "surrogateescape")
        self.raw = out + err


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Run]:
    base = tmp_path_factory.mktemp("cli")
    lessons = base / "lessons"
    _lesson_tree(lessons)
    started = {}
    for mode in ((), ("audit",)):
        for fmt in ("text", "json"):
            key = ("-".join(mode) or "on", fmt)
            work = base / f"{key[0]}-{fmt}"
            data = work / "data"
            with ProgressStore.open(data) as store:
                store.record_attempt("linear-algebra/dot-product", status="passed",
                                     duration_ms=1.0, hints_used=0, code=GOOD, passed=True)
            names = []
            for name, (source, _) in FILES.items():
                if name == "sqlite.py":
                    db = str(data / "progress.db")
                    source = body("import sqlite3", "c = sqlite3.connect(':memory:')",
                                  f"c.execute('ATTACH DATABASE ? AS p', ({db!r},))",
                                  "c.execute('DROP TABLE p.attempts')")
                (work / name).write_text(source)
                names.append(name)
            env = {**os.environ, "TUTOR_SANDBOX_OFF": ",".join(mode)}
            argv = [sys.executable, "-m", "tutor.cli", "--lessons", str(lessons),
                    "--data-dir", str(data), "check", "linear-algebra/dot-product", *names]
            if fmt == "json":
                argv.append("--json")
            started[key] = (subprocess.Popen(argv, cwd=work, env=env, stdout=subprocess.PIPE,
                                             stderr=subprocess.PIPE), data, names)
    return {key: Run(*value) for key, value in started.items()}


KEYS = [("on", "text"), ("on", "json"), ("audit", "text"), ("audit", "json")]


def _ids(key: tuple[str, str]) -> str:
    return "-".join(key)


@pytest.mark.parametrize("key", KEYS, ids=_ids)
def test_the_command_ends_cleanly(runs: dict[Any, Run], key: tuple[str, str]) -> None:
    run = runs[key]
    assert run.proc.returncode == 1, (run.out, run.err)
    assert "Traceback" not in run.err, run.err


@pytest.mark.parametrize("key", KEYS, ids=_ids)
def test_nothing_unsafe_reaches_the_terminal(runs: dict[Any, Run], key: tuple[str, str]) -> None:
    run = runs[key]
    assert b"\x1b" not in run.raw and b"\x07" not in run.raw
    assert not UNSAFE.search(run.out + run.err), [m.group() for m in UNSAFE.finditer(run.out)]
    if key[1] == "json":
        for line in run.out.splitlines():
            assert unsafe_strings(json.loads(line)) == []
    else:
        assert "[31m" in run.out and "\\u202e" in run.out  # shown, escaped


@pytest.mark.parametrize("key", [k for k in KEYS if k[1] == "json"], ids=_ids)
def test_every_file_gets_its_own_verdict(runs: dict[Any, Run], key: tuple[str, str]) -> None:
    verdicts = [json.loads(line) for line in runs[key].out.splitlines()]
    assert len(verdicts) == len(FILES)
    for (name, (_, expected)), verdict in zip(FILES.items(), verdicts, strict=True):
        if expected is not None:
            assert verdict["status"] == expected, (name, verdict["messages"])
    by_name = dict(zip(FILES, verdicts, strict=True))
    assert "malformed data" in by_name["malformed.py"]["messages"][0]
    assert not by_name["sqlite.py"]["passed"]


@pytest.mark.parametrize("key", KEYS, ids=_ids)
def test_nothing_outlives_the_command(runs: dict[Any, Run], key: tuple[str, str]) -> None:
    assert processes_marked(MARKER) == []


@pytest.mark.parametrize("key", KEYS, ids=_ids)
def test_the_progress_database_is_intact(runs: dict[Any, Run], key: tuple[str, str]) -> None:
    with ProgressStore.open(runs[key].data) as store:
        counts = store.counts()
    assert counts["attempts"] == 1 + len(FILES), counts


# -- the verdict objects the app shows ------------------------------------------------

@pytest.fixture(scope="module", params=MODES)
def ev(request: pytest.FixtureRequest) -> Evaluator:
    return shared(request.param)


VERDICT_TEXT = {
    "printed": body(f"print({HOSTILE_TEXT!r})"),
    "exception": body(f"raise type({HOSTILE_TEXT[:-2]!r}, (Exception,), {{}})"
                      f"({HOSTILE_TEXT!r})"),
    "returned string": body(answer=repr(HOSTILE_TEXT)),
    "returned dict key": body(answer=f"{{{HOSTILE_TEXT!r}: 1.0}}"),
    "warning": body("import warnings", f"warnings.warn({HOSTILE_TEXT!r})"),
    "load error": hostile(f"raise ValueError({HOSTILE_TEXT!r})"),
    "missing function": hostile(f"dot = {HOSTILE_TEXT!r}"),
}


@pytest.mark.parametrize("name", VERDICT_TEXT)
def test_verdicts_hold_only_printable_text(ev: Evaluator, name: str) -> None:
    verdict = ev.check(exercise(), VERDICT_TEXT[name])
    assert unsafe_strings(verdict.to_json()) == [], name


def test_the_type_name_of_a_returned_object_is_escaped(ev: Evaluator) -> None:
    source = body(answer=f"type({HOSTILE_TEXT[:-2]!r}, (), {{}})()")
    verdict = ev.check(exercise(), source)
    assert not verdict.passed
    assert unsafe_strings(verdict.to_json()) == []


def test_lesson_text_with_terminal_codes_is_refused(tmp_path: Path) -> None:
    """A shared course's text (here a mistake's message, which lands in verdicts) may not
    hold control codes: the loader refuses the exercise, so none reaches a terminal."""
    from tutor.lessons.loader import load_course

    ex = exercise().model_dump(mode="json", exclude_none=True)
    ex["hints"] = ["Multiply and add."]
    ex["mistakes"] = [{"name": "zero", "code": WRONG, "message": f"Careful {HOSTILE_TEXT}"}]
    lesson = {"id": "linear-algebra/dot", "title": "Dot", "pillar": "linear-algebra",
              "order": 1, "summary": "Dot products.",
              "steps": [{"kind": "text", "body": "Hi."}, ex]}
    (tmp_path / "linear-algebra").mkdir()
    (tmp_path / "linear-algebra" / "dot.yaml").write_text(yaml.safe_dump(lesson))
    course = load_course(tmp_path)
    assert any("control character" in str(e) for e in course.errors), course.errors
    assert all(not UNSAFE.search(str(e)) for e in course.errors)
    assert [e.id for e in course.exercises()] == []
