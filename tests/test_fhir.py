"""FHIR export: valid R4B resources that say what the bank and the saved assessments say.

fhir.resources 8 validates FHIR R5 from its default import path (`fhir.resources`, 5.0.0); the
`fhir.resources.R4B` subpackage validates R4B (4.3.0), the version we write.
"""

from __future__ import annotations

import functools
import itertools
import json
import operator
from pathlib import Path

import fhir.resources as fhir_default
import fhir.resources.R4B as fhir_r4b
import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir_support import SMALL_ANSWERS
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from assessment.core.loader import load_bank
from assessment.core.scoring import assess
from assessment.history import fhir, fhirpath
from assessment.history.factors import factor_columns
from assessment.history.store import Entry, History
from assessment.paths import default_bank_path

DATA = Path(__file__).parent / "data"
CONDITIONS_BANK = load_bank(DATA / "banks" / "fhir-conditions.yaml")
SMALL_BANK = load_bank(DATA / "banks" / "small.yaml")
FULL_RESULT = json.loads((DATA / "history" / "result-all-factors.json").read_text("utf-8"))


def entry(answers: dict, result: dict, *, bank, entry_id: int = 1, when: str = "") -> Entry:
    """An entry as the store gives it back (through a real save)."""
    return Entry(
        id=entry_id,
        assessed_at=when or result["meta"]["assessed_at"],
        program_version="0.1.0",
        bank_hash=bank.sha256,
        answers=answers,
        result=result,
        combined_index=result["synergy"]["index"],
        criteria_met=None,
        red_flag_level=None,
    )


@pytest.fixture
def saved(tmp_path, monkeypatch) -> list[Entry]:
    """Two assessments on the small bank, saved and read back from a real history file."""
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path))
    with History() as history:
        for n, when in enumerate(("2026-10-01T09:00:00+02:00", "2026-11-24T14:05:00+00:00")):
            answers = {**SMALL_ANSWERS, "pain_now": 4 + n}
            result = assess(SMALL_BANK, answers, assessed_at=when).to_dict()
            history.save(answers, result, program_version="0.1.0", bank_hash=SMALL_BANK.sha256)
        return history.list()


def items(resource: dict) -> dict[str, dict]:
    """Every item by linkId, however deeply nested."""
    out = {}

    def walk(node):
        for item in node.get("item", []):
            out[item["linkId"]] = item
            walk(item)

    walk(resource)
    return out


def test_default_import_path_is_r5_and_the_r4b_subpackage_is_what_we_target():
    assert fhir_default.__fhir_version__ == "5.0.0"
    assert fhir_r4b.__fhir_version__ == fhir.FHIR_VERSION == "4.3.0"


@pytest.mark.parametrize(
    "bank_path",
    [default_bank_path(), DATA / "banks" / "small.yaml", DATA / "banks" / "fhir-conditions.yaml"],
    ids=["shipped-bank", "small-bank", "conditions-bank"],
)
def test_questionnaire_validates_as_r4b(bank_path):
    bank = load_bank(bank_path)
    resource = fhir.questionnaire(bank)
    Questionnaire.model_validate(resource)
    questions = {k: v for k, v in items(resource).items() if v["type"] not in ("group", "display")}
    assert list(questions) == [q.id for q in bank.questions]
    assert resource["version"] == bank.sha256


def _without_status(resource: dict) -> None:
    del resource["status"]


def _enable_when_without_answer(resource: dict) -> None:
    resource["item"][0]["item"][0]["enableWhen"] = [{"question": "x", "operator": "="}]


def _misspelt_field(resource: dict) -> None:
    resource["item"][0]["item"][0]["enable_when"] = []


def _bad_date(resource: dict) -> None:
    resource["date"] = "yesterday"


