"""The check-in between full assessments, from an answers file: the bank's block and its checks,
the answers, the history's real SQLite file (kind, migration, --no-save), history, report ID and
the CSV and JSON exports, the report's trends. (The terminal run: test_check_in_terminal.py.)"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import stat
from pathlib import Path

import pytest
import report_support as support
import yaml
from pypdf import PdfReader

from assessment import cli, pipeline
from assessment.core import check_in
from assessment.core.loader import load_bank
from assessment.errors import BankError, StoreError
from assessment.history import store
from assessment.history.store import History
from assessment.paths import default_bank_path
from assessment.report import render

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-answers.yaml"
BANK = load_bank(default_bank_path())
WEEK = {
    "pain_now": 4,
    "pain_average": 5,
    "peg_enjoyment": 3,
    "peg_activity": 4,
    "slp_quality": 6,
    "str_level": 5,
    "notes": "Better after swimming",
}
# The sample's plan leads with these three (README: "What to do first")
SAMPLE_TOP = ["ease_stress", "activity", "sleep_setup"]


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "home"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def write(path: Path, answers: dict) -> Path:
    path.write_text(yaml.safe_dump(answers, sort_keys=False), encoding="utf-8")
    return path


def full_assessment(capsys) -> int:
    status, out, _ = run(capsys, "--answers", str(SAMPLE))
    assert status == 0
    return int(out.split("as assessment ")[1].split(".")[0])


def done(*pairs: tuple[str, bool | None]) -> dict:
    return {f"done_{aid}": value for aid, value in pairs}


# -- the bank -----------------------------------------------------------------------------------


def test_the_bank_declares_the_check_ins_questions_and_they_keep_their_wording():
    assert BANK.check_in is not None
    assert BANK.check_in.questions == list(WEEK)
    asked = check_in.questions(BANK, [check_in.PlanAction("water", "old title")])
    assert [q.id for q in asked.questions] == [*WEEK, "done_water"]
    for qid in WEEK:
        mine, theirs = asked.question(qid), BANK.question(qid)
        assert (mine.text, mine.choices, mine.min, mine.max, mine.published) == (
            theirs.text,
            theirs.choices,
            theirs.min,
            theirs.max,
            theirs.published,
        )
    # the action's title is the bank's current one, in the bank's wording of the done question
    assert asked.question("done_water").text == BANK.check_in.done.text.format(
        action="Drink enough through the day"
    )
    assert asked.question("done_water").type == "yesno"


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"questions": ["pain_now", "pain_nowish"]}, "unknown question 'pain_nowish'"),
        ({"questions": ["pain_now", "pain_now"]}, "'pain_now' is listed twice"),
        ({"questions": ["rf_steroids"]}, "filled from another answer"),
        ({"questions": ["done_water"]}, "ids starting 'done_' are the check-in's own"),
        ({"done": {"text": "{action} on {day}?"}}, "only {action} can be filled in, not day"),
        ({"done": {"text": "{action?"}}, "only {action} can be filled in"),
    ],
)
def test_a_broken_check_in_block_is_named_with_its_line(tmp_path, change, says):
    text = (ROOT / "questions.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["check_in"].update(change)
    path = tmp_path / "bank.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    [problem] = caught.value.problems
    assert problem.startswith(f"{path}:")
    assert "check_in" in problem and says in problem


# -- --answers, no full assessment yet ------------------------------------------------------------


def test_check_in_before_any_full_assessment_asks_no_actions(home, capsys, tmp_path):
    status, out, err = run(capsys, "check-in", "--answers", str(write(tmp_path / "w.yaml", WEEK)))
    assert (status, err) == (0, "")
    assert out == "Saved to your history as check-in 1.\n"
    with History() as history:
        [entry] = history.list()
    assert entry.kind == "check_in" and entry.is_check_in
    assert entry.answers == WEEK
    assert entry.result["actions"] == []
    assert entry.result["meta"]["after"] is None
    assert entry.result["factors"] == {} and entry.combined_index is None
    assert entry.result["instruments"]["pain"]["now"] == {"value": 4, "band": "mild"}
    assert entry.result["instruments"]["peg"] == {"score": 4.0, "band": "moderate"}  # (5+3+4)/3
    assert stat.S_IMODE(os.stat(home / "history.sqlite3").st_mode) == 0o600


def test_a_done_answer_before_any_full_assessment_is_one_line(home, capsys, tmp_path):
    path = write(tmp_path / "w.yaml", {**WEEK, **done(("water", True))})
    status, out, err = run(capsys, "check-in", "--answers", str(path))
    assert (status, out) == (2, "")
    assert err == (
        f"fibro-assess: {path}:8: done_water: there is no full assessment in the history yet, "
        "so no action to ask about\n"
    )
    assert not (home / "history.sqlite3").exists()


# -- --answers after a full assessment -------------------------------------------------------------


def test_check_in_asks_about_the_top_three_actions_of_the_latest_full_assessment(home, capsys):
    first = full_assessment(capsys)
    answers = {**WEEK, **done(("ease_stress", True), ("activity", False), ("sleep_setup", None))}
    status, out, _ = run(
        capsys, "check-in", "--answers", str(write(home.parent / "w.yaml", answers)), "--json"
    )
    assert status == 0
    recorded = json.loads(out)
    assert recorded["kind"] == "check_in"
    assert recorded["meta"]["after"] == first
    assert [(a["id"], a["done"]) for a in recorded["actions"]] == [
        ("ease_stress", True),
        ("activity", False),
        ("sleep_setup", None),
    ]
    assert recorded["actions"][1]["title"] == "Move a little more each week"
    assert (recorded["sleep_quality"], recorded["stress"]) == (6, 5)


def test_missing_done_answers_are_named_in_one_line(home, capsys):
    full_assessment(capsys)
    path = write(home.parent / "w.yaml", WEEK)
    status, out, err = run(capsys, "check-in", "--answers", str(path))
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"fibro-assess: {path}: missing answers (3): ")
    assert "done_ease_stress, done_activity, done_sleep_setup" in err


@pytest.mark.parametrize(
    ("change", "line", "says"),
    [
        ({"pain_now": 12}, 1, "pain_now: 12 is outside 0-10"),
        ({"slp_quality": "good"}, 5, "slp_quality: expected a number, got 'good'"),
        ({"pain_average": None}, 2, "pain_average: this published item cannot be skipped"),
        ({"done_activity": "sometimes"}, 9, "done_activity: expected true or false"),
        ({"done_water": True}, 11, "done_water: not one of this check-in's actions"),
        ({"pain_wrost": 3}, 11, "pain_wrost: unknown question"),
    ],
)
def test_a_bad_answer_is_one_line_naming_file_line_and_key(home, capsys, change, line, says):
    full_assessment(capsys)
    answers = {**WEEK, **done(*((a, True) for a in SAMPLE_TOP)), **change}
    path = write(home.parent / "w.yaml", answers)
    with History() as history:
        before = len(history.list())
    status, out, err = run(capsys, "check-in", "--answers", str(path))
    assert (status, out) == (2, "")
    assert err.count("\n") == 1, err
    assert err.startswith(f"fibro-assess: {path}:{line}: ")
    assert says in err
    with History() as history:
        assert len(history.list()) == before  # nothing saved


def test_an_answers_file_that_is_not_a_mapping_is_one_line(home, capsys, tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("- pain_now\n- 4\n", encoding="utf-8")
    status, _, err = run(capsys, "check-in", "--answers", str(path))
    assert status == 2
    assert err == f"fibro-assess: {path}:1: expected a mapping of question id to answer\n"


def test_no_save_keeps_the_check_in_out_of_the_history(home, capsys, tmp_path):
    path = write(tmp_path / "w.yaml", WEEK)
    status, out, _ = run(capsys, "check-in", "--answers", str(path), "--no-save", "--json")
    assert status == 0 and json.loads(out)["kind"] == "check_in"
    assert not (home / "history.sqlite3").exists()


def test_check_in_keeps_the_full_assessments_factors_and_plan(home, capsys):
    """A check-in never stands in for a full assessment: the next check-in still asks about the
    last full assessment's actions, and its factor scores stay the latest."""
    first = full_assessment(capsys)
    answers = {**WEEK, **done(*((a, True) for a in SAMPLE_TOP))}
    path = write(home.parent / "w.yaml", answers)
    assert run(capsys, "check-in", "--answers", str(path))[0] == 0
    assert run(capsys, "check-in", "--answers", str(path))[0] == 0
    with History() as history:
        latest = history.latest_before()
        kinds = [e.kind for e in history.list()]
    assert latest.id == first and latest.result["factors"]["stress"]["score"] == 72
    assert kinds == ["assessment", "check_in", "check_in"]
    _, actions = pipeline.latest_assessment()
    assert [a.id for a in actions] == SAMPLE_TOP


