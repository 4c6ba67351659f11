"""The action plan as the report shows it: page one's top three, the advice that leads the
advice pages, and which factors each action reaches on the interactions page.

Built from the result's `plan` (the JSON shape) and the bank's actions (their reasons and the
advice that goes with them), so a result read back from the history renders the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assessment.core import wording

THROUGH_SHOWN = 2  # links named in an action's one line on why


@dataclass(frozen=True)
class ActionView:
    rank: int
    id: str
    title: str
    why: str  # the bank's one-line reason for the action
    eases: tuple[str, ...]  # names of the factors whose score falls, largest fall first
    eases_mid: tuple[str, ...]  # the same names as they read inside a sentence
    reaches: tuple[str, ...]  # further factors reached through the links, mid-sentence names
    through: tuple[tuple[str, str], ...]  # links it works through: (from, to) names mid-sentence
    percent: int  # share of the combined burden, in whole percent
    points: int  # the drop on the scores' own scale (0.46 -> 46)
    held_back: bool
    reach_sentence: str
    advice: tuple[Mapping[str, Any], ...] = field(default=())  # its do's and don'ts that apply


@dataclass(frozen=True)
class PlanView:
    top: tuple[ActionView, ...]
    waiting: tuple[ActionView, ...]  # held back until a doctor has seen the person
    others: tuple[ActionView, ...]  # the rest of the list, for the interactions page
    together_percent: int
    together_points: int

    @property
    def all(self) -> tuple[ActionView, ...]:
        return (*self.top, *self.waiting, *self.others)

    @property
    def lead_advice_ids(self) -> set[str]:
        """Advice shown with the top actions, so the pages by factor do not repeat it."""
        return {str(item.get("id")) for action in self.top for item in action.advice}


def _through(
    action: Mapping[str, Any], names: Mapping[str, str], links: Sequence[Mapping[str, Any]]
) -> tuple[tuple[str, str], ...]:
    eased = set(action.get("eases") or [])
    out: list[tuple[str, str]] = []
    for link in links:
        if (link.get("contribution") or 0) <= 0 or link["from"] not in eased:
            continue
        if link["to"] in eased:
            continue
        out.append((wording.mid(names[link["from"]]), wording.mid(names[link["to"]])))
    return tuple(out[:THROUGH_SHOWN])


def build(bank: Any, result: Mapping[str, Any]) -> PlanView:
    """The plan's actions in the report's words, top three first."""
    plan = result.get("plan") or {}
    names = {fid: f.get("name") or fid for fid, f in result["factors"].items()}
    links = (result.get("synergy") or {}).get("links") or []
    combined = (result.get("synergy") or {}).get("combined") or 0
    declared = {a.id: a for a in getattr(bank, "actions", [])}
    advice = {str(item.get("id")): item for item in result.get("advice") or []}
    top_ids = {a["id"] for a in wording.top_actions(plan)}

    views = []
    for rank, action in enumerate(plan.get("actions") or [], start=1):
        known = declared.get(action["id"])
        items = tuple(advice[aid] for aid in (known.advice if known else []) if aid in advice)
        eased = tuple(names[f] for f in action.get("eases") or [] if f in names)
        views.append(
            ActionView(
                rank=rank,
                id=action["id"],
                title=action.get("title") or action["id"],
                why=known.why if known else "",
                eases=eased,
                eases_mid=tuple(wording.mid(name) for name in eased),
                reaches=tuple(
                    wording.mid(names[f])
                    for f in wording.reached_through(action, links, 3)
                    if f in names
                ),
                through=_through(action, names, links),
                percent=round(100 * (action.get("share") or 0)),
                points=round(100 * (action.get("drop") or 0)),
                held_back=bool(action.get("held_back")),
                reach_sentence=wording.action_reach(action, names, links),
                advice=items,
            )
        )
    together = plan.get("together") or 0
    return PlanView(
        top=tuple(v for v in views if v.id in top_ids),
        waiting=tuple(v for v in views if v.held_back),
        others=tuple(v for v in views if v.id not in top_ids and not v.held_back),
        together_percent=round(100 * together / combined) if combined else 0,
        together_points=round(100 * together),
    )