@pytest.mark.parametrize(
    "breakage", [_without_status, _enable_when_without_answer, _misspelt_field, _bad_date]
)
def test_validation_rejects_a_broken_questionnaire(breakage):
    # The validator checks structure, required fields and formats (not code values such as
    # the item type, which the tests below pin themselves), so a pass above means something.
    resource = fhir.questionnaire(SMALL_BANK)
    breakage(resource)
    with pytest.raises(ValidationError):
        Questionnaire.model_validate(resource)


def test_question_types_map_to_fhir_item_types():
    found = items(fhir.questionnaire(CONDITIONS_BANK))
    assert found["age"]["type"] == "integer"
    assert found["weight_kg"]["type"] == "decimal"
    assert found["sex"]["type"] == "choice" and "repeats" not in found["sex"]
    assert found["wpi_regions"]["type"] == "choice" and found["wpi_regions"]["repeats"] is True
    assert found["worry"]["type"] == "boolean"
    assert found["stress_level"]["type"] == "integer"
    assert found["notes"]["type"] == "text" and found["notes"]["maxLength"] == 500
    assert found["section-about-intro"]["type"] == "display"
    assert found["sex"]["required"] is True and "required" not in found["worry"]


def test_number_limits_units_and_scale_anchors_are_kept():
    found = items(fhir.questionnaire(CONDITIONS_BANK))
    age = {e["url"]: e for e in found["age"]["extension"]}
    assert age[fhir.MIN_VALUE]["valueInteger"] == 18
    assert age[fhir.MAX_VALUE]["valueInteger"] == 110
    weight = {e["url"]: e for e in found["weight_kg"]["extension"]}
    assert weight[fhir.MIN_VALUE]["valueDecimal"] == 30
    assert weight[fhir.UNIT]["valueCoding"] == {"system": fhir.UCUM, "code": "kg", "display": "kg"}
    assert found["stress_level-lower"]["text"] == "not at all"
    assert found["stress_level-upper"]["text"] == "extremely"
    assert found["stress_level-help"]["text"] == "Think of the past month."


def test_choices_carry_item_weight_when_they_score_one_factor():
    calm = items(fhir.questionnaire(CONDITIONS_BANK))["calm"]
    weights = {
        o["valueCoding"]["code"]: [e["valueDecimal"] for e in o.get("extension", [])]
        for o in calm["answerOption"]
    }
    assert weights == {"often": [0], "rarely": [2], "mixed": []}  # mixed scores two factors
    option = calm["answerOption"][1]
    assert option["extension"][0]["url"] == "http://hl7.org/fhir/StructureDefinition/itemWeight"
    assert option["valueCoding"]["display"] == "Rarely"


def test_simple_show_if_becomes_enable_when():
    found = items(fhir.questionnaire(CONDITIONS_BANK))
    sex = {"system": "urn:fibro-assess:answer:sex"}
    assert found["pregnant"]["enableWhen"] == [
        {"question": "sex", "operator": "!=", "answerCoding": {**sex, "code": "male"}}
    ]
    assert found["menopause"]["enableWhen"] == [
        {"question": "sex", "operator": "=", "answerCoding": {**sex, "code": "female"}},
        {"question": "age", "operator": ">=", "answerInteger": 45},
    ]
    assert found["menopause"]["enableBehavior"] == "all"
    assert found["worry_nights"]["enableWhen"] == [
        {"question": "worry", "operator": "=", "answerBoolean": True}
    ]
    assert found["neck_stiff"]["enableWhen"][0]["answerCoding"]["code"] == "neck"
    assert found["sleep_aid"]["enableBehavior"] == "any"
    assert found["after_unrefreshed"]["enableWhen"][0]["answerCoding"]["code"] == "3"


def test_enable_when_reads_conditions_with_the_expression_parser():
    bank = CONDITIONS_BANK
    both = fhir.enable_when(bank, "sex == 'female' and age >= 45")
    assert fhir.enable_when(bank, "(sex == 'female') and (age >= 45)") == both
    assert fhir.enable_when(bank, "sex == 'female'  and  age>=45") == both
    # A joiner inside a quoted literal is part of the literal, not a second clause.
    assert fhir.enable_when(bank, "sex == 'female and male'") is None  # no such choice
    assert fhir.enable_when(bank, "worry == true and worry ==") is None  # unreadable
    assert fhir.enable_when(bank, "age >= 45 and not worry") is None
    source = Path(fhir.__file__).read_text("utf-8")
    assert "import re" not in source and "re.compile" not in source


