"""Cache files (tutor.cachefile) and validate's cache keys (tutor.authoring.cache): a file
that is not whole and valid is never used, writes are atomic, keys change with what they
hash and nothing else."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from pydantic import BaseModel

from tutor import cachefile
from tutor.authoring.cache import Found, ValidateCache, tree_digest, tutor_fingerprint


class Item(BaseModel):
    name: str
    values: list[int]


def test_a_written_value_reads_back_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "item.json"
    assert cachefile.read(path, Item) == (None, None)  # missing: nothing, and no notice
    assert cachefile.write(path, Item(name="a", values=[1, 2])) is None
    assert cachefile.read(path, Item) == (Item(name="a", values=[1, 2]), None)
    assert [p.name for p in path.parent.iterdir()] == ["item.json"]


@pytest.mark.parametrize("data", [b"", b"\x00\xff{", b"[1, 2]", b'{"name": "a"}',
                                  b'{"name": "a", "values": ["x"]}'])
def test_garbage_is_not_used_and_says_why(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "item.json"
    path.write_bytes(data)
    value, why = cachefile.read(path, Item)
    assert value is None and why is not None and why.startswith("it is not a valid cache file")


def test_a_file_too_large_or_unreadable_is_not_used(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "item.json"
    cachefile.write(path, Item(name="a" * 100, values=[]))
    monkeypatch.setattr(cachefile, "MAX_CACHE_BYTES", 50)
    assert cachefile.read(path, Item) == (None, "it was too large to be a cache file")
    folder = tmp_path / "folder.json"
    folder.mkdir()
    value, why = cachefile.read(folder, Item)
    assert value is None and why is not None and why.startswith("it could not be read")


def test_a_write_that_cannot_happen_says_so_and_raises_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    why = cachefile.write(blocker / "item.json", Item(name="a", values=[]))
    assert why is not None and why.startswith(f"cannot write {blocker / 'item.json'}")


def test_readers_never_see_half_a_file_while_writers_replace_it(tmp_path: Path) -> None:
    path = tmp_path / "item.json"
    values = [Item(name=str(k) * 2000, values=list(range(k * 100))) for k in range(4)]
    seen: list[tuple[Item | None, str | None]] = []
    stop = threading.Event()

    def writer(item: Item) -> None:
        for _ in range(60):
            assert cachefile.write(path, item) is None

    def reader() -> None:
        while not stop.is_set():
            seen.append(cachefile.read(path, Item))

    readers = [threading.Thread(target=reader) for _ in range(2)]
    writers = [threading.Thread(target=writer, args=(v,)) for v in values]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join()
    stop.set()
    for thread in readers:
        thread.join()
    assert seen and all(why is None for _, why in seen)
    assert all(value is None or value in values for value, _ in seen)
    assert cachefile.read(path, Item)[0] in values
    assert [p.name for p in tmp_path.iterdir()] == ["item.json"]


def test_the_tree_digest_follows_the_bytes_not_the_times(tmp_path: Path) -> None:
    lesson = tmp_path / "probability" / "01-a.yaml"
    lesson.parent.mkdir()
    lesson.write_text("id: a\n")
    first = tree_digest(tmp_path)
    assert first is not None
    os.utime(lesson, (1, 1))
    assert tree_digest(tmp_path) == first
    lesson.write_text("id: b\n")
    assert tree_digest(tmp_path) not in (first, None)
    lesson.write_text("id: a\n")
    assert tree_digest(tmp_path) == first
    lesson.rename(lesson.with_name("02-a.yaml"))  # a renamed file is another tree
    assert tree_digest(tmp_path) != first
    (tmp_path / "probability" / "link.yaml").symlink_to(lesson.with_name("02-a.yaml"))
    assert tree_digest(tmp_path) is None  # the loader decides about links: no shortcut


def test_keys_follow_the_kind_the_input_and_the_sandbox_layers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ValidateCache(tmp_path)
    key = cache.key("exercise", "abc")
    assert key == ValidateCache(tmp_path).key("exercise", "abc")
    assert len({key, cache.key("facts", "abc"), cache.key("exercise", "abd"),
                cache.key("exercise", "ab", "c")}) == 4
    before = tutor_fingerprint()
    monkeypatch.setenv("TUTOR_SANDBOX_OFF", "seccomp")
    assert tutor_fingerprint() != before
    assert ValidateCache(tmp_path).key("exercise", "abc") != key


def test_no_cache_reads_nothing_but_records_and_none_stores_nothing(tmp_path: Path) -> None:
    found = [Found(where=["steps", 1], message="m", text_line=2)]
    ValidateCache(tmp_path).put(ValidateCache(tmp_path).key("text", "x"), found)
    fresh = ValidateCache(tmp_path, use=False)
    assert fresh.get(fresh.key("text", "x")) is None
    assert ValidateCache(tmp_path).get(fresh.key("text", "x")) == found
    nothing = ValidateCache(None)
    nothing.put(nothing.key("text", "x"), found)
    assert nothing.get(nothing.key("text", "x")) is None and nothing.notices == []
