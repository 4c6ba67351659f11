"""Advice and questions for the doctor, chosen by the bank's rules for these answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assessment.core import expressions
from assessment.core.bank import Bank


def select(
    bank: Bank,
    context: Mapping[str, Any],
    lever_order: Sequence[str],
    *,
    hold_back: bool = False,
) -> list[dict]:
    """The advice whose `when` holds, most important first.

    Order: the bank's priority (1 first); then factor advice by how much resolving the factor
    lowers the combined burden; habits after the factors; then bank order. With `hold_back`
    (an emergency or urgent red flag stands), advice and tips that add exercise or load wait
    until a doctor has seen the person.
    """
    rank = {factor: i for i, factor in enumerate(lever_order)}
    chosen = []
    for position, item in enumerate(bank.advice):
        if hold_back and item.adds_load:
            continue
        if not expressions.evaluate(item.when, context):
            continue
        if item.factor is not None:
            lever = rank.get(item.factor, len(rank))
        else:
            lever = len(rank) + 1
        chosen.append(((item.priority, lever, position), item))
    chosen.sort(key=lambda pair: pair[0])
    return [
        {
            "id": item.id,
            "factor": item.factor,
            "habit": item.habit,
            "priority": item.priority,
            "title": item.title,
            "text": item.text,
            "do": _tips(item.do, context, hold_back),
            "dont": _tips(item.dont, context, hold_back),
        }
        for _, item in chosen
    ]


def held_back(bank: Bank, context: Mapping[str, Any]) -> list[str]:
    """Ids of the advice that would apply but waits for a doctor (exercise or load)."""
    return [
        item.id
        for item in bank.advice
        if item.adds_load and expressions.evaluate(item.when, context)
    ]


def _tips(tips: Sequence[Any], context: Mapping[str, Any], hold_back: bool = False) -> list[str]:
    """The do's or don'ts that apply: plain ones always, conditional ones when they hold."""
    return [
        tip if isinstance(tip, str) else tip.text
        for tip in tips
        if isinstance(tip, str)
        or (
            not (hold_back and tip.adds_load)
            and (tip.when is None or expressions.evaluate(tip.when, context))
        )
    ]


def doctor_questions(bank: Bank, context: Mapping[str, Any]) -> list[dict]:
    """Questions the answers suggest asking the doctor, in bank order."""
    return [
        {"id": q.id, "text": q.text, "red_flag": None, "check": q.check}
        for q in bank.doctor_questions
        if expressions.evaluate(q.when, context)
    ]
