"""JSON and CSV exports of the history: complete, stable, and readable back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from assessment.core.loader import load_bank
from assessment.core.scoring import assess
from assessment.history import export
from assessment.history.factors import FactorColumn, factor_columns
from assessment.history.store import History
from assessment.paths import default_bank_path

DATA = Path(__file__).parent / "data"
FULL_RESULT = json.loads((DATA / "history" / "result-all-factors.json").read_text("utf-8"))
SMALL_BANK = DATA / "banks" / "small.yaml"
FACTORS = factor_columns(load_bank(default_bank_path()))
FACTOR_IDS = [f.id for f in FACTORS]
SMALL_ANSWERS = {
    "rf_cancer_history": False,
    "rf_weight_loss": False,
    "wpi_regions": ["neck", "lower_back"],
    "tense_muscles": "often",
    "pain_now": 6,
    "stress_level": 7,
    "worry": True,
    "worry_nights": None,
    "sss_unrefreshed_sleep": 2,
    "water_glasses": 5,
    "nuts": 3,
    "notes": '=HYPERLINK("http://x") – "quoted", with commas\nand a new line',
}


@pytest.fixture
def history(tmp_path, monkeypatch):
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path / "home"))
    with History() as h:
        yield h


@pytest.fixture
def two_entries(history):
    """A full result with all the bank's factors, then a real partial one from the small bank."""
    first = history.save(
        {"notes": "Rücken"},
        FULL_RESULT,
        program_version="0.1.0",
        bank_hash="a" * 64,
        assessed_at="2026-11-01T09:00:00+01:00",
    )
    bank = load_bank(SMALL_BANK)
    result = assess(bank, SMALL_ANSWERS, assessed_at="2026-11-24T14:05:00+00:00").to_dict()
    second = history.save(SMALL_ANSWERS, result, program_version="0.1.0", bank_hash=bank.sha256)
    return [history.get(first), history.get(second)]


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def write_csv(entries, factors=FACTORS) -> str:
    buffer = io.StringIO(newline="")
    export.to_csv(entries, buffer, factors)
    return buffer.getvalue()


def test_csv_round_trips_through_the_csv_module(two_entries):
    rows = read_csv(write_csv(two_entries))
    assert len(rows) == 2
    full, partial = rows
    assert full["id"] == str(two_entries[0].id)
    assert full["assessed_at"] == "2026-11-01T09:00:00+01:00"
    assert full["combined_index"] == "52.0"
    assert full["multiplier"] == "1.49"
    assert [full[f"{fid}_score"] for fid in FACTOR_IDS] == [
        "72",
        "55",
        "38",
        "30",
        "58",
        "80",
        "75",
    ]
    assert full["stress_band"] == "high"
    assert (full["wpi"], full["sss"], full["fs"], full["fs_band"]) == ("11", "8", "19", "severe")
    assert full["acr2016_met"] == "true"
    assert (full["ost"], full["ost_band"]) == ("-3", "moderate")
    assert (full["pain_now"], full["pain_average"], full["pain_worst"]) == ("6", "5", "8")
    assert full["red_flag_level"] == "urgent"
    assert full["red_flags"] == "rf_cancer_with_weight_loss: urgent; rf_night_pain: soon"

    assert partial["stress_score"] == "80"
    assert partial["osteoporosis_score"] == ""  # not in the small bank: unknown, not zero
    assert partial["sss"] == "" and partial["acr2016_met"] == ""
    assert partial["wpi"] == "2"
    assert partial["pain_now"] == "6" and partial["pain_worst"] == ""
    assert partial["red_flag_level"] == "" and partial["red_flags"] == ""


def test_csv_header_is_the_fixed_columns_then_the_banks_factors(two_entries):
    # Spreadsheets and scripts read columns by position: this order is a promise.
    factors = [
        f"{fid}_{part}"
        for fid in (
            "muscle_pain",
            "joint_pain",
            "osteoporosis",
            "circulation",
            "magnesium",
            "stress",
            "sleep",
        )
        for part in ("score", "band")
    ]
    expected = [
        "id",
        "assessed_at",
        "program_version",
        "bank_hash",
        "combined_index",
        "multiplier",
        "wpi",
        "sss",
        "fs",
        "fs_band",
        "acr2016_met",
        "ost",
        "ost_band",
        "pain_now",
        "pain_average",
        "pain_worst",
        "red_flag_level",
        "red_flags",
        "kind",
        *factors,
    ]
    header = next(csv.reader(io.StringIO(write_csv(two_entries), newline="")))
    assert header == expected


def test_csv_has_header_only_for_an_empty_history():
    assert write_csv([]) == ",".join(export.csv_columns(FACTORS)) + "\r\n"


def test_a_new_factor_adds_columns_at_the_end_and_moves_none(two_entries):
    header = next(csv.reader(io.StringIO(write_csv(two_entries), newline="")))
    more = [*FACTORS, FactorColumn("posture", "Posture", "Posture", "Pos")]
    wider = next(csv.reader(io.StringIO(write_csv(two_entries, more), newline="")))
    assert wider == [*header, "posture_score", "posture_band"]
    rows = read_csv(write_csv(two_entries, more))
    assert [r["posture_score"] for r in rows] == ["", ""]  # saved before it existed: unknown


def test_a_factor_only_older_assessments_hold_keeps_its_columns(two_entries):
    smaller = load_bank(SMALL_BANK)  # muscle_pain, stress, sleep
    factors = factor_columns(smaller, two_entries)
    assert [f.id for f in factors][:3] == ["muscle_pain", "stress", "sleep"]
    assert {"joint_pain", "osteoporosis"} <= {f.id for f in factors}
    full = read_csv(write_csv(two_entries, factors))[0]
    assert full["joint_pain_score"] == "55" and full["osteoporosis_score"] == "38"


def test_csv_leaves_out_free_text_so_no_cell_can_be_a_formula(two_entries):
    text = write_csv(two_entries)
    assert "HYPERLINK" not in text and "Rücken" not in text
    for row in read_csv(text):
        for value in row.values():
            assert not value.startswith(("=", "+", "@")), value
            if value.startswith("-"):
                float(value)  # only negative numbers (OST) may start with a minus


def test_csv_lines_end_with_crlf_as_spreadsheets_expect(two_entries):
    text = write_csv(two_entries)
    assert text.count("\r\n") == 3
    assert "\n" not in text.replace("\r\n", "")


def test_json_keeps_every_answer_and_the_full_result(two_entries):
    document = json.loads(export.to_json(two_entries))
    assert document["format"] == "fibro-assess history"
    assert document["format_version"] == 1
    first, second = document["assessments"]
    assert first["result"] == FULL_RESULT
    assert first["answers"] == {"notes": "Rücken"}
    assert second["answers"] == SMALL_ANSWERS
    assert second["result"] == two_entries[1].result
    assert [a["id"] for a in document["assessments"]] == [e.id for e in two_entries]
    assert second["bank_hash"] == load_bank(SMALL_BANK).sha256


def test_json_of_an_empty_history_is_an_empty_list():
    assert json.loads(export.to_json([]))["assessments"] == []
