"""The question bank in the run's language: the English bank, validated, with its overlay's
words and the region's emergency number in place, kept checked in the bank cache.

Its hash is the loader's, which covers every translation beside it (core/loader.py).
"""

from __future__ import annotations

from pathlib import Path

from assessment import bank_cache
from assessment.core.bank import Bank
from assessment.errors import BankError
from assessment.i18n import NAMES, SOURCE, emergency
from assessment.i18n import overlay as overlays
from assessment.i18n.choice import Speech

EMERGENCY = overlays.EMERGENCY  # the placeholder for the number to call, filled on loading


def load(path: str | Path, speech: Speech | None = None) -> Bank:
    """The bank at `path`, in `speech`'s language (the run's, if not given); raises BankError
    naming each mistake of the overlay (a missing sentence is no mistake: it shows in English)."""
    if speech is None:
        from assessment.i18n import words

        speech = Speech(words.current(), words.region())
    if speech.lang == SOURCE:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            text = ""  # the loader says what is wrong with the file
        if EMERGENCY not in text:
            # The English words name their numbers outright: nothing to fill, and dumping and
            # validating the whole bank again to find that out cost every run about 45 ms.
            return bank_cache.load(path).model_copy(update={"lang": speech.lang})
    phrase = emergency.phrase(speech.lang, speech.region)

    def translated(english: Bank) -> Bank:
        """The checked English bank with the overlay's words and the number to call."""
        if speech.lang == SOURCE:
            return overlays.apply(english, None, {EMERGENCY: phrase})
        translation = overlays.overlay_path(path, speech.lang)
        if not translation.exists():
            raise BankError(
                [f"{path}: has no {NAMES[speech.lang]} translation "
                 f"({translation.name}); run with --lang en"]
            )  # fmt: skip
        from assessment.core import yamlfile

        overlay = overlays.read_overlay(translation, speech.lang)
        source = yamlfile.load(Path(path).read_text(encoding="utf-8"))
        mistakes, _missing = overlays.check(source, overlay, str(path))
        if mistakes:
            raise BankError(mistakes)
        return overlays.apply(english, overlay, {EMERGENCY: phrase})

    # Kept checked and translated, as the English bank is: a run in French reads no YAML and
    # validates nothing (that was more than half of its instructions).
    bank = bank_cache.load(path, f"{speech.lang}\0{phrase}", translated)
    return bank.model_copy(update={"lang": speech.lang})