# -- the history file ----------------------------------------------------------------------------


def test_a_version_1_history_gains_the_kind_and_its_rows_are_full_assessments(home):
    home.mkdir(mode=0o700)
    con = sqlite3.connect(home / "history.sqlite3", isolation_level=None)
    store._create_v1(con)
    con.execute(f"PRAGMA application_id = {store.APPLICATION_ID}")
    con.execute("PRAGMA user_version = 1")
    result = {"meta": {}, "factors": {"stress": {"score": 50}}, "synergy": {"index": 40.0}}
    con.execute(
        "INSERT INTO assessment (assessed_at, sort_key, program_version, bank_hash, answers_json,"
        " result_json, combined_index, saved_at) VALUES (?, ?, '0.1.0', 'x', '{}', ?, 40.0, ?)",
        ("2026-11-01T10:00:00+00:00", "2026-11-01T10:00:00.000000Z", json.dumps(result), "now"),
    )
    con.close()
    with History() as history:
        [entry] = history.list()
        version = history._con.execute("PRAGMA user_version").fetchone()[0]
    assert version == len(store.MIGRATIONS) >= 2
    assert entry.kind == "assessment" and not entry.is_check_in
    assert history.path.stat().st_mode & 0o777 == 0o600


def test_the_file_refuses_a_kind_it_does_not_know(home):
    empty = {"meta": {}, "factors": {}, "synergy": {}}
    when = "2026-11-01T10:00:00+00:00"
    with History() as history, pytest.raises(StoreError, match="could not be written"):
        history.save({}, empty, program_version="x", bank_hash="x", assessed_at=when, kind="visit")


