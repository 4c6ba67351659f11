"""No silent wait for the PDF: WeasyPrint gets ready while the last section is answered, the
report is rendered while the summary is on screen, and a line with a turning mark shows while it
is still being written."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pexpect
import pytest
from pypdf import PdfReader
from test_terminal_e2e import CTRL_C, ROOT, Person, from_stress, start, up_to_stress

from assessment.history.store import History
from assessment.report import engine
from assessment.terminal import progress

TESTS = Path(__file__).parent
SAMPLE = ROOT / "examples" / "sample-answers.yaml"
SMALL = TESTS / "data" / "banks" / "small.yaml"

# Runs the small bank's wizard in-process over the keys given as JSON, up to where they end
# (the input then closes and the wizard pauses), and says what had been got ready.
_PROBE = """
import json, sys
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from assessment.core.loader import load_bank
from assessment.report import engine
from assessment.terminal import wizard
bank = load_bank(sys.argv[2])
with create_pipe_input() as keys:
    keys.send_text("".join(json.loads(sys.argv[1])))
    keys.close()  # the input ends there
    status = wizard.run(bank, save=False, input=keys, output=DummyOutput())
prepared = engine.ready()
print(json.dumps({"status": status, "prepared": prepared is not None,
                  "weasyprint": "weasyprint" in sys.modules}))
"""


def _stopped_at(keys: list[str]) -> dict:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _PROBE,
            json.dumps(keys),
            str(TESTS / "data" / "banks" / "small.yaml"),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1"},
        timeout=60,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


UP_TO_SLEEP = ["\r", "n", "n", " " + "\x1b[B" * 16 + " \r", "\x1b[B\r", "6\r", "7\r", "y", "y"]

THE_SLEEP_SECTION = ["\x1b[B\x1b[B\r", "6\r", "\r", "stiff mornings\r"]

# The whole small bank answered in-process, the PDF to argv[2]. Standard output is a screen that,
# when the summary begins, waits there for the report's thread to end: the report is rendered
# while the summary is written only if it was begun before, and the run would not end otherwise.
_TO_THE_END = """
import gc, json, sys, threading
from pathlib import Path
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from assessment.core.loader import load_bank
from assessment.errors import FibroError
from assessment.terminal import wizard

class Screen:
    def __init__(self):
        self.lines, self.rendered_during_summary = [], None
    def write(self, text):
        if "Your summary" in text and self.rendered_during_summary is None:
            self.frozen = gc.get_freeze_count()
            rendering = [t for t in threading.enumerate() if t.name == "report"]
            for thread in rendering:
                thread.join(timeout=300)
            self.rendered_during_summary = len(rendering) == 1 and not rendering[0].is_alive()
        self.lines.append(text)
        return len(text)
    def flush(self):
        pass
    def isatty(self):
        return False

screen, error = Screen(), None
bank = load_bank(sys.argv[3])
sys.stdout = screen
with create_pipe_input() as keys:
    keys.send_text("".join(json.loads(sys.argv[1])))
    try:
        status = wizard.run(bank, out=sys.argv[2], input=keys, output=DummyOutput())
    except FibroError as exc:
        status, error = exc.exit_code, str(exc)
sys.stdout = sys.__stdout__
print(json.dumps({"status": status, "error": error, "screen": "".join(screen.lines),
                  "rendered_during_summary": screen.rendered_during_summary,
                  "frozen": [screen.frozen, gc.get_freeze_count()]}))
