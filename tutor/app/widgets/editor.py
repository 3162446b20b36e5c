"""The code editor: a TextArea for Python with auto-indent and theme-aware colours.

Syntax highlighting needs tree-sitter (``textual[syntax]``); without it the
editor still works, just without colours.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

INDENT = "    "
DARK_EDITOR_THEME = "monokai"
LIGHT_EDITOR_THEME = "github_light"


def python_language() -> str | None:
    """``"python"`` when tree-sitter and its Python grammar are installed, else None."""
    try:
        from textual._tree_sitter import get_language
    except ImportError:  # a Textual without tree-sitter support
        return None
    try:
        return "python" if get_language("python") is not None else None
    except Exception:
        return None


def indent_after(line: str) -> str:
    """The indentation for the line after ``line``: kept, and one deeper after ``:``."""
    stripped = line.rstrip()
    indent = line[: len(line) - len(line.lstrip())]
    if stripped.endswith(":") and not stripped.lstrip().startswith("#"):
        indent += INDENT
    return indent


class CodeEditor(TextArea):
    """A Python editor: line numbers, 4-space indents, Enter keeps the indentation."""

    def __init__(self, text: str, *, highlight: bool = True, id: str | None = None) -> None:
        super().__init__(
            text,
            language=python_language() if highlight else None,
            theme=DARK_EDITOR_THEME,
            soft_wrap=False,
            tab_behavior="indent",
            show_line_numbers=True,
            id=id,
        )
        self.indent_type = "spaces"
        self.indent_width = 4

    def on_mount(self) -> None:
        self._follow_app_theme()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._follow_app_theme())

    def _follow_app_theme(self) -> None:
        dark = self.app.current_theme.dark
        self.theme = DARK_EDITOR_THEME if dark else LIGHT_EDITOR_THEME

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()
            row, column = self.cursor_location
            line = self.document.get_line(row)[:column]
            start, end = self.selection
            self.replace("\n" + indent_after(line), start, end, maintain_selection_offset=False)
            return
        await super()._on_key(event)

    def replace_all(self, text: str) -> None:
        """Replace the whole text as one edit, so ctrl+z brings the old text back."""
        self.replace(text, (0, 0), self.document.end, maintain_selection_offset=False)
        self.move_cursor((0, 0))
