"""The parsed-course cache (tutor.lessons.cache): the same course as a full load, never
stale (an edit, even one that keeps size and mtime, is seen), damaged files rebuilt with
a notice, broken lessons still reported where they are, and two processes at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tutor import cachefile, paths
from tutor.lessons import cache
from tutor.lessons.loader import load_course

WriteTree = Callable[..., Path]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TUTOR_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def no_loader(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call it to make any full load from now on fail the test (the cache must serve)."""

    def forbid() -> None:
        def fail(*args: object, **kwargs: object) -> None:
            raise AssertionError("the lesson files were loaded again")

        monkeypatch.setattr("tutor.lessons.loader.load_course", fail)

    return forbid


@pytest.fixture
def small_tree(write_tree: WriteTree, GOOD_LESSON: str) -> Path:
    """Two good lessons and a broken one."""
    other = GOOD_LESSON.replace("bayes-basics", "bayes-again").replace(
        "id: probability/bayes\n", "id: probability/bayes-two\n")
    return write_tree({"probability/01-bayes.yaml": GOOD_LESSON,
                       "probability/02-again.yaml": other,
                       "statistics/01-bad.yaml": "id: [unclosed\n"})


def index_file(cache_dir: Path) -> Path:
    (found,) = [p for p in (cache_dir / "lessons").iterdir() if not p.name.endswith(
        ".model.json")]
    return found


def test_a_warm_cache_gives_the_course_of_a_full_load_without_loading(
        cache_dir: Path, no_loader: Callable[[], None]) -> None:
    full = load_course()
    first = cache.load_index()
    assert first.notice is None and first.loaded is not None  # nothing cached yet
    no_loader()
    warm = cache.load_index()
    assert warm.loaded is None and warm.notice is None
    assert [e.id for e in warm.lessons] == [lesson.id for lesson in full.lessons]
    assert [x.id for x in warm.exercises()] == [x.id for x in full.exercises()]
    assert [(e.summary, e.outline) for e in warm.lessons] == [
        (lesson.summary, lesson.outline) for lesson in full.lessons]
    course = warm.course()
    assert course.lessons == full.lessons and course.errors == full.errors
    assert warm.exercise("linear-algebra/dot-product") == full.exercise(
        "linear-algebra/dot-product")


def test_the_cached_index_alone_is_none_on_a_miss_and_loads_nothing(
        cache_dir: Path, small_tree: Path, no_loader: Callable[[], None]) -> None:
    no_loader()
    assert cache.cached_index(small_tree) is None  # nothing cached yet, and nothing loaded
    (cache_dir / "lessons").mkdir(parents=True)
    index_of = cache_dir / "lessons" / f"{cachefile.text_digest(str(small_tree))}.json"
    index_of.write_text("garbage")
    assert cache.cached_index(small_tree) is None


def test_the_cached_index_alone_matches_the_full_one(cache_dir: Path, small_tree: Path,
                                                     no_loader: Callable[[], None]) -> None:
    full = cache.load_index(small_tree)
    no_loader()
    alone = cache.cached_index(small_tree)
    assert alone is not None and alone.loaded is None
    assert alone.lessons == full.lessons and alone.errors == full.errors
    (small_tree / "probability" / "01-bayes.yaml").write_text("id: changed\n")
    assert cache.cached_index(small_tree) is None  # the files changed: a miss


def test_only_the_index_is_read_to_list_lessons(cache_dir: Path) -> None:
    """`tutor lessons list` and finding an exercise need neither pydantic nor YAML: one
    command fills the cache, the next reads only its index (two fresh processes, as two
    commands are)."""
    code = ("import sys\nfrom tutor.lessons.cache import load_index\n"
            "index = load_index(sys.argv[1])\n"
            "entry = index.entry('linear-algebra/dot-product')\n"
            "print(index.loaded is None, sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pydantic', 'yaml', 'numpy')), entry.function)")
    env = {**os.environ, "TUTOR_CACHE_DIR": str(cache_dir)}
    command = [sys.executable, "-c", code, str(paths.builtin_lessons_dir())]
    first = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    assert first.stdout.split()[0] == "False"  # loaded in full, and cached
    second = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    assert second.stdout.split() == ["True", "[]", "dot"]


