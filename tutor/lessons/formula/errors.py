"""The one error a typed formula can raise: what is wrong, and at which character."""

from __future__ import annotations


class FormulaError(ValueError):
    """Text that cannot be read as a formula. ``at`` is the index of the character the
    problem is at (None when it is about the whole text)."""

    def __init__(self, reason: str, at: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.at = at

    def message(self) -> str:
        """The reason, as shown to the learner."""
        where = f" (at character {self.at + 1})" if self.at is not None else ""
        end = "" if self.reason.endswith(("?", ".")) else "."
        return f"Can't read that{where}: {self.reason}{end}"
