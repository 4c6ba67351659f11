"""What follows a finished assessment: the PDF first, then the history, never half of it.

Each run is the real command in its own process; those that render a PDF are in the slow tier.
"""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample-answers.yaml"


def run(home, *args):
    return subprocess.run(
        [sys.executable, "-m", "assessment", "--answers", str(SAMPLE), *args],
        capture_output=True, text=True, timeout=120, env={"FIBRO_ASSESS_HOME": str(home),
                                                          "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


def saved_rows(home):
    db = home / "history.sqlite3"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM assessment").fetchone()[0]


def test_an_unwritable_report_is_one_line_exit_2_and_nothing_saved(tmp_path):
    target = tmp_path / "no-such-folder" / "report.pdf"
    done = run(tmp_path / "home", "--out", str(target))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"fibro-assess: cannot write the report to {target}: No such file or directory"
    ]
    assert "Traceback" not in done.stderr
    assert saved_rows(tmp_path / "home") == 0


@pytest.mark.slow
def test_a_written_report_is_then_saved_once(tmp_path):
    out = tmp_path / "report.pdf"
    done = run(tmp_path / "home", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert saved_rows(tmp_path / "home") == 1
    assert "Saved to your history as assessment 1." in done.stdout


@pytest.mark.slow
def test_no_save_leaves_the_history_alone(tmp_path):
    done = run(tmp_path / "home", "--json", "--no-save", "--out", str(tmp_path / "r.pdf"))
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "home" / "history.sqlite3").exists()


@pytest.mark.slow
def test_a_fresh_report_leaves_out_earlier_assessments_of_another_person(tmp_path):
    from pypdf import PdfReader

    other = tmp_path / "other.yaml"
    other.write_text(SAMPLE.read_text().replace("name: Anna Berger", "name: Zoë O'Brien"))
    assert "Zoë" in other.read_text()
    first = subprocess.run(
        [sys.executable, "-m", "assessment", "--answers", str(other), "--json"],
        capture_output=True, text=True, timeout=120,
        env={"FIBRO_ASSESS_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    out = tmp_path / "anna.pdf"
    done = run(tmp_path / "home", "--out", str(out))
    assert done.returncode == 0, done.stderr
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "Zoë" not in text and "O'Brien" not in text
    # Her only earlier assessment is someone else's: no trend to show, and nothing of hers.
    assert "Changes since earlier assessments" not in text
    again = tmp_path / "anna-again.pdf"
    assert run(tmp_path / "home", "--out", str(again)).returncode == 0
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(again).pages).split())
    assert "Changes since earlier assessments" in text
    assert "1 earlier assessment on this computer under another name is left out" in text
    assert "Zoë" not in text
