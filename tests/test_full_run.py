"""The whole real questionnaire at 80x24, answered from the sample answers as a person would.

Its answers bring follow-ups in (the medicines' durations, the treatments that helped, the
Raynaud's detail, stress and night detail), and the progress line never goes back: the section
number never falls and the minutes left never grow.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from wizard_driver import answer_all

from assessment.core import answers as answers_mod
from assessment.core.loader import load_bank

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
PROGRESS = re.compile(r"section (\d+) of (\d+)  ·  about (a|\d+) minutes? left")


def test_a_full_run_of_the_sample_answers_only_ever_moves_forward(tmp_path):
    bank = load_bank(ROOT / "questions.yaml")
    sample = yaml.safe_load((ROOT / "examples" / "sample-answers.yaml").read_text())
    run = answer_all(bank, sample, tmp_path)
    assert run.status == 0
    assert run.screens == len(bank.screens(sample)) == 63
    seen = [PROGRESS.search(line) for line in run.progress]
    assert len(seen) == run.screens and all(seen)
    sections = [int(m.group(1)) for m in seen]
    minutes = [1 if m.group(3) == "a" else int(m.group(3)) for m in seen]
    assert sections == sorted(sections) and sections[0] == 1
    assert minutes == sorted(minutes, reverse=True), minutes
    # The first figure is the welcome's estimate; the last is a minute.
    assert minutes[0] == bank.minutes(10) == 10 and minutes[-1] == 1
    # Follow-ups came in on the way (their screens were counted before they were known).
    follow_ups = {"med_nsaid_duration", "treatment_massage_helped", "circ_raynaud_features"}
    assert follow_ups <= set(run.answers)
    # The saved answers are the sample's, but for the two a checklist cannot leave unknown.
    (saved,) = tmp_path.glob("answers-*.yaml")
    expected = {
        **answers_mod.validate(bank, sample, source="sample"),
        "ost_parent_hip": False,
        "slp_snoring": False,
    }
    assert answers_mod.load(bank, saved) == expected
