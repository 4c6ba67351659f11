"""A factor added to a copy of the bank, in YAML alone, reaches every output without a code change:
`check`, the JSON result, the history table, the CSV, the FHIR export and the report. No output
counts the factors in words ("seven"), and older assessments saved with fewer factors still list
and export."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from assessment import cli
from assessment.core.loader import load_bank
from assessment.history import export
from assessment.history.factors import factor_columns
from assessment.history.store import History
from assessment.paths import default_bank_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-answers.yaml"
OLD_RESULT = ROOT / "tests" / "data" / "history" / "result-all-factors.json"
SEVEN = re.compile(r"\bseven\b", re.IGNORECASE)

POSTURE_FACTOR = {
    "id": "posture",
    "name": "Posture strain",
    "column": "Posture",
    "short": "Pos",
    "summary": "Long hours bent over a desk or a screen, and the stiffness they leave behind.",
}
POSTURE_SECTION = {
    "id": "posture",
    "title": "Posture through the day",
    "intro": "Three short questions about how you sit and stand.",
    "questions": [
        {
            "id": "pos_bent_hours",
            "type": "number",
            "text": "On a usual day, how many hours do you spend bent over a desk or a screen?",
            "min": 0,
            "max": 16,
            "unit": "hours",
            "score": [{"factor": "posture", "linear": [0, 8], "points": 3}],
        },
        {
            "id": "pos_stiff_standing",
            "type": "single",
            "text": "After an hour of sitting, how stiff is your back when you stand up?",
            "choices": [
                {"value": "not", "label": "Not stiff", "points": {"posture": 0}},
                {"value": "little", "label": "A little stiff", "points": {"posture": 1}},
                {"value": "very", "label": "Very stiff", "points": {"posture": 2}},
            ],
        },
        {
            "id": "pos_slump",
            "type": "yesno",
            "text": "Do you often catch yourself slumping?",
            "points": {"posture": 2},
        },
    ],
}
POSTURE_LINK = {
    "from": "posture",
    "to": "muscle_pain",
    "weight": 0.3,
    "reason": "Hours in one bent position keep the back and neck muscles working without rest.",
}
POSTURE_ADVICE = {
    "id": "posture_change_position",
    "factor": "posture",
    "when": "band.posture in ['moderate', 'high']",
    "title": "Give your back a change of position",
    "text": "Your back copes best with variety. Short breaks from one position ease the strain.",
    "do": ["Stand up and walk a few steps every half hour."],
    "dont": ["Don't stay bent over a screen for hours at a stretch."],
}
POSTURE_ANSWERS = "\npos_bent_hours: 7\npos_stiff_standing: very\npos_slump: true\n"


@pytest.fixture(scope="module")
def eight(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the shipped bank with an eighth factor, and the sample answers for it."""
    folder = tmp_path_factory.mktemp("eight")
    data = yaml.safe_load(default_bank_path().read_text("utf-8"))
    data["factors"].append(POSTURE_FACTOR)
    data["sections"].insert(len(data["sections"]) - 1, POSTURE_SECTION)  # notes stay last
    data["links"].append(POSTURE_LINK)
    data["advice"].append(POSTURE_ADVICE)
    bank = folder / "questions.yaml"
    bank.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    answers = folder / "answers.yaml"
    answers.write_text(SAMPLE.read_text("utf-8") + POSTURE_ANSWERS, "utf-8")
    return bank, answers


@pytest.fixture
def saved(eight, tmp_path, monkeypatch, capsys) -> dict:
    """A history with an older assessment (seven factors, saved before the eighth existed) and a
    new one scored with the eight-factor bank, whose JSON result is returned."""
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path / "home"))
    bank, answers = eight
    with History() as history:
        old = json.loads(OLD_RESULT.read_text("utf-8"))
        history.save({}, old, program_version="0.1.0", bank_hash="a" * 64)
    status = cli.main(["--questions", str(bank), "--answers", str(answers), "--json"])
    out = capsys.readouterr().out
    assert status == 0
    return json.loads(out)


def run(capsys, *argv: str) -> str:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert not SEVEN.search(captured.out), "an output counts the factors in words"
    return captured.out


def test_the_bank_with_an_eighth_factor_passes_check(eight, capsys):
    bank, _ = eight
    assert "ok" in run(capsys, "check", str(bank))
    assert [f.id for f in load_bank(bank).factors][-1] == "posture"


