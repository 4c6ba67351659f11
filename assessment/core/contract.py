"""The fixed question ids: the questions the program reads by name, and what their answers hold.

Most of the bank is free for a clinician to change, but these ids are read by the code (the
published instruments, the red flags, the report's "about you" lines), so a bank that renames,
deletes or retypes one would score silently wrong. `checks.check` holds every bank to this table,
and docs/questions-format.md shows it (a test keeps the two equal). Adding a fixed id is one line.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessment.core.instruments import IBP_ASAS, WPI_AREAS
from assessment.i18n.words import N_


@dataclass(frozen=True)
class Fixed:
    """One fixed question: its id, its type, who reads it, and the answers it must allow."""

    id: str
    type: str  # a question type of the bank: single, multi, yesno, number, scale, text
    reads: str  # what the program reads it for, in a few words (messages, translated; the docs)
    published: bool = False  # an item of a published scale: published: true, never skipped
    choices: tuple[str | int, ...] = ()  # exactly these choice values (single, multi)
    scale: tuple[int, int] | None = None  # the ends a scale must keep


SEVERITY = (0, 1, 2, 3)  # the 2016 criteria's severity items: none, slight, moderate, severe
SEXES = ("female", "male", "other")  # OST and the magnesium RDA: men's tables for "male"
PAIN = (0, 10)  # the 0-10 numeric rating scale the pain bands are made for
WPI = N_("the WPI of the 2016 criteria")
SSS = N_("the SSS of the 2016 criteria")
MEDICINES = (
    "paracetamol", "nsaid", "opioid_weak", "opioid_strong", "amitriptyline", "duloxetine",
    "other_antidepressant", "pregabalin_gabapentin", "muscle_relaxant", "steroid", "ppi",
    "diuretic", "anticoagulant", "bone_protection", "magnesium_supplement", "vitamin_d", "other",
    "none",
)  # fmt: skip
DURATION = ("under_3_months", "3_to_12_months", "1_to_5_years", "over_5_years")
TREATMENTS = (
    "physiotherapy", "exercise_programme", "cbt_pain_programme", "acupuncture", "massage",
    "injections", "other", "none",
)  # fmt: skip
MEDS = N_("the report's medicines list")
ASAS = N_("the ASAS screen for inflammatory back pain")

FIXED: tuple[Fixed, ...] = (
    Fixed("wpi_regions", "multi", WPI, published=True, choices=WPI_AREAS),
    Fixed("sss_fatigue", "single", SSS, published=True, choices=SEVERITY),
    Fixed("sss_unrefreshed_sleep", "single", SSS, published=True, choices=SEVERITY),
    Fixed("sss_cognitive", "single", SSS, published=True, choices=SEVERITY),
    Fixed("sss_headaches", "yesno", SSS, published=True),
    Fixed("sss_lower_abdominal_pain", "yesno", SSS, published=True),
    Fixed("sss_depression", "yesno", SSS, published=True),
    Fixed("symptoms_3_months", "yesno", N_("the 3-month rule of the 2016 criteria"),
          published=True),
    Fixed("pain_now", "scale", N_("the pain ratings"), published=True, scale=PAIN),
    Fixed("pain_average", "scale", N_("the pain ratings"), published=True, scale=PAIN),
    Fixed("pain_worst", "scale", N_("the pain ratings"), published=True, scale=PAIN),
    Fixed("age", "number", N_("OST, magnesium and the report"), published=True),
    Fixed("sex", "single", N_("OST, magnesium and the report"), published=True, choices=SEXES),
    Fixed("weight_kg", "number", N_("OST, BMI and the report"), published=True),
    Fixed("height_cm", "number", N_("BMI and the report")),
    Fixed("water_glasses", "number", N_("the water measure")),
    Fixed("rf_bladder_bowel", "yesno", N_("the red flags")),
    Fixed("rf_saddle_numbness", "yesno", N_("the red flags")),
    Fixed("rf_leg_weakness", "yesno", N_("the red flags")),
    Fixed("rf_fever", "yesno", N_("the red flags")),
    Fixed("rf_trauma", "yesno", N_("the red flags")),
    Fixed("rf_sudden_severe", "yesno", N_("the red flags")),
    Fixed("rf_cancer_history", "yesno", N_("the red flags")),
    Fixed("rf_weight_loss", "yesno", N_("the red flags")),
    Fixed("rf_night_pain", "yesno", N_("the red flags")),
    Fixed("rf_steroids", "yesno", N_("the red flags")),
    Fixed("rf_faint_sweaty", "yesno", N_("the red flags")),
    Fixed("medications", "multi", MEDS, choices=MEDICINES),
    Fixed("treatments_tried", "multi", N_("the report's treatments tried"), choices=TREATMENTS),
    Fixed("back_pain_duration", "single", N_("the report and the ASAS screen"), choices=DURATION),
    Fixed("widespread_pain_duration", "single", N_("the report's durations"),
          choices=(*DURATION, "not_widespread")),
    *(Fixed(qid, "yesno", ASAS, published=True) for qid in IBP_ASAS),
    Fixed("peg_enjoyment", "scale", N_("the PEG score"), published=True, scale=PAIN),
    Fixed("peg_activity", "scale", N_("the PEG score"), published=True, scale=PAIN),
    Fixed("slp_quality", "scale", N_("the check-in"), scale=PAIN),
    Fixed("str_level", "scale", N_("the check-in"), scale=PAIN),
    Fixed("main_concern", "text", N_("the report's first page")),
    Fixed("name", "text", N_("the report and history")),
    Fixed("notes", "text", N_("the report")),
    Fixed("doctor_questions", "text", N_("the report")),
)  # fmt: skip

BY_ID: dict[str, Fixed] = {fixed.id: fixed for fixed in FIXED}


def markdown_table() -> str:
    """The contract as the Markdown table docs/questions-format.md holds."""
    rows = [
        "| id | type | answers | published | read for |",
        "| --- | --- | --- | --- | --- |",
    ]
    for fixed in FIXED:
        rows.append(
            f"| `{fixed.id}` | {fixed.type} | {_answers(fixed)} | "
            f"{'yes' if fixed.published else 'no'} | {fixed.reads} |"
        )
    return "\n".join(rows) + "\n"


def _answers(fixed: Fixed) -> str:
    if fixed.choices:
        values = ", ".join(f"`{value}`" for value in fixed.choices)
        return f"exactly the choices {values}"
    if fixed.scale:
        return f"{fixed.scale[0]} to {fixed.scale[1]}"
    return {"yesno": "yes or no", "number": "a number", "text": "free text"}.get(fixed.type, "")
