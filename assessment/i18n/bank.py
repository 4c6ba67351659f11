"""The question bank in the run's language: the English bank, validated, with its overlay's
words and the region's emergency number in place.

Its hash is the loader's, which covers every translation beside it (core/loader.py).
"""

from __future__ import annotations

from pathlib import Path

from assessment.bank_cache import load as load_english
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
    bank = load_english(path)
    if speech.lang != SOURCE:
        translation = overlays.overlay_path(path, speech.lang)
        if not translation.exists():
            raise BankError(
                [f"{path}: has no {NAMES[speech.lang]} translation "
                 f"({translation.name}); run with --lang en"]
            )  # fmt: skip
        from assessment.core import yamlfile

        overlay = overlays.read_overlay(translation, speech.lang)
        english = yamlfile.load(Path(path).read_text(encoding="utf-8"))
        mistakes, _missing = overlays.check(english, overlay, str(path))
        if mistakes:
            raise BankError(mistakes)
    elif EMERGENCY not in Path(path).read_text(encoding="utf-8"):
        # The English words name their numbers outright: nothing to fill, and dumping and
        # validating the whole bank again to find that out cost every run about 45 ms.
        return bank.model_copy(update={"lang": speech.lang})
    else:
        overlay = None
    fill = {EMERGENCY: emergency.phrase(speech.lang, speech.region)}
    return overlays.apply(bank, overlay, fill).model_copy(update={"lang": speech.lang})
