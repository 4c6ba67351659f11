"""The report's colours, defined once: the SVG charts use them, and the page writes them into
its style as CSS custom properties (report.html), so report.css and the charts cannot drift.

Black and white safe: greys only, and meaning never rests on the colour alone.
"""

from __future__ import annotations

INK = "#1a1a1a"  # text, outlines, arrows
MUTED = "#5c5c5c"  # quiet text: legends, captions, the page's header and footer
FRAME = "#6b6b6b"  # the charts' frames and ticks
RULE = "#9a9a9a"  # table rules
TINT = "#f0f0f0"
PAPER = "#ffffff"
LIGHT = "#d9d9d9"  # low band
MID = "#8c8c8c"  # the simple sum's bar
DARK = "#262626"  # high band

# As CSS custom properties: var(--ink) and so on in report.css.
CSS_VARIABLES = {
    "ink": INK,
    "muted": MUTED,
    "frame": FRAME,
    "rule": RULE,
    "tint": TINT,
    "paper": PAPER,
    "light": LIGHT,
    "mid": MID,
    "dark": DARK,
}