# -- history, report ID, exports -----------------------------------------------------------------


@pytest.fixture
def with_check_in(home, capsys) -> tuple[int, int]:
    first = full_assessment(capsys)
    answers = {**WEEK, **done(("ease_stress", True), ("activity", False), ("sleep_setup", None))}
    path = write(home.parent / "w.yaml", answers)
    status, out, _ = run(capsys, "check-in", "--answers", str(path))
    assert status == 0
    return first, int(out.split("check-in ")[1].split(".")[0])


def test_history_marks_the_check_in(with_check_in, capsys, monkeypatch):
    first, second = with_check_in
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _ = run(capsys, "history")
    assert status == 0
    rows = {line.split()[0]: line for line in out.splitlines() if line[:3].strip().isdigit()}
    assert rows[str(first)].split()[3] == "46"  # the sample's combined index
    check_in_row = rows[str(second)].split()
    assert check_in_row[3] == "check-in"
    assert set(check_in_row[4:]) == {"-"}  # no factor scores, criteria or red flag
    # under the full assessment's name, not a "No name" of its own
    assert out.splitlines()[1] == "Name: Anna Berger" and "No name" not in out
    assert "check-in: pain ratings and the plan's actions between full assessments" in out


def test_report_of_a_check_in_is_a_short_text_and_no_pdf(with_check_in, capsys, tmp_path):
    _, second = with_check_in
    status, out, _ = run(capsys, "report", str(second))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"Check-in {second} of ")
    assert lines[1:6] == [
        "  Back pain now 4, on average 5 (0-10); PEG 4.0 (moderate)",
        "  Sleep 6 of 10, stress 5 of 10",
        "  Find a daily way to ease stress: managed",
        "  Move a little more each week: not this week",
        "  Set up your bed and bedroom for sleep: not answered",
    ]
    assert "no PDF of its own" in lines[6]
    assert list(tmp_path.glob("*.pdf")) == []
    status, out, err = run(capsys, "report", str(second), "--out", str(tmp_path / "c.pdf"))
    assert (status, out) == (2, "")
    assert err == (
        f"fibro-assess: History entry {second} is a check-in. A check-in has no PDF of its own: "
        "its pain ratings show in the trends of the next full report.\n"
    )
    assert not (tmp_path / "c.pdf").exists()


