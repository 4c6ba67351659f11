"""The program's own words in the language of the run: `_("Begin")`, `ngettext(...)`.

The language is set once for a run (`use`, from `--lang` or the locale) or for a stretch of
work (`speaking`, such as re-rendering a past report in the language it was answered in); it is
held in a context variable, so a render in one language never leaks into another. Constants
defined at import time are marked with `N_` (Babel extracts them) and translated where shown.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from assessment.i18n import SOURCE

_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("fibro_assess_lang", default=SOURCE)
_REGION: str | None = None  # the locale's country, for the emergency number


def use(lang: str, region: str | None = None) -> None:
    """Speak `lang` from now on (the CLI, once it knows `--lang` or the locale)."""
    global _REGION
    _LANG.set(lang)
    _REGION = region


def region() -> str | None:
    return _REGION


def current() -> str:
    return _LANG.get()


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block, then go back to what was spoken before."""
    token = _LANG.set(lang)
    try:
        yield
    finally:
        _LANG.reset(token)


def _catalogue():
    from assessment.i18n.catalog import translations

    return translations(_LANG.get())


def _(message: str) -> str:
    """`message` in the current language (the English itself where there is no translation)."""
    if _LANG.get() == SOURCE or not message:
        return message
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural of a message, by the current language's plural rule."""
    if _LANG.get() == SOURCE:
        return singular if count == 1 else plural
    return _catalogue().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on where it stands ("No" as an answer)."""
    if _LANG.get() == SOURCE:
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
    own = _YES.get(_LANG.get(), _YES[SOURCE])[0]
    return ("y",) if own == "y" else ("y", own)


def yes_words() -> tuple[str, ...]:
    """What a typed yes may be, in lower case (y and yes always count)."""
    return (*_YES[SOURCE], *_YES.get(_LANG.get(), ()))


def no_words() -> tuple[str, ...]:
    """What a typed no may be, in lower case."""
    return ("n", "no", "non")


def decimal(text: str) -> str:
    """A number already written ("2.5") with the current language's decimal sign ("2,5")."""
    return text if _LANG.get() == SOURCE else text.replace(".", ",")
