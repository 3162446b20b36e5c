"""The import rules of docs/architecture.md, checked: each stage knows nothing of the ones
after it.

Two checks per rule. Statically, no import statement in a package's files (at the top,
inside a function or under ``TYPE_CHECKING``) names what the package must not import.
At run time, importing every module of the package loads none of it, however indirectly.
The app is checked further: it parses no YAML and starts no process itself (the
evaluator in ``tutor.grading`` starts the sandbox's).
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import tutor

ROOT = Path(tutor.__file__).parent

# package -> what no file of it may import (a name and everything under it)
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "tutor.lessons": ("tutor.grading", "tutor.plots", "tutor.progress", "tutor.authoring",
                      "tutor.courses", "tutor.report", "tutor.commands", "tutor.cli",
                      "tutor.app", "textual", "rich", "torch"),
    "tutor.grading": ("tutor.plots", "tutor.progress", "tutor.authoring", "tutor.courses",
                      "tutor.report", "tutor.commands", "tutor.app", "textual", "rich"),
    "tutor.plots": ("tutor.progress", "tutor.authoring", "tutor.courses", "tutor.report",
                    "tutor.commands", "tutor.app", "textual", "textual_plotext", "torch"),
    "tutor.progress": ("tutor.grading", "tutor.plots", "tutor.authoring", "tutor.courses",
                       "tutor.report", "tutor.commands", "tutor.app", "textual", "torch"),
    "tutor.authoring": ("tutor.progress", "tutor.commands", "tutor.app", "textual"),
    "tutor.courses": ("tutor.grading", "tutor.plots", "tutor.progress", "tutor.commands",
                      "tutor.app", "textual"),
    "tutor.report": ("tutor.grading", "tutor.commands", "tutor.app", "textual"),
    "tutor.notes": ("tutor.plots", "tutor.authoring", "tutor.commands", "tutor.app",
                    "textual"),
    "tutor.commands": ("tutor.app", "textual"),  # only tutor.cli starts the app
    "tutor.app": ("tutor.commands", "tutor.authoring", "tutor.lessons.yamlsource", "yaml",
                  "subprocess", "multiprocessing", "concurrent.futures", "pty", "torch"),
}
# what tutor.plots may take from grading: the payload type of the verdict, nothing more
PLOTS_FROM_GRADING = {"tutor.grading", "tutor.grading.plotdata"}


def _files(package: str) -> list[Path]:
    return sorted(ROOT.joinpath(*package.split(".")[1:]).rglob("*.py"))


def _imported(path: Path) -> set[str]:
    """Every module an import statement of ``path`` names (``from a import b``: a and
    a.b, since b may be a module)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _under(names: set[str], *prefixes: str) -> set[str]:
    return {n for n in names if any(n == p or n.startswith(p + ".") for p in prefixes)}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_file_imports_what_its_package_must_not(package: str) -> None:
    files = _files(package)
    assert files  # the check means something
    bad = {f"{path.relative_to(ROOT.parent)}: {name}" for path in files
           for name in _under(_imported(path), *FORBIDDEN[package])}
    assert not bad


def test_plots_take_only_the_payload_type_from_grading() -> None:
    taken = set().union(*(_under(_imported(p), "tutor.grading") for p in _files("tutor.plots")))
    assert taken and taken <= PLOTS_FROM_GRADING | {"tutor.grading.plotdata.PlotData"}


def _modules(package: str) -> list[str]:
    found = [package]
    for info in pkgutil.walk_packages([str(ROOT.joinpath(*package.split(".")[1:]))],
                                      prefix=package + "."):
        found.append(info.name)
    return found


def _loaded_by(modules: list[str]) -> set[str]:
    script = ("import sys\n" + "".join(f"import {m}\n" for m in modules)
              + "print('\\n'.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    return set(out.split())


def test_loading_lessons_loads_neither_grading_nor_plots_nor_textual() -> None:
    loaded = _loaded_by(_modules("tutor.lessons"))
    assert "tutor.lessons.loader" in loaded and "tutor.lessons.formula.parser" in loaded
    assert not _under(loaded, "tutor.grading", "tutor.plots", "tutor.app", "textual", "torch")


def test_grading_loads_no_textual() -> None:
    loaded = _loaded_by(_modules("tutor.grading"))
    assert "tutor.grading.evaluator" in loaded and "tutor.grading.worker.serve" in loaded
    assert not _under(loaded, "textual", "tutor.app", "tutor.plots", "rich", "torch")


def test_plots_load_without_textual() -> None:
    loaded = _loaded_by(_modules("tutor.plots"))
    assert "tutor.plots.comparison" in loaded and "tutor.plots.render" in loaded
    assert not _under(loaded, "textual", "textual_plotext", "tutor.app", "torch")
    assert _under(loaded, "tutor.grading") <= PLOTS_FROM_GRADING


def test_importing_plots_loads_plotext_only_to_draw() -> None:
    loaded = _loaded_by(["tutor.plots"])
    assert "tutor.plots.comparison" in loaded and not _under(loaded, "plotext")


# what the app imports before its first screen: the lesson list comes from the course's
# index (plain JSON); the lesson models (pydantic) load in a worker after it is shown
APP_START = ("tutor.app.app", "tutor.app.palette", "tutor.app.screens.home",
             "tutor.app.widgets.pillar", "tutor.app.widgets.lessonline")


def test_the_apps_start_path_loads_no_lesson_models() -> None:
    loaded = _loaded_by(list(APP_START))
    assert "tutor.app.screens.home" in loaded and "tutor.lessons.cache" in loaded
    assert not _under(loaded, "pydantic", "pydantic_core", "tutor.lessons.model",
                      "tutor.lessons.loader", "tutor.progress.mastery", "yaml", "numpy")


PROCESS_CALLS = {"os": ("fork", "forkpty", "system", "popen", "exec", "spawn", "posix_spawn",
                        "startfile"),
                 "asyncio": ("create_subprocess_exec", "create_subprocess_shell")}


def _starts_a_process(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.attr.startswith(PROCESS_CALLS.get(node.value.id, ()))
    if isinstance(node, ast.ImportFrom) and node.module in PROCESS_CALLS:
        return any(a.name.startswith(PROCESS_CALLS[node.module]) for a in node.names)
    return False


@pytest.mark.parametrize("path", _files("tutor.app"), ids=lambda p: p.name)
def test_the_app_parses_no_yaml_and_starts_no_process(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not [ast.unparse(n) for n in ast.walk(tree) if _starts_a_process(n)], path
    yaml_calls = [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Attribute)
                  and isinstance(n.value, ast.Name) and n.value.id == "yaml"]
    assert not yaml_calls, path  # and FORBIDDEN keeps yaml and yamlsource out


def test_the_process_check_sees_what_it_looks_for() -> None:
    for code in ("os.fork()", "os.execv('x', [])", "os.posix_spawnp('x', [], {})",
                 "from os import forkpty", "asyncio.create_subprocess_exec('x')"):
        assert any(_starts_a_process(n) for n in ast.walk(ast.parse(code))), code
    assert not any(_starts_a_process(n) for n in ast.walk(ast.parse("os.path.join('a')")))
