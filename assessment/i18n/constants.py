"""Module constants that speak the run's language: a module's English texts are taken out of
its namespace and handed back, translated, each time they are read (`texts.BEGIN`).

So the wizard's words stay where they are, named, in English (Babel's extractor in
`assessment.i18n.extract` finds them there), and the language is decided when they are shown,
not when the module was imported.
"""

from __future__ import annotations

from typing import Any

from assessment.i18n.words import _

Texts = dict[str, "str | list[str]"]


def is_text(name: str, value: Any) -> bool:
    """An upper-case constant holding words: a string, or a list of strings, with letters in
    it (marks such as "?" and ">" are not words), and not a command to type."""
    if not name.isupper() or name.startswith("_"):
        return False
    items = value if isinstance(value, list | tuple) else [value]
    return bool(items) and all(
        isinstance(item, str) and any(c.isalpha() for c in item) and not item.startswith("fibro-")
        for item in items
    )


def take(namespace: dict[str, Any]) -> Texts:
    """Remove the text constants from a module's namespace; return them, in English."""
    found = {name: value for name, value in namespace.items() if is_text(name, value)}
    for name in found:
        del namespace[name]
    return found


def translated(texts: Texts, name: str) -> str | list[str]:
    """A taken constant in the current language; AttributeError for any other name."""
    try:
        value = texts[name]
    except KeyError:
        raise AttributeError(name) from None
    if isinstance(value, str):
        return _(value)
    return [_(item) for item in value]
