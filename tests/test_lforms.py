"""A real FHIR form filler: our Questionnaire in LHC-Forms (the US National Library of Medicine's
renderer, npm `lforms`) in headless Chromium. The sample's answers go in through LHC-Forms' API,
its QuestionnaireResponse comes out and scores as the sample does; with an answer for every
question, LHC-Forms keeps exactly the questions the wizard would ask (enableWhen and
enableWhenExpression against show_if).

Needs Chromium, Node and `npm ci` in tests/lforms (.ci/run installs them); skipped without.
LHC-Forms is served from tests/lforms/node_modules on 127.0.0.1: nothing is fetched from the
network, and the page is refused anything else.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fhir_support import exported_response
from report_support import SAMPLE_ANSWERS, bank

from assessment.core import answers as answers_mod
from assessment.history import fhir

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent / "lforms"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return "Chromium is not installed (Debian: apt-get install chromium)"
    if not shutil.which("node"):
        return "Node.js is not installed"
    for package in ("lforms", "playwright-core"):
        if not (HERE / "node_modules" / package / "package.json").exists():
            return f"npm package {package} is missing: run `npm ci` in tests/lforms"
    return None


def _plain(answers: dict) -> dict:
    return json.loads(json.dumps(answers))  # without the file's line numbers


def _an_answer(question):
    """Some valid answer, for a question the sample leaves empty or the wizard would not ask."""
    if question.type == "yesno":
        return True
    if question.type == "single":
        return question.choices[0].value
    if question.type == "multi":
        return [question.choices[0].value]
    if question.type == "scale":
        return 5
    if question.type == "number":
        return int(question.lower) if question.integer else question.lower
    return "something"


def everything_answered(answers: dict) -> dict:
    """The answers with every question a person could be asked answered too, shown or not."""
    full = dict(answers)
    for question in bank().questions:
        if question.asked and full.get(question.id) is None:
            full[question.id] = _an_answer(question)
    return full


def answered_links(response: dict) -> set[str]:
    found = set()

    def walk(node):
        for item in node.get("item", []):
            if item.get("answer"):
                found.add(item["linkId"])
            walk(item)
            for answer in item.get("answer", []):
                walk(answer)

    walk(response)
    return found


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """LHC-Forms' responses for: the sample; the sample with every question answered; and a
    second person with every question answered who takes steroids, has had back pain for weeks
    and is a man (other conditions flip)."""
    missing = _missing()
    if missing:
        pytest.skip(missing)
    sample = _plain(answers_mod.load(bank(), SAMPLE_ANSWERS))
    other = everything_answered(
        {
            **sample,
            "sex": "male",
            "back_pain_duration": "under_3_months",
            "medications": ["steroid", "other"],
            "med_steroid_duration": "over_1_year",
            "treatments_tried": None,
        }
    )
    people = [sample, everything_answered(sample), other]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FIBRO_ASSESS_HOME", str(tmp_path_factory.mktemp("home")))
        responses = [exported_response(bank(), person) for person in people]
    done = subprocess.run(
        ["node", str(HERE / "fill.mjs")],
        input=json.dumps({"questionnaire": fhir.questionnaire(bank()), "responses": responses}),
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROMIUM": CHROMIUM},
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["errors"] == [] and out["outside"] == []  # no page error, nothing fetched outside
    return people, out["responses"]


def test_the_sample_filled_in_lhc_forms_scores_as_the_sample(filled, tmp_path):
    people, filled_in = filled
    response = filled_in[0]["response"]
    assert response["resourceType"] == "QuestionnaireResponse"
    assert response["questionnaire"] == f"{fhir.QUESTIONNAIRE_URL}|{bank().sha256}"
    answered = {k for k, v in people[0].items() if v not in (None, [])}
    assert answered_links(response) == answered
    path = tmp_path / "from-lhc-forms.json"
    path.write_text(json.dumps(response), "utf-8")

    def scored(source: Path) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "assessment", "--answers", str(source), "--json", "--no-save"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        del result["meta"]
        return result

    assert scored(path) == scored(SAMPLE_ANSWERS)


@pytest.mark.parametrize("person", [1, 2], ids=["sample", "other-conditions"])
def test_lhc_forms_shows_the_questions_the_wizard_asks(filled, person):
    people, filled_in = filled
    answers = people[person]
    asked = {q.id for q in bank().asked(answers)}
    shown = set(filled_in[person]["shown"])
    assert shown == asked
    hidden = {q.id for q in bank().questions if q.asked} - asked
    assert len(hidden) >= 10  # answered, but hidden by their conditions: the test has teeth
    # enableWhen leaves a hidden question's answer out of the response; all that are shown stay
    assert asked <= answered_links(filled_in[person]["response"])
