"""Untrusted text made harmless: in a terminal as visible marks, in the PDF left out.

Free text (a name, notes) and a bank's wording can hold escape sequences: ESC starts commands a
terminal obeys (OSC 52 writes the clipboard, others retitle the window or hide text), C1 controls
do the same in one byte, and bidi overrides make text read in another order than it is stored.
The terminal shows each such character as its escape (`\\x1b`, `\\u202e`), so the person sees
that something odd was typed; the PDF simply leaves them out of its text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# C0 controls except tab and newline, DEL and the C1 controls, the bidi embeddings, overrides,
# isolates and marks, the line and paragraph separators, and lone surrogates (which no file or
# terminal can even encode).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)


def _mark(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Text for the terminal: each unsafe character as its visible escape, `\\x1b`."""
    return _UNSAFE.sub(_mark, text)


def printable(text: str) -> str:
    """Text for the PDF: unsafe characters left out."""
    return _UNSAFE.sub("", text)


def has_unsafe(text: str) -> bool:
    """Whether the text holds anything `visible` would mark."""
    return _UNSAFE.search(text) is not None


def visible_tree(value: Any) -> Any:
    """Every string in nested mappings and lists made visible (keys too)."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, Mapping):
        return {visible_tree(k): visible_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [visible_tree(v) for v in value]
    return value
