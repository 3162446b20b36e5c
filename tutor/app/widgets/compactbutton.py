"""The home screen's buttons: Textual's compact default-variant ``Button`` with only
the default CSS such a button uses.

Button's own default CSS covers every variant, the flat style and ANSI colour mode
(about 250 lines); the first Button mounted makes the app parse all of it, which on the
home screen happened before its first frame (~30 M instructions). This class copies the
rules that apply to a compact button of the default variant (Widget's and Button's, as
of Textual 8.2) and inherits no other: a test in tests/app/test_home.py compares it with
a real Button in every state and both themes, so a Textual upgrade that restyles Button
is caught there. The other screens' buttons are Textual's own."""

from __future__ import annotations

from textual.widgets import Button


class CompactButton(Button, inherit_css=False):
    """A compact default-variant Button (pass ``compact=True``), styled as Button is."""

    DEFAULT_CSS = """
    CompactButton {
        scrollbar-background: $scrollbar-background;
        scrollbar-background-hover: $scrollbar-background-hover;
        scrollbar-background-active: $scrollbar-background-active;
        scrollbar-color: $scrollbar;
        scrollbar-color-active: $scrollbar-active;
        scrollbar-color-hover: $scrollbar-hover;
        scrollbar-corner-color: $scrollbar-corner-color;
        scrollbar-size-vertical: 2;
        scrollbar-size-horizontal: 1;
        link-background: $link-background;
        link-color: $link-color;
        link-style: $link-style;
        link-background-hover: $link-background-hover;
        link-color-hover: $link-color-hover;
        link-style-hover: $link-style-hover;
        background: transparent;

        width: auto;
        min-width: 16;
        height: auto;
        line-pad: 1;
        text-align: center;
        content-align: center middle;
        pointer: pointer;

        &.-style-default {
            text-style: bold;
            color: $button-foreground;
            background: $surface;
            border: none;
            border-top: tall $surface-lighten-1;
            border-bottom: tall $surface-darken-1;

            &.-textual-compact {
                border: none !important;
            }
            &:disabled {
                text-opacity: 0.6;
                pointer: not-allowed;
            }
            &:focus {
                text-style: $button-focus-text-style;
                background-tint: $foreground 5%;
            }
            &:hover {
                border-top: tall $surface;
                background: $surface-darken-1;
            }
            &.-active {
                background: $surface;
                border-bottom: tall $surface-lighten-1;
                border-top: tall $surface-darken-1;
                tint: $background 30%;
            }
        }
    }
    """
