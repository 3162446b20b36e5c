"""Drivers inside the child: the lesson's ``drive`` bound to the learner's entry point.

An exercise with ``entry: class`` names a class, not a function. Its ``driver`` (lesson
code) defines ``drive(cls, *args)``, which builds objects from the class it is given and
returns plain data. Bound here to the class the submission (or the reference, or a known
mistake) defines, the driver is called like an entry-point function, so cases, random
cases, comparison and mistakes work unchanged. A function exercise may have a driver too,
for checks a plain call cannot make (``drive(fn, *args)`` calls it and may raise with a
message, e.g. when arrays inside a list argument were changed in place).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from tutor.grading.child import args as case_args

DRIVER_FILE = "<driver>"


def load_driver(source: str) -> Callable[..., Any]:
    """The driver's ``drive`` function (lesson code, run in a namespace of its own)."""
    namespace = case_args.namespace()
    exec(compile(source, DRIVER_FILE, "exec"), namespace)  # noqa: S102 - lesson code, sandboxed
    drive = namespace.get("drive")
    if not callable(drive):
        raise NameError("the lesson's driver does not define drive(entry, *args)")
    return drive


def is_class(entry: Any) -> bool:
    return isinstance(entry, type)


def bind(drive: Callable[..., Any], cls: Any) -> Callable[..., Any]:
    """A function of a case's arguments: ``drive(cls, *args)``."""
    return functools.partial(drive, cls)
