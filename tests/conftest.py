"""Test tiers: every test gets markers from what it needs, so a quick run can leave out
the slow ones.

- ``tmux``: drives the app in a real terminal (tests/app/test_tmux.py);
- ``app``: runs the Textual app (everything under tests/app, and any module that calls
  ``run_test``);
- ``sandbox``: starts grading workers (a module that uses the Evaluator or the CLI, or a
  test that takes one of the evaluator fixtures);
- ``slow``: the contract files, hundreds of checks (tests/contracts), and the store's
  tests with several processes at once;
- ``fast``: none of the above: pure tests of the model, loader, comparison, messages,
  forbidden calls, wire format, store, mastery and plot data.

``pytest`` (the README's command, and CI) runs every tier; ``pytest -m fast`` runs the
quick one.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

TIERS = {
    "tmux": "drives the app in a real terminal through tmux",
    "app": "runs the Textual app (Pilot, snapshots)",
    "sandbox": "starts sandboxed grading workers",
    "slow": "grades every contract file",
    "fast": "pure: no app, no sandbox, no terminal",
}
SANDBOX_FIXTURES = frozenset({"evaluator", "check", "ev", "lifecycle"})
SANDBOX_WORDS = ("Evaluator", "tutor.cli", "run_jobs")
APP_WORDS = ("run_test(",)
SLOW_MODULES = frozenset({"test_reliability.py"})
HERE = Path(__file__).parent


@pytest.fixture(autouse=True, scope="session")
def _no_user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests never read or write the user's own caches (module fixtures included)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TUTOR_CACHE_DIR", str(tmp_path_factory.mktemp("session-cache")))
        yield


@pytest.fixture(autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test has a cache folder of its own: none reads what another left behind."""
    monkeypatch.setenv("TUTOR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def pytest_configure(config: pytest.Config) -> None:
    for name, what in TIERS.items():
        config.addinivalue_line("markers", f"{name}: {what}")


@cache
def _mentions(path: Path, words: tuple[str, ...]) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return True
    return any(word in text for word in words)


def tiers(path: Path, fixtures: set[str]) -> set[str]:
    """The tier markers of a test in ``path`` that takes ``fixtures``."""
    parts = path.relative_to(HERE).parts
    found = set()
    if parts[0] == "app" or _mentions(path, APP_WORDS):
        found.add("app")
        if path.name == "test_tmux.py":
            found.add("tmux")
    if parts[0] == "contracts" or path.name in SLOW_MODULES:
        found.add("slow")
    if fixtures & SANDBOX_FIXTURES or _mentions(path, SANDBOX_WORDS):
        found.add("sandbox")
    return found or {"fast"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.path))
        if HERE not in path.parents:
            continue
        for name in tiers(path, set(getattr(item, "fixturenames", ()))):
            item.add_marker(name)


@pytest.fixture(autouse=True, scope="session")
def _own_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> object:
    """Caches (parsed courses, reference outputs) go to a folder of this run, never to the
    user's cache dir; a test of the caches points $TUTOR_CACHE_DIR at its own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TUTOR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield
