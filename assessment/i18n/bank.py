"""The question bank in the run's language: the English bank, validated, with its overlay's
words and the region's emergency number in place.

Its hash is the loader's, which covers every translation beside it (core/loader.py).
"""

from __future__ import annotations

from pathlib import Path

from assessment.bank_cache import load as load_english
from assessment.core.bank import Bank
from assessment.errors import BankError
from assessment.i18n import LANGS, NAMES, SOURCE, emergency
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
    found = {lang: overlays.overlay_path(path, lang) for lang in LANGS if lang != SOURCE}
    found = {lang: p for lang, p in found.items() if p.exists()}
    if speech.lang != SOURCE:
        if speech.lang not in found:
            raise BankError(
                [f"{path}: has no {NAMES[speech.lang]} translation "
                 f"({overlays.overlay_path(path, speech.lang).name}); run with --lang en"]
            )  # fmt: skip
        from assessment.core import yamlfile

        overlay = overlays.read_overlay(found[speech.lang], speech.lang)
        english = yamlfile.load(Path(path).read_text(encoding="utf-8"))
        mistakes, _missing = overlays.check(english, overlay, str(path))
        if mistakes:
            raise BankError(mistakes)
        bank = overlays.apply(bank, overlay)
    elif EMERGENCY not in Path(path).read_text(encoding="utf-8"):
        # The English words name their numbers outright: nothing to fill, and dumping and
        # validating the whole bank again to find that out cost every run about 45 ms.
        return bank.model_copy(update={"lang": speech.lang})
    number = emergency.phrase(speech.lang, speech.region)
    return _with_emergency(bank, number).model_copy(update={"lang": speech.lang})


def _with_emergency(bank: Bank, number: str) -> Bank:
    """Every `{emergency}` in the bank's words replaced by the number to call here."""
    data = bank.model_dump(by_alias=True)
    changed = False
    for place in overlays.strings(data).values():
        text = place.holder[place.slot]
        if EMERGENCY in text:
            place.holder[place.slot] = text.replace(EMERGENCY, number)
            changed = True
    if not changed:
        return bank
    kept = {"source": bank.source, "sha256": bank.sha256}
    return Bank.model_validate(data).model_copy(update=kept)