@pytest.mark.parametrize(
    "link_id, condition",
    [
        ("calm", "stress_level > 3 or worry == true"),  # ordering inside `or`
        ("stress_notes", "stress_level >= 5 and worry == true or calm == 'rarely'"),  # mixed
        ("unrefreshed", "not worry"),
    ],
)
def test_other_conditions_are_left_out_but_kept_as_text(link_id, condition):
    item = items(fhir.questionnaire(CONDITIONS_BANK))[link_id]
    assert "enableWhen" not in item
    assert {"url": fhir.SHOW_IF_EXTENSION, "valueString": condition} in item["extension"]


def _fhir_enabled(item: dict, given: dict[str, list]) -> bool:
    """FHIR's enableWhen rules, written from the spec's operator definitions."""
    compare = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}
    outcomes = []
    for condition in item["enableWhen"]:
        expected = next(v for k, v in condition.items() if k.startswith("answer"))
        if isinstance(expected, dict):
            expected = expected["code"]
        answers = given.get(condition["question"], [])
        op = condition["operator"]
        if op == "=":
            outcomes.append(any(a == expected for a in answers))
        elif op == "!=":
            outcomes.append(not any(a == expected for a in answers))
        else:
            outcomes.append(any(compare[op](a, expected) for a in answers))
    return all(outcomes) if item.get("enableBehavior", "all") == "all" else any(outcomes)


def _response_values(response: dict) -> dict[str, list]:
    out = {}
    for link_id, item in items(response).items():
        values = []
        for answer in item.get("answer", []):
            ((key, value),) = answer.items()
            values.append(value["code"] if key == "valueCoding" else value)
        out[link_id] = values
    return out


def test_enable_when_agrees_with_show_if_for_every_answer_combination():
    bank = CONDITIONS_BANK
    form = items(fhir.questionnaire(bank))
    grid = {
        "sex": ["female", "male", "other", None],
        "age": [30, 45, None],
        "wpi_regions": [[], ["neck"], None],
        "stress_level": [3, 4, None],
        "worry": [True, False, None],
        "worry_nights": [True, None],
        "unrefreshed": [0, 3, None],
        "calm": ["rarely", None],
    }
    translated = [q.id for q in bank.questions if "enableWhen" in form[q.id]]
    assert len(translated) == 6
    checked = 0
    for values in itertools.product(*grid.values()):
        answers = dict(zip(grid, values, strict=True))
        ours = {q.id for q in bank.visible(answers)}
        # Walk the form as a FHIR renderer would: a disabled item's answers do not count.
        enabled: dict[str, list] = {}
        given = _response_values(
            fhir.questionnaire_response(bank, entry(answers, FULL_RESULT, bank=bank))
        )
        for q in bank.questions:
            item = form[q.id]
            if "enableWhen" in item:
                shown = _fhir_enabled(item, enabled)
                assert shown == (q.id in ours), (q.id, answers)
                checked += 1
            else:
                shown = q.id in ours  # not translated: follow the program
            if shown:
                enabled[q.id] = given.get(q.id, [])
    assert checked == 6 * 4 * 3 * 3 * 3 * 3 * 2 * 3 * 2