def test_csv_has_a_kind_column_and_empty_factor_cells_for_a_check_in(with_check_in, capsys):
    first, second = with_check_in
    status, out, _ = run(capsys, "export", "--format", "csv")
    assert status == 0
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out))}
    full, light = rows[str(first)], rows[str(second)]
    assert (full["kind"], light["kind"]) == ("assessment", "check_in")
    assert (light["pain_now"], light["pain_average"], light["pain_worst"]) == ("4", "5", "")
    factor_cells = [f"{f.id}_{part}" for f in BANK.factors for part in ("score", "band")]
    assert {light[k] for k in factor_cells} == {""}
    assert full["stress_score"] == "72"
    assert light["combined_index"] == light["wpi"] == ""


def test_json_export_keeps_the_kind_and_everything_answered(with_check_in, capsys):
    first, second = with_check_in
    status, out, _ = run(capsys, "export")
    assert status == 0
    entries = {e["id"]: e for e in json.loads(out)["assessments"]}
    assert entries[first]["kind"] == "assessment"
    assert entries[second]["kind"] == "check_in"
    assert entries[second]["answers"]["notes"] == "Better after swimming"
    assert entries[second]["answers"]["done_activity"] is False
    assert entries[second]["result"]["actions"][0]["id"] == "ease_stress"


def test_a_damaged_plan_in_the_history_asks_about_no_odd_action():
    result = {"plan": {"actions": [{"id": "Robert'); DROP", "title": "x"}, {"id": "water"}]}}
    assert check_in.plan_actions(result) == [check_in.PlanAction("water", "water")]
    assert check_in.plan_actions(None) == []


# -- the report's trends -------------------------------------------------------------------------


@pytest.fixture
def check_ins_between(home) -> dict:
    """A real history: a calmer full assessment, two check-ins, then the sample as the latest
    full assessment; its report is written again by `fibro-assess report ID`."""
    bank = support.bank()
    ids = {}
    with History() as history:

        def keep(name, answers, result, kind="assessment"):
            ids[name] = history.save(
                answers, result, program_version="0.1.0", bank_hash=bank.sha256, kind=kind
            )

        calmer = support.calmer_answers()
        keep("first", calmer, support.result_for(calmer, "2026-08-01T09:00:00+00:00"))
        actions = check_in.plan_actions(history.get(ids["first"]).result)
        for name, when, pain in (("sept", "09-01", 3), ("oct", "10-01", 8)):
            answers = {
                **WEEK,
                "pain_average": pain,
                **{check_in.done_id(a.id): True for a in actions},
            }
            result = check_in.record(
                bank,
                answers,
                actions,
                assessed_at=f"2026-{when}T09:00:00+00:00",
                after=ids["first"],
            )
            keep(name, answers, result.to_dict(), kind="check_in")
        sample = support.sample_answers()
        keep("latest", sample, support.result_for(sample))
    return ids


def test_trends_draw_check_ins_in_the_pain_lines_only(check_ins_between, capsys, tmp_path):
    ids = check_ins_between
    pdf = tmp_path / "latest.pdf"
    status, out, _ = run(capsys, "report", str(ids["latest"]), "--out", str(pdf))
    assert status == 0 and pdf.exists()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "Since 1 Aug 2026" in text  # page one compares with the full assessment
    assert "From 1 Aug 2026 to 24 Nov 2026 (2 assessments)" in text
    assert "The back pain and PEG lines also show the 2 check-ins in between" in text
    assert "Average back pain (0–10) 6 6" in text  # the table: full assessments only
    assert "1 Sep 2026" not in text and "1 Oct 2026" not in text

    with History() as history:
        entry = history.get(ids["latest"])
        html = render.render_html(
            support.bank(), entry.answers, entry.result, history=history.earlier(entry.id)
        )
    charts = dict(re.findall(r"<title[^>]*>([^<]*), oldest to newest: ([^<]*)</title>", html))
    pain = charts["Average back pain (0–10)"]
    assert "1 Sep 2026 (check-in): 3" in pain and "1 Oct 2026 (check-in): 8" in pain
    peg = charts["PEG: pain, enjoyment, activity (0–10)"]
    assert "1 Sep 2026 (check-in): 3.3" in peg  # (3 + 3 + 4) / 3
    for factor in ("Stress", "Combined index (0–100)", "Fibromyalgia severity (0–31)"):
        assert "1 Sep 2026 (check-in): not known" in charts[factor]
        assert "1 Oct 2026 (check-in): not known" in charts[factor]


