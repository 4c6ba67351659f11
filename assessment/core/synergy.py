"""The synergy model: linked factors amplify one another, so the burden is more than the sum.

With s_i = score_i / 100 and a weight w_ij >= 0 on each link i -> j:
    B = sum_i s_i + sum over links of w_ij * s_i * s_j
Unknown factors are left out of every sum. The lever of a factor, B - B(s_i = 0), says how much
the combined burden would fall if that factor were resolved: "what to tackle first".
The weights are a model built from stated relations, not a validated clinical score.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import field

from assessment.core.leanclass import leanclass


@leanclass(frozen=True)
class Edge:
    source: str
    target: str
    weight: float
    reason: str = ""


@leanclass(frozen=True)
class LinkShare:
    source: str
    target: str
    weight: float
    contribution: float
    reason: str


@leanclass(frozen=True)
class Lever:
    factor: str
    drop: float
    own: float
    via: tuple[str, ...] = ()  # linked factors that add most to this lever, strongest first


@leanclass(frozen=True)
class Synergy:
    simple_sum: float
    combined: float
    multiplier: float
    index: float
    links: list[LinkShare] = field(default_factory=list)
    levers: list[Lever] = field(default_factory=list)
    circles: list[tuple[str, ...]] = field(default_factory=list)


def _known(scores: Mapping[str, float | None]) -> dict[str, float]:
    return {f: s for f, s in scores.items() if s is not None}


def burden(s: Mapping[str, float | None], edges: Iterable[Edge]) -> float:
    """Combined burden B for fractions 0..1; unknown factors (None or absent) count for nothing."""
    known = _known(s)
    total = sum(known.values())
    for e in edges:
        if e.source in known and e.target in known:
            total += e.weight * known[e.source] * known[e.target]
    return total


def analyse(
    scores: Mapping[str, float | None],
    edges: Sequence[Edge],
    active: Callable[[str], bool] = lambda f: False,
) -> Synergy:
    """The whole model for factor fractions 0..1 (None = unknown).

    `active(factor)` says whether a factor is at least moderate, for naming vicious circles.
    """
    known = _known(scores)
    simple = sum(known.values())
    combined = burden(known, edges)
    multiplier = combined / simple if simple > 0 else 1.0
    full = burden(dict.fromkeys(known, 1.0), edges)
    index = 100 * combined / full if full > 0 else 0.0

    shares = [
        LinkShare(
            e.source, e.target, e.weight, e.weight * known[e.source] * known[e.target], e.reason
        )
        for e in edges
        if e.source in known and e.target in known
    ]
    shares.sort(key=lambda x: -x.contribution)

    order = list(known)
    levers = []
    for factor in order:
        without = dict(known)
        without[factor] = 0.0
        partners: dict[str, float] = {}
        for share in shares:
            if factor in (share.source, share.target) and share.contribution > 0:
                other = share.target if share.source == factor else share.source
                partners[other] = partners.get(other, 0.0) + share.contribution
        via = tuple(sorted(partners, key=lambda f: -partners[f]))
        levers.append(Lever(factor, combined - burden(without, edges), known[factor], via))
    levers.sort(key=lambda lv: (-round(lv.drop, 12), -lv.own, order.index(lv.factor)))

    return Synergy(
        simple,
        combined,
        multiplier,
        index,
        shares,
        levers,
        vicious_circles(edges, lambda f: f in known and active(f)),
    )


def vicious_circles(
    edges: Iterable[Edge], active: Callable[[str], bool], longest: int = 3
) -> list[tuple[str, ...]]:
    """Loops of links (pairs first, up to `longest` factors) whose factors are all active."""
    graph: dict[str, list[str]] = {}
    for e in edges:
        if e.weight > 0 and active(e.source) and active(e.target):
            graph.setdefault(e.source, []).append(e.target)
    found: list[tuple[str, ...]] = []

    def walk(start: str, path: list[str]) -> None:
        for nxt in graph.get(path[-1], []):
            if nxt == start and len(path) >= 2:
                found.append(tuple(path))
            elif nxt not in path and nxt > start and len(path) < longest:
                walk(start, [*path, nxt])

    for start in sorted(graph):
        walk(start, [start])
    found.sort(key=lambda c: (len(c), c))
    return found
