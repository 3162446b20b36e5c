"""The CLI's tests (one module per subcommand of tutor/commands) reuse the fixtures of
the packages they drive: small lesson trees, progress data, course packs."""

from __future__ import annotations

from ..courses.conftest import make_pack
from ..lessons.conftest import GOOD_LESSON, write_tree
from ..progress.conftest import course, data_dir, lesson_tree

__all__ = ["GOOD_LESSON", "course", "data_dir", "lesson_tree", "make_pack", "write_tree"]
