"""Factor scores from answers: points earned over points possible, for what was shown and answered.

A skipped answer is unknown, never zero: it leaves both the points earned and the points
possible, and a factor with nothing answered has no score. Kept apart from the rest of scoring
so the action plan can score counterfactual answers the same way, cheaply.
"""

from __future__ import annotations

from typing import Any

from assessment.core import expressions, instruments
from assessment.core.bank import Bank, Question
from assessment.core.leanclass import leanclass
from assessment.core.result import FactorScore


@leanclass(frozen=True)
class Scored:
    """Factor scores with what produced them: the questions shown, the answers as shown, and
    the derived measures."""

    visible_answers: dict[str, Any]
    measures: dict[str, Any]
    factors: dict[str, FactorScore]
    shown: list[Question]

    @property
    def scores(self) -> dict[str, int | None]:
        return {fid: f.score for fid, f in self.factors.items()}


def factor_points(
    bank: Bank,
    answers: dict[str, Any],
    measures: dict[str, Any],
    shown: list[Question] | None = None,
):
    """Points earned and possible for each factor, over what was shown and answered."""
    earned = dict.fromkeys((f.id for f in bank.factors), 0.0)
    possible = dict(earned)
    answered = dict.fromkeys(earned, 0)
    asked = dict.fromkeys(earned, 0)
    shown = bank.visible(answers) if shown is None else shown
    for question in shown:
        most = _most_points(question)
        for factor in most:
            asked[factor] += 1
        value = answers.get(question.id)
        if value is None:
            continue
        for factor, pts in most.items():
            possible[factor] += pts
            answered[factor] += 1
        for factor, pts in question.points_for(value).items():
            earned[factor] += pts
    for question in _screened_out(bank, answers, shown):
        for factor, pts in _most_points(question).items():
            asked[factor] += 1
            possible[factor] += pts
            answered[factor] += 1
    for rule in bank.derived:
        value = measures.get(rule.measure)
        asked[rule.factor] += 1
        if value is None:
            continue
        possible[rule.factor] += rule.points
        earned[rule.factor] += rule.points_for(value)
        answered[rule.factor] += 1
    return earned, possible, answered, asked


def _screened_out(bank: Bank, answers: dict[str, Any], shown: list[Question]) -> list[Question]:
    """Follow-ups a screening answer has hidden: `screened`, hidden, and every question their
    show_if names shown and answered (a skipped screen says nothing, so hides nothing healthy)."""
    shown_ids = {q.id for q in shown}
    out = []
    for question in bank.questions:
        if not question.screened or question.id in shown_ids or question.show_if is None:
            continue
        names = [r.name for r in expressions.references(question.show_if)]
        if all(n in shown_ids and answers.get(n) is not None for n in names):
            out.append(question)
    return out


_MOST: dict[int, tuple[Question, dict[str, float]]] = {}


def _most_points(question: Question) -> dict[str, float]:
    """A question's most points by factor, kept: the action plan scores the same bank again and
    again. Questions are frozen, so the answer cannot go stale; the entry holds the question,
    so its id is not reused while it is kept."""
    entry = _MOST.get(id(question))
    if entry is None or entry[0] is not question:
        if len(_MOST) > 4096:
            _MOST.clear()
        entry = _MOST[id(question)] = (question, question.max_points_by_factor())
    return entry[1]


def _intake(
    bank: Bank, answers: dict[str, Any], shown: list[Question]
) -> list[tuple[float, str, float]]:
    """Servings of magnesium foods; empty (estimate unknown) if any food question was skipped.

    A skipped food would otherwise count as none eaten and make the intake look lower.
    """
    foods = [q for q in shown if q.intake_mg is not None]
    if any(answers.get(q.id) is None for q in foods):
        return []
    return [(answers[q.id], q.per, q.intake_mg) for q in foods]


def _floors(bank: Bank, context: dict[str, Any]) -> dict[str, tuple[int, str]]:
    """For each factor, the highest floor among the bank's rules that hold, with its rule id."""
    lower = {band.id: band.min for band in bank.bands}
    out: dict[str, tuple[int, str]] = {}
    for rule in bank.score_floors:
        if expressions.evaluate(rule.when, context):
            bound = lower[rule.band]
            if rule.factor not in out or bound > out[rule.factor][0]:
                out[rule.factor] = (bound, rule.id)
    return out


def score(bank: Bank, answers: dict[str, Any]) -> Scored:
    """Each factor's score (0-100 or None) and band for a set of (validated) answers."""
    answers = bank.fill(answers)  # older keys (mg_ppi, rf_steroids) from the medicines checklist
    shown = bank.visible(answers)
    # Conditions see every question: hidden or unanswered ones are none.
    visible_answers = {q.id: None for q in bank.questions}
    visible_answers.update({q.id: answers.get(q.id) for q in shown})
    intake = _intake(bank, answers, shown)
    m = instruments.measures(visible_answers, intake, bank.magnesium_baseline_mg)

    earned, possible, answered, asked = factor_points(bank, answers, m, shown)
    # A rule in the bank may raise a factor to at least a band (a fragility fracture: bone high).
    floors = _floors(bank, {**visible_answers, **m}) if bank.score_floors else {}
    factors: dict[str, FactorScore] = {}
    for f in bank.factors:
        value = (
            instruments.round_half_up(100 * earned[f.id] / possible[f.id])
            if possible[f.id] > 0
            else None
        )
        raised_by = None
        floor = floors.get(f.id)
        if floor is not None and value is not None and value < floor[0]:
            value, raised_by = floor[0], floor[1]
        factors[f.id] = FactorScore(
            name=f.name,
            score=value,
            band=bank.band_for(value),
            answered=answered[f.id],
            asked=asked[f.id],
            raised_by=raised_by,
        )
    return Scored(visible_answers, m, factors, shown)
