"""The clinical terms stay the ones patients in each country use (assessment/i18n/glossary.yaml):
wherever the English says "fibromyalgia" or "bone density scan", the French and the Spanish say
their term for it, and no translation slips into "tu" / "tú" or words patients do not use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from assessment.core import yamlfile
from assessment.i18n import overlay as overlays
from assessment.paths import default_bank_path

GLOSSARY = Path(overlays.__file__).with_name("glossary.yaml")
LANGS = ("fr", "es")


def glossary() -> dict:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))


def translated_pairs(lang: str) -> list[tuple[str, str, str]]:
    """(field, English, translation) for every translated string of the shipped bank."""
    english = overlays.strings(yamlfile.load(default_bank_path().read_text(encoding="utf-8")))
    overlay = overlays.read_overlay(overlays.overlay_path(default_bank_path(), lang), lang)
    return [
        (overlays.describe(key), place.holder[place.slot], overlay.words[key][0])
        for key, place in english.items()
        if key in overlay.words
    ]


def term_misses(pairs, terms: dict, lang: str) -> list[str]:
    misses = []
    for field, english, translation in pairs:
        for name, term in terms.items():
            if re.search(term["en"], english, re.I) and not re.search(
                term[lang], translation, re.I
            ):
                misses.append(f"{field}: {name}: {translation!r} has none of {term[lang]!r}")
    return misses


def test_every_term_has_each_language():
    for name, term in glossary()["terms"].items():
        assert {"en", "fr", "es"} <= set(term), name


@pytest.mark.parametrize("lang", LANGS)
def test_translations_use_the_glossary_terms(lang):
    assert term_misses(translated_pairs(lang), glossary()["terms"], lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_translations_use_the_polite_form_and_the_patients_words(lang):
    avoid = re.compile(glossary()["avoid"][lang], re.I)
    found = [(f, t) for f, _e, t in translated_pairs(lang) if avoid.search(t)]
    assert found == []


def test_the_check_sees_a_wrong_term_and_a_familiar_form():
    terms = {"fibro": {"en": "fibromyalgia", "fr": "fibromyalgie", "es": "fibromialgia"}}
    pairs = [("x", "Fibromyalgia hurts.", "La fibromyalgia fait mal.")]
    assert term_misses(pairs, terms, "fr") == [
        "x: fibro: 'La fibromyalgia fait mal.' has none of 'fibromyalgie'"
    ]
    assert re.search(glossary()["avoid"]["fr"], "Comment vas-tu ?", re.I)
    assert re.search(glossary()["avoid"]["es"], "¿Tienes dolor?", re.I)
    assert not re.search(glossary()["avoid"]["es"], "¿Tiene dolor?", re.I)
