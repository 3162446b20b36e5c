"""A full-screen plot: the learner's results from a check beside the reference's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header

from tutor.app.styles import SCREENS_CSS
from tutor.app.widgets.plot import PlotView

if TYPE_CHECKING:
    from tutor.grading.plotdata import PlotData


class PlotScreen(Screen[None]):
    """One plot filling the screen; escape goes back."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    def __init__(self, plot_data: PlotData) -> None:
        super().__init__()
        self.plot_title = plot_data.title
        self.plot_data = plot_data

    def compose(self) -> ComposeResult:
        yield Header()
        yield PlotView(plot_data=self.plot_data, title=self.plot_title, id="plot")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.plot_title
