"""Shared inputs for the report tests: the shipped bank, the sample answers, real results."""

from __future__ import annotations

import copy
import functools
from datetime import date
from pathlib import Path
from typing import Any

from assessment.core import answers as answers_mod
from assessment.core.bank import Bank
from assessment.core.loader import load_bank
from assessment.core.scoring import assess
from assessment.paths import default_bank_path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ANSWERS = ROOT / "examples" / "sample-answers.yaml"
RED_FLAG_KEYS = [
    "rf_bladder_bowel", "rf_saddle_numbness", "rf_leg_weakness", "rf_fever", "rf_trauma",
    "rf_cancer_history", "rf_weight_loss", "rf_night_pain", "rf_steroids",
]  # fmt: skip
HOSTILE_NAME = '<b>x</b> {{ 7*7 }} <img src="file:///etc/passwd" alt="">'
HOSTILE_NOTES = (
    '<link rel="attachment" href="file:///etc/passwd"> <a rel="attachment" '
    'href="http://example.com/x">attach</a> file:///etc/passwd http://example.com/y'
)
HOSTILE_QUESTIONS = (
    "{% include '/etc/passwd' %} <style>@import url(http://example.com/x.css);</style>\n"
    "Second line & <script>alert(1)</script>"
)


@functools.lru_cache(maxsize=1)
def bank() -> Bank:
    return load_bank(default_bank_path())


def sample_answers(**changes: Any) -> dict[str, Any]:
    """The sample answers file, read and checked as the CLI reads it, with some answers changed."""
    answers = answers_mod.load(bank(), SAMPLE_ANSWERS)
    answers.update(changes)
    return answers


# Results are stamped with this instant unless a test says otherwise, so nothing a test reads
# depends on the day it runs.
ASSESSED_AT = "2026-11-24T10:00:00+00:00"
PRINTED_ON = date(2026, 11, 24)  # and reports are printed on this day


def result_for(answers: dict[str, Any], assessed_at: str = ASSESSED_AT) -> dict[str, Any]:
    return copy.deepcopy(assess(bank(), answers, assessed_at=assessed_at).to_dict())


def calmer_answers() -> dict[str, Any]:
    """An earlier, calmer assessment of the same person: less stress, fewer painful areas."""
    answers = sample_answers()
    quiet = {}
    for question in bank().questions:
        if question.id.startswith("str_") and question.type == "single" and question.choices:
            quiet[question.id] = question.choices[0].value
    answers.update(quiet)
    answers["wpi_regions"] = ["neck", "lower_back", "upper_back", "hip_left"]
    return answers


def write_pdf(
    folder: Path,
    name: str,
    answers: dict[str, Any],
    *,
    paper: str = "a4",
    history=None,
    large_print: bool = False,
):
    """Score the answers and write their PDF in `folder`, printed on PRINTED_ON; returns the
    path, the result and the PDF read back."""
    from pypdf import PdfReader

    from assessment.report import render

    out = folder / name
    result = result_for(answers)
    render.write_pdf(
        bank(),
        answers,
        result,
        out,
        paper=paper,
        history=history,
        today=PRINTED_ON,
        large_print=large_print,
    )
    return out, result, PdfReader(out)
