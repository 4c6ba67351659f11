"""The history commands as a person runs them: history, report, delete, export, --no-save."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import time
from argparse import Namespace
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire

from assessment import cli, history_cli
from assessment.answers import load as load_answers
from assessment.bank import load_bank
from assessment.paths import default_bank_path
from assessment.scoring import assess
from assessment.store import History

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-answers.yaml"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "home"


@pytest.fixture
def berlin(monkeypatch):
    """Show times as a person in Berlin sees them (UTC+1 in winter)."""
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")  # Berlin, no tzdata needed
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def two_saved(home) -> list[int]:
    """The sample answers assessed twice with the shipped bank, a month apart, newest first."""
    bank = load_bank(default_bank_path())
    answers = load_answers(bank, SAMPLE)
    ids = []
    with History() as history:
        for when, pain in (("2026-11-20T10:00:00+00:00", 4), ("2026-10-20T10:00:00+00:00", 7)):
            given = {**answers, "pain_now": pain}
            result = assess(bank, given, assessed_at=when).to_dict()
            ids.append(history.save(given, result, program_version="0.1.0", bank_hash=bank.sha256))
    return ids


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_history_lists_assessments_oldest_first_within_100_columns(two_saved, capsys, berlin):
    status, out, _ = run(capsys, "history")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "ID",
        "Date",
        "Index",
        "Muscle",
        "Joint",
        "Bone",
        "Circ",
        "Magn",
        "Stress",
        "Sleep",
        "Criteria",
        "Red",
        "flag",
    ]
    newer, older = two_saved
    assert [line.split()[0] for line in lines[1:3]] == [str(older), str(newer)]
    assert lines[1].split()[1:3] == ["2026-10-20", "12:00"]  # saved as 10:00 UTC, summer time
    assert all(len(line) <= 100 for line in lines)
    with History() as history:
        entry = history.get(older)
    cells = lines[1].split()
    scores = [str(s) for s in entry.factor_scores().values()]
    assert cells[3] == f"{entry.combined_index:.1f}".removesuffix(".0")
    assert cells[4:11] == scores
    assert cells[11] == ("met" if entry.criteria_met else "not")
    assert cells[-1] == (entry.red_flag_level or "-")


def test_empty_history_says_so(home, capsys):
    status, out, _ = run(capsys, "history")
    assert status == 0
    assert "No assessments saved yet" in out


def test_run_is_saved_unless_no_save(home, capsys):
    status, out, _ = run(capsys, "--answers", str(SAMPLE), "--no-save")
    assert status == 0
    with History() as history:
        assert history.list() == []
    status, out, _ = run(capsys, "--answers", str(SAMPLE))
    assert status == 0
    with History() as history:
        (entry,) = history.list()
    assert (
        entry.answers["pain_now"]
        == load_answers(load_bank(default_bank_path()), SAMPLE)["pain_now"]
    )
    assert entry.bank_hash == load_bank(default_bank_path()).sha256


def test_delete_asks_and_keeps_the_entry_on_no(two_saved, berlin):
    out = io.StringIO()
    status = history_cli.cmd_delete(
        Namespace(id=two_saved[0], yes=False), out, answer=io.StringIO("n\n")
    )
    assert status == 1
    assert out.getvalue() == "Delete the assessment of 2026-11-20 11:00? [y/N] Nothing deleted.\n"
    with History() as history:
        assert len(history.list()) == 2


def test_delete_on_yes_removes_only_that_entry(two_saved):
    out = io.StringIO()
    status = history_cli.cmd_delete(
        Namespace(id=two_saved[0], yes=False), out, answer=io.StringIO("y\n")
    )
    assert status == 0
    with History() as history:
        assert [e.id for e in history.list()] == [two_saved[1]]


def test_delete_with_yes_does_not_ask(two_saved, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # an empty reply would mean "no"
    status, out, _ = run(capsys, "delete", str(two_saved[1]), "--yes")
    assert status == 0
    assert "[y/N]" not in out
    with History() as history:
        assert [e.id for e in history.list()] == [two_saved[0]]


def test_unknown_id_is_one_line_on_stderr_with_status_2(two_saved, capsys):
    status, out, err = run(capsys, "delete", "99", "--yes")
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and "no assessment 99" in err


def test_corrupt_history_is_one_clear_line_with_status_2(home, capsys):
    home.mkdir(mode=0o700)
    (home / "history.sqlite3").write_bytes(b"not a database at all" * 10)
    status, _, err = run(capsys, "history")
    assert status == 2
    assert err.startswith("fibro-assess: The history file ")
    assert "not an SQLite database" in err and err.count("\n") == 1


def test_export_json_to_a_private_file(two_saved, capsys, home):
    target = home.parent / "history.json"
    target.write_text("old")
    target.chmod(0o644)
    status, out, err = run(capsys, "export", "--out", str(target))
    assert status == 0 and out == ""
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    document = json.loads(target.read_text("utf-8"))
    assert [a["id"] for a in document["assessments"]] == [two_saved[1], two_saved[0]]
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".part")]


def test_export_csv_to_stdout_reads_back(two_saved, capsys):
    status, out, _ = run(capsys, "export", "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [r["pain_now"] for r in rows] == ["7", "4"]


def test_export_fhir_bundle_and_questionnaire_validate(two_saved, capsys, home):
    status, out, _ = run(capsys, "export", "--format", "fhir")
    assert status == 0
    bundle = Bundle.model_validate(json.loads(out))
    kinds = [e.resource.get_resource_type() for e in bundle.entry]
    assert kinds.count("QuestionnaireResponse") == 2
    assert kinds.count("Observation") == 2 * 7  # WPI, SSS, FS, OST, pain now/average/worst
    status, _, _ = run(
        capsys, "export", "--format", "fhir", "--questionnaire", "--out", "questionnaire.json"
    )
    assert status == 0
    Questionnaire.model_validate_json(Path("questionnaire.json").read_text("utf-8"))
    assert stat.S_IMODE(os.stat("questionnaire.json").st_mode) == 0o600


def test_questionnaire_flag_needs_fhir_format(home, capsys):
    status, out, err = run(capsys, "export", "--format", "csv", "--questionnaire")
    assert status == 2
    assert out == "" and "--format fhir" in err


@pytest.mark.slow
def test_report_writes_an_earlier_assessment_again(two_saved, capsys, home):
    pytest.importorskip("assessment.report", reason="the PDF report module is not in this tree")
    status, out, _ = run(capsys, "report", str(two_saved[0]), "--out", "again.pdf")
    assert status == 0
    assert Path("again.pdf").read_bytes().startswith(b"%PDF-")
    assert "again.pdf" in out
