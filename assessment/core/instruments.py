"""Published instruments, scored exactly as published, and the other measures made from answers.

Sources (see clinical-basis): 2016 ACR fibromyalgia criteria (Wolfe et al., Semin Arthritis Rheum
2016;46:319-329); fibromyalgia severity bands (Wolfe et al., J Rheumatol 2015;42:1494); OST (Koh
2001 for women, Adler 2003 for men); pain bands (Serlin et al., Pain 1995); magnesium RDA (NIH ODS);
ASAS inflammatory back pain (Sieper et al., Ann Rheum Dis 2009;68:784-8); PEG (Krebs et al., J Gen
Intern Med 2009;24:733-8).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

WPI_AREAS = (
    "jaw_left", "jaw_right", "shoulder_girdle_left", "shoulder_girdle_right",
    "upper_arm_left", "upper_arm_right", "lower_arm_left", "lower_arm_right",
    "hip_left", "hip_right", "upper_leg_left", "upper_leg_right",
    "lower_leg_left", "lower_leg_right", "neck", "upper_back", "lower_back", "chest", "abdomen",
)  # fmt: skip

# The five regions of the 2016 criteria. Jaw, chest and abdomen count toward the WPI but not
# toward generalised pain, so they are left out of the regions here.
REGIONS = {
    "left_upper": ("shoulder_girdle_left", "upper_arm_left", "lower_arm_left"),
    "right_upper": ("shoulder_girdle_right", "upper_arm_right", "lower_arm_right"),
    "left_lower": ("hip_left", "upper_leg_left", "lower_leg_left"),
    "right_lower": ("hip_right", "upper_leg_right", "lower_leg_right"),
    "axial": ("neck", "upper_back", "lower_back"),
}

REGIONS_NEEDED = 4  # generalised pain: pain in at least 4 of the 5 regions

SSS_SEVERITY = ("sss_fatigue", "sss_unrefreshed_sleep", "sss_cognitive")
SSS_SYMPTOMS = ("sss_headaches", "sss_lower_abdominal_pain", "sss_depression")
SEVERITY_MOST, SYMPTOM_MOST = 3, 1  # each severity item 0-3, each symptom 0/1

WPI_MOST = len(WPI_AREAS)  # 19
SSS_MOST = SEVERITY_MOST * len(SSS_SEVERITY) + SYMPTOM_MOST * len(SSS_SYMPTOMS)  # 12
FS_MOST = WPI_MOST + SSS_MOST  # 31


def _ranges(bands: tuple[tuple[int, str], ...]) -> tuple[tuple[str, int, int], ...]:
    """Bands given as (highest score, band) as (band, lowest, highest), for printing."""
    return tuple(
        (name, 0 if i == 0 else bands[i - 1][0] + 1, top) for i, (top, name) in enumerate(bands)
    )


# Fibromyalgia severity bands as (highest score in the band, band), lowest band first.
FS_BANDS = ((3, "none"), (7, "mild"), (11, "moderate"), (19, "severe"), (FS_MOST, "very_severe"))
FS_BAND_RANGES = _ranges(FS_BANDS)  # none 0-3, mild 4-7, ...

PAIN_MOST = 10  # pain ratings are 0-10
PAIN_BANDS = ((0, "none"), (4, "mild"), (6, "moderate"), (PAIN_MOST, "severe"))
PAIN_BAND_RANGES = _ranges(PAIN_BANDS)  # none 0-0, mild 1-4, ...

# Measures a bank may score from or name in conditions (docs/questions-format.md).
MEASURES = frozenset({
    "wpi", "sss", "fs", "fs_band", "acr_met", "generalized_pain", "ost", "ost_band", "bmi",
    "magnesium_mg", "magnesium_rda", "magnesium_ratio",
    "pain_now_band", "pain_average_band", "pain_worst_band", "water_ml",
    "ibp_asas_count", "ibp_asas_met", "peg", "peg_band",
})  # fmt: skip

# The five ASAS features of inflammatory back pain, in the order of Sieper 2009.
IBP_ASAS = (
    "ibp_onset_before_40", "ibp_gradual_onset", "ibp_better_exercise", "ibp_not_better_rest",
    "ibp_night_pain_eases_up",
)  # fmt: skip
IBP_ASAS_MET_AT = 4

# PEG: P is this program's average back pain; E and G are its own two 0-10 items.
PEG_ITEMS = ("pain_average", "peg_enjoyment", "peg_activity")
# A chosen reading of the 0-10 score (the bands are not in Krebs 2009): under 4, 4 to under 7, 7+.
PEG_BANDS = ((4, "mild"), (7, "moderate"))

# OST was developed in postmenopausal women and tested in older men: under 45 it has no band.
OST_MIN_AGE = 45

GLASS_ML = 250


def wpi(areas: Iterable[str]) -> int:
    """Widespread Pain Index: one point for each of the 19 areas painful in the past week."""
    return len(set(areas) & set(WPI_AREAS))


def regions_with_pain(areas: Iterable[str]) -> dict[str, bool]:
    """Which of the five regions have pain (jaw, chest and abdomen do not count here)."""
    painful = set(areas)
    return {region: any(a in painful for a in members) for region, members in REGIONS.items()}


def sss(
    fatigue: int,
    unrefreshed: int,
    cognitive: int,
    headaches: bool,
    lower_abdominal_pain: bool,
    depression: bool,
) -> int:
    """Symptom Severity Scale 0-12: three items 0-3 plus three symptoms 0/1."""
    for value in (fatigue, unrefreshed, cognitive):
        if value not in range(SEVERITY_MOST + 1):
            raise ValueError(f"severity items are 0-3, got {value!r}")
    return (
        fatigue
        + unrefreshed
        + cognitive
        + int(headaches)
        + int(lower_abdominal_pain)
        + int(depression)
    )


def pain_sss_rule(wpi_value: int, sss_value: int) -> bool:
    """The 2016 rule: WPI >= 7 with SSS >= 5, or WPI 4-6 with SSS >= 9 (not the 2010 WPI 3-6)."""
    return (wpi_value >= 7 and sss_value >= 5) or (4 <= wpi_value <= 6 and sss_value >= 9)


def acr2016(areas: Iterable[str], sss_value: int, three_months: bool) -> dict[str, Any]:
    """The 2016 criteria: WPI/SSS rule, generalised pain in 4 of 5 regions, 3 months or more."""
    areas = list(areas)
    w = wpi(areas)
    regions = regions_with_pain(areas)
    count = sum(regions.values())
    generalized = count >= REGIONS_NEEDED
    rule = pain_sss_rule(w, sss_value)
    if w >= 7:
        rule_text = "WPI >= 7 and SSS >= 5"
    elif w >= 4:
        rule_text = "WPI 4-6 and SSS >= 9"
    else:
        rule_text = "WPI below 4"
    return {
        "met": bool(rule and generalized and three_months),
        "generalized_pain": generalized,
        "regions_count": count,
        "regions": regions,
        "duration_ok": bool(three_months),
        "wpi_sss_met": rule,
        "pain_sss_rule": rule_text,
    }


def fs_band(fs: int) -> str:
    """Fibromyalgia severity band: none 0-3, mild 4-7, moderate 8-11, severe 12-19, 20-31."""
    if not 0 <= fs <= FS_MOST:
        raise ValueError(f"fibromyalgia severity is 0-{FS_MOST}, got {fs}")
    return next(name for top, name in FS_BANDS if fs <= top)


def ost(weight_kg: float, age: float) -> int:
    """OST = 0.2 x (weight - age), decimals dropped toward zero, in exact decimal arithmetic."""
    value = (Decimal(str(weight_kg)) - Decimal(str(age))) * Decimal("0.2")
    return int(value)  # int() of a Decimal truncates toward zero


def ost_band(value: int, sex: str) -> tuple[str, str]:
    """OST risk band and the table used: women (Koh 2001; also for 'other') or men (Adler 2003)."""
    if sex == "male":
        if value <= -2:
            return "high", "men"
        return ("moderate" if value <= 3 else "low"), "men"
    if value < -4:
        return "high", "women"
    return ("moderate" if value <= -1 else "low"), "women"


def ost_band_for_age(value: int, sex: str, age: float) -> str | None:
    """The OST band, or None under 45, where the tool was never tested."""
    if age < OST_MIN_AGE:
        return None
    return ost_band(value, sex)[0]


def ibp_asas(features: Iterable[bool]) -> dict[str, Any]:
    """ASAS inflammatory back pain: met when at least 4 of the 5 features hold (Sieper 2009)."""
    features = list(features)
    if len(features) != len(IBP_ASAS):
        raise ValueError(f"the ASAS screen has {len(IBP_ASAS)} features, got {len(features)}")
    count = sum(1 for f in features if f is True)
    return {"count": count, "met": count >= IBP_ASAS_MET_AT}


def peg(pain: int, enjoyment: int, activity: int) -> dict[str, Any]:
    """PEG: the mean of three 0-10 ratings to one decimal (half up), with this program's band."""
    for value in (pain, enjoyment, activity):
        if not 0 <= value <= 10:
            raise ValueError(f"PEG items are 0-10, got {value}")
    mean = (Decimal(pain) + Decimal(enjoyment) + Decimal(activity)) / 3
    score = float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return {"score": score, "band": peg_band(score)}


