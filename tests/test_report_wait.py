"""No silent wait for the PDF: WeasyPrint gets ready while the last section is answered, and a
line with a turning mark shows while the report is written."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pexpect
import pytest
from pypdf import PdfReader
from test_terminal_e2e import ROOT, Person, from_stress, start, up_to_stress

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


def test_weasyprint_gets_ready_once_the_last_section_begins():
    at_last_section = _stopped_at(UP_TO_SLEEP)  # the input ends at the sleep section's first
    assert at_last_section == {"status": 130, "prepared": True, "weasyprint": True}


def test_nothing_of_the_pdf_is_loaded_before_the_last_section():
    before = _stopped_at(UP_TO_SLEEP[:-3])  # ends in the stress section
    assert before == {"status": 130, "prepared": False, "weasyprint": False}


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
