"""The program's own words in the language of the run: `_("Begin")`, `ngettext(...)`.

The language is set once for a run (`use`, from `--lang` or the locale) or for a stretch of
work (`speaking`, such as re-rendering a past report in the language it was answered in). It is
the process's, not a context variable's: the prompts draw from prompt_toolkit's own thread,
which would not see a context variable set in the main one. Constants defined at import time
are marked with `N_` (Babel extracts them) and translated where shown.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from assessment.i18n import SOURCE

_STATE = {"lang": SOURCE, "region": None}  # the run's language, and the locale's country


def use(lang: str, region: str | None = None) -> None:
    """Speak `lang` from now on (the CLI, once it knows `--lang` or the locale)."""
    _STATE["lang"], _STATE["region"] = lang, region


def current() -> str:
    return _STATE["lang"]


def region() -> str | None:
    return _STATE["region"]


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block, then go back to what was spoken before."""
    before = _STATE["lang"]
    _STATE["lang"] = lang
    try:
        yield
    finally:
        _STATE["lang"] = before


def _catalogue():
    from assessment.i18n.catalog import translations

    return translations(_STATE["lang"])


def _(message: str) -> str:
    """`message` in the current language (the English itself where there is no translation)."""
    if _STATE["lang"] == SOURCE or not message:
        return message
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural of a message, by the current language's plural rule."""
    if _STATE["lang"] == SOURCE:
        return singular if count == 1 else plural
    return _catalogue().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on where it stands ("No" as an answer)."""
    if _STATE["lang"] == SOURCE:
        return message
    return _catalogue().pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "mark, translate later"
    """Mark a string for extraction without translating it yet (a module constant)."""
    return message


# The letter that answers yes in each language ("o" for oui, "s" for sí); y always works too,
# and n is no in all three.
_YES = {"en": ("y", "yes"), "fr": ("o", "oui"), "es": ("s", "sí", "si")}


def yes_letters() -> tuple[str, ...]:
    """The keys that answer yes: y, and the current language's own letter."""
    own = _YES.get(_STATE["lang"], _YES[SOURCE])[0]
    return ("y",) if own == "y" else ("y", own)


def yes_words() -> tuple[str, ...]:
    """What a typed yes may be, in lower case (y and yes always count)."""
    return (*_YES[SOURCE], *_YES.get(_STATE["lang"], ()))


def no_words() -> tuple[str, ...]:
    """What a typed no may be, in lower case."""
    return ("n", "no", "non")


def colon() -> str:
    """The ": " between a label and what follows it; French sets a no-break space before it."""
    return "\u00a0: " if _STATE["lang"] == "fr" else ": "


def semicolon() -> str:
    """The "; " between items of a list run into a sentence (French: a no-break space before)."""
    return "\u00a0; " if _STATE["lang"] == "fr" else "; "


def decimal(text: str) -> str:
    """A number already written ("2.5") with the current language's decimal sign ("2,5")."""
    return text if _STATE["lang"] == SOURCE else text.replace(".", ",")
