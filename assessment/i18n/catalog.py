"""The program's own words in another language: gettext catalogues read from the `.po` files
that ship in `assessment/i18n/locale/<lang>/LC_MESSAGES/fibro_assess.po`.

Babel extracts the English strings (`_()`, `ngettext()` in the code, `{% trans %}` and `_()` in
the templates) into `fibro_assess.pot`; translators fill the `.po`. They are read here directly,
so what ships is what the tests check. English needs no catalogue: the source strings are it.
"""

from __future__ import annotations

import functools
import gettext
import re
from pathlib import Path

from assessment.i18n import LANGS, SOURCE

DOMAIN = "fibro_assess"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\([A-Za-z_]+\)[sd]")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


class Catalogue(gettext.NullTranslations):
    """gettext's interface over one `.po` file; an untranslated or fuzzy entry falls back to
    the English, so a gap shows English rather than nothing."""

    def __init__(self, messages: dict[str, str], plurals: dict[str, list[str]], plural_expr):
        super().__init__()
        self._messages = messages
        self._plurals = plurals
        self._plural = plural_expr

    def gettext(self, message: str) -> str:
        return self._messages.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self._plurals.get(singular)
        if not forms:
            return singular if n == 1 else plural
        index = self._plural(n)
        return forms[index] if index < len(forms) and forms[index] else forms[0]

    def pgettext(self, context: str, message: str) -> str:
        return self._messages.get(f"{context}\x04{message}") or message


def read(lang: str, path: Path | None = None):
    """The Babel catalogue of one language's `.po` (for the checks and the tests)."""
    from babel.messages.pofile import read_po

    with open(path or po_path(lang), "rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang`; English and a language without a `.po` get the English."""
    if lang == SOURCE or lang not in LANGS or not po_path(lang).exists():
        return gettext.NullTranslations()
    return load(lang, po_path(lang))


def load(lang: str, path: Path) -> Catalogue:
    """A `.po` file as a gettext catalogue."""
    catalog = read(lang, path)
    messages: dict[str, str] = {}
    plurals: dict[str, list[str]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if message.context:
            key = f"{message.context}\x04{key}"
        if isinstance(message.string, tuple):
            plurals[key] = list(message.string)
            messages[key] = message.string[0]
        elif message.string:
            messages[key] = message.string
    # The .po's own Plural-Forms (French "(n > 1)": 0 and 1 are singular; Spanish "(n != 1)").
    return Catalogue(messages, plurals, gettext.c2py(catalog.plural_expr))


def placeholders(text: str) -> list[str]:
    """The `{name}` (and `%(name)s`) holes in a string, sorted: a translation keeps them all."""
    return sorted(PLACEHOLDER.findall(text))
