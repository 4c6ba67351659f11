"""A draft saved by a newer fibro-assess is named as such and left untouched: this version neither
offers it as "carry on" nor overwrites it; its own answers go beside it."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest
from prompt_helpers import K, feed

from assessment.core.loader import load_bank
from assessment.terminal import drafts, wizard

SMALL = Path(__file__).parent / "data" / "banks" / "small.yaml"
NEWER = {
    "format": "fibro-assess-draft",
    "version": 7,
    "saved_at": "2026-11-30T10:00:00+00:00",
    "bank_sha256": "",
    "position": "worry",
    "answers": {"rf_cancer_history": False, "future_field": {"kind": "unknown to us"}},
    "something_new": [1, 2, 3],
}


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path))
    monkeypatch.delenv("NO_COLOR", raising=False)
    (tmp_path / "draft.json").write_text(json.dumps(NEWER, indent=2))
    return tmp_path


def run_wizard(capsys, *steps):
    run = partial(wizard.run, load_bank(SMALL), out=None, paper="a4", save=False)
    status = feed(lambda **io: run(**io), "".join(steps))
    return status, " ".join(capsys.readouterr().out.split())


def test_a_newer_draft_is_named_and_not_offered(home, capsys):
    before = (home / "draft.json").read_bytes()
    status, out = run_wizard(capsys, K.DOWN + K.ENTER)  # "Not now" at the first question
    assert status == 0
    assert f"The answers saved in {home / 'draft.json'} were made by a newer version" in out
    assert "Welcome back" not in out and "Carry on where I left off" not in out
    assert (home / "draft.json").read_bytes() == before


def test_answers_given_now_go_beside_the_newer_draft_which_stays_untouched(home, capsys):
    before = (home / "draft.json").read_bytes()
    status, out = run_wizard(capsys, K.ENTER, "n", "n", K.CONTROLC)
    assert status == 130
    assert (home / "draft.json").read_bytes() == before
    own = drafts.load(home / "draft-v1.json")
    assert own.answers == {"rf_cancer_history": False, "rf_weight_loss": False}
    assert f"kept in {home / 'draft-v1.json'}" in out


def test_a_draft_from_a_newer_version_is_its_own_error_type(home):
    with pytest.raises(drafts.NewerDraft) as caught:
        drafts.load(home / "draft.json")
    assert caught.value.version == 7


def test_a_path_longer_than_the_line_is_never_cut(tmp_path, monkeypatch, capsys):
    deep = tmp_path / ("a-folder-with-a-long-name-" * 4) / "home"
    deep.mkdir(parents=True, mode=0o700)
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(deep))
    (deep / "draft.json").write_text(json.dumps(NEWER, indent=2))
    run = partial(wizard.run, load_bank(SMALL), out=None, paper="a4", save=False)
    feed(lambda **io: run(**io), K.DOWN + K.ENTER)
    assert str(deep / "draft.json") in capsys.readouterr().out.split()
