"""What the sandbox's audit hook refused, as data: made in the child
(:mod:`tutor.grading.child.audit`), carried on the wire as plain data (checked by
:mod:`tutor.grading.messages`), read by the verdict and ``tutor doctor``.

Standard library only: the child imports this before running any code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

BLOCKED = "blocked by the tutor sandbox: "  # how a refusal's PermissionError begins
ACTION_CHARS = 400  # the longest action and reason sent (the parent refuses longer)
REASON_CHARS = 200


class RefusalKind(StrEnum):
    """What sort of thing was refused."""

    PROCESS = "process"  # starting another process
    SIGNAL = "signal"  # signalling another process
    NETWORK = "network"  # sockets and network libraries
    WRITE = "write"  # writing, changing or linking files outside the working directory
    READ = "read"  # reading or listing what sandboxed code may not see
    CTYPES = "ctypes"  # calls into C, raw memory, symbols, libraries through ctypes
    LIMITS = "limits"  # changing resource limits
    INTERPRETER = "interpreter"  # audit hooks, walking the interpreter's objects
    INPUT = "input"  # input(), breakpoint()
    DEVICE = "device"  # ioctl
    DATABASE = "database"  # opening a database file outside the working directory


@dataclass(frozen=True)
class Refusal:
    """One refusal: ``action`` is what the code tried, as "starting another process
    (os.fork)"; ``reason``, when given, the rule it broke, in the learner's terms."""

    kind: RefusalKind
    action: str
    reason: str = ""

    @property
    def sentence(self) -> str:
        """"writing /x is not allowed (your code may only write ...)"."""
        return f"{self.action} is not allowed" + (f" ({self.reason})" if self.reason else "")

    @property
    def error_text(self) -> str:
        """The text of the PermissionError the code under test sees."""
        return BLOCKED + self.sentence

    @property
    def stopped(self) -> str:
        """The verdict's line: "the sandbox stopped your code from writing /x (...)"."""
        return f"the sandbox stopped your code from {self.action}" + (
            f" ({self.reason})" if self.reason else "")

    def to_wire(self) -> dict[str, str]:
        """Plain data for the result pipe (within the lengths the parent accepts)."""
        return {"kind": str(self.kind), "action": str(self.action)[:ACTION_CHARS],
                "reason": str(self.reason)[:REASON_CHARS]}

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Refusal:
        """A refusal from data already checked by :mod:`tutor.grading.messages`."""
        return cls(RefusalKind(data["kind"]), str(data["action"]), str(data.get("reason", "")))

