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
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment import cli
from assessment.core.answers import load as load_answers
from assessment.core.loader import load_bank
from assessment.core.numbers import number
from assessment.core.scoring import assess
from assessment.history import commands as history_cli
from assessment.history.factors import factor_columns
from assessment.history.store import History
from assessment.paths import default_bank_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-answers.yaml"
BANK_FACTORS = load_bank(default_bank_path()).factors


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


def save_named(*names: str | None) -> list[int]:
    """The sample answers saved once for each name (None: no name given), a day apart."""
    bank = load_bank(default_bank_path())
    answers = load_answers(bank, SAMPLE)
    ids = []
    with History() as history:
        for day, name in enumerate(names, start=1):
            given = {**answers, "name": name}
            result = assess(bank, given, assessed_at=f"2026-11-{day:02d}T10:00:00+00:00")
            ids.append(
                history.save(
                    given, result.to_dict(), program_version="0.1.0", bank_hash=bank.sha256
                )
            )
    return ids


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def columns(monkeypatch):
    """Set the terminal's width as the COLUMNS variable does."""

    def set_to(width: int) -> None:
        monkeypatch.setenv("COLUMNS", str(width))

    return set_to


def test_history_lists_assessments_oldest_first_in_80_columns(two_saved, capsys, berlin, columns):
    columns(80)
    status, out, _ = run(capsys, "history")
    assert status == 0
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[0].split() == [
        "ID", "Date", "Index", "Mus", "Jnt", "Bon", "Cir", "Mag", "Str", "Slp", "Criteria", "Red",
        "flag",
    ]  # fmt: skip
    # no room for a Name column in 80: the name heads the person's assessments, once
    assert lines[1] == "Name: Anna Berger"
    del lines[1]
    newer, older = two_saved
    assert [line.split()[0] for line in lines[1:3]] == [str(older), str(newer)]
    assert lines[1].split()[1:3] == ["2026-10-20", "12:00"]  # saved as 10:00 UTC, summer time
    with History() as history:
        entry = history.get(older)
    cells = lines[1].split()
    scores = [str(s) for s in entry.factor_scores().values()]
    assert cells[3] == f"{entry.combined_index:.0f}" and "." not in cells[3]
    assert cells[4:11] == scores
    assert cells[11] == ("met" if entry.criteria_met else "not")
    assert cells[-1] == (entry.red_flag_level or "-")
    legend = " ".join(" ".join(lines[4:]).split())
    for factor in BANK_FACTORS:
        assert f"{factor.short} = {factor.name.lower()}" in legend
    assert "To write an earlier report again: fibro-assess report ID" in legend
    assert "`" not in out


def test_history_uses_words_for_the_headings_on_a_wide_terminal(two_saved, capsys, columns):
    columns(120)
    _, out, _ = run(capsys, "history")
    lines = out.splitlines()
    assert all(len(line) <= 120 for line in lines)
    assert lines[0].split()[:4] == ["ID", "Date", "Name", "Index"]
    assert lines[0].split()[4:11] == [f.column for f in BANK_FACTORS]
    assert [line.split()[3:5] for line in lines[1:3]] == [["Anna", "Berger"]] * 2
    assert "`" not in out


@pytest.mark.parametrize("width", [120, 100])
def test_history_names_each_assessment_in_a_column_cut_to_fit(
    home, capsys, columns, width, monkeypatch
):
    """QA round 2: two people's assessments could not be told apart."""
    monkeypatch.setenv("TERM", "xterm")
    long_name = "Maximiliane Theodora von Hohenzollern-Sigmaringen"
    ids = save_named("Mary Example", None, long_name, "  Anna\tBer\x07ger\x1b\n")
    columns(width)
    _, out, _ = run(capsys, "history")
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines)
    head = lines[0]
    assert head.split()[:4] == ["ID", "Date", "Name", "Index"]
    column = slice(head.index("Name"), head.index("Index"))
    shown = [line[column].strip() for line in lines[1:5]]
    assert [line.split()[0] for line in lines[1:5]] == [str(i) for i in ids]
    assert shown[0] == "Mary Example" and shown[1] == "-" and shown[3] == "Anna Berger"
    assert shown[2].endswith("…") and long_name.startswith(shown[2][:-1].rstrip())
    assert len(shown[2]) >= history_cli.NAME_MIN and "\x1b" not in out and "\x07" not in out


def test_history_in_80_columns_heads_each_persons_run_with_the_name(home, capsys, columns):
    ids = save_named("Mary Example", "Mary Example", "Anna Berger", None, "Mary Example")
    columns(80)
    _, out, _ = run(capsys, "history")
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    names = {1: "Name: Mary Example", 4: "Name: Anna Berger", 6: "No name", 8: "Name: Mary Example"}
    assert {i: lines[i] for i in names} == names
    assert [lines[i].split()[0] for i in (2, 3, 5, 7, 9)] == [str(i) for i in ids]
    assert len(lines[1 : lines.index("")]) == len(names) + len(ids)


def test_history_cuts_names_with_dots_on_a_plain_terminal(home, capsys, columns, monkeypatch):
    monkeypatch.setenv("TERM", "dumb")
    save_named("Maximiliane Theodora von Hohenzollern-Sigmaringen")
    columns(100)
    _, out, _ = run(capsys, "history")
    assert "  Maximiliane Theodor...  " in out  # the 22 columns that 100 leave
    assert "…" not in out and all(len(line) <= 100 for line in out.splitlines())


