"""The evaluator is laid out by trust boundary: what runs in the child stays small."""

from __future__ import annotations

import subprocess
import sys


def _loaded_after(imports: str) -> set[str]:
    script = f"import sys\n{imports}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    return set(out.split())


def test_the_child_and_worker_code_load_no_pydantic_and_no_lesson_model() -> None:
    loaded = _loaded_after("import tutor.grading.child.harness\n"
                           "import tutor.grading.worker.serve")
    assert "tutor.grading.child.harness" in loaded  # the check means something
    assert not {m for m in loaded if m == "pydantic" or m.startswith("pydantic.")}
    assert "tutor.lessons.model" not in loaded and "tutor.grading.evaluator" not in loaded
    assert "torch" not in loaded and "textual" not in loaded


def test_the_child_code_imports_nothing_of_the_parent_side() -> None:
    loaded = _loaded_after("import tutor.grading.child.harness")
    parent_side = {"tutor.grading.sandbox", "tutor.grading.messages", "tutor.grading.judge",
                   "tutor.grading.feedback", "tutor.grading.childrun", "tutor.grading.speed"}
    assert not loaded & parent_side, loaded & parent_side
