"""One way to write a number for people: the terminal, the PDF, the history and errors share it.

Whole numbers lose their ".0"; a fixed number of places, when asked, is kept as asked; an
unknown value shows as the caller's mark for "not known" (a dash, a question mark).
"""

from __future__ import annotations


def number(value: float | int | None, places: int | None = None, unknown: str = "?") -> str:
    """`value` for display: "4" not "4.0"; with `places`, exactly that many decimals."""
    if value is None:
        return unknown
    if places is not None:
        return f"{value:.{places}f}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def trimmed(value: float, places: int = 1) -> str:
    """At most `places` decimals, trailing zeros dropped ("12.5", "12"): for coordinates."""
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