def test_the_json_result_scores_the_eighth_factor_and_gives_its_advice(saved):
    assert list(saved["factors"])[-1] == "posture"
    posture = saved["factors"]["posture"]
    assert posture["name"] == "Posture strain"
    # 7 of 8 hours (2.625 of 3), very stiff (2 of 2), slumping (2 of 2): 6.625 of 7 points
    assert posture["score"] == 95 and posture["band"] == "high"
    assert any(link["from"] == "posture" for link in saved["synergy"]["links"])
    assert "posture_change_position" in [item["id"] for item in saved["advice"]]
    assert not SEVEN.search(json.dumps(saved))


def test_the_history_table_has_a_column_for_it_and_old_rows_still_list(
    saved, eight, capsys, monkeypatch
):
    bank, _ = eight
    monkeypatch.setenv("COLUMNS", "140")
    lines = run(capsys, "history", "--questions", str(bank)).splitlines()
    head = lines[0].split()
    assert head[head.index("Index") + 1 : head.index("Criteria")] == [
        *(f.column for f in load_bank(default_bank_path()).factors),
        "Posture",
    ]
    start = lines[0].index("Posture")
    under = [line[start : start + len("Posture")].strip() for line in lines[1:3]]
    assert under == ["-", "95"]  # the older assessment was saved before the factor existed
    monkeypatch.setenv("COLUMNS", "80")
    text = run(capsys, "history", "--questions", str(bank))
    assert "Pos" in text.splitlines()[0].split()
    assert "Pos = posture strain" in " ".join(text.split())


def test_the_csv_adds_its_columns_after_all_the_others(saved, eight, capsys):
    bank, _ = eight
    shipped = export.csv_columns(factor_columns(load_bank(default_bank_path())))
    text = run(capsys, "export", "--format", "csv", "--questions", str(bank))
    header = next(csv.reader(io.StringIO(text)))
    assert header == [*shipped, "posture_score", "posture_band"]
    # With the shipped bank, a factor only a saved assessment holds keeps its columns at the end.
    again = run(capsys, "export", "--format", "csv")
    assert next(csv.reader(io.StringIO(again))) == header
    old, new = csv.DictReader(io.StringIO(text, newline=""))
    assert (old["posture_score"], old["stress_score"]) == ("", "80")
    assert (new["posture_score"], new["posture_band"]) == ("95", "high")


def test_the_fhir_export_has_its_questions_and_its_score(saved, eight, capsys):
    bank, _ = eight
    bundle = json.loads(run(capsys, "export", "--format", "fhir", "--questions", str(bank)))
    resources = [e["resource"] for e in bundle["entry"]]
    questionnaire = json.dumps(resources[0])
    assert all(q["id"] in questionnaire for q in POSTURE_SECTION["questions"])
    scores = [
        r["valueInteger"]
        for r in resources
        if r["resourceType"] == "Observation" and r["code"]["coding"][0]["code"] == "factor-posture"
    ]
    assert scores == [95]  # the new assessment only: the old one has no posture score


def test_the_report_shows_the_factor_its_advice_and_no_count_in_words(saved, eight):
    from assessment.core.answers import load as load_answers
    from assessment.report import render

    bank_path, answers_path = eight
    bank = load_bank(bank_path)
    html = render.render_html(bank, load_answers(bank, answers_path), saved)
    words = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Posture strain" in words
    assert "Give your back a change of position" in words
    assert "Posture strain 95 high" in words  # its row in the table of factors
    assert not SEVEN.search(words)


@pytest.mark.slow
def test_the_pdf_shows_the_eighth_factor(saved, eight, tmp_path):
    from pypdf import PdfReader

    from assessment.core.answers import load as load_answers
    from assessment.report import render

    bank_path, answers_path = eight
    bank = load_bank(bank_path)
    out = render.write_pdf(bank, load_answers(bank, answers_path), saved, tmp_path / "r.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "Posture strain" in text
    assert "Give your back a change of position" in text
    assert not SEVEN.search(text)


def test_the_shipped_report_counts_no_factors_in_words():
    from assessment.core.answers import load as load_answers
    from assessment.core.scoring import assess
    from assessment.report import render

    bank = load_bank(default_bank_path())
    answers = load_answers(bank, SAMPLE)
    result = assess(bank, answers, assessed_at="2026-11-24T10:00:00+00:00").to_dict()
    words = " ".join(re.sub(r"<[^>]+>", " ", render.render_html(bank, answers, result)).split())
    assert "The factor scores add up to" in words
    assert not SEVEN.search(words)
