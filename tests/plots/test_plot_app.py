"""`draw_on` draws on textual-plotext's widget inside a running app."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual_plotext import PlotextPlot

from tutor.grading.plotdata import PlotData
from tutor.plots import build_figure, comparison_figure, draw_on


class PlotApp(App[None]):
    def compose(self) -> ComposeResult:
        yield PlotextPlot()


async def test_draw_on_widget() -> None:
    app = PlotApp()
    async with app.run_test(size=(80, 24)) as pilot:
        widget = app.query_one(PlotextPlot)
        fig = build_figure("lr-comparison", {})
        draw_on(widget.plt, fig)
        widget.refresh()
        await pilot.pause()
        text = widget.plt.uncolorize(widget.plt.build())
        assert fig.title in text
        assert "lr=0.1 (diverged)" in text
        # Drawing again replaces the figure rather than adding to it.
        draw_on(widget.plt, build_figure("schedule", {}))
        widget.refresh()
        await pilot.pause()
        text = widget.plt.uncolorize(widget.plt.build())
        assert "Warmup then cosine decay" in text and "diverged" not in text


async def test_draw_on_widget_with_a_message() -> None:
    app = PlotApp()
    async with app.run_test(size=(80, 24)) as pilot:
        widget = app.query_one(PlotextPlot)
        fig = comparison_figure(PlotData.from_outputs("loss-curve", [1.0, float("inf")], [1.0, 0.5],
                                                      title="Your losses"))
        draw_on(widget.plt, fig)
        widget.refresh()
        await pilot.pause()
        text = widget.plt.uncolorize(widget.plt.build())
        assert "Your losses" in text and "became inf at step 1" in text


async def test_both_kinds_draw_in_the_app_widget() -> None:
    app = PlotApp()
    async with app.run_test(size=(80, 30)) as pilot:
        widget = app.query_one(PlotextPlot)
        for kind, label in (("optimizer-paths", "gradient descent"),
                            ("decision-boundary", "label 1")):
            draw_on(widget.plt, build_figure(kind, {}))
            widget.refresh()
            await pilot.pause()
            text = widget.plt.uncolorize(widget.plt.build())
            assert label in text


@pytest.mark.parametrize("kind", ["matrix-grid", "singular-values", "prior-posterior",
                                  "train-validation", "roc"])
async def test_each_kind_draws_in_the_app_widget(kind: str) -> None:
    app = PlotApp()
    async with app.run_test(size=(90, 30)) as pilot:
        widget = app.query_one(PlotextPlot)
        fig = build_figure(kind, {})
        draw_on(widget.plt, fig)
        widget.refresh()
        await pilot.pause()
        text = widget.plt.uncolorize(widget.plt.build())
        assert fig.title in text
        for s in fig.series:
            assert s.label in text
