"""The bank in another language: `questions.fr.yaml` beside `questions.yaml`, keyed by id.

The English bank stays the one source of truth for everything but words: an overlay holds only
the words (question text, help, choices, units, section titles, factor and habit names, link
reasons, advice with its do's and don'ts, doctor questions, red-flag messages), each under the id
of what it translates, so reordering or rescoring the English never touches a translation.

```yaml
lang: fr
title: Auto-évaluation ...
factors: {muscle_pain: {name: Douleurs musculaires, summary: ...}}
links: {stress->muscle_pain: {reason: ...}}
questions: {sex: {text: ..., choices: {female: Une femme, ...}}}
advice: {stress_breathing: {title: ..., do: [..., ...]}}
```

A missing, extra or empty translation, or one whose `{placeholders}` differ from the English, is
one `file:line: field: message`; the words are applied to a validated bank, so a translation can
never change a score, a condition or an id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessment.core.bank import Bank
from assessment.core.quote import quote
from assessment.errors import BankError
from assessment.i18n import NAMES, SOURCE
from assessment.i18n.catalog import placeholders
from assessment.i18n.words import _

Key = tuple[Any, ...]
EMERGENCY = "{emergency}"  # the emergency number for the person's region (i18n/emergency.py)

# What each kind of item translates, and where the English keeps it: (kind, fields).
_FIELDS = {
    "factors": ("name", "column", "short", "summary"),
    "habits": ("name",),
    "links": ("reason",),
    "sections": ("title", "intro"),
    "checklists": ("text", "help"),
    "grids": ("text", "help"),
    "questions": ("text", "label", "help", "unit", "unit_one", "min_label", "max_label"),
    "levels": ("label",),
    "signs": ("message", "action", "question"),
    "combinations": ("message", "action", "question"),
    "advice": ("title", "text"),
    "doctor_questions": ("text",),
    "actions": ("title", "why"),
    "score_floors": ("reason",),
    "frax_risk_factors": ("label",),
}
_TIPS = ("do", "dont")
MAX_BYTES = 10_000_000


@dataclass(frozen=True)
class Place:
    """One English string: where it is in the bank's data (to read or replace it) and its line."""

    holder: Any  # the mapping or list holding it
    slot: Any  # its key or index there
    line: int


def overlay_path(bank_path: str | Path, lang: str) -> Path:
    """`questions.fr.yaml` for `questions.yaml` and French: the overlay sits beside its bank."""
    bank_path = Path(bank_path)
    return bank_path.with_name(f"{bank_path.stem}.{lang}{bank_path.suffix}")


def describe(key: Key) -> str:
    """`questions.sex.choices.female`, `advice.stress_breathing.do[1]`: the field in a message."""
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def strings(data: Any) -> dict[Key, Place]:
    """Every translatable English string of a bank's data (as read from YAML, or a dumped
    Bank), by its overlay key, in the bank's order."""
    return dict(_walk(data))


def _walk(data: Any) -> Iterator[tuple[Key, Place]]:
    if not isinstance(data, dict):
        return
    if isinstance(data.get("title"), str):
        yield ("title",), Place(data, "title", _line(data, "title"))
    for kind in ("factors", "habits", "advice", "doctor_questions", "actions", "score_floors",
                 "frax_risk_factors"):  # fmt: skip
        yield from _items(kind, data.get(kind), "id")
    yield from _items("links", data.get("links"), None)
    for section in _list(data.get("sections")):
        yield from _fields("sections", section.get("id"), section)
        yield from _items("checklists", section.get("checklists"), "id")
        yield from _items("grids", section.get("grids"), "id")
        yield from _items("questions", section.get("questions"), "id")
    flags = data.get("red_flags")
    if isinstance(flags, dict):
        levels = flags.get("levels")
        if isinstance(levels, dict):
            for level_id, level in levels.items():
                yield from _fields("levels", level_id, level, ("red_flags",))
        for kind in ("signs", "combinations"):
            yield from _items(kind, flags.get(kind), "id", ("red_flags",))
        hold = flags.get("hold_back")
        if isinstance(hold, dict) and isinstance(hold.get("line"), str):
            yield ("red_flags", "hold_back", "line"), Place(hold, "line", _line(hold, "line"))


def _items(kind: str, items: Any, id_field: str | None, prefix: Key = ()) -> Iterator:
    for item in _list(items):
        item_id = item.get(id_field) if id_field else f"{item.get('from')}->{item.get('to')}"
        yield from _fields(kind, item_id, item, prefix)


def _fields(kind: str, item_id: Any, item: Any, prefix: Key = ()) -> Iterator:
    if not isinstance(item, dict) or item_id is None:
        return
    head = (*prefix, kind, str(item_id))
    for field in _FIELDS[kind]:
        if isinstance(item.get(field), str):
            yield (*head, field), Place(item, field, _line(item, field))
    if kind == "questions":
        for choice in _list(item.get("choices")):
            if isinstance(choice.get("label"), str):
                key = (*head, "choices", str(choice.get("value")))
                yield key, Place(choice, "label", _line(choice, "label"))
    if kind == "advice":
        for field in _TIPS:
            tips = item.get(field)
            for index, tip in enumerate(tips if isinstance(tips, list) else []):
                line = _item_line(tips, index)
                if isinstance(tip, str):
                    yield (*head, field, index), Place(tips, index, line)
                elif isinstance(tip, dict) and isinstance(tip.get("text"), str):
                    yield (*head, field, index), Place(tip, "text", line)


