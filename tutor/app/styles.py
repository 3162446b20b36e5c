"""The app's two stylesheets. ``tutor.tcss`` holds what the home screen needs (and what
every screen shares): the app parses only it at start. ``screens.tcss`` holds the rest;
each other screen names it as its ``CSS_PATH``, so Textual reads it when the first of
them opens, and the app reads it ahead once its first frame is drawn
(:func:`read_ahead`), so that opening a lesson finds it parsed."""

from __future__ import annotations

import os
from pathlib import Path

from textual.css.stylesheet import Stylesheet

HERE = Path(__file__).parent
# absolute, as Textual names a screen's CSS file when it checks whether it has read it
HOME_CSS = Path(os.path.abspath(HERE / "tutor.tcss"))
SCREENS_CSS = Path(os.path.abspath(HERE / "screens.tcss"))


def read_ahead(stylesheet: Stylesheet) -> None:
    """Add the other screens' stylesheet to ``stylesheet`` and parse it, unless a screen
    that names it has been opened already. Parsed here, apart, it costs no re-parse of
    the whole stylesheet later, as Textual's reading of a screen's new CSS file does."""
    if not stylesheet.has_source(str(SCREENS_CSS)):
        stylesheet.read(SCREENS_CSS)
        stylesheet.parse()
