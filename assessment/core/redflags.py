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
    found: list[tuple[str, str, Any]] = []
    covered: set[str] = set()
    # Combinations first: at the same level, the more specific message leads. A combination
    # speaks for the signs it joins, so those are not listed again at their own, lower level.
    for combo in bank.red_flags.combinations:
        if expressions.evaluate(combo.when, context):
            found.append((combo.id, combo.level, combo))
            covered |= {
                ref.name
                for ref in expressions.references(combo.when)
                if answers.get(ref.name) is True
                and sign_level.get(ref.name, 99) <= levels[combo.level].rank
            }
    for sign in bank.red_flags.signs:
        if answers.get(sign.id) is True and sign.id not in covered:
            found.append((sign.id, sign.level, sign))
    order = {fid: i for i, fid in enumerate(f[0] for f in found)}
    found.sort(key=lambda f: (-levels[f[1]].rank, order[f[0]]))
    return [
        {
            "id": fid,
            "level": level,
            "label": levels[level].label,
            "message": item.message,
            "action": (item.action or levels[level].label).strip(),
            "question": item.question,
        }
        for fid, level, item in found
    ]


def sign_ids(bank: Bank) -> set[str]:
    """The safety questions: each red-flag sign is asked as one yes/no question."""
    return {sign.id for sign in bank.red_flags.signs} if bank.red_flags else set()


def holds_back(bank: Bank, flags: list[dict]) -> bool:
    """Whether a flag stands at the hold-back level or above: exercise advice then waits."""
    if bank.red_flags is None or bank.red_flags.hold_back is None or not flags:
        return False
    levels = bank.red_flags.levels
    bar = levels[bank.red_flags.hold_back.at_level].rank
    return any(levels[f["level"]].rank >= bar for f in flags)


def doctor_questions(flags: list[dict]) -> list[dict]:
    """A question for the doctor for each flag that has one, most urgent first: these lead."""
    return [
        {"id": f"dq_{f['id']}", "text": f["question"].strip(), "red_flag": f["id"], "check": None}
        for f in flags
        if f.get("question")
    ]


def highest_level(flags: list[dict]) -> str | None:
    """The most urgent level among the flags found, or None."""
    return flags[0]["level"] if flags else None
