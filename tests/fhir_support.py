"""A saved assessment as the QuestionnaireResponse `export --format fhir` writes, for the tests
that read responses back (--answers, batch, LHC-Forms)."""

from __future__ import annotations

from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from assessment.core.scoring import assess
from assessment.history import fhir
from assessment.history.store import History


def exported_response(bank, answers: dict, when: str = "2026-11-24T10:00:00+00:00") -> dict:
    """The response `export --format fhir` writes for these answers, through a real history."""
    result = assess(bank, answers, assessed_at=when).to_dict()
    with History() as history:
        saved = history.save(answers, result, program_version="0.1.0", bank_hash=bank.sha256)
        entry = history.get(saved)
    response = fhir.questionnaire_response(bank, entry)
    QuestionnaireResponse.model_validate(response)
    return response
