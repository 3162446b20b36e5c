"""A plot drawn with textual-plotext from a ``tutor.plots`` figure.

``tutor.plots`` and plotext are imported when the widget mounts, never at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

if TYPE_CHECKING:
    from tutor.grading.plotdata import PlotData


class PlotView(Vertical):
    """Draws one figure: a plot kind with params, or a verdict's ``plot_data``."""

    def __init__(
        self,
        *,
        kind: str | None = None,
        params: dict[str, Any] | None = None,
        title: str | None = None,
        plot_data: PlotData | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="plot-view")
        self.kind = kind
        self.params = params or {}
        self.plot_title = title
        self.plot_data = plot_data
        self.figure: Any = None
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="plot-notes", markup=False)

    def on_mount(self) -> None:
        try:
            from textual_plotext import PlotextPlot

            from tutor.plots import build_figure, comparison_figure
        except ImportError as exc:
            self._show_problem(f"Plotting is not available here ({exc}).")
            return
        try:
            if self.plot_data is not None:
                self.figure = comparison_figure(self.plot_data)
            else:
                self.figure = build_figure(self.kind or "", self.params, self.plot_title)
        except Exception as exc:  # a broken plot spec shows a message, never a crash
            self._show_problem(f"This plot could not be drawn: {exc}")
            return
        plot = PlotextPlot(classes="plot-canvas")
        self.mount(plot, before=0)
        self.call_after_refresh(self._draw, plot)
        notes = list(getattr(self.figure, "notes", ()) or ())
        if notes:
            self.query_one(".plot-notes", Static).update("\n".join(notes))

    def _draw(self, plot: Any) -> None:
        from tutor.plots import draw_on

        try:
            draw_on(plot.plt, self.figure)
        except Exception as exc:
            self._show_problem(f"This plot could not be drawn: {exc}")
            plot.remove()
            return
        plot.refresh()

    def _show_problem(self, message: str) -> None:
        self.error = message
        self.add_class("-problem")
        self.query_one(".plot-notes", Static).update(message)