def test_an_edited_lesson_is_seen_even_with_the_same_size_and_mtime(
        cache_dir: Path, write_tree: WriteTree, GOOD_LESSON: str) -> None:
    root = write_tree({"probability/01-bayes.yaml": GOOD_LESSON})
    assert cache.load_index(root).lessons[0].title == "Bayes"
    path = root / "probability" / "01-bayes.yaml"
    before = path.stat()
    path.write_text(GOOD_LESSON.replace("title: Bayes", "title: Bayez"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    index = cache.load_index(root)
    assert index.loaded is not None and index.lessons[0].title == "Bayez"
    assert cache.load_index(root).course().lessons[0].title == "Bayez"


def test_added_and_removed_files_are_seen(cache_dir: Path, write_tree: WriteTree,
                                          GOOD_LESSON: str) -> None:
    root = write_tree({"probability/01-bayes.yaml": GOOD_LESSON})
    cache.load_index(root)
    other = GOOD_LESSON.replace("bayes-basics", "bayes-again").replace(
        "id: probability/bayes\n", "id: probability/bayes-two\n")
    (root / "probability" / "02-again.yaml").write_text(other, encoding="utf-8")
    assert sorted(e.id for e in cache.load_index(root).lessons) == [
        "probability/bayes-again", "probability/bayes-basics"]
    (root / "probability" / "01-bayes.yaml").unlink()
    assert [e.id for e in cache.load_index(root).lessons] == ["probability/bayes-again"]


def test_a_broken_lesson_keeps_its_located_error_with_a_warm_cache(
        cache_dir: Path, write_tree: WriteTree, GOOD_LESSON: str,
        no_loader: Callable[[], None]) -> None:
    broken = GOOD_LESSON.replace("order: 1", "order: many")
    root = write_tree({"probability/01-bayes.yaml": GOOD_LESSON,
                       "probability/02-broken.yaml": broken.replace("bayes-basics", "b2")})
    cold = [str(e) for e in cache.load_index(root).errors]
    no_loader()
    warm = cache.load_index(root)
    assert warm.loaded is None
    assert [str(e) for e in warm.errors] == cold
    assert len(cold) == 1 and "02-broken.yaml:4:8: order:" in cold[0]
    assert [e.id for e in warm.lessons] == ["probability/bayes-basics"]


def test_a_lesson_made_hostile_after_caching_is_checked_again(
        cache_dir: Path, write_tree: WriteTree, GOOD_LESSON: str) -> None:
    """The cache holds what the loader made of earlier bytes: new bytes go through every
    check (here, a solution that no longer parses)."""
    root = write_tree({"probability/01-bayes.yaml": GOOD_LESSON})
    assert cache.load_index(root).course().lessons
    path = root / "probability" / "01-bayes.yaml"
    path.write_text(GOOD_LESSON.replace("hit = prior * sensitivity",
                                        "hit = prior * (sensitivity"), encoding="utf-8")
    index = cache.load_index(root)
    assert index.lessons == []
    assert len(index.errors) == 1 and "01-bayes.yaml:" in str(index.errors[0])
    assert "not valid Python" in index.errors[0].message
    assert cache.load_index(root).course().lessons == []


def test_a_garbage_index_is_rebuilt_with_a_notice(cache_dir: Path, small_tree: Path) -> None:
    full = load_course(small_tree)
    cache.load_index(small_tree)
    index_file(cache_dir).write_bytes(b"\x00garbage{")
    index = cache.load_index(small_tree)
    assert index.notice is not None and "damaged" in index.notice
    assert index.loaded is not None and index.course().lessons == full.lessons
    again = cache.load_index(small_tree)
    assert again.notice is None and again.loaded is None
    assert again.course().lessons == full.lessons and again.errors == full.errors


@pytest.mark.parametrize("damage", ["garbage", "other lesson", "bad model"])
def test_a_damaged_model_file_is_rebuilt_with_a_notice(cache_dir: Path, small_tree: Path,
                                                       damage: str) -> None:
    full = load_course(small_tree)
    cache.load_index(small_tree)
    models = sorted((cache_dir / "lessons").glob("*.model.json"))
    target, other = models[0], models[1]
    if damage == "garbage":
        target.write_text("[1, 2", encoding="utf-8")
    elif damage == "other lesson":  # well formed, but not what the index names
        target.write_bytes(other.read_bytes())
    else:  # the right shape, but the model does not validate
        target.write_text(json.dumps({"model": json.dumps({"id": "x"})}), encoding="utf-8")
    index = cache.load_index(small_tree)
    assert index.loaded is None
    course = index.course()
    assert index.notice is not None and "damaged" in index.notice
    assert course.lessons == full.lessons
    assert cache.load_index(small_tree).course().lessons == full.lessons  # rewritten


@pytest.mark.parametrize("written_by", [{"format": cache.FORMAT - 1}, {"tutor": "0.0.1"}])
def test_an_index_of_another_format_or_version_is_rebuilt_without_a_notice(
        cache_dir: Path, small_tree: Path, written_by: dict[str, object]) -> None:
    """An upgrade changes what the cache holds: that is a plain miss, not damage."""
    cache.load_index(small_tree)
    path = index_file(cache_dir)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["key"].update(written_by)
    data["lessons"] = [["a shape", "this format never had"]]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cache.cached_index(small_tree) is None
    index = cache.load_index(small_tree)
    assert index.loaded is not None and index.notice is None
    assert cache.load_index(small_tree).loaded is None  # rewritten in this format


def test_one_exercise_read_alone_is_the_exercise_of_a_full_load(
        cache_dir: Path, no_loader: Callable[[], None]) -> None:
    """`tutor check` reads only its exercise's part of the cached lesson: the same model,
    for every exercise of the built-in course."""
    full = load_course()
    cache.load_index()
    no_loader()
    warm = cache.load_index()
    for exercise in full.exercises():
        assert warm.exercise(exercise.id) == exercise
    assert warm.loaded is None and warm.notice is None


@pytest.mark.parametrize("damage", ["garbage", "other lesson", "bad exercise"])
def test_a_damaged_exercise_is_loaded_in_full_with_a_notice(
        cache_dir: Path, small_tree: Path, damage: str) -> None:
    full = load_course(small_tree)
    cache.load_index(small_tree)
    first = cache.load_index(small_tree)  # from the cache: it names the model files
    exercise_id = full.lessons[0].exercises[0].id
    target = cache_dir / "lessons" / first.models[full.lessons[0].id]
    text = json.loads(target.read_text(encoding="utf-8"))["model"]
    if damage == "garbage":
        target.write_text("[1, 2", encoding="utf-8")
    else:
        model = json.loads(text)
        if damage == "other lesson":
            model["id"] = "probability/someone-else"
        else:  # a value the model refuses, in the exercise's own part
            next(s for s in model["steps"] if s["kind"] == "exercise")["time_limit"] = -1
        # the file name is the hash of the text, so a damaged text gets its own name
        damaged = json.dumps(model)
        target.write_text(json.dumps({"model": damaged}), encoding="utf-8")
        target.rename(target.with_name(cache._model_name(damaged)))
        index_path = index_file(cache_dir)
        index_path.write_text(index_path.read_text(encoding="utf-8").replace(
            target.name, cache._model_name(damaged)), encoding="utf-8")
    index = cache.load_index(small_tree)
    assert index.loaded is None
    assert index.exercise(exercise_id) == full.lessons[0].exercises[0]
    assert index.notice is not None and "damaged" in index.notice


@pytest.mark.parametrize("data", [
    {"key": {}, "lessons": [["a/b", "t", "astrology", 1, "f", [], "x"]], "errors": []},
    {"key": {}, "lessons": [], "errors": [["f", "1", 1, "", "m"]]},
    {"key": {}, "lessons": "no", "errors": []},
    [1, 2, 3],
])
def test_an_index_of_the_wrong_shape_is_not_used(cache_dir: Path, small_tree: Path,
                                                 data: object) -> None:
    cache.load_index(small_tree)
    index_file(cache_dir).write_text(json.dumps(data), encoding="utf-8")
    index = cache.load_index(small_tree)
    assert index.notice is not None and index.loaded is not None


def test_an_unwritable_cache_costs_only_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             write_tree: WriteTree, GOOD_LESSON: str) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("TUTOR_CACHE_DIR", str(blocker))
    root = write_tree({"probability/01-bayes.yaml": GOOD_LESSON})
    for _ in range(2):
        index = cache.load_index(root)
        assert index.notice is None and index.loaded is not None
        assert [e.id for e in index.lessons] == ["probability/bayes-basics"]


CHILD = """
import json, sys
from tutor.lessons.cache import load_index
index = load_index(sys.argv[1])
print(json.dumps([[e.id for e in index.lessons], [str(e) for e in index.errors],
                  index.notice]))
"""


def test_two_processes_building_the_cache_at_once(cache_dir: Path, small_tree: Path,
                                                  no_loader: Callable[[], None]) -> None:
    """However their writes interleave, both get the course, and what stays is whole."""
    full = load_course(small_tree)
    expected = [[e.id for e in full.lessons], [str(e) for e in full.errors], None]
    env = {**os.environ, "TUTOR_CACHE_DIR": str(cache_dir)}
    for _ in range(2):
        for path in cache_dir.rglob("*.json"):
            path.unlink()
        runs = [subprocess.Popen([sys.executable, "-c", CHILD, str(small_tree)], env=env,
                                 stdout=subprocess.PIPE, text=True) for _ in range(2)]
        outs = [json.loads(run.communicate(timeout=120)[0]) for run in runs]
        assert all(run.returncode == 0 for run in runs)
        assert outs == [expected, expected]
    assert not [p for p in (cache_dir / "lessons").iterdir() if p.name.endswith(".tmp")]
    no_loader()
    warm = cache.load_index(small_tree)
    assert warm.notice is None and warm.loaded is None
    assert warm.course().lessons == full.lessons


def test_reading_while_another_process_writes_never_sees_half_a_file(tmp_path: Path) -> None:
    """A writer replaces the file over and over; every read is a whole file or none."""
    path = tmp_path / "entry.json"
    writer = subprocess.Popen([sys.executable, "-c", (
        "import sys\nfrom pathlib import Path\nfrom tutor.cachefile import write_json\n"
        "for i in range(100):\n"
        "    assert write_json(Path(sys.argv[1]), {'n': i, 'pad': 'x' * 200_000})\n"),
        str(path)])
    seen = set()
    while writer.poll() is None:
        read = cachefile.read_json(path, lambda d: isinstance(d, dict) and len(d["pad"])
                                   == 200_000, "test")
        assert read.notice is None
        if read.data is not None:
            seen.add(read.data["n"])
    assert writer.returncode == 0
    assert cachefile.read_json(path, lambda d: True, "test").data["n"] == 99
    assert not list(tmp_path.glob("*.tmp"))


def test_a_missing_cache_file_is_a_plain_miss_and_garbage_a_noticed_one(
        tmp_path: Path) -> None:
    missing = cachefile.read_json(tmp_path / "none.json", lambda d: True, "the test cache")
    assert missing.data is None and missing.notice is None
    (tmp_path / "bad.json").write_bytes(b"\xff\xfe not json")
    bad = cachefile.read_json(tmp_path / "bad.json", lambda d: True, "the test cache")
    assert bad.data is None and bad.notice is not None and "the test cache" in bad.notice


def test_a_stamp_names_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"abc")
    first = cachefile.stamp(path, 10)
    assert first is not None and first.size == 3
    path.write_bytes(b"abd")
    assert cachefile.stamp(path, 10) != first
    assert cachefile.stamp(path, 2) is None  # over the limit: not stamped, not cached
    assert cachefile.stamp(tmp_path, 10) is None  # a folder
    assert cachefile.stamp(tmp_path / "gone", 10) is None


