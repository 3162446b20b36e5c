"""tutor.pyparse: every parse in the parent goes through one lock, so threads parsing at
once (validate's text checks beside its exercise checks) never meet CPython 3.11's
"AST constructor recursion depth mismatch" (python/cpython#106905)."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import tutor
from tutor import pyparse

ROOT = Path(tutor.__file__).parent
CHILD_SIDE = ("grading/child", "grading/worker")  # sandboxed processes of one thread


def _parses_directly(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr == "parse" and isinstance(node.func.value, ast.Name) and \
                node.func.value.id == "ast":
            return True
    return False


def test_the_parent_parses_only_through_the_lock() -> None:
    direct = [str(path.relative_to(ROOT)) for path in sorted(ROOT.rglob("*.py"))
              if path.name != "pyparse.py" and not str(path.relative_to(ROOT)).startswith(
                  CHILD_SIDE) and _parses_directly(path)]
    assert direct == []


def test_threads_parsing_at_once_all_get_their_trees() -> None:
    deep = "x = " + "(" * 90 + "1" + ")" * 90 + "\n"
    broken = "def f(:\n" + deep
    results: list[object] = []
    errors: list[BaseException] = []

    def work() -> None:
        for _ in range(200):
            for source in (deep, broken):
                try:
                    results.append(pyparse.parse(source))
                except SyntaxError:
                    results.append(None)
                except BaseException as exc:  # noqa: BLE001 - what the lock prevents
                    errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(isinstance(r, ast.Module) for r in results) == 800
    assert results.count(None) == 800
