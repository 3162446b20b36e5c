"""Short texts shown outside Markdown (grader messages, choices) with `code spans` in the
accent colour, not raw backticks. The Markdown of lesson prose is made by
:mod:`tutor.lessons.display`, which the rendering check reads too."""

from __future__ import annotations

import re

from textual.content import Content

CODE_STYLE = "$text-accent"
_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def inline_code(text: str) -> Content:
    """``text`` with its `code spans` styled (backticks dropped); no other markup."""
    parts: list[str | tuple[str, str]] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(text[last:match.start()])
        parts.append((match.group(1), CODE_STYLE))
        last = match.end()
    parts.append(text[last:])
    return Content.assemble(*parts)


def plain(text: str) -> str:
    """``text`` without the backticks of its code spans (what :func:`inline_code` shows)."""
    return _CODE_SPAN.sub(r"\1", text)
