"""The FHIR Questionnaire carries the bank's translations: `language` is the bank's own, and
each title, text and display has the other languages' words in FHIR's translation extension."""

from __future__ import annotations

from fhir.resources.R4B.questionnaire import Questionnaire

from assessment.history import fhir
from assessment.i18n import bank as banks
from assessment.i18n import choice
from assessment.paths import default_bank_path


def translations(element: dict, key: str) -> dict[str, str]:
    found = {}
    for ext in (element.get(f"_{key}") or {}).get("extension", []):
        assert ext["url"] == fhir.TRANSLATION
        parts = {e["url"]: e.get("valueCode") or e.get("valueString") for e in ext["extension"]}
        found[parts["lang"]] = parts["content"]
    return found


def items(node: dict):
    for item in node.get("item", []):
        yield item
        yield from items(item)


def test_the_questionnaire_carries_french_and_spanish_and_validates():
    resource = fhir.questionnaire(banks.load(default_bank_path(), choice.Speech("en")))
    Questionnaire.model_validate(resource)  # the extensions are where FHIR R4B allows them
    assert resource["language"] == "en"
    assert translations(resource, "title") == {
        "fr": "Auto-évaluation du mal de dos et de la fibromyalgie",
        "es": "Autoevaluación del dolor de espalda y la fibromialgia",
    }
    age = next(i for i in items(resource) if i["linkId"] == "age")
    assert translations(age, "text") == {
        "fr": "Quel âge avez-vous\u00a0?",
        "es": "¿Cuántos años tiene?",
    }
    sex = next(i for i in items(resource) if i["linkId"] == "sex")
    female = sex["answerOption"][0]["valueCoding"]
    assert translations(female, "display") == {"fr": "Féminin", "es": "Femenino"}


def test_a_french_questionnaire_is_french_with_english_and_spanish_beside_it():
    resource = fhir.questionnaire(banks.load(default_bank_path(), choice.Speech("fr")))
    assert resource["language"] == "fr"
    age = next(i for i in items(resource) if i["linkId"] == "age")
    assert age["text"] == "Quel âge avez-vous\u00a0?"
    assert translations(age, "text") == {"en": "How old are you?", "es": "¿Cuántos años tiene?"}
