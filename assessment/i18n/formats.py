"""Dates and numbers as each language writes them (Babel's CLDR data): "1 Dec 2026" in English,
"1 déc. 2026" in French, decimal commas in French and Spanish."""

from __future__ import annotations

import datetime as _dt
import functools

from assessment.core.numbers import number as _number
from assessment.i18n import SOURCE

# CLDR locales behind each language: English as the program always wrote it (day month year).
_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}


@functools.cache
def _locale(lang: str):
    from babel import Locale

    return Locale.parse(_LOCALES.get(lang, _LOCALES[SOURCE]))


def date(value: _dt.date, lang: str, length: str = "medium") -> str:
    """A day as the language writes it: medium "1 déc. 2026", long "1 décembre 2026"."""
    from babel.dates import format_date

    return format_date(value, format=length, locale=_locale(lang))


def date_time(value: _dt.datetime, lang: str) -> str:
    """A day and time, such as "1 déc. 2026, 14:05"."""
    from babel.dates import format_datetime

    return format_datetime(value, format="medium", locale=_locale(lang)).rsplit(":", 1)[0]


def number(
    value: float | int | None, lang: str, places: int | None = None, unknown: str = "?"
) -> str:
    """`core.numbers.number` in the language's digits: the same rounding in every language
    (a score is never 2.5 in one and 2.4 in another), with its decimal sign: "2,5" in French."""
    text = _number(value, places, unknown)
    if value is None or lang == SOURCE:
        return text
    return text.replace(".", decimal_sign(lang))


def decimal_sign(lang: str) -> str:
    """The decimal separator a person of this language types: "," in French and Spanish."""
    return _locale(lang).number_symbols["latn"]["decimal"]


def saved_at(value: _dt.datetime, lang: str) -> str:
    """When a draft was saved, as a person says it: "Tuesday 01 December at 14:05" (the English
    as the wizard always wrote it), "mardi 1 décembre à 14:05", "martes, 1 de diciembre, 14:05"."""
    if lang == SOURCE:
        return value.strftime("%A %d %B at %H:%M")
    from babel.dates import format_datetime

    pattern = {"fr": "EEEE d MMMM 'à' HH:mm", "es": "EEEE d 'de' MMMM, HH:mm"}[lang]
    return format_datetime(value, pattern, locale=_locale(lang))
