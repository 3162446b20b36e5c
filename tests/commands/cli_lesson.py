"""The one-exercise lesson tree `tutor check` and `tutor watch` are tested on."""

from pathlib import Path
from typing import Any

import pytest

from tutor.grading.lessoncode import LessonCode

LESSON = """\
id: linear-algebra/vectors
title: Vectors
pillar: linear-algebra
order: 1
summary: Dot products.
steps:
  - kind: exercise
    id: linear-algebra/dot-product
    title: Dot product
    prompt: Write dot(a, b).
    function: dot
    starter: |
      def dot(a, b):
          raise NotImplementedError
    solution: |
      import numpy as np

      def dot(a, b):
          return float(np.sum(a * b))
    cases:
      - name: the worked example
        args: "np.array([2., 3., 1.]), np.array([4., 1., 5.])"
    mistakes:
      - name: doubled
        code: |
          import numpy as np

          def dot(a, b):
              return 2 * float(np.sum(a * b))
        message: Why twice?
"""

GOOD = "import numpy as np\n\ndef dot(a, b):\n    return float(np.sum(a * b))\n"
DOUBLED = "import numpy as np\n\ndef dot(a, b):\n    return 2 * float(np.sum(a * b))\n"


def write_check_tree(folder: Path) -> Path:
    """``folder`` with the lesson tree under ``lessons`` and good.py, doubled.py beside it."""
    root = folder / "lessons"
    (root / "linear-algebra").mkdir(parents=True)
    (root / "linear-algebra" / "01-vectors.yaml").write_text(LESSON)
    (folder / "good.py").write_text(GOOD)
    (folder / "doubled.py").write_text(DOUBLED)
    return folder


def forbid_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, loading the lesson files or running a reference fails the test."""

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("loaded the lessons or ran the reference again")

    monkeypatch.setattr("tutor.lessons.loader.load_course", fail)
    monkeypatch.setattr(LessonCode, "_run_reference", fail)
