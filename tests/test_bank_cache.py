"""The checked bank kept in the data folder: used when it is this very bank, checked by this very
code, and otherwise (edited, damaged, tampered with) ignored and made again."""

from __future__ import annotations

import hashlib
import os
import pickle
import stat

import pytest
from report_support import sample_answers

from assessment import bank_cache
from assessment.core import expressions, loader
from assessment.paths import data_dir, default_bank_path


@pytest.fixture
def counted(monkeypatch):
    """How often the bank is read and checked, and conditions parsed, from now on."""
    expressions.forget()
    seen = {"checked": 0, "parsed": 0}
    real_load, real_parse = loader.load_bank, expressions._parse

    def load(path):
        seen["checked"] += 1
        return real_load(path)

    def parse(source):
        seen["parsed"] += 1
        return real_parse(source)

    monkeypatch.setattr(bank_cache, "load_bank", load)
    monkeypatch.setattr(expressions, "_parse", parse)
    yield seen
    expressions.forget()


def _cache_files():
    return sorted((data_dir() / "cache").glob("bank-*.pickle"))


def test_a_bank_checked_once_comes_from_the_cache_after(counted):
    first = bank_cache.load(default_bank_path())
    assert counted["checked"] == 1 and counted["parsed"] > 100
    (kept,) = _cache_files()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600

    expressions.forget()
    counted.update(checked=0, parsed=0)
    again = bank_cache.load(default_bank_path())
    from assessment.core.scoring import assess

    answers = sample_answers()
    assert assess(again, answers).to_dict()["plan"] == assess(first, answers).to_dict()["plan"]
    assert counted == {"checked": 0, "parsed": 0}  # not read, not checked, nothing parsed
    assert again == first and again.sha256 == first.sha256


def test_an_edited_bank_is_checked_afresh(counted, tmp_path):
    bank_cache.load(default_bank_path())
    edited = tmp_path / "questions.yaml"
    edited.write_text(default_bank_path().read_text() + "\n# a clinician's note\n")
    bank_cache.load(edited)
    assert counted["checked"] == 2 and len(_cache_files()) == 2


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty"])
def test_a_damaged_cache_is_ignored_and_made_again(counted, damage):
    good = bank_cache.load(default_bank_path())
    (kept,) = _cache_files()
    data = kept.read_bytes()
    damaged = {
        "truncated": data[: len(data) // 2],
        "flipped": data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:],
        "empty": b"",
    }[damage]
    kept.write_bytes(damaged)
    assert bank_cache.load(default_bank_path()) == good
    assert counted["checked"] == 2
    assert kept.read_bytes() == data  # made again, whole


class _Evil:
    def __reduce__(self):
        return (os.system, ("touch tampered",))


def test_a_cache_that_would_run_code_is_refused_even_with_a_right_checksum(
    counted, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    good = bank_cache.load(default_bank_path())
    (kept,) = _cache_files()
    body = pickle.dumps((_Evil(), {}))
    digest = hashlib.sha256(body).hexdigest().encode()
    kept.write_bytes(bank_cache._MAGIC + digest + body)
    assert bank_cache.load(default_bank_path()) == good
    assert not (tmp_path / "tampered").exists()
    assert counted["checked"] == 2


def test_a_tree_that_is_not_a_safe_condition_is_refused(counted):
    bank_cache.load(default_bank_path())
    (kept,) = _cache_files()
    from jinja2 import nodes

    source = next(iter(bank_cache.conditions(bank_cache.load(default_bank_path()))))
    bank = bank_cache.load(default_bank_path())
    unsafe = nodes.Getattr(nodes.Name("x", "load"), "__class__", "load")
    body = pickle.dumps((bank, {source: unsafe}))
    digest = hashlib.sha256(body).hexdigest().encode()
    kept.write_bytes(bank_cache._MAGIC + digest + body)
    expressions.forget()
    counted.update(checked=0)
    bank_cache.load(default_bank_path())
    assert counted["checked"] == 1  # refused, so checked afresh
    assert expressions.compiled(source).expr != unsafe


def test_each_cached_tree_is_walked_once_as_it_is_taken_in(counted, monkeypatch):
    """Checking a tree from the cache and listing the names it reads share one walk of it."""
    bank_cache.load(default_bank_path())
    expressions.forget()
    walked: list[str] = []
    real_walk = expressions._walk

    def walk(source, expr):
        walked.append(source)
        return real_walk(source, expr)

    monkeypatch.setattr(expressions, "_walk", walk)
    again = bank_cache.load(default_bank_path())
    assert counted["checked"] == 1  # from the cache
    assert sorted(walked) == sorted(bank_cache.conditions(again))  # each once


def test_a_translated_bank_is_kept_translated_for_its_language_and_region(counted, tmp_path):
    """A French run from the cache reads no YAML and validates nothing; another region's number
    or an edited translation is a bank of its own, checked (and refused when wrong) afresh."""
    from assessment.errors import BankError
    from assessment.i18n import bank as banks
    from assessment.i18n.choice import Speech

    first = banks.load(default_bank_path(), Speech("fr", "FR"))
    assert counted["checked"] == 1 and len(_cache_files()) == 2  # the English, the French

    def refused(*args, **kwargs):
        raise AssertionError("the French bank was read or validated again")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(banks.overlays, "read_overlay", refused)
        patch.setattr(banks.overlays, "apply", refused)
        again = banks.load(default_bank_path(), Speech("fr", "FR"))
    assert again == first and again.lang == "fr" and again.sha256 == first.sha256
    assert counted["checked"] == 1

    canada = banks.load(default_bank_path(), Speech("fr", "CA"))
    sign = next(s for s in canada.red_flags.signs if s.id == "rf_faint_sweaty")
    assert "911" in sign.action and len(_cache_files()) == 3

    folder = tmp_path / "bank"
    folder.mkdir()
    for name in ("questions.yaml", "questions.fr.yaml"):
        (folder / name).write_bytes((default_bank_path().parent / name).read_bytes())
    banks.load(folder / "questions.yaml", Speech("fr", "FR"))
    broken = (folder / "questions.fr.yaml").read_text() + "\nnot_a_key_of_the_bank: oui\n"
    (folder / "questions.fr.yaml").write_text(broken)
    with pytest.raises(BankError):
        banks.load(folder / "questions.yaml", Speech("fr", "FR"))
