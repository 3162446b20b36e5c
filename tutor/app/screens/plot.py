"""A full-screen plot: the learner's results from a check, or a lesson's plot."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header

from tutor.app.widgets.plot import PlotView


class PlotScreen(Screen[None]):
    """One plot filling the screen; escape goes back."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    def __init__(self, title: str, *, plot_data: dict[str, Any] | None = None,
                 kind: str | None = None, params: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.plot_title = title
        self.plot_data = plot_data
        self.kind = kind
        self.params = params

    def compose(self) -> ComposeResult:
        yield Header()
        yield PlotView(plot_data=self.plot_data, kind=self.kind, params=self.params,
                       title=self.plot_title, id="plot")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.plot_title
