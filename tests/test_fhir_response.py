"""QuestionnaireResponses in through `--answers`: our own export reads back to the same scores,
a response from an earlier bank is read when its links are known, and each mapping problem is one
line naming the linkId, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from fhir_support import SMALL_ANSWERS, exported_response

from assessment.core import answers as answers_mod
from assessment.core.loader import load_bank
from assessment.paths import default_bank_path

DATA = Path(__file__).parent / "data"
SMALL = DATA / "banks" / "small.yaml"
SAMPLE = Path(__file__).parent.parent / "examples" / "sample-answers.yaml"


def run_cli(*args: str, bank: Path | None = None) -> subprocess.CompletedProcess:
    questions = ["--questions", str(bank)] if bank else []
    return subprocess.run(
        [sys.executable, "-m", "assessment", *questions, "--no-save", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def write(tmp_path: Path, resource: dict, name: str = "response.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(resource), "utf-8")
    return path


def scored(done: subprocess.CompletedProcess) -> dict:
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    del result["meta"]  # the moment it was scored
    return result


def test_the_sample_exported_as_a_response_scores_identically(tmp_path):
    bank = load_bank(default_bank_path())
    sample = answers_mod.load(bank, SAMPLE)
    response = exported_response(bank, sample)
    from_response = scored(run_cli("--answers", str(write(tmp_path, response)), "--json"))
    from_file = scored(run_cli("--answers", str(SAMPLE), "--json"))
    assert from_response == from_file
    assert from_file["synergy"]["index"] > 0  # a real result, not two empty ones


def test_reading_back_gives_the_same_answers_with_skips_and_an_empty_checklist(tmp_path):
    bank = load_bank(SMALL)
    answers = {**SMALL_ANSWERS, "wpi_regions": []}
    response = exported_response(bank, answers)
    regions = [i for g in response["item"] for i in g["item"] if i["linkId"] == "wpi_regions"]
    assert regions == [{"linkId": "wpi_regions", "text": "Where did it hurt?"}]
    read = answers_mod.load(bank, write(tmp_path, response))
    assert read == answers


def test_a_form_left_empty_counts_as_skipped_and_a_published_checklist_as_none_ticked(tmp_path):
    bank = load_bank(SMALL)
    response = exported_response(bank, SMALL_ANSWERS)
    for group in response["item"]:  # what a form filler sends for untouched questions: nothing
        group["item"] = [i for i in group["item"] if i["linkId"] not in ("wpi_regions", "worry")]
    read = answers_mod.load(bank, write(tmp_path, response))
    assert read["wpi_regions"] == [] and read["worry"] is None
    assert "worry_nights" not in read  # hidden once worry is unknown


def test_a_response_in_progress_is_read_as_partial(tmp_path):
    bank = load_bank(SMALL)
    response = exported_response(bank, SMALL_ANSWERS)
    response["status"] = "in-progress"
    response["item"] = response["item"][:1]
    read = answers_mod.load(bank, write(tmp_path, response))
    assert read == {"rf_cancer_history": False, "rf_weight_loss": True}
    response["status"] = "completed"  # the same answers as a finished response: a problem
    done = run_cli("--answers", str(write(tmp_path, response)), "--json", bank=SMALL)
    assert done.returncode == 2
    assert "wpi_regions" not in done.stderr  # none ticked is an answer
    assert done.stderr.strip().splitlines() == [
        f"fibro-assess: {tmp_path / 'response.json'}: pain_now: this published item cannot be "
        "skipped",
        f"fibro-assess: {tmp_path / 'response.json'}: sss_unrefreshed_sleep: this published item "
        "cannot be skipped",
    ]


def earlier_bank(tmp_path: Path, change) -> object:
    """The small bank as it was before an edit: `change` edits the parsed YAML."""
    data = yaml.safe_load(SMALL.read_text("utf-8"))
    change(data)
    path = tmp_path / "earlier.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return load_bank(path)


def test_a_response_from_an_earlier_bank_is_read_when_every_link_is_known(tmp_path):
    def reworded(data):
        data["sections"][2]["questions"][1]["text"] = "Do you worry a lot?"

    earlier = earlier_bank(tmp_path, reworded)
    current = load_bank(SMALL)
    assert earlier.sha256 != current.sha256
    response = exported_response(earlier, SMALL_ANSWERS)
    assert response["questionnaire"].endswith(earlier.sha256)
    path = write(tmp_path, response)
    assert answers_mod.load(current, path) == SMALL_ANSWERS
    direct = write(tmp_path, SMALL_ANSWERS, "answers.json")
    assert scored(run_cli("--answers", str(path), "--json", bank=SMALL)) == scored(
        run_cli("--answers", str(direct), "--json", bank=SMALL)
    )


def test_a_response_from_an_earlier_bank_with_a_question_since_removed_names_it(tmp_path):
    def with_a_question_since_removed(data):
        data["sections"][2]["questions"].append(
            {"id": "stress_at_work", "type": "yesno", "text": "Stress at work?", "scores": False}
        )

    earlier = earlier_bank(tmp_path, with_a_question_since_removed)
    response = exported_response(earlier, {**SMALL_ANSWERS, "stress_at_work": True})
    path = write(tmp_path, response)
    done = run_cli("--answers", str(path), bank=SMALL)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"fibro-assess: {path}: stress_at_work: no question in this bank has this linkId"
    ]


def _item(response: dict, link_id: str) -> dict:
    return next(i for g in response["item"] for i in g["item"] if i["linkId"] == link_id)


def _other_questionnaire(response):
    response["questionnaire"] = "http://clinic.example/Questionnaire/phq-9|2"


def _unknown_link(response):
    response["item"][0]["item"].append(
        {"linkId": "favourite_colour", "answer": [{"valueString": "blue"}]}
    )


def _string_for_a_scale(response):
    _item(response, "pain_now")["answer"] = [{"valueString": "six"}]


def _decimal_for_a_whole_number(response):
    _item(response, "water_glasses")["answer"] = [{"valueDecimal": 5.5}]


def _boolean_for_a_choice(response):
    _item(response, "tense_muscles")["answer"] = [{"valueBoolean": True}]


def _unknown_code(response):
    _item(response, "tense_muscles")["answer"][0]["valueCoding"]["code"] = "always"


def _two_answers_to_one_question(response):
    _item(response, "worry")["answer"] = [{"valueBoolean": True}, {"valueBoolean": False}]


def _out_of_range(response):
    _item(response, "pain_now")["answer"] = [{"valueInteger": 11}]


def _not_a_response(response):
    response["resourceType"] = "Patient"


@pytest.mark.parametrize(
    "breakage, line",
    [
        (
            _other_questionnaire,
            "questionnaire: 'http://clinic.example/Questionnaire/phq-9|2' is another "
            "questionnaire; this program reads responses to urn:fibro-assess:questionnaire",
        ),
        (
            _unknown_link,
            "favourite_colour: no question in this bank has this linkId",
        ),
        (_string_for_a_scale, "pain_now: valueString does not fit a 0-10 scale (valueInteger)"),
        (
            _decimal_for_a_whole_number,
            "water_glasses: valueDecimal does not fit a whole number (valueInteger)",
        ),
        (_boolean_for_a_choice, "tense_muscles: valueBoolean does not fit a choice (valueCoding)"),
        (_unknown_code, "tense_muscles: code 'always' is not one of: never, often"),
        (_two_answers_to_one_question, "worry: 2 answers to a question that takes one"),
        (_out_of_range, "pain_now: 11 is outside 0-10"),
        (
            _not_a_response,
            "resourceType: 'Patient' is not a QuestionnaireResponse; answers come as a "
            "QuestionnaireResponse or an answers file",
        ),
    ],
    ids=lambda v: v.__name__.strip("_") if callable(v) else "",
)
def test_each_mapping_problem_is_one_line_naming_the_link_exit_2(tmp_path, breakage, line):
    response = exported_response(load_bank(SMALL), SMALL_ANSWERS)
    breakage(response)
    path = write(tmp_path, response)
    done = run_cli("--answers", str(path), "--json", bank=SMALL)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [f"fibro-assess: {path}: {line}"]


def test_every_problem_gets_its_line_and_a_flood_is_cut_to_twenty(tmp_path):
    response = exported_response(load_bank(SMALL), SMALL_ANSWERS)
    _string_for_a_scale(response)
    _boolean_for_a_choice(response)
    response["item"][0]["item"] += [
        {"linkId": f"made_up_{n}", "answer": [{"valueBoolean": True}]} for n in range(100)
    ]
    path = write(tmp_path, response)
    done = run_cli("--answers", str(path), bank=SMALL)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 21
    assert lines[-1] == f"fibro-assess: {path}: and 82 more problems like these"
    assert "Traceback" not in done.stderr


def test_a_response_nested_without_end_is_refused_in_one_line(tmp_path):
    item: dict = {"linkId": "deep"}
    response = {"resourceType": "QuestionnaireResponse", "status": "completed", "item": [item]}
    for _ in range(60):
        item["item"] = [{"linkId": "deep"}]
        item = item["item"][0]
    path = write(tmp_path, response)
    done = run_cli("--answers", str(path), bank=SMALL)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"fibro-assess: {path}: items nested more than 20 deep"]