def test_model_files_no_index_names_are_removed_once_old(
        cache_dir: Path, write_tree: WriteTree, GOOD_LESSON: str) -> None:
    root = write_tree({"probability/01-bayes.yaml": GOOD_LESSON})
    cache.load_index(root)
    (first,) = (cache_dir / "lessons").glob("*.model.json")
    path = root / "probability" / "01-bayes.yaml"
    path.write_text(GOOD_LESSON.replace("title: Bayes", "title: Bayes 2"), encoding="utf-8")
    cache.load_index(root)
    assert first.exists()  # named by no index now, but new: another process may want it
    os.utime(first, (0, 0))
    path.write_text(GOOD_LESSON.replace("title: Bayes", "title: Bayes 3"), encoding="utf-8")
    index = cache.load_index(root)
    assert not first.exists()
    assert len(list((cache_dir / "lessons").glob("*.model.json"))) == 2
    assert cache.load_index(root).course().lessons[0].title == "Bayes 3" == index.lessons[0].title


def test_a_missing_tree_is_reported_and_not_cached(cache_dir: Path, tmp_path: Path) -> None:
    index = cache.load_index(tmp_path / "no-such-tree")
    assert index.lessons == [] and "lesson directory not found" in str(index.errors[0])
    assert not (cache_dir / "lessons").exists()