"""


def _to_the_end(home: Path, out: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _TO_THE_END, json.dumps(UP_TO_SLEEP + THE_SLEEP_SECTION), str(out)]
        + [str(SMALL)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "FIBRO_ASSESS_HOME": str(home)},
        timeout=600,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _saved(home: Path) -> int:
    if not (home / "history.sqlite3").exists():
        return 0
    with sqlite3.connect(home / "history.sqlite3") as db:
        return db.execute("SELECT count(*) FROM assessment").fetchone()[0]


def test_weasyprint_gets_ready_once_the_last_section_begins():
    at_last_section = _stopped_at(UP_TO_SLEEP)  # the input ends at the sleep section's first
    assert at_last_section == {"status": 130, "prepared": True, "weasyprint": True}


def test_nothing_of_the_pdf_is_loaded_before_the_last_section():
    before = _stopped_at(UP_TO_SLEEP[:-3])  # ends in the stress section
    assert before == {"status": 130, "prepared": False, "weasyprint": False}


def test_the_report_is_rendered_while_the_summary_is_written(tmp_path):
    out = tmp_path / "report.pdf"
    run = _to_the_end(tmp_path, out)
    assert run["status"] == 0 and run["error"] is None
    assert run["rendered_during_summary"] is True
    frozen_while_rendering, frozen_after = run["frozen"]
    assert frozen_while_rendering > 10_000 and frozen_after == 0  # out of the collector's way
    screen = run["screen"]
    assert screen.index("Your summary") < screen.index("Your answers are saved in")
    assert screen.index("Your answers are saved in") < screen.index(f"Report written to {out}")
    assert screen.index(f"Report written to {out}") < screen.index("Saved to your history")
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "stiff mornings" in text  # this run's own report
    assert _saved(tmp_path) == 1


def test_a_report_that_cannot_be_written_is_exit_2_after_the_summary_and_no_history(tmp_path):
    out = tmp_path / "no-such-folder" / "report.pdf"
    run = _to_the_end(tmp_path, out)
    assert run["status"] == 2
    assert run["error"] == f"cannot write the report to {out}: No such file or directory"
    assert "Your summary" in run["screen"] and "Report written" not in run["screen"]
    assert len(list(tmp_path.glob("answers-*.yaml"))) == 1  # the answers are safe
    assert _saved(tmp_path) == 0
    assert list(tmp_path.glob("**/*.part")) == []


# Gets WeasyPrint ready as the wizard does, then renders the small bank's report: what of the
# report's own set-up is left to the real one (templates compiled, report.css parsed).
_AFTER_READY = """
import json, sys, jinja2, weasyprint
from assessment.core.loader import load_bank
from assessment.core.scoring import assess
from assessment.report import engine, render
sys.path.insert(0, sys.argv[2])
from prompt_helpers import SMALL_BANK_ANSWERS as answers
bank = load_bank(sys.argv[1])
engine.start()
prepared = engine.ready()
compiled, parsed = [], []
compile, css = jinja2.Environment.compile, weasyprint.CSS.__init__
jinja2.Environment.compile = lambda self, *a, **k: compiled.append(a) or compile(self, *a, **k)
def counted(self, *a, **k):  # report.css's own parse; the page's <style> is its own
    parsed.extend([k["filename"]] if str(k.get("filename")).endswith("report.css") else [])
    css(self, *a, **k)
weasyprint.CSS.__init__ = counted
out = render.write_pdf(bank, answers, assess(bank, answers).to_dict(), sys.argv[3],
                       prepared=prepared)
print(json.dumps({"pdf": out.read_bytes().startswith(b"%PDF-"), "compiled": len(compiled),
                  "parsed": len(parsed)}))
"""


def test_the_report_compiles_and_parses_nothing_once_weasyprint_is_ready(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", _AFTER_READY, str(SMALL), str(TESTS), str(tmp_path / "r.pdf")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=300,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "pdf": True,
        "compiled": 0,  # every template was compiled while the last section was answered
        "parsed": 0,  # and report.css parsed
    }


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def _turning(text: str, screen: _Terminal) -> list[threading.Thread]:
    """Show the line until its first frame is drawn; the mark's thread made for it."""
    before = set(threading.enumerate())
    with progress.working(text, screen):
        while text not in screen.getvalue():
            time.sleep(0.01)
    return [t for t in threading.enumerate() if t.name == "progress" and t not in before]


def test_the_turning_line_is_blanked_without_waiting_for_the_mark_to_wake(monkeypatch):
    monkeypatch.setattr(progress, "TICK", 3600)  # the mark sleeps for an hour after a frame
    screen, threads = _Terminal(), []
    shown = threading.Thread(target=lambda: threads.extend(_turning("Busy here", screen)))
    shown.start()
    shown.join(timeout=120)
    assert not shown.is_alive(), "the line waited for the mark's thread to wake"
    assert screen.getvalue().endswith("\r" + " " * len("Busy here ?") + "\r")
    assert [thread.is_alive() for thread in threads] == [True]  # still asleep


def test_the_turning_mark_is_never_drawn_after_the_line_is_blanked():
    screen = _Terminal()
    (thread,) = _turning("Busy there", screen)
    blanked = screen.getvalue()
    thread.join()  # wakes from its tick and ends without drawing
    assert screen.getvalue() == blanked


