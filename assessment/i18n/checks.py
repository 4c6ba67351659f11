"""`fibro-assess check` over a bank's translations: each overlay beside the bank is checked
against the English, every mistake one `file:line: field: message`."""

from __future__ import annotations

from pathlib import Path

from assessment.core import yamlfile
from assessment.i18n import LANGS, NAMES, SOURCE
from assessment.i18n import overlay as overlays
from assessment.i18n.words import _, ngettext


def check(path: str | Path, lang: str | None = None) -> tuple[list[str], list[str]]:
    """(problems, notes) for the overlays of the (already valid) bank at `path`. With `lang`,
    that language's missing translations are problems too, one line each; without, every
    overlay's mistakes are, and what is missing is counted in a note."""
    path = Path(path)
    english = yamlfile.load(path.read_text(encoding="utf-8"))
    problems: list[str] = []
    notes: list[str] = []
    for each in [lang] if lang and lang != SOURCE else [x for x in LANGS if x != SOURCE]:
        where = overlays.overlay_path(path, each)
        if not where.exists():
            if lang:
                problems.append(
                    _("{path}: there is no {language} translation of this bank").format(
                        path=where, language=NAMES[each]
                    )
                )
            continue
        mistakes, missing = overlays.check(english, overlays.read_overlay(where, each), str(path))
        problems += mistakes
        if lang:
            problems += missing
        elif missing:
            notes.append(
                ngettext(
                    "{path}: {count} sentence not yet translated "
                    "(fibro-assess check --lang {lang} lists it)",
                    "{path}: {count} sentences not yet translated "
                    "(fibro-assess check --lang {lang} lists them)",
                    len(missing),
                ).format(path=where, count=len(missing), lang=each)
            )
        else:
            notes.append(_("{path}: ok, every sentence translated").format(path=where))
    return problems, notes
