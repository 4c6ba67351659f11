"""From answers to a result: factor scores, published instruments, synergy, red flags, advice.

Pure: no terminal, no files, no PDF. A skipped answer is unknown, never zero: it leaves both the
points earned and the points possible, and a factor with nothing answered has no score.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from assessment import __version__
from assessment.core import advice, instruments, redflags, synergy
from assessment.core import factors as factors_
from assessment.core import plan as action_plan
from assessment.core.bank import Bank
from assessment.core.result import (
    AdviceItem,
    Criteria2016,
    Instruments,
    Lever,
    Link,
    Magnesium,
    Meta,
    PainRating,
    PainRatings,
    RedFlag,
    Result,
    SuggestedQuestion,
    Synergy,
)

__all__ = ["Result", "assess", "factor_points"]

factor_points = factors_.factor_points  # kept where callers found it


def _instruments(answers: dict[str, Any], m: dict[str, Any]) -> Instruments:
    a = answers.get
    regions = None
    if a("wpi_regions") is not None:
        regions = [r for r in instruments.WPI_AREAS if r in a("wpi_regions")]
    parts = {
        k.removeprefix("sss_"): a(k) for k in (*instruments.SSS_SEVERITY, *instruments.SSS_SYMPTOMS)
    }
    criteria = None
    if m["wpi"] is not None and m["sss"] is not None and a("symptoms_3_months") is not None:
        criteria = Criteria2016(
            **instruments.acr2016(a("wpi_regions"), m["sss"], a("symptoms_3_months"))
        )

    def rating(key: str) -> PainRating | None:
        value = a(f"pain_{key}")
        return None if value is None else PainRating(value, m[f"pain_{key}_band"])

    return Instruments(
        wpi=m["wpi"],
        wpi_regions=regions,
        sss=m["sss"],
        sss_parts=None if None in parts.values() else {k: int(v) for k, v in parts.items()},
        fs=m["fs"],
        fs_band=m["fs_band"],
        acr2016=criteria,
        ost=m["ost"],
        ost_band=m["ost_band"],
        ost_bands_for=(
            instruments.ost_band(m["ost"], a("sex"))[1]
            if m["ost"] is not None and a("sex")
            else None
        ),
        bmi=m["bmi"],
        pain=PainRatings(rating("now"), rating("average"), rating("worst")),
        magnesium=(
            Magnesium(m["magnesium_mg"], m["magnesium_rda"], m["magnesium_ratio"])
            if m["magnesium_mg"] is not None
            else None
        ),
    )


def assess(bank: Bank, answers: dict[str, Any], *, assessed_at: str | None = None) -> Result:
    """Score a set of (validated) answers against the bank."""
    shown = bank.visible(answers)
    scored = factors_.score(bank, answers)
    visible_answers, m, factors = scored.visible_answers, scored.measures, scored.factors

    band_order = [b.id for b in bank.bands]
    edges = [synergy.Edge(link.from_, link.to, link.weight, link.reason) for link in bank.links]
    model = synergy.analyse(
        {fid: (f.score / 100 if f.score is not None else None) for fid, f in factors.items()},
        edges,
        active=lambda fid: (
            factors[fid].band is not None and band_order.index(factors[fid].band) >= 1
        ),
    )

    context = {
        **visible_answers,
        **m,
        "score": {fid: f.score for fid, f in factors.items()},
        "band": {fid: f.band for fid, f in factors.items()},
    }
    lever_order = [lv.factor for lv in model.levers]
    flags = redflags.evaluate(bank, visible_answers, context)

    return Result(
        meta=Meta(
            program_version=__version__,
            bank_hash=bank.sha256,
            bank_title=bank.title,
            assessed_at=assessed_at or datetime.now(timezone.utc).isoformat(timespec="seconds"),
        ),
        factors=factors,
        instruments=_instruments(visible_answers, m),
        synergy=Synergy(
            simple_sum=round(model.simple_sum, 3),
            combined=round(model.combined, 3),
            multiplier=round(model.multiplier, 2),
            index=round(model.index, 1),
            links=[
                Link(s.source, s.target, s.weight, round(s.contribution, 3), s.reason)
                for s in model.links
            ],
            levers=[
                Lever(lv.factor, round(lv.drop, 3), round(lv.own, 3), list(lv.via))
                for lv in model.levers
            ],
            circles=[list(c) for c in model.circles],
        ),
        red_flags=[RedFlag(**flag) for flag in flags],
        advice=[AdviceItem(**item) for item in advice.select(bank, context, lever_order)],
        suggested_questions=[
            SuggestedQuestion(**q) for q in advice.doctor_questions(bank, context)
        ],
        skipped=[q.id for q in shown if answers.get(q.id) is None],
        plan=action_plan.build(bank, answers, context=context, flags=flags),
        measures=m,
    )
