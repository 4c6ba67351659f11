"""From answers to a result: factor scores, published instruments, synergy, red flags, advice.

Pure: no terminal, no files, no PDF. A skipped answer is unknown, never zero: it leaves both the
points earned and the points possible, and a factor with nothing answered has no score.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from assessment import __version__
from assessment.core import advice, expressions, instruments, redflags, synergy
from assessment.core import factors as factors_
from assessment.core import plan as action_plan
from assessment.core.bank import Bank
from assessment.core.result import (
    AdviceItem,
    Criteria2016,
    HeldBack,
    IbpAsas,
    Instruments,
    Lever,
    Link,
    Magnesium,
    Meta,
    PainRating,
    PainRatings,
    Peg,
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
        # Why a value may stand without a band: the tool was only tested from 45 on.
        ost_no_band_reason=(
            "under_45"
            if m["ost"] is not None and a("age") is not None and a("age") < instruments.OST_MIN_AGE
            else None
        ),
        ibp_asas=(
            IbpAsas(m["ibp_asas_count"], m["ibp_asas_met"])
            if m["ibp_asas_count"] is not None
            else None
        ),
        peg=Peg(m["peg"], m["peg_band"]) if m["peg"] is not None else None,
    )


def assess(bank: Bank, answers: dict[str, Any], *, assessed_at: str | None = None) -> Result:
    """Score a set of (validated) answers against the bank."""
    answers = bank.fill(answers)
    scored = factors_.score(bank, answers)
    visible_answers, m, factors = scored.visible_answers, scored.measures, scored.factors
    shown = scored.shown

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
    frax = [r.label for r in bank.frax_risk_factors if expressions.evaluate(r.when, context)]
    held = redflags.holds_back(bank, flags)
    hold = bank.red_flags.hold_back if bank.red_flags else None
    instruments_found = _instruments(visible_answers, m)
    instruments_found.frax_risk_factors = frax

    return Result(
        meta=Meta(
            program_version=__version__,
            bank_hash=bank.sha256,
            bank_title=bank.title,
            assessed_at=assessed_at or datetime.now(timezone.utc).isoformat(timespec="seconds"),
            questions_shown=len(bank.screens(answers, scored.shown)),
            lang=bank.lang,
        ),
        factors=factors,
        instruments=instruments_found,
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
        advice=[
            AdviceItem(**item) for item in advice.select(bank, context, lever_order, hold_back=held)
        ],
        # A question for each red flag leads, then the bank's own.
        suggested_questions=[
            SuggestedQuestion(**q)
            for q in [*redflags.doctor_questions(flags), *advice.doctor_questions(bank, context)]
        ],
        skipped=[q.id for q in shown if q.asked and answers.get(q.id) is None],
        plan=action_plan.build(bank, answers, context=context, flags=flags),
        held_back=(
            HeldBack(hold.line.strip(), advice.held_back(bank, context))
            if held and hold is not None
            else None
        ),
        safety_unanswered=[
            q.id for q in shown if q.id in redflags.sign_ids(bank) and answers.get(q.id) is None
        ],
        measures=m,
    )
