"""tutor.lazynumpy: numpy is imported at the first read of one of its names, and is then
the same numpy."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from tutor.lazynumpy import is_array, is_loaded, np
assert not is_loaded() and not is_array(1.5) and not is_array([1.0])
assert "numpy" not in sys.modules
a = np.asarray([1.0, 2.0])  # the first read imports numpy
import numpy
assert is_loaded() and is_array(a) and not is_array(1.5)
assert np.asarray is numpy.asarray and np.ndarray is numpy.ndarray
assert np.testing is numpy.testing  # numpy's own lazily imported names too
assert np.linalg.norm(a) == numpy.linalg.norm(a)
print("ok")
"""


def test_numpy_is_imported_at_its_first_use_and_is_then_numpy() -> None:
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"