# -- FHIR ----------------------------------------------------------------------------------------


def test_fhir_export_gives_the_check_in_its_own_questionnaire_and_response(with_check_in, capsys):
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.questionnaire import Questionnaire

    from assessment.history import fhir

    first, second = with_check_in
    status, out, _ = run(capsys, "export", "--format", "fhir")
    assert status == 0
    document = json.loads(out)
    Bundle.model_validate(document)  # R4B, as the rest of the export
    resources = [e["resource"] for e in document["entry"]]
    questionnaires = {r["url"]: r for r in resources if r["resourceType"] == "Questionnaire"}
    assert set(questionnaires) == {fhir.QUESTIONNAIRE_URL, fhir.CHECK_IN_URL}
    own = questionnaires[fhir.CHECK_IN_URL]
    Questionnaire.model_validate(own)
    assert own["version"] == BANK.sha256
    [group] = own["item"]
    items = {i["linkId"]: i for i in group["item"]}
    assert [k for k in items if not k.startswith("section-")] == [
        *WEEK,
        *(f"done_{a.id}" for a in BANK.actions),
    ]
    assert items["pain_now"]["text"] == BANK.question("pain_now").text
    assert items["done_activity"]["type"] == "boolean"
    assert (
        items["done_activity"]["text"]
        == "Move a little more each week: did you manage it this week?"
    )

    responses = [r for r in resources if r["resourceType"] == "QuestionnaireResponse"]
    full, light = responses
    assert full["questionnaire"].startswith(fhir.QUESTIONNAIRE_URL + "|")
    assert light["questionnaire"] == f"{fhir.CHECK_IN_URL}|{BANK.sha256}"
    answered = {i["linkId"]: i["answer"] for i in light["item"][0]["item"]}
    assert set(answered) <= set(items)
    assert answered["pain_now"] == [{"valueInteger": 4}]
    assert answered["notes"] == [{"valueString": "Better after swimming"}]
    assert answered["done_ease_stress"] == [{"valueBoolean": True}]
    assert answered["done_activity"] == [{"valueBoolean": False}]
    assert "done_sleep_setup" not in answered  # skipped

    after = resources.index(light)
    scores = []
    for resource in resources[after + 1 :]:
        if resource["resourceType"] != "Observation":
            break
        scores.append(resource["code"]["coding"][-1]["code"])
    assert scores == ["pain_now", "pain_average", "peg"]  # no factor scores for a check-in


# -- plain mode and a bank without a check-in -----------------------------------------------------


def test_plain_check_in_reads_its_answers_through_a_pipe(home, capsys):
    import subprocess
    import sys

    full_assessment(capsys)
    typed = "1\n4\n5\n3\n4\n6\n5\nswim\ny\nn\n-\n"  # Begin, seven answers, three actions
    done_run = subprocess.run(
        [sys.executable, "-m", "assessment", "check-in", "--plain"],
        input=typed,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "FIBRO_ASSESS_HOME": str(home)},
        timeout=120,
    )
    assert done_run.returncode == 0, done_run.stderr
    assert "Set up your bed and bedroom for sleep: not answered" in done_run.stdout
    with History() as history:
        latest = history.list()[-1]
    assert latest.kind == "check_in"
    assert latest.answers["done_activity"] is False and latest.answers["notes"] == "swim"


def test_a_bank_without_a_check_in_says_so_in_one_line(home, capsys, tmp_path):
    small = ROOT / "tests" / "data" / "banks" / "small.yaml"
    path = write(tmp_path / "w.yaml", WEEK)
    status, out, err = run(capsys, "check-in", "--questions", str(small), "--answers", str(path))
    assert (status, out) == (2, "")
    assert err == f"fibro-assess: {small}: this question bank has no check_in block\n"
