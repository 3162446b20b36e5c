"""The code editor: a TextArea for Python with auto-indent and theme-aware colours.

Keys a learner expects from an editor: ``ctrl+a`` selects everything (so typing or
backspace replaces it), ``tab`` indents (every selected line when the selection spans
lines), backspace in the indentation goes back one level, and pasted code keeps its
shape (tabs become spaces, terminal line ends become newlines).

Syntax highlighting needs tree-sitter (``textual[syntax]``); without it the
editor still works, just without colours.
"""

from __future__ import annotations

import importlib.util

from textual import events
from textual.binding import Binding
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

INDENT = "    "
DARK_EDITOR_THEME = "monokai"
LIGHT_EDITOR_THEME = "github_light"


def python_language() -> str | None:
    """``"python"`` when tree-sitter and its Python grammar are installed, else None."""
    try:
        found = all(importlib.util.find_spec(name) is not None
                    for name in ("tree_sitter", "tree_sitter_python"))
    except (ImportError, ValueError):
        return None
    return "python" if found else None


def indent_after(line: str) -> str:
    """The indentation for the line after ``line``: kept, and one deeper after ``:``."""
    stripped = line.rstrip()
    indent = line[: len(line) - len(line.lstrip())]
    if stripped.endswith(":") and not stripped.lstrip().startswith("#"):
        indent += INDENT
    return indent


def clean_paste(text: str) -> str:
    """Pasted text as the editor keeps it: ``\\n`` line ends, leading tabs as spaces."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cleaned = []
    for line in lines:
        body = line.lstrip(" \t")
        lead = line[: len(line) - len(body)]
        cleaned.append(lead.expandtabs(len(INDENT)) + body)
    return "\n".join(cleaned)


def dedent_width(before_cursor: str) -> int:
    """How many spaces backspace removes when the cursor is in the indentation: back to
    the previous indent stop. 0 when there is text before the cursor (a plain backspace)."""
    if not before_cursor or before_cursor.strip(" "):
        return 0
    return (len(before_cursor) - 1) % len(INDENT) + 1


class CodeEditor(TextArea):
    """A Python editor: line numbers, 4-space indents, Enter keeps the indentation."""

    BINDINGS = [
        Binding("escape", "leave", "Leave editor"),
        Binding("ctrl+a", "select_all", "Select all", show=False),
        Binding("home", "cursor_line_start", "Cursor line start", show=False),
    ]

    def __init__(self, text: str, *, highlight: bool = True, read_only: bool = False,
                 id: str | None = None) -> None:
        super().__init__(
            text,
            language=python_language() if highlight else None,
            theme=DARK_EDITOR_THEME,
            soft_wrap=read_only,
            tab_behavior="indent",
            show_line_numbers=True,
            read_only=read_only,
            id=id,
        )
        self.indent_type = "spaces"
        self.indent_width = len(INDENT)

    def on_mount(self) -> None:
        self._follow_app_theme()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._follow_app_theme())

    def _follow_app_theme(self) -> None:
        dark = self.app.current_theme.dark
        self.theme = DARK_EDITOR_THEME if dark else LIGHT_EDITOR_THEME

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            # not TextArea's own escape handling: the "Leave editor" binding runs, so the
            # footer can say what escape does
            event.prevent_default()
            return
        if not self.read_only and event.key == "enter":
            event.stop()
            event.prevent_default()
            row, column = self.cursor_location
            line = self.document.get_line(row)[:column]
            start, end = self.selection
            self.replace("\n" + indent_after(line), start, end, maintain_selection_offset=False)
            return
        if not self.read_only and event.key == "tab" and self._selected_rows() is not None:
            event.stop()
            event.prevent_default()
            self._indent_selected_lines()
        # other keys go on to TextArea._on_key (Textual dispatches along the MRO)

    async def _on_paste(self, event: events.Paste) -> None:
        if self.read_only:
            return
        event.stop()
        event.prevent_default()
        start, end = self.selection
        result = self.replace(clean_paste(event.text), start, end,
                              maintain_selection_offset=False)
        self.move_cursor(result.end_location)
        self.focus()

    def action_leave(self) -> None:
        """Move the focus on (to the buttons below), out of the editor."""
        self.screen.focus_next()

    def action_delete_left(self) -> None:
        """Backspace; in the indentation it goes back one indent level."""
        if not self.read_only and self.selection.is_empty:
            row, column = self.cursor_location
            width = dedent_width(self.document.get_line(row)[:column])
            if width > 1:
                self.delete((row, column - width), (row, column),
                            maintain_selection_offset=False)
                return
        super().action_delete_left()

    def _selected_rows(self) -> tuple[int, int] | None:
        """The first and last row of a selection that spans lines, else None."""
        start, end = sorted(self.selection)
        if start[0] == end[0]:
            return None
        last = end[0] - 1 if end[1] == 0 else end[0]
        return start[0], last

    def _indent_selected_lines(self) -> None:
        rows = self._selected_rows()
        if rows is None:
            return
        first, last = rows
        lines = [self.document.get_line(r) for r in range(first, last + 1)]
        indented = "\n".join(INDENT + line if line.strip() else line for line in lines)
        end = (last, len(lines[-1]))
        self.replace(indented, (first, 0), end, maintain_selection_offset=False)
        self.selection = Selection((first, 0), (last, len(self.document.get_line(last))))

    def replace_all(self, text: str) -> None:
        """Replace the whole text as one edit, so ctrl+z brings the old text back."""
        self.replace(text, (0, 0), self.document.end, maintain_selection_offset=False)
        self.move_cursor((0, 0))
