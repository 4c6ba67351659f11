"""`fibro-assess batch`: files and folders of answers and QuestionnaireResponses to one PDF each
and summary.csv; a bad file is one line and the rest carry on (exit 2); nothing saved unless
--save; the prepared renderer draws the same pages as a single run."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from fhir_support import exported_response
from pypdf import PdfReader
from report_support import SAMPLE_ANSWERS, bank

from assessment import batch
from assessment.core import answers as answers_mod
from assessment.history.store import History
from assessment.report import render
from assessment.report.prepared import Prepared

BAD = "=HYPERLINK.yaml"  # a file name a spreadsheet would run as a formula


def run(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "FIBRO_ASSESS_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "assessment", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=cwd,
        env=env,
    )


def write_answers(path: Path, **changes) -> dict:
    plain = json.loads(json.dumps(answers_mod.load(bank(), SAMPLE_ANSWERS)))  # no line numbers
    answers = {**plain, **changes}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(answers_mod.dump(bank(), answers), "utf-8")
    return answers


def summary(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def clinic(tmp_path_factory):
    """A clinic's folder: two answers files in a folder (and a note that is not one), a
    QuestionnaireResponse, and a broken file; batched once with two processes."""
    folder = tmp_path_factory.mktemp("clinic")
    home = folder / "home"
    home.mkdir()
    write_answers(folder / "answers" / "anna.yaml", name="Anna Example")
    write_answers(
        folder / "answers" / "ben.yaml", name="Ben Example", mus_knots=False, mus_spasm="never"
    )
    (folder / "answers" / "notes.txt").write_text("not answers", "utf-8")
    carla = {**answers_mod.load(bank(), SAMPLE_ANSWERS), "name": "Carla Example", "pain_now": 9}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FIBRO_ASSESS_HOME", str(folder / "scratch"))
        (folder / "carla.json").write_text(json.dumps(exported_response(bank(), carla)), "utf-8")
    (folder / BAD).write_text("pain_now: 99\n", "utf-8")
    done = run(
        "batch", "answers", "carla.json", BAD, "--out-dir", "out", "--jobs", "2",
        cwd=folder, home=home,
    )  # fmt: skip
    return folder, home, done


@pytest.mark.slow
def test_batch_writes_a_pdf_per_good_input_and_one_line_for_the_bad_one(clinic):
    folder, _, done = clinic
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"fibro-assess: {BAD}:1: pain_now: 99 is outside 0-10"]
    assert done.stdout.splitlines() == ["3 of 4 reports written to out, with summary.csv; 1 failed"]
    out = folder / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "anna.pdf",
        "ben.pdf",
        "carla.pdf",
        "summary.csv",
    ]
    for name, person in (("anna", "Anna Example"), ("ben", "Ben Example"), ("carla", "Carla")):
        first_page = PdfReader(out / f"{name}.pdf").pages[0].extract_text()
        assert person in first_page, name


@pytest.mark.slow
def test_summary_csv_reads_back_with_the_scores_of_a_single_run(clinic):
    folder, home, _ = clinic
    rows = summary(folder / "out" / "summary.csv")
    assert [r["file"] for r in rows] == [
        str(Path("answers") / "anna.yaml"),
        str(Path("answers") / "ben.yaml"),
        "carla.json",
        f"'{BAD}",  # a formula in a spreadsheet: quoted
    ]
    assert [r["status"] for r in rows] == ["ok", "ok", "ok", "failed"]
    assert list(rows[0]) == [
        "file",
        "status",
        "combined_index",
        *(f"{f.id}_score" for f in bank().factors),
        "acr2016_met",
        "red_flag_level",
        "red_flags",
        "pdf",
        "problem",
    ]
    names = ("answers/anna.yaml", "answers/ben.yaml", "carla.json")
    for row, name in zip(rows[:3], names, strict=True):
        single = run("--answers", name, "--json", "--no-save", cwd=folder, home=home)
        result = json.loads(single.stdout)
        assert float(row["combined_index"]) == result["synergy"]["index"]
        for factor in bank().factors:
            assert row[f"{factor.id}_score"] == str(result["factors"][factor.id]["score"])
        assert row["acr2016_met"] == str(result["instruments"]["acr2016"]["met"]).lower()
        assert row["red_flags"] == "; ".join(
            f"{f['id']}: {f['level']}" for f in result["red_flags"]
        )
        assert row["pdf"] == str(Path("out") / f"{Path(name).stem}.pdf")
    assert int(rows[1]["muscle_pain_score"]) < int(rows[0]["muscle_pain_score"])  # his own
    bad = rows[3]
    assert bad["combined_index"] == bad["pdf"] == ""
    assert bad["problem"] == f"'{BAD}:1: pain_now: 99 is outside 0-10"


@pytest.mark.slow
def test_batch_saves_nothing_to_the_history(clinic):
    _, home, _ = clinic
    assert not (home / "history.sqlite3").exists()


@pytest.mark.slow
def test_on_a_terminal_a_progress_bar_and_with_save_the_history(tmp_path, monkeypatch):
    write_answers(tmp_path / "anna.yaml", name="Anna Example")
    (tmp_path / "broken.yaml").write_text("worry: [\n", "utf-8")
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path / "home"))
    child = pexpect.spawn(
        sys.executable,
        ["-m", "assessment", "batch", "anna.yaml", "broken.yaml", "--out-dir", "out", "--save"],
        cwd=str(tmp_path),
        env={**os.environ, "FIBRO_ASSESS_HOME": str(tmp_path / "home")},
        dimensions=(24, 100),
        encoding="utf-8",
        timeout=300,
    )
    child.expect_exact("[..............................] 0/2 reports")
    child.expect(r"fibro-assess: broken\.yaml:\d+: not valid YAML or JSON")
    child.expect_exact("[###############...............] 1/2 reports")
    child.expect_exact("1 of 2 reports written to out, with summary.csv; 1 failed")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    with History() as history:
        (entry,) = history.list()
    assert entry.answers["name"] == "Anna Example"


@pytest.mark.slow
def test_ctrl_c_stops_the_batch_once_without_a_traceback_or_half_files(tmp_path):
    for name in ("anna", "ben", "carla"):
        write_answers(tmp_path / f"{name}.yaml", name=name.title())
    child = pexpect.spawn(
        sys.executable,
        ["-m", "assessment", "batch", ".", "--out-dir", "out", "--jobs", "2"],
        cwd=str(tmp_path),
        env={**os.environ, "FIBRO_ASSESS_HOME": str(tmp_path / "home")},
        dimensions=(24, 100),
        encoding="utf-8",
        timeout=300,
    )
    seen = child.logfile_read = io.StringIO()
    child.expect_exact("0/3 reports")
    child.sendintr()
    child.expect_exact("Stopped.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in seen.getvalue()
    out = tmp_path / "out"
    assert not list(out.glob(".*.part")) and not (out / "summary.csv").exists()
    assert len(list(out.glob("*.pdf"))) < 3  # the third was never started


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
def test_the_prepared_renderer_draws_the_same_pages(tmp_path):
    answers = answers_mod.load(bank(), SAMPLE_ANSWERS)
    from assessment.core.scoring import assess

    result = assess(bank(), answers, assessed_at="2026-11-24T10:00:00+00:00").to_dict()
    prepared = Prepared()
    plain = render.write_pdf(bank(), answers, result, tmp_path / "plain.pdf")
    for n in (1, 2):  # the second report reuses the fonts and stylesheet the first used
        render.write_pdf(bank(), answers, result, tmp_path / f"prep{n}.pdf", prepared=prepared)
    pages = {}
    for pdf in (plain, tmp_path / "prep1.pdf", tmp_path / "prep2.pdf"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / pdf.stem)],
            check=True,
            timeout=120,
        )
        pages[pdf.stem] = [p.read_bytes() for p in sorted(tmp_path.glob(f"{pdf.stem}-*.png"))]
    assert len(pages["plain"]) >= 3
    assert pages["prep1"] == pages["plain"] and pages["prep2"] == pages["plain"]


def test_only_bad_inputs_give_one_line_each_and_rows_in_summary(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "not-yaml.yaml").write_text("a: [\n", "utf-8")
    (tmp_path / "folder" / "list.json").write_text("[1, 2]", "utf-8")
    (tmp_path / "patient.json").write_text(
        json.dumps({"resourceType": "Patient", "id": "x"}), "utf-8"
    )
    done = run(
        "batch", "folder", "missing.yaml", "patient.json", "--out-dir", "out",
        cwd=tmp_path, home=tmp_path / "home",
    )  # fmt: skip
    assert done.returncode == 2
    assert sorted(done.stderr.splitlines()) == [  # in the order they finish
        f"fibro-assess: {Path('folder') / 'list.json'}:1: expected a mapping of question id "
        "to answer",
        f"fibro-assess: {Path('folder') / 'not-yaml.yaml'}:2: not valid YAML or JSON: did not "
        "find expected node content",
        "fibro-assess: missing.yaml: no such answers file",
        "fibro-assess: patient.json: resourceType: 'Patient' is not a QuestionnaireResponse; "
        "answers come as a QuestionnaireResponse or an answers file",
    ]
    rows = summary(tmp_path / "out" / "summary.csv")
    assert [r["status"] for r in rows] == ["failed"] * 4
    assert rows[2]["problem"] == "missing.yaml: no such answers file"
    assert not list((tmp_path / "out").glob("*.pdf"))


def test_a_folder_without_answers_files_is_one_line(tmp_path):
    (tmp_path / "empty").mkdir()
    done = run("batch", "empty", "--out-dir", "out", cwd=tmp_path, home=tmp_path / "home")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "fibro-assess: no answers files found (.yaml, .yml or .json) in the paths given"
    ]


@pytest.mark.parametrize(
    "value, written",
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("plain.yaml", "plain.yaml"),
        (None, ""),
        (True, "true"),
        (45.7, "45.7"),
    ],
)
def test_a_cell_that_a_spreadsheet_would_run_is_quoted(value, written):
    assert batch.cell(value) == written


def test_pdf_names_follow_the_files_and_never_collide(tmp_path):
    sources = [Path("a/anna.yaml"), Path("b/anna.yaml"), Path("anna.json"), Path("ben.yml")]
    assert [p.name for p in batch.pdf_names(sources, tmp_path)] == [
        "anna.pdf",
        "anna-2.pdf",
        "anna-3.pdf",
        "ben.pdf",
    ]


def test_the_jobs_option_takes_a_positive_whole_number(tmp_path):
    done = run("batch", "x.yaml", "--out-dir", "out", "--jobs", "0", cwd=tmp_path, home=tmp_path)
    assert done.returncode == 2
    assert "--jobs: expected a whole number of 1 or more, got '0'" in done.stderr
