"""Which language and region a run speaks: `--lang`, else the locale (LC_ALL, LC_MESSAGES, LANG).

The region matters for safety (the emergency number), so it is read from the locale even when
`--lang` names the language: `LANG=fr_FR.UTF-8` is French in France, `es_MX` Spanish in Mexico.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from assessment.i18n import LANGS, SOURCE

_LOCALE = re.compile(r"^(?P<lang>[A-Za-z]{2,3})(?:[_-](?P<region>[A-Za-z]{2}|\d{3}))?(?:[.@].*)?$")


@dataclass(frozen=True)
class Speech:
    """A run's language (one of LANGS) and, when the locale says, its region (ISO 3166)."""

    lang: str = SOURCE
    region: str | None = None


def parse(value: str | None) -> tuple[str | None, str | None]:
    """('fr', 'FR') from 'fr_FR.UTF-8'; (None, None) for C, POSIX or nothing."""
    if not value or value in ("C", "POSIX") or value.startswith("C."):
        return None, None
    match = _LOCALE.match(value.strip())
    if not match:
        return None, None
    region = match.group("region")
    return match.group("lang").lower(), region.upper() if region else None


def from_locale(environ: Mapping[str, str] | None = None) -> Speech:
    """The language the locale asks for, the first of LC_ALL, LC_MESSAGES, LANG that is set
    (POSIX order); English when it names a language the program does not speak."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            lang, region = parse(value)
            return Speech(lang if lang in LANGS else SOURCE, region)
    return Speech()


def choose(flag: str | None, environ: Mapping[str, str] | None = None) -> Speech:
    """`--lang` if given (checked by argparse against LANGS), else the locale's language; the
    region always comes from the locale, when it names the same language's country or any."""
    found = from_locale(environ)
    if flag is None:
        return found
    return Speech(flag, found.region)
