"""A saved assessment as the QuestionnaireResponse `export --format fhir` writes, for the tests
that read responses back (--answers, batch, LHC-Forms)."""

from __future__ import annotations

from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from assessment.core.scoring import assess
from assessment.history import fhir
from assessment.history.store import History

# Answers to tests/data/banks/small.yaml, one of each kind (a skip, a decimal, free text).
SMALL_ANSWERS = {
    "rf_cancer_history": False,
    "rf_weight_loss": True,
    "wpi_regions": ["neck", "lower_back"],
    "tense_muscles": "often",
    "pain_now": 6,
    "stress_level": 7,
    "worry": True,
    "worry_nights": None,
    "sss_unrefreshed_sleep": 2,
    "water_glasses": 5,
    "nuts": 2.5,
    "notes": "Worse after long drives.",
}


def exported_response(bank, answers: dict, when: str = "2026-11-24T10:00:00+00:00") -> dict:
    """The response `export --format fhir` writes for these answers, through a real history."""
    result = assess(bank, answers, assessed_at=when).to_dict()
    with History() as history:
        saved = history.save(answers, result, program_version="0.1.0", bank_hash=bank.sha256)
        entry = history.get(saved)
    response = fhir.questionnaire_response(bank, entry)
    QuestionnaireResponse.model_validate(response)
    return response
