"""The emergency number to call, for the person's language and region.

Safety wording must name a number that works where the person is: the locale's country
(`fr_FR` -> France: 15 or 112) picks it from `emergency.yaml`; where the country is not known,
the words say "112 or your local emergency number" (112 reaches emergency services across the
EU and on most mobile networks elsewhere).
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from assessment.i18n import SOURCE

DATA = Path(__file__).resolve().parent / "emergency.yaml"


@functools.cache
def _table() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def numbers(region: str | None) -> list[str]:
    """The numbers to call in a region, most direct first; [] where the region is unknown."""
    return [str(n) for n in _table()["regions"].get((region or "").upper(), [])]


def phrase(lang: str, region: str | None) -> str:
    """The number as the bank's `{emergency}` placeholder takes it: "15 or 112",
    "112 ou le numéro d'urgence de votre pays", "112"."""
    words = _table()["words"].get(lang) or _table()["words"][SOURCE]
    found = numbers(region)
    if not found:
        return words["unknown"]
    return words["join"].join(found)