def test_response_validates_and_holds_each_answer_with_its_type(saved):
    response = fhir.questionnaire_response(SMALL_BANK, saved[-1])
    QuestionnaireResponse.model_validate(response)
    answered = items(response)
    assert response["questionnaire"] == f"urn:fibro-assess:questionnaire|{SMALL_BANK.sha256}"
    assert response["status"] == "completed"
    assert response["authored"] == "2026-11-24T14:05:00+00:00"
    assert answered["rf_weight_loss"]["answer"] == [{"valueBoolean": True}]
    assert [a["valueCoding"]["code"] for a in answered["wpi_regions"]["answer"]] == [
        "neck",
        "lower_back",
    ]
    assert answered["tense_muscles"]["answer"][0]["valueCoding"]["display"] == "Often"
    assert answered["sss_unrefreshed_sleep"]["answer"][0]["valueCoding"]["code"] == "2"
    assert answered["pain_now"]["answer"] == [{"valueInteger": 5}]
    assert answered["water_glasses"]["answer"] == [{"valueInteger": 5}]
    assert answered["nuts"]["answer"] == [{"valueDecimal": 2.5}]
    assert answered["notes"]["answer"] == [{"valueString": "Worse after long drives."}]
    assert "worry_nights" not in answered  # skipped: no answer, not a made-up one


def test_observations_carry_the_published_scores(saved):
    result = saved[-1].result
    found = {o["code"]["coding"][-1]["code"]: o for o in fhir.observations(saved[-1])}
    for observation in found.values():
        Observation.model_validate(observation)
    # The small bank has WPI and pain now only; unknown scores get no Observation.
    assert set(found) == {"wpi", "pain_now"}
    assert found["wpi"]["valueInteger"] == result["instruments"]["wpi"] == 2
    assert found["pain_now"]["valueInteger"] == 5
    assert found["pain_now"]["code"]["coding"][0] == {
        "system": "http://loinc.org",
        "code": "72514-3",
        "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
    }
    assert found["wpi"]["code"]["coding"] == [
        {
            "system": "urn:fibro-assess:score",
            "code": "wpi",
            "display": "Widespread Pain Index (2016 ACR fibromyalgia criteria), 0-19",
        }
    ]
    assert found["wpi"]["effectiveDateTime"] == "2026-11-24T14:05:00+00:00"


def test_each_factor_of_the_bank_is_an_observation_with_its_band(saved):
    factors = factor_columns(SMALL_BANK)
    found = {o["code"]["coding"][0]["code"]: o for o in fhir.observations(saved[-1], factors)}
    result = saved[-1].result["factors"]
    for factor in factors:
        observation = found[f"factor-{factor.id}"]
        Observation.model_validate(observation)
        assert observation["valueInteger"] == result[factor.id]["score"]
        assert observation["interpretation"] == [{"text": result[factor.id]["band"]}]
        assert observation["code"]["coding"] == [
            {
                "system": "urn:fibro-assess:score",
                "code": f"factor-{factor.id}",
                "display": f"{factor.name}: this program's own factor score, 0-100",
            }
        ]
    assert len({o["id"] for o in found.values()}) == len(found)


def test_full_result_gives_all_seven_published_scores_and_only_one_loinc_code():
    observations = fhir.observations(entry({}, FULL_RESULT, bank=SMALL_BANK))
    values = {o["code"]["coding"][-1]["code"]: o["valueInteger"] for o in observations}
    assert values == {
        "wpi": 11,
        "sss": 8,
        "fs": 19,
        "ost": -3,
        "pain_now": 6,
        "pain_average": 5,
        "pain_worst": 8,
    }
    loinc = [
        c["code"]
        for o in observations
        for c in o["code"]["coding"]
        if c["system"] == "http://loinc.org"
    ]
    assert loinc == ["72514-3"]


def test_bundle_validates_and_its_references_resolve(saved):
    document = fhir.bundle(SMALL_BANK, saved)
    Bundle.model_validate(document)
    assert document["type"] == "collection"
    kinds = [e["resource"]["resourceType"] for e in document["entry"]]
    per_entry = [
        "QuestionnaireResponse",
        *["Observation"] * 2,  # WPI and pain now: the published scores the small bank gives
        *["Observation"] * 3,  # a score for each of its factors: muscle pain, stress, sleep
    ]
    assert kinds == ["Questionnaire", *per_entry, *per_entry]
    full_urls = [e["fullUrl"] for e in document["entry"]]
    assert len(set(full_urls)) == len(full_urls)
    for e in document["entry"]:
        for ref in e["resource"].get("derivedFrom", []):
            assert ref["reference"] in full_urls
    questionnaire = document["entry"][0]["resource"]
    for e in document["entry"]:
        if e["resource"]["resourceType"] == "QuestionnaireResponse":
            canonical = f"{questionnaire['url']}|{questionnaire['version']}"
            assert e["resource"]["questionnaire"] == canonical