def _list(value: Any) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _line(holder: Any, key: Any) -> int:
    lines = getattr(holder, "key_lines", None)
    return lines.get(key, getattr(holder, "line", 0)) if lines else getattr(holder, "line", 0)


def _item_line(holder: Any, index: int) -> int:
    lines = getattr(holder, "item_lines", None)
    return lines[index] if lines and index < len(lines) else getattr(holder, "line", 0)


# ---------------------------------------------------------------------------------------------
# Reading an overlay


@dataclass(frozen=True)
class Overlay:
    """One language's words for a bank: each by its key, with its line in the overlay file."""

    lang: str
    source: str
    words: dict[Key, tuple[Any, int]]
    sha256: str
    problems: tuple[str, ...] = ()  # what is wrong with the file's own shape


def read_overlay(path: str | Path, lang: str) -> Overlay:
    """Read an overlay file; a file that is not YAML, or not a mapping, raises BankError."""
    from assessment.core.loader import read_yaml

    name = str(path)
    data, raw = read_yaml(
        Path(path), _("the words in {language}").format(language=NAMES.get(lang, lang))
    )
    if not isinstance(data, dict):
        raise BankError([f"{name}:1: " + _("the translations must be a mapping keyed by id")])
    words: dict[Key, tuple[Any, int]] = {}
    problems: list[str] = []
    if data.get("lang") != lang:
        problems.append(f"{name}:{_line(data, 'lang')}: lang: must be {lang!r}, the file's "
                        f"language, not {quote(data.get('lang'))}")  # fmt: skip
    _flatten(data, (), words, problems, name)
    return Overlay(lang, name, words, hashlib.sha256(raw).hexdigest(), tuple(problems))


def _flatten(node: Any, key: Key, words: dict, problems: list[str], name: str) -> None:
    if isinstance(node, dict):
        for part, value in node.items():
            if not key and part == "lang":
                continue
            child = (*key, str(part))
            if isinstance(value, dict | list):
                _flatten(value, child, words, problems, name)
            else:
                words[child] = (value, _line(node, part))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            child = (*key, index)
            if isinstance(value, dict | list):
                problems.append(f"{name}:{_item_line(node, index)}: {describe(child)}: "
                                "must be a sentence, not a list or mapping")  # fmt: skip
            else:
                words[child] = (value, _item_line(node, index))


# ---------------------------------------------------------------------------------------------
# Checking and applying


def check(english: Any, overlay: Overlay, bank_name: str) -> tuple[list[str], list[str]]:
    """(mistakes, missing): each one `file:line: field: message`. Mistakes are extra, empty or
    non-text translations and placeholders that differ from the English (at the overlay's
    line); missing translations are named at the English line, so `check --lang fr` says
    where each untranslated sentence is."""
    source = strings(english)
    language = NAMES.get(overlay.lang, overlay.lang)
    mistakes = list(overlay.problems)
    for key, (value, line) in overlay.words.items():
        where = f"{overlay.source}:{line}: {describe(key)}"
        if key not in source:
            mistakes.append(f"{where}: not in {Path(bank_name).name} (a renamed or removed id?)")
        elif not isinstance(value, str):
            mistakes.append(f"{where}: must be text, not {quote(value)}")
        elif not value.strip():
            mistakes.append(f"{where}: is empty; translate it or leave the line out")
        else:
            english_text = source[key].holder[source[key].slot]
            theirs, ours = placeholders(english_text), placeholders(value)
            # a translation may name the number to call where the English lists several
            ours = [p for p in ours if p != EMERGENCY or p in theirs]
            if theirs != ours:
                mistakes.append(
                    f"{where}: has the placeholders {', '.join(ours) or 'none'} where the "
                    f"English has {', '.join(theirs) or 'none'}"
                )
    missing = [
        f"{bank_name}:{place.line}: {describe(key)}: no {language} translation"
        for key, place in sorted(source.items(), key=lambda item: item[1].line)
        if key not in overlay.words
    ]
    return mistakes, missing


def apply(bank: Bank, overlay: Overlay | None, fill: Mapping[str, str] | None = None) -> Bank:
    """The bank with the overlay's words in place of the English (an untranslated string stays
    English) and each `fill` mark (such as the emergency placeholder) replaced in every string,
    in one pass; ids, scores and conditions are the validated English bank's."""
    fill = fill or {}
    data = bank.model_dump(by_alias=True)
    for key, place in strings(data).items():
        text = place.holder[place.slot]
        found = overlay.words.get(key) if overlay is not None else None
        if found and isinstance(found[0], str) and found[0].strip():
            text = found[0]
        for mark, value in fill.items():
            text = text.replace(mark, value)
        place.holder[place.slot] = text
    translated = Bank.model_validate(data)
    return translated.model_copy(update={"source": bank.source, "sha256": bank.sha256})


def lang_of(path: Path) -> str | None:
    """'fr' for `questions.fr.yaml`; None for the English bank itself."""
    parts = path.name.split(".")
    return parts[-2] if len(parts) >= 3 and parts[-2] != SOURCE else None
