"""A history row whose saved JSON is damaged is named in one line and left out; `history`,
`report`, `export` and the next save go on with the others."""

import json
import sqlite3
from pathlib import Path

import pytest
from hostile_support import assert_one_line_errors, run_limited

from assessment.core.answers import load as load_answers
from assessment.core.loader import load_bank
from assessment.core.scoring import assess
from assessment.history.store import History
from assessment.paths import default_bank_path

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample-answers.yaml"
NOTE = (
    "fibro-assess: note: assessment 2 in the history is damaged (its saved answers or result "
    "cannot be read) and is left out."
)


@pytest.fixture
def damaged_home(tmp_path, monkeypatch):
    """Three saved assessments; the second one's result is cut off mid-JSON."""
    home = tmp_path / "home"
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(home))
    bank = load_bank(default_bank_path())
    answers = load_answers(bank, SAMPLE)
    with History() as history:
        for day in (1, 2, 3):
            when = f"2026-11-0{day}T10:00:00+00:00"
            result = assess(bank, answers, assessed_at=when).to_dict()
            history.save(answers, result, program_version="0.1.0", bank_hash=bank.sha256)
    with sqlite3.connect(home / "history.sqlite3") as con:
        con.execute("UPDATE assessment SET result_json = '{\"factors\": {' WHERE id = 2")
    return home


@pytest.mark.parametrize(
    "damage",
    ['{"factors": {', "[]", "null", '{"factors": []}'],
    ids=["cut-off", "a-list", "null", "factors-a-list"],
)
def test_history_lists_the_sound_rows_and_names_the_damaged_one(damaged_home, tmp_path, damage):
    with sqlite3.connect(damaged_home / "history.sqlite3") as con:
        con.execute("UPDATE assessment SET result_json = ? WHERE id = 2", (damage,))
    done = run_limited("history", home=damaged_home, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [NOTE]
    rows = [line.split() for line in done.stdout.splitlines()]
    assert [row[0] for row in rows if row and row[0].isdigit()] == ["1", "3"], done.stdout


def test_export_leaves_the_damaged_row_out(damaged_home, tmp_path):
    done = run_limited("export", home=damaged_home, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert NOTE in done.stderr.splitlines()
    assert [a["id"] for a in json.loads(done.stdout)["assessments"]] == [1, 3]
    csv_done = run_limited("export", "--format", "csv", home=damaged_home, cwd=tmp_path)
    assert csv_done.returncode == 0 and len(csv_done.stdout.splitlines()) == 3


@pytest.mark.slow  # renders a PDF
def test_report_of_a_later_assessment_still_works(damaged_home, tmp_path):
    done = run_limited("report", "3", "--out", str(tmp_path / "r.pdf"), home=damaged_home)
    assert done.returncode == 0, done.stderr
    assert NOTE in done.stderr.splitlines()
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_report_of_the_damaged_assessment_is_one_line(damaged_home, tmp_path):
    done = run_limited("report", "2", "--out", str(tmp_path / "r.pdf"), home=damaged_home)
    (line,) = assert_one_line_errors(done)
    assert "Assessment 2 in the history" in line and "is damaged" in line
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.slow  # renders a PDF
def test_the_next_save_with_a_report_still_works(damaged_home, tmp_path):
    done = run_limited(
        "--answers", str(SAMPLE), "--out", str(tmp_path / "new.pdf"), home=damaged_home
    )
    assert done.returncode == 0, done.stderr
    assert "Saved to your history as assessment 4." in done.stdout
    with History(damaged_home / "history.sqlite3") as history:
        assert [e.id for e in history.list()] == [1, 3, 4]


def test_the_damaged_row_can_be_deleted(damaged_home, tmp_path):
    done = run_limited("delete", "2", "--yes", home=damaged_home)
    assert done.returncode == 0, done.stderr
    with History(damaged_home / "history.sqlite3") as history:
        assert [e.id for e in history.list()] == [1, 3] and history.damaged == []
