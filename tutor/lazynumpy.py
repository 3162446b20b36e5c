"""numpy, imported the first time one of its names is read.

The parent side of a check (reading the child's results, comparing them with the
reference's, saying what is wrong) imports numpy at module level in several places, yet a
check whose values are all Python numbers never needs it: the learner's code runs in the
sandbox and what comes back is plain data. Importing numpy is the largest single cost of a
cold ``tutor check`` in the parent (about 0.1-0.15 s of CPU). Those modules write

    from tutor.lazynumpy import np

and ``np.asarray``, ``np.ndarray`` in an ``isinstance`` and the rest work as before: the
first read imports numpy, and from then on ``np``'s names are numpy's own.
:func:`is_loaded` and :func:`is_array` let a type test skip numpy while nothing has
imported it (no value can be a numpy object then).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any


class _Numpy(types.ModuleType):
    """Stands in for numpy until a name is read, then holds numpy's names."""

    def __getattr__(self, name: str) -> Any:  # only called for a name not yet held
        numpy = importlib.import_module("numpy")
        self.__dict__.update(numpy.__dict__)  # later reads are plain lookups
        return getattr(numpy, name)  # numpy's own lazy names (np.testing...) too


def is_loaded() -> bool:
    """Whether numpy has been imported in this process (by anyone)."""
    return "numpy" in sys.modules


def is_array(value: object) -> bool:
    """``isinstance(value, np.ndarray)``, without importing numpy: while it is not
    imported, no value is an array."""
    numpy = sys.modules.get("numpy")
    return numpy is not None and isinstance(value, getattr(numpy, "ndarray", ()))


if TYPE_CHECKING:
    import numpy as np
else:
    np = _Numpy("numpy", "numpy, imported at its first use (see tutor.lazynumpy)")
