"""``ast.parse`` for a process with threads, one parse at a time.

CPython 3.11 keeps the AST constructor's recursion depth in state every thread shares,
and some error paths leave it off: two threads parsing at once (validate's text checks
beside its exercise checks, the app's checks beside its screens) can fail with
"SystemError: AST constructor recursion depth mismatch" (python/cpython#106905). Every
parse in the parent goes through :func:`parse`, under one lock. (A sandboxed child is a
process of its own, with one thread: it parses as it likes.)
"""

from __future__ import annotations

import ast
import threading

_LOCK = threading.Lock()


def parse(source: str, filename: str = "<unknown>", mode: str = "exec") -> ast.AST:
    """:func:`ast.parse`, never at the same time as another thread's."""
    with _LOCK:
        return ast.parse(source, filename=filename, mode=mode)
