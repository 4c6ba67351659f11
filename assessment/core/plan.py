"""What to do first: the changes a person can make, ranked by how much each eases the tangle.

Each action's effect is counterfactual and exact: score the same answers with the action's
questions set to their healthy answers, and the drop is how much the combined burden falls,
through the factor scores and the links between them. A skipped answer stays unknown (it is
never filled in), and `show_if` is evaluated again for the changed answers. A factor's lever
(synergy) says which factors are most tangled; an action says what to do about it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assessment.core import expressions, factors, synergy
from assessment.core.bank import Action, Bank, Question, Target
from assessment.core.result import SHOWN, LinkFall, Plan, PlannedAction

__all__ = ["SHOWN", "Plan", "PlannedAction", "build", "counterfactual"]
SERIOUS_LEVELS = ("urgent", "emergency")  # red-flag levels that hold back exercise and load


def healthy_value(question: Question, value: Any, healthy: Any) -> Any:
    """The answer once the action is done: an answer that is already healthy stays as it is."""
    if isinstance(healthy, Target):
        if healthy.at_least is not None:
            bound = healthy.at_least
            return value if value >= bound else _whole(bound)
        bound = healthy.at_most
        return value if value <= bound else _whole(bound)
    if question.type == "multi":
        # The listed choices are the healthy ones: the others go; if none is left, the first.
        kept = [item for item in value if item in healthy]
        return kept or [healthy[0]]
    if isinstance(healthy, list):
        return value if value in healthy else healthy[0]
    return healthy


def _whole(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number


def counterfactual(bank: Bank, answers: Mapping[str, Any], action: Action) -> dict[str, Any]:
    """The same answers with this action's questions at their healthy answers.

    Only answered questions change: a skipped or unasked one stays unknown. Keys filled from the
    medicines checklist (ost_vitamin_d) count as answered, as scoring counts them.
    """
    out = bank.fill(answers)
    for qid, healthy in action.healthy.items():
        if out.get(qid) is not None:
            out[qid] = healthy_value(bank.question(qid), out[qid], healthy)
    return out


def _fractions(scores: Mapping[str, int | None]) -> dict[str, float | None]:
    return {fid: (s / 100 if s is not None else None) for fid, s in scores.items()}


def _edges(bank: Bank) -> list[synergy.Edge]:
    return [synergy.Edge(link.from_, link.to, link.weight, link.reason) for link in bank.links]


def burden_of(bank: Bank, answers: Mapping[str, Any]) -> float:
    """The combined burden B for a set of answers, unrounded."""
    return synergy.burden(_fractions(factors.score(bank, dict(answers)).scores), _edges(bank))


def _link_falls(
    edges: Sequence[synergy.Edge],
    before: Mapping[str, float | None],
    after: Mapping[str, float | None],
) -> tuple[LinkFall, ...]:
    falls = []
    for e in edges:
        if before.get(e.source) is None or before.get(e.target) is None:
            continue
        was = e.weight * before[e.source] * before[e.target]
        now = e.weight * (after.get(e.source) or 0.0) * (after.get(e.target) or 0.0)
        if was - now > 1e-12:
            falls.append(LinkFall(e.source, e.target, was - now))
    falls.sort(key=lambda lf: -lf.fall)
    return tuple(falls)


def serious_flag(flags: Sequence[Mapping[str, Any]], bank: Bank) -> bool:
    """Whether a red flag at the urgent level or above stands."""
    levels = bank.red_flags.levels if bank.red_flags is not None else {}
    floor = min((levels[lv].rank for lv in SERIOUS_LEVELS if lv in levels), default=None)
    for flag in flags:
        level = flag.get("level")
        if level in SERIOUS_LEVELS:
            return True
        if floor is not None and level in levels and levels[level].rank >= floor:
            return True
    return False


def build(
    bank: Bank,
    answers: Mapping[str, Any],
    *,
    context: Mapping[str, Any] | None = None,
    flags: Sequence[Mapping[str, Any]] = (),
) -> Plan:
    """Every action that would lower the combined burden, the largest drop first.

    `context` is what `unless` conditions read (answers as shown and derived measures);
    `flags` are the red flags found, which decide what is held back.
    """
    answers = dict(answers)
    edges = _edges(bank)
    order = [f.id for f in bank.factors]
    base_scores = factors.score(bank, answers).scores
    before = _fractions(base_scores)
    combined = synergy.burden(before, edges)
    serious = serious_flag(flags, bank)
    condition_context = dict(context if context is not None else answers)

    planned: list[tuple[int, PlannedAction]] = []
    for position, action in enumerate(bank.actions):
        if action.unless and expressions.evaluate(action.unless, condition_context):
            continue
        changed = counterfactual(bank, answers, action)
        if changed == answers:
            continue
        after_scores = factors.score(bank, changed).scores
        after = _fractions(after_scores)
        drop = combined - synergy.burden(after, edges)
        if drop <= 1e-9:
            continue
        falls = {
            fid: base_scores[fid] - after_scores[fid]
            for fid in order
            if base_scores[fid] is not None
            and after_scores[fid] is not None
            and after_scores[fid] < base_scores[fid]
        }
        eases = tuple(sorted(falls, key=lambda fid: (-falls[fid], order.index(fid))))
        planned.append(
            (
                position,
                PlannedAction(
                    id=action.id,
                    title=action.title,
                    habit=action.habit,
                    eases=list(eases),
                    drop=round(drop, 3),
                    share=round(drop / combined, 3),
                    held_back=serious and action.adds_load,
                    exact=drop,
                    falls={fid: falls[fid] for fid in eases},
                    links=_link_falls(edges, before, after),
                    why=action.why,
                ),
            )
        )
    planned.sort(key=lambda pair: (-round(pair[1].exact, 12), pair[0]))
    ranked = [p for _, p in planned]
    plan = Plan(ranked, 0.0)
    together = answers
    by_id = {a.id: a for a in bank.actions}
    for item in plan.top:
        together = counterfactual(bank, together, by_id[item.id])
    fall = combined - burden_of(bank, together) if plan.top else 0.0
    return Plan(ranked, round(fall, 3), exact_together=fall)
