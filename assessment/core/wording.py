"""How factor names read inside sentences, shared by the terminal summary and the PDF.

Pure and small on purpose: the summary must not import the report (and with it Jinja2) at start.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from assessment.i18n.words import N_, _

PARTNERS_SHOWN = 3  # a lever's sentence names at most this many of the factors it is linked with

_AND = re.compile(r"\band\b", re.I)


def listing(items: Sequence[str]) -> str:
    """Names as a sentence lists them: "a, b and c"; but when a name holds an "and" of its own
    ("joint and spine pain"), "as well as" before the last, so that no "and" can be read as
    splitting that name: "muscle pain, stress as well as joint and spine pain"."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    last = _(" as well as ") if any(_AND.search(item) for item in items) else _(" and ")
    return ", ".join(items[:-1]) + last + items[-1]


def mid(name: str) -> str:
    """A factor name as it reads inside a sentence: "Muscle pain" -> "muscle pain". A name whose
    first word holds further capitals (an acronym such as "ACR", a name such as "McArdle") is
    left alone."""
    first = name.split(" ", 1)[0]
    if len(first) < 2 or not first[0].isupper() or any(c.isupper() for c in first[1:]):
        return name
    return name[0].lower() + name[1:]


def partners(lever: Mapping[str, Any], links: Sequence[Mapping[str, Any]]) -> list[str]:
    """The factor ids a lever is linked with, the largest shared part first (the result's `via`;
    from the links, which come largest first, for a result saved without it), at most
    PARTNERS_SHOWN of them."""
    fid = lever["factor"]
    out = list(lever.get("via") or [])
    for link in links:
        if (link.get("contribution") or 0) <= 0 or fid not in (link["from"], link["to"]):
            continue
        other = link["to"] if link["from"] == fid else link["from"]
        if other not in out:
            out.append(other)
    return out[:PARTNERS_SHOWN]


ACTIONS_SHOWN = 3  # the top actions the summary and page one list (core.plan.SHOWN)
ESTIMATE_NOTE = N_("model estimates, not measurements")  # translated where it is shown


def top_actions(plan: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    """The actions shown first: the best ones not held back by a red flag."""
    actions = (plan or {}).get("actions") or []
    return [a for a in actions if not a.get("held_back")][:ACTIONS_SHOWN]


def held_back(plan: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    return [a for a in (plan or {}).get("actions") or [] if a.get("held_back")]


def share_words(share: float) -> str:
    """A fraction of the combined burden as a person reads it: "about 8%"."""
    percent = round(100 * share)
    return _("about {percent}%").format(percent=percent) if percent >= 1 else _("less than 1%")


def reached_through(
    action: Mapping[str, Any], links: Sequence[Mapping[str, Any]], shown: int = 2
) -> list[str]:
    """Factors an action reaches through the links from the factors it eases, strongest first."""
    eased = list(action.get("eases") or [])
    out: list[str] = []
    for link in links:
        if (link.get("contribution") or 0) <= 0 or link["from"] not in eased:
            continue
        if link["to"] not in eased and link["to"] not in out:
            out.append(link["to"])
    return out[:shown]


_COUNT = {1: N_("one"), 2: N_("two"), 3: N_("three"), 4: N_("four"), 5: N_("five"), 6: N_("six")}


def count_word(count: int) -> str:
    """A small count in words ("two"), a larger one in digits."""
    return _(_COUNT[count]) if count in _COUNT else str(count)


def action_reach(
    action: Mapping[str, Any], names: Mapping[str, str], links: Sequence[Mapping[str, Any]]
) -> str:
    """What an action eases, and whom it reaches through the links: one plain sentence."""
    all_eased = [mid(names[f]) for f in action.get("eases") or [] if f in names]
    eased = listing(all_eased)
    if len(all_eased) > PARTNERS_SHOWN:
        rest = len(all_eased) - PARTNERS_SHOWN
        eased = _("{names} and {count} more").format(
            names=", ".join(all_eased[:PARTNERS_SHOWN]), count=count_word(rest)
        )
    via = [mid(names[f]) for f in reached_through(action, links) if f in names]
    if not via:
        return _("Eases {eased}.").format(eased=eased) if eased else _("Eases the tangle.")
    if not eased:
        return _("Eases the tangle, and through the links it reaches {via} too.").format(
            via=listing(via)
        )
    return _("Eases {eased}, and through the links it reaches {via} too.").format(
        eased=eased, via=listing(via)
    )