def test_bundle_is_the_same_on_every_export(saved):
    assert fhir.bundle(SMALL_BANK, saved) == fhir.bundle(SMALL_BANK, saved)
    other = fhir.bundle(SMALL_BANK, saved[:1])
    assert other["entry"][1]["fullUrl"] == fhir.bundle(SMALL_BANK, saved)["entry"][1]["fullUrl"]


# ---------------------------------------------------------------------------------------------
# enableWhenExpression: the conditions enableWhen cannot say, in FHIRPath


def _expressions(bank) -> dict[str, str]:
    found = {}
    for link_id, item in items(fhir.questionnaire(bank)).items():
        for extension in item.get("extension", []):
            if extension["url"] == fhirpath.EXTENSION:
                assert extension["valueExpression"]["language"] == "text/fhirpath"
                assert "enableWhen" not in item  # SDC allows one or the other
                found[link_id] = extension["valueExpression"]["expression"]
    return found


def test_every_condition_of_the_shipped_bank_reaches_a_form():
    bank = load_bank(default_bank_path())
    found = items(fhir.questionnaire(bank))
    expressions_ = _expressions(bank)
    for q in bank.questions:
        if q.show_if:
            assert ("enableWhen" in found[q.id]) != (q.id in expressions_), q.id
    assert len(expressions_) >= 30  # medicines, treatments, the ASAS follow-ups ...


def test_a_question_filled_from_a_checklist_is_hidden_and_read_through_it():
    bank = load_bank(default_bank_path())
    found = items(fhir.questionnaire(bank))
    filled = [q.id for q in bank.questions if not q.asked]
    assert filled  # rf_steroids, mg_ppi ...
    for link_id in filled:
        assert {"url": fhir.HIDDEN, "valueBoolean": True} in found[link_id]["extension"]
    high_dose = _expressions(bank)["ost_steroid_high_dose"]  # show_if: rf_steroids == true
    assert "'medications'" in high_dose and "'steroid'" in high_dose
    assert "'rf_steroids'" not in high_dose


_GRID = {
    "sex": ["female", "male", "other", None],
    "age": [30, 45, None],
    "wpi_regions": [[], ["neck"], ["neck", "chest"]],  # published: never skipped
    "stress_level": [3, 4, 5, None],
    "worry": [True, False, None],
    "worry_nights": [True, None],
    "calm": ["often", "rarely", "mixed", None],
    "unrefreshed": [0, 3, None],
}


@functools.cache
def _compiled_expressions():
    from fhirpathpy import compile as compile_fhirpath
    from fhirpathpy.models import models

    return {
        link_id: compile_fhirpath(text, models["r4"])
        for link_id, text in _expressions(CONDITIONS_BANK).items()
    }


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({key: st.sampled_from(values) for key, values in _GRID.items()}))
def test_enable_when_expression_shows_what_show_if_shows(answers):
    # A form's response holds the answers of the questions it shows; each expression, run by a
    # FHIRPath engine on that response, must show its question exactly when the wizard does.
    bank = CONDITIONS_BANK
    compiled = _compiled_expressions()
    assert len(compiled) == 7
    shown = {q.id for q in bank.visible(answers)}
    given_answers = {k: v for k, v in answers.items() if k in shown}
    response = fhir.questionnaire_response(bank, entry(given_answers, FULL_RESULT, bank=bank))
    for link_id, run in compiled.items():
        assert run(response, {"resource": response}) == [link_id in shown], (link_id, answers)
