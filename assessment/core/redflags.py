"""Red flags: signs that need a doctor soon, today or now, most urgent first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessment.core import expressions
from assessment.core.bank import Bank


def evaluate(bank: Bank, answers: Mapping[str, Any], context: Mapping[str, Any]) -> list[dict]:
    """Each sign answered yes, and each combination that holds, ordered by urgency.

    A combination raises the level of the signs it joins and replaces them in the list, so one
    answer never shows up at two levels; the person sees the most urgent first.
    """
    if bank.red_flags is None:
        return []
    levels = bank.red_flags.levels
    sign_level = {sign.id: levels[sign.level].rank for sign in bank.red_flags.signs}
    found = []
    covered: set[str] = set()
    # Combinations first: at the same level, the more specific message leads. A combination
    # speaks for the signs it joins, so those are not listed again at their own, lower level.
    for combo in bank.red_flags.combinations:
        if expressions.evaluate(combo.when, dict(context)):
            found.append((combo.id, combo.level, combo.message))
            covered |= {
                ref.name
                for ref in expressions.references(combo.when)
                if answers.get(ref.name) is True
                and sign_level.get(ref.name, 99) <= levels[combo.level].rank
            }
    for sign in bank.red_flags.signs:
        if answers.get(sign.id) is True and sign.id not in covered:
            found.append((sign.id, sign.level, sign.message))
    order = {fid: i for i, fid in enumerate(f[0] for f in found)}
    found.sort(key=lambda f: (-levels[f[1]].rank, order[f[0]]))
    return [
        {"id": fid, "level": level, "label": levels[level].label, "message": message}
        for fid, level, message in found
    ]


def highest_level(flags: list[dict]) -> str | None:
    """The most urgent level among the flags found, or None."""
    return flags[0]["level"] if flags else None