def test_the_slow_subsetter_is_detected_as_weasyprint_decides():
    from weasyprint.text import ffi

    # This machine has HarfBuzz's subsetter; WeasyPrint uses fontTools exactly when it has not.
    assert ffi.harfbuzz_subset is not None
    assert engine.slow_subsetter() is False
    assert engine.SUBSETTER_TIP.count("\n") == 0 and "libharfbuzz-subset" in engine.SUBSETTER_TIP


@pytest.mark.slow
def test_the_wizard_shows_a_turning_line_while_the_pdf_is_written(tmp_path):
    person = Person(tmp_path, "--questions", str(SMALL))
    start(person)
    up_to_stress(person)
    from_stress(person)
    person.sees("Your summary")
    person.sees("Writing your report, a few seconds")
    person.sees("Report written to", timeout=120)
    person.sees("Saved to your history as assessment 1.")
    assert person.leaves() == 0
    assert "Tip: reports are written faster" not in person.screen_text  # HarfBuzz is here
    (pdf,) = tmp_path.glob("report-*.pdf")
    assert "stiff mornings" in "".join(page.extract_text() for page in PdfReader(pdf).pages)


@pytest.mark.slow
def test_ctrl_c_while_the_pdf_is_written_keeps_the_answers_and_writes_nothing(tmp_path):
    History(tmp_path / "history.sqlite3").close()
    holder = sqlite3.connect(tmp_path / "history.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # the report's thread waits to read the earlier ones
    try:
        person = Person(tmp_path, "--questions", str(SMALL))
        start(person)
        up_to_stress(person)
        from_stress(person)
        person.sees("Writing your report, a few seconds")
        person.child.send(CTRL_C)
        person.sees("Paused. Your answers so far are saved in")
        assert person.leaves() == 130
    finally:
        holder.rollback()
        holder.close()
    assert "Report written" not in person.screen_text
    assert len(list(tmp_path.glob("answers-*.yaml"))) == 1 and (tmp_path / "draft.json").exists()
    assert list(tmp_path.glob("report-*")) == [] and list(tmp_path.glob(".*.part")) == []
    assert _saved(tmp_path) == 0


@pytest.mark.slow
def test_the_wizard_says_in_one_line_when_the_report_cannot_be_written(tmp_path):
    out = tmp_path / "no-such-folder" / "report.pdf"
    person = Person(tmp_path, "--questions", str(SMALL), "--out", str(out))
    start(person)
    up_to_stress(person)
    from_stress(person)
    person.sees("Your summary")
    person.sees(f"fibro-assess: cannot write the report to {out}: No such file or directory")
    assert person.leaves() == 2
    assert "Traceback" not in person.screen_text
    assert _saved(tmp_path) == 0


@pytest.mark.slow
def test_answers_out_on_a_terminal_shows_the_turning_line(tmp_path):
    out = tmp_path / "report.pdf"
    person = Person(tmp_path, "--answers", str(SAMPLE), "--out", str(out), "--no-save")
    person.sees("Writing your report, a few seconds")
    person.sees(f"Report written to {out}", timeout=300)  # the sample's sixteen pages
    assert person.leaves() == 0
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.slow
def test_answers_out_into_a_pipe_prints_no_turning_line(tmp_path):
    out = tmp_path / "report.pdf"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "assessment",
            "--answers",
            str(SAMPLE),
            "--out",
            str(out),
            "--no-save",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "FIBRO_ASSESS_HOME": str(tmp_path)},
        check=True,
    )
    assert done.stdout == f"Report written to {out}\n"


def test_the_spinner_is_only_drawn_on_a_terminal(tmp_path):
    # A pty for the line: the turning mark and its blanking, then nothing left behind.
    script = (
        "import time, sys\n"
        "from assessment.terminal import progress\n"
        "with progress.working('Busy here', sys.stdout):\n"
        "    print('inside', file=sys.stderr)\n"
        "    sys.stdin.readline()\n"
        "print('after')\n"
    )
    child = pexpect.spawn(
        sys.executable,
        ["-c", script],
        cwd=str(ROOT),
        encoding="utf-8",
        env={**os.environ, "TERM": "xterm", "LANG": "C.UTF-8"},
        timeout=15,
    )
    child.expect("Busy here [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]")
    child.expect("Busy here [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]")  # drawn again: it turns
    child.sendline("")
    child.expect("after")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