def peg_band(score: float) -> str:
    """Under 4 mild, 4 to under 7 moderate, 7 and over severe (a chosen reading)."""
    return next((name for below, name in PEG_BANDS if score < below), "severe")


def pain_band(value: int) -> str:
    """0-10 pain rating band (Serlin 1995): 0 none, 1-4 mild, 5-6 moderate, 7-10 severe."""
    if not 0 <= value <= PAIN_MOST:
        raise ValueError(f"pain ratings are 0-{PAIN_MOST}, got {value}")
    return next(name for top, name in PAIN_BANDS if value <= top)


def bmi(weight_kg: float, height_cm: float) -> float:
    """Body mass index, kg/m2, to one decimal."""
    return round(weight_kg / (height_cm / 100) ** 2, 1)


def magnesium_rda(age: float, sex: str) -> int:
    """Recommended mg a day (NIH ODS); the women's figures are used for 'other'."""
    male = sex == "male"
    if age < 19:
        return 410 if male else 360
    if age <= 30:
        return 400 if male else 310
    return 420 if male else 320


def round_half_up(value: float) -> int:
    """Round .5 upward, as people expect (Python's round() goes to the even number)."""
    return math.floor(value + 0.5)


def measures(
    answers: Mapping[str, Any], intake: Iterable[tuple[float, str, float]], baseline_mg: float
) -> dict[str, Any]:
    """Every derived measure the answers allow; a measure missing an input is None.

    `intake` holds (servings, per, mg per serving) for the magnesium food questions answered.
    """
    a = answers.get
    out: dict[str, Any] = dict.fromkeys(MEASURES)

    areas = a("wpi_regions")
    severity = [a(k) for k in SSS_SEVERITY]
    symptoms = [a(k) for k in SSS_SYMPTOMS]
    if areas is not None:
        out["wpi"] = wpi(areas)
        out["generalized_pain"] = sum(regions_with_pain(areas).values()) >= REGIONS_NEEDED
    if None not in severity and None not in symptoms:
        out["sss"] = sss(*severity, *symptoms)
    if out["wpi"] is not None and out["sss"] is not None:
        out["fs"] = out["wpi"] + out["sss"]
        out["fs_band"] = fs_band(out["fs"])
        if a("symptoms_3_months") is not None:
            out["acr_met"] = acr2016(areas, out["sss"], a("symptoms_3_months"))["met"]

    age, weight, height, sex = a("age"), a("weight_kg"), a("height_cm"), a("sex")
    if age is not None and weight is not None:
        out["ost"] = ost(weight, age)
        if sex is not None:
            out["ost_band"] = ost_band_for_age(out["ost"], sex, age)
    if weight is not None and height is not None:
        out["bmi"] = bmi(weight, height)

    for key in ("now", "average", "worst"):
        if a(f"pain_{key}") is not None:
            out[f"pain_{key}_band"] = pain_band(a(f"pain_{key}"))

    intake = list(intake)
    if intake:
        mg = baseline_mg + sum(
            n * mg_each / (7 if per == "week" else 1) for n, per, mg_each in intake
        )
        out["magnesium_mg"] = round(mg)
    if age is not None and sex is not None:
        out["magnesium_rda"] = magnesium_rda(age, sex)
    if out["magnesium_mg"] is not None and out["magnesium_rda"]:
        out["magnesium_ratio"] = round(out["magnesium_mg"] / out["magnesium_rda"], 2)

    features = [a(k) for k in IBP_ASAS]
    if None not in features:
        screen = ibp_asas(features)
        out["ibp_asas_count"], out["ibp_asas_met"] = screen["count"], screen["met"]
    items = [a(k) for k in PEG_ITEMS]
    if None not in items:
        result = peg(*items)
        out["peg"], out["peg_band"] = result["score"], result["band"]

    if a("water_glasses") is not None:
        out["water_ml"] = a("water_glasses") * GLASS_ML
    return out
