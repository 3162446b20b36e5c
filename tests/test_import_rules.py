"""The import rules of docs/architecture.md, checked: each stage knows nothing of the ones
after it. Loading lessons never touches grading, plots or Textual; grading never touches
Textual; the app never parses YAML nor starts a process itself."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import tutor

ROOT = Path(tutor.__file__).parent


def _modules(package: str) -> list[str]:
    path = ROOT.joinpath(*package.split(".")[1:])
    return [package] + [f"{package}.{m.name}" for m in pkgutil.iter_modules([str(path)])]


def _loaded_by(modules: list[str]) -> set[str]:
    script = ("import sys\n" + "".join(f"import {m}\n" for m in modules)
              + "print('\\n'.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    return set(out.split())


def _top(names: set[str], *prefixes: str) -> set[str]:
    return {n for n in names if any(n == p or n.startswith(p + ".") for p in prefixes)}


def test_lessons_import_neither_grading_nor_plots_nor_textual() -> None:
    modules = _modules("tutor.lessons")
    loaded = _loaded_by(modules)
    assert "tutor.lessons.loader" in loaded  # the check means something
    assert not _top(loaded, "tutor.grading", "tutor.plots", "tutor.app", "textual", "torch")


def test_grading_imports_no_textual() -> None:
    modules = [m for m in _modules("tutor.grading")]
    modules += _modules("tutor.grading.worker") + _modules("tutor.grading.child")
    loaded = _loaded_by(modules)
    assert "tutor.grading.evaluator" in loaded
    assert not _top(loaded, "textual", "tutor.app", "rich", "torch")


@pytest.mark.parametrize("path", sorted((ROOT / "app").rglob("*.py")), ids=lambda p: p.name)
def test_the_app_parses_no_yaml_and_starts_no_process(path: Path) -> None:
    tree = ast.parse(path.read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom)}
    assert not imported & {"yaml", "subprocess", "multiprocessing"}, path
    calls = {f"{node.func.value.id}.{node.func.attr}" for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and isinstance(node.func.value, ast.Name)}
    assert not calls & {"os.fork", "os.system", "os.popen", "os.execv", "os.spawnv",
                        "yaml.safe_load", "yaml.load"}, path
