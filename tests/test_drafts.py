"""Drafts: private, atomic, read back exactly, and fitted to a bank that changed."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from assessment.core.loader import load_bank
from assessment.errors import StoreError
from assessment.files import write_private
from assessment.terminal import drafts

SMALL = Path(__file__).parent / "data" / "banks" / "small.yaml"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
def bank():
    return load_bank(SMALL)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_draft_lives_in_the_data_directory(home):
    assert drafts.default_path() == home / "draft.json"


def test_saved_draft_reads_back_the_same(home, bank):
    answers = {"rf_cancer_history": False, "wpi_regions": ["neck"], "sss_unrefreshed_sleep": 2}
    answers |= {"nuts": None, "notes": "stiff in the morning, ça va"}
    path = drafts.save(drafts.Draft(answers, "water_glasses", bank.sha256))
    loaded = drafts.load()
    assert loaded.answers == answers
    assert loaded.position == "water_glasses"
    assert loaded.bank_sha256 == bank.sha256
    assert loaded.saved_at.tzinfo is not None
    assert path == home / "draft.json"


def test_draft_is_private(home, bank):
    old = os.umask(0o022)
    try:
        path = drafts.save(drafts.Draft({"worry": True}, None, bank.sha256))
    finally:
        os.umask(old)
    assert mode(path) == 0o600
    assert mode(home) == 0o700


def test_answers_file_written_private_even_over_a_readable_file(tmp_path):
    target = tmp_path / "answers.yaml"
    target.write_text("old")
    target.chmod(0o644)
    write_private(target, "new")
    assert target.read_text() == "new"
    assert mode(target) == 0o600


def test_failed_write_leaves_the_old_draft_and_no_temp_file(home, bank, monkeypatch):
    drafts.save(drafts.Draft({"worry": True}, "worry_nights", bank.sha256))

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(StoreError, match="cannot write your answers so far to .*: No space left"):
        drafts.save(drafts.Draft({"worry": False}, None, bank.sha256))
    assert drafts.load().answers == {"worry": True}
    assert [p.name for p in home.iterdir()] == ["draft.json"]


def test_no_draft_is_none(home):
    assert drafts.load() is None


def test_remove_forgets_the_draft_and_is_quiet_when_there_is_none(home, bank):
    drafts.save(drafts.Draft({"worry": True}, None, bank.sha256))
    drafts.remove()
    assert drafts.load() is None
    drafts.remove()


@pytest.mark.parametrize(
    "content",
    ["{not json", '{"format": "something else"}', '{"format": "fibro-assess-draft"}', "[]"],
)
def test_damaged_draft_is_a_store_error(home, content):
    (home / "draft.json").write_text(content)
    with pytest.raises(StoreError, match="draft"):
        drafts.load()


def test_fit_keeps_a_draft_from_the_same_bank(bank):
    draft = drafts.Draft({"worry": True, "nuts": None, "pain_now": 4}, "worry_nights", bank.sha256)
    fitted, dropped = drafts.fit(bank, draft)
    assert fitted.answers == draft.answers
    assert fitted.position == "worry_nights"
    assert dropped == []


def test_fit_drops_what_a_changed_bank_no_longer_knows_or_accepts(bank):
    answers = {
        "worry": True,
        "gone_question": 3,  # no longer in the bank
        "pain_now": 14,  # out of range now
        "tense_muscles": "sometimes",  # no longer a choice
        "sss_unrefreshed_sleep": None,  # published now: cannot stay skipped
        "nuts": 2.0,
    }
    fitted, dropped = drafts.fit(bank, drafts.Draft(answers, "gone_question", "another bank"))
    assert fitted.answers == {"worry": True, "nuts": 2}
    assert sorted(dropped) == [
        "gone_question",
        "pain_now",
        "sss_unrefreshed_sleep",
        "tense_muscles",
    ]
    assert fitted.position is None


def test_draft_file_is_plain_json_with_the_documented_fields(home, bank):
    drafts.save(drafts.Draft({"worry": True}, "worry_nights", bank.sha256))
    data = json.loads((home / "draft.json").read_text())
    assert set(data) == {"format", "version", "saved_at", "bank_sha256", "position", "answers"}