def test_history_without_names_has_no_name_column(home, capsys, columns):
    save_named(None, None)
    for width in (80, 120):
        columns(width)
        _, out, _ = run(capsys, "history")
        assert "Name" not in out and "name" not in out.split("Factor scores")[0]
        assert len(out.split("\n\n")[0].splitlines()) == 3  # heading and a line each


def test_a_name_in_wide_characters_is_cut_by_terminal_columns(home):
    save_named("山田花子" * 8)
    with History() as history:
        entries = history.list()
    text = history_cli.history_table(entries, factor_columns(load_bank(default_bank_path())), 100)
    assert all(history_cli._cols(line) <= 100 for line in text.splitlines())
    # 100 columns leave the Name column 21: ten wide characters and the ellipsis
    assert "  山田花子山田花子山田…  " in text


@pytest.mark.parametrize("width", [60, 40])
def test_history_on_a_narrow_terminal_takes_lines_an_assessment(two_saved, capsys, width, columns):
    columns(width)
    _, out, _ = run(capsys, "history")
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines)
    newer, older = two_saved
    starts = [line.split()[0] for line in lines if line and not line.startswith(" ")]
    assert starts[:2] == [str(older), str(newer)]
    body = " ".join(out.split())
    assert "red flag soon" in body and "Mus " in body and "fibro-assess report ID" in body
    assert body.count("Anna Berger") == 2  # the name on each assessment's first line


def test_history_width_is_80_when_the_terminal_is_unknown(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)

    def no_terminal(*_args):
        raise OSError("not a terminal")

    monkeypatch.setattr("os.get_terminal_size", no_terminal)
    assert history_cli.terminal_width() == 80


def test_history_index_is_the_whole_number_the_summary_and_the_report_show(two_saved):
    from datetime import date

    from assessment.report import render as report

    with History() as history:
        entry = history.get(two_saved[0])
    shown = history_cli.index_text(entry.combined_index)
    bank = load_bank(default_bank_path())
    context = report.build_context(bank, entry.answers, entry.result, today=date(2026, 11, 24))
    page_one = report.environment().from_string("{{ i | num(0) }}").render(i=context.synergy.index)
    assert shown == page_one == number(entry.result["synergy"]["index"], 0)


def test_empty_history_says_so(home, capsys):
    status, out, _ = run(capsys, "history")
    assert status == 0
    assert "No assessments saved yet" in out and "`" not in out


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
    # WPI, SSS, FS, OST, pain now/average/worst, PEG, then a score for each of the bank's factors
    assert kinds.count("Observation") == 2 * (8 + len(BANK_FACTORS))
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
def test_report_of_one_part_writes_only_that_part(two_saved, capsys, home):
    from pypdf import PdfReader

    status, out, _ = run(capsys, "report", str(two_saved[0]), "--out", "plan.pdf", "--part", "plan")
    assert status == 0 and "plan.pdf" in out
    texts = [" ".join(page.extract_text().split()) for page in PdfReader("plan.pdf").pages]
    assert texts[0].startswith("Personal advice First: signs that need a doctor, in full")
    assert "Your plan · Personal advice" in texts[0] and "Appendix ·" in texts[-1]
    assert not any("Summary for your doctor" in text for text in texts)
    assert all(f"Page {n} of {len(texts)}" in text for n, text in enumerate(texts, start=1))


@pytest.mark.slow
def test_report_writes_an_earlier_assessment_again(two_saved, capsys, home):
    status, out, _ = run(capsys, "report", str(two_saved[0]), "--out", "again.pdf")
    assert status == 0
    assert Path("again.pdf").read_bytes().startswith(b"%PDF-")
    assert "again.pdf" in out


def test_report_hands_the_renderer_whole_entries_so_it_can_compare_names(two_saved, monkeypatch):
    """The trend of an earlier report holds only that person's assessments: the renderer gets
    the earlier entries with their answers (and names), not bare results."""
    from assessment.report import render as report

    seen = {}

    def fake_write_pdf(bank, answers, result, target, *, paper, history, part, large_print):
        seen["history"], seen["part"], seen["large_print"] = history, part, large_print
        return Path(target)

    monkeypatch.setattr(report, "write_pdf", fake_write_pdf)
    newer, older = two_saved
    out = io.StringIO()
    history_cli.cmd_report(Namespace(id=newer, out="x.pdf", paper="a4"), out)
    (earlier,) = seen["history"]
    assert earlier.id == older and "name" in earlier.answers
    assert seen["part"] == "all"  # a caller without --part gets the whole report
    assert seen["large_print"] is False  # and the usual print


_cell = st.text(st.characters(codec="utf-8", categories=("L", "M", "N", "Zs")), max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "id": st.integers(1, 10**6).map(str),
                "date": st.just("2026-11-02 09:00"),
                "name": st.none() | _cell,
                "index": st.sampled_from(["-", "7", "46", "100", "check-in"]),
                "factors": st.lists(
                    st.sampled_from(["-", "5", "68", "100", "3.5"]), min_size=3, max_size=3
                ),
                "criteria": st.sampled_from(["met", "not met", "-"]),
                "flag": st.sampled_from(["-", "soon", "emergency", "dringend"]),
            }
        ),
        min_size=1,
        max_size=8,
    ),
    name_width=st.integers(0, 14),
    gap=st.sampled_from([" ", "  "]),
)
def test_a_tables_span_is_its_widest_line_before_any_line_is_joined(rows, name_width, gap):
    """The layouts tried for a thousand assessments are measured, not written out."""
    table = history_cli._Table(rows, ["Mus", "Joint pain", "Bon"], gap, name_width)
    lines = table.text().splitlines()
    assert table.span == max(history_cli._cols(line) for line in lines)
