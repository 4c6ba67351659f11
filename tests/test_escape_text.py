"""Escape sequences in free text or the bank (ESC, OSC 52, C1 controls, bidi overrides) show as
harmless visible marks in the terminal and are left out of the PDF's text."""

from __future__ import annotations

import copy
from functools import partial
from pathlib import Path

import pytest
from prompt_helpers import K, feed, typed
from pypdf import PdfReader
from report_support import bank, result_for, sample_answers

from assessment.core.loader import load_bank
from assessment.core.safetext import has_unsafe, visible
from assessment.report import render
from assessment.terminal import summary, wizard

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"  # would put a command on the clipboard
CLEAR = "\x1b[2J\x1b[H"  # would clear the screen
C1_CSI = "\x9b31m"  # the one-byte form of ESC [
BIDI = "\u202eevil\u202c \u2066x\u2069"
HOSTILE = f"Anna{OSC52} {CLEAR}Berger {C1_CSI} {BIDI} \u2028end\ud800"
UNSAFE_CHARS = "\x1b\x07\x9b\u202e\u202c\u2066\u2069\u2028\ud800"


def test_visible_marks_every_unsafe_character_and_keeps_the_rest():
    shown = visible(HOSTILE)
    assert not has_unsafe(shown)
    assert "\\x1b]52;c;cm0gLXJmIH4=\\x07" in shown and "\\u202eevil\\u202c" in shown
    assert shown.startswith("Anna") and "Berger" in shown and "\\x9b31m" in shown
    assert visible("Zoë, 日本, tab\tand\nnewline") == "Zoë, 日本, tab\tand\nnewline"


def test_the_terminal_summary_shows_hostile_bank_text_as_visible_marks():
    result = copy.deepcopy(result_for(sample_answers()))
    first = next(iter(result["factors"]))
    result["factors"][first]["name"] = "Muscle" + OSC52
    result["red_flags"] = [{"id": "x", "level": "soon", "label": "Soon" + CLEAR,
                            "message": "Call " + BIDI}]  # fmt: skip
    text = "\n".join(summary.render(result, width=200))
    assert not any(c in text for c in UNSAFE_CHARS)
    assert "Muscle\\x1b]52" in text and "Soon\\x1b[2J" in text and "\\u202eevil" in text


@pytest.mark.slow  # the wizard ends by writing the PDF
def test_typed_text_is_echoed_with_visible_marks(tmp_path, monkeypatch, capsys):
    """Bidi overrides and C1 controls can be typed or pasted; the echo shows them as marks."""
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path))
    small = Path(__file__).parent / "data" / "banks" / "small.yaml"
    steps = [K.ENTER, "n", "n", " " + K.ENTER, K.ENTER, "6" + K.ENTER, "7" + K.ENTER, "n",
             K.ENTER, typed("6"), K.ENTER, typed("a \u202eevil\u202c b \x9b c")]  # fmt: skip
    run = partial(wizard.run, load_bank(small), out=tmp_path / "r.pdf", paper="a4", save=False)
    feed(lambda **io: run(**io), "".join(steps))
    out = capsys.readouterr().out
    assert "\\u202eevil\\u202c" in out
    assert not any(c in out for c in UNSAFE_CHARS)


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory):
    answers = sample_answers(name=HOSTILE, notes=f"Notes {OSC52} and {BIDI} {C1_CSI}")
    out = tmp_path_factory.mktemp("pdf") / "report.pdf"
    render.write_pdf(bank(), answers, result_for(answers), out)
    return "".join(page.extract_text() for page in PdfReader(out).pages)


def test_the_report_html_holds_no_escape_or_bidi_control():
    answers = sample_answers(name=HOSTILE, notes=f"Notes {OSC52} and {BIDI} {C1_CSI}")
    html = render.render_html(bank(), answers, result_for(answers))
    assert not any(c in html for c in UNSAFE_CHARS)
    assert "Anna" in html and "evil" in html


@pytest.mark.slow
def test_the_pdf_text_layer_holds_no_escape_or_bidi_control(pdf_text):
    assert not any(c in pdf_text for c in UNSAFE_CHARS)
    assert "Anna" in pdf_text and "evil" in pdf_text
