"""The history store: order, privacy, crash safety, and refusing files that are not ours."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assessment.errors import StoreError
from assessment.history import store
from assessment.history.store import History

FACTORS = ("muscle_pain", "stress", "sleep")  # whichever factors the bank of the day has


def result(index: float, *, met: bool | None = True, flags: tuple[str, ...] = (), when: str = ""):
    """A result in the documented shape, with only what the history reads."""
    return {
        "meta": {"program_version": "0.1.0", "bank_hash": "b" * 64, "assessed_at": when or None},
        "factors": {
            fid: {"name": fid, "score": int(index) + n, "band": "moderate"}
            for n, fid in enumerate(FACTORS)
        },
        "instruments": {"acr2016": None if met is None else {"met": met}},
        "synergy": {"index": index, "multiplier": 1.5},
        "red_flags": [{"id": f"rf_{lvl}", "level": lvl} for lvl in flags],
    }


def save(history: History, index: float, when: str, **kw) -> int:
    return history.save(
        {"pain_now": int(index) % 11, "notes": kw.pop("notes", "")},
        result(index, **kw),
        program_version="0.1.0",
        bank_hash="b" * 64,
        assessed_at=when,
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "fibro-home"
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(folder))
    return folder


def test_two_assessments_appear_in_history_oldest_first(home):
    with History() as history:
        later = save(history, 40, "2026-12-01T09:00:00+00:00")
        earlier = save(history, 55, "2026-11-01T09:00:00+00:00")
    with History() as reopened:
        entries = reopened.list()
    assert reopened.path == home / "history.sqlite3"
    assert [e.id for e in entries] == [earlier, later]
    assert [e.combined_index for e in entries] == [55, 40]
    assert [e.date for e in entries] == ["2026-11-01", "2026-12-01"]


def test_order_follows_the_instant_not_the_written_time_zone(home):
    with History() as history:
        utc_later = save(history, 10, "2026-11-24T14:30:00+00:00")  # 14:30 UTC
        new_york = save(history, 20, "2026-11-24T09:00:00-05:00")  # 14:00 UTC: earlier
        assert [e.id for e in history.list()] == [new_york, utc_later]


def test_saved_answers_and_result_come_back_unchanged(home):
    answers = {"notes": "Rücken schmerzt – morgens", "wpi_regions": ["neck", "lower_back"]}
    res = result(61.5, met=False, flags=("urgent", "soon"), when="2026-11-24T14:05:00+01:00")
    with History() as history:
        entry_id = history.save(answers, res, program_version="0.2.0", bank_hash="c" * 64)
        entry = history.get(entry_id)
    assert entry.answers == answers
    assert entry.result == res
    assert entry.assessed_at == "2026-11-24T14:05:00+01:00"  # taken from the result
    assert (entry.program_version, entry.bank_hash) == ("0.2.0", "c" * 64)
    assert (entry.combined_index, entry.criteria_met, entry.red_flag_level) == (
        61.5,
        False,
        "urgent",
    )


def test_unknown_criteria_and_no_red_flags_are_kept_as_unknown(home):
    with History() as history:
        entry = history.get(save(history, 30, "2026-11-24T10:00:00+00:00", met=None))
    assert entry.criteria_met is None
    assert entry.red_flag_level is None


def test_history_file_is_private_and_its_folder_too(home):
    History().close()
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(home / "history.sqlite3").st_mode) == 0o600


def test_file_is_private_even_under_a_permissive_umask(tmp_path):
    old = os.umask(0)
    try:
        History(tmp_path / "new" / "history.sqlite3").close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path / "new" / "history.sqlite3").st_mode) == 0o600


def test_history_restored_with_loose_permissions_is_made_private_again(home):
    with History() as history:
        save(history, 10, "2026-11-24T10:00:00+00:00")
    path = home / "history.sqlite3"
    path.chmod(0o644)
    with History() as history:
        assert len(history.list()) == 1
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


# A child process that starts a real save of a large row and stops inside its transaction: a
# profile hook pauses at the first return from a C call in store.py once SQLite's rollback
# journal exists, i.e. after the INSERT has begun changing the file and before COMMIT.
_CHILD = textwrap.dedent(
    """
    import os, sys, time
    from assessment.history.store import History

    path = sys.argv[1]
    history = History(path)

    def pause(frame, event, arg):
        if (event == "c_return" and frame.f_code.co_filename.endswith("store.py")
                and os.path.exists(path + "-journal")):
            sys.setprofile(None)
            print("inside the transaction", flush=True)
            time.sleep(120)

    sys.setprofile(pause)
    history.save({"notes": "x" * 8_000_000}, {}, program_version="0.1.0",
                 bank_hash="killed", assessed_at="2026-12-24T10:00:00+00:00")
    print("committed", flush=True)
    """
)


def test_killed_save_leaves_earlier_history_readable(home):
    with History() as history:
        first = save(history, 40, "2026-11-01T09:00:00+00:00")
        second = save(history, 50, "2026-11-15T09:00:00+00:00")
    path = home / "history.sqlite3"
    before = sha(path)

    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        assert child.stdout.readline().strip() == "inside the transaction"
        # The crash must really land mid-write: the database file already holds new pages.
        assert sha(path) != before
        assert (home / "history.sqlite3-journal").exists()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    with History() as history:
        assert [(e.id, e.combined_index) for e in history.list()] == [(first, 40), (second, 50)]
        assert history._con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        third = save(history, 60, "2026-12-01T09:00:00+00:00")
        assert [e.id for e in history.list()] == [first, second, third]


def _corrupt_random(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _corrupt_pages(path: Path) -> None:
    with History(path) as history:
        for n in range(30):
            save(history, n, f"2026-11-{n % 28 + 1:02d}T09:00:00+00:00", notes="n" * 3000)
    data = bytearray(path.read_bytes())
    data[4096 : 4096 * 4] = os.urandom(4096 * 3)  # keep the header, scramble pages 2-4
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)


def _foreign(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, url TEXT)")
    con.execute("INSERT INTO moz_bookmarks (url) VALUES ('https://example.org')")
    con.commit()
    con.close()


def _foreign_with_other_application_id(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 1234")
    con.commit()
    con.close()


@pytest.mark.parametrize(
    "make, says",
    [
        (_corrupt_random, "not an SQLite database"),
        (_truncated, "not an SQLite database"),
        (_corrupt_pages, "is damaged"),
        (_foreign, "belongs to another program"),
        (_foreign_with_other_application_id, "belongs to another program"),
    ],
    ids=["random-bytes", "truncated", "scrambled-pages", "foreign-tables", "foreign-app-id"],
)
def test_file_that_is_not_our_history_is_named_and_left_unchanged(home, make, says):
    home.mkdir(mode=0o700)
    path = home / "history.sqlite3"
    make(path)
    before = sha(path)
    with pytest.raises(StoreError) as raised:
        History()
    message = str(raised.value)
    assert str(path) in message
    assert says in message
    assert "\n" not in message
    assert raised.value.exit_code == 2
    assert sha(path) == before
    assert sorted(p.name for p in home.iterdir()) == ["history.sqlite3"]


def test_file_from_a_newer_version_is_refused_and_left_unchanged(home):
    with History() as history:
        save(history, 10, "2026-11-24T10:00:00+00:00")
    path = home / "history.sqlite3"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {len(store.MIGRATIONS) + 1}")
    con.commit()
    con.close()
    before = sha(path)
    with pytest.raises(StoreError, match="newer fibro-assess"):
        History()
    assert sha(path) == before


def test_schema_version_and_application_id_are_written(home):
    History().close()
    con = sqlite3.connect(home / "history.sqlite3")
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)
    assert con.execute("PRAGMA application_id").fetchone()[0] == store.APPLICATION_ID
    con.close()


def test_new_migration_upgrades_an_existing_file_and_keeps_its_rows(home, monkeypatch):
    with History() as history:
        kept = save(history, 42, "2026-11-24T10:00:00+00:00")

    def add_weight_column(con: sqlite3.Connection) -> None:
        con.execute("ALTER TABLE assessment ADD COLUMN weight_kg REAL")

    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, add_weight_column])
    with History() as history:
        assert [e.id for e in history.list()] == [kept]
        columns = {row[1] for row in history._con.execute("PRAGMA table_info(assessment)")}
        version = history._con.execute("PRAGMA user_version").fetchone()[0]
    assert "weight_kg" in columns
    assert version == len(store.MIGRATIONS)  # the added step ran


def test_failed_migration_leaves_the_file_at_its_old_version(home, monkeypatch):
    with History() as history:
        kept = save(history, 42, "2026-11-24T10:00:00+00:00")

    def half_done(con: sqlite3.Connection) -> None:
        con.execute("ALTER TABLE assessment ADD COLUMN weight_kg REAL")
        con.execute("UPDATE no_such_table SET x = 1")

    current = len(store.MIGRATIONS)
    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, half_done])
    with pytest.raises(StoreError):
        History()
    monkeypatch.undo()
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(home))
    with History() as history:
        assert [e.id for e in history.list()] == [kept]
        columns = {row[1] for row in history._con.execute("PRAGMA table_info(assessment)")}
        assert history._con.execute("PRAGMA user_version").fetchone()[0] == current
    assert "weight_kg" not in columns


def test_delete_removes_only_that_assessment(home):
    with History() as history:
        a = save(history, 10, "2026-11-01T10:00:00+00:00")
        b = save(history, 20, "2026-11-02T10:00:00+00:00")
        c = save(history, 30, "2026-11-03T10:00:00+00:00")
        assert history.delete(b) is True
        assert history.delete(b) is False
        assert [e.id for e in history.list()] == [a, c]


def test_deleted_answers_do_not_linger_in_the_file(home):
    marker = "my-private-note-" + "q" * 200
    with History() as history:
        save(history, 10, "2026-11-01T10:00:00+00:00")
        gone = save(history, 20, "2026-11-02T10:00:00+00:00", notes=marker)
        assert marker.encode() in (home / "history.sqlite3").read_bytes()
        history.delete(gone)
    assert marker.encode() not in (home / "history.sqlite3").read_bytes()


def test_unknown_id_is_a_one_line_error_that_points_to_the_history_command(home):
    with History() as history, pytest.raises(StoreError, match="fibro-assess history") as raised:
        history.get(99)
    assert "99" in str(raised.value)


def test_latest_before_gives_the_previous_assessment(home):
    with History() as history:
        a = save(history, 10, "2026-11-01T10:00:00+00:00")
        b = save(history, 20, "2026-11-02T10:00:00+00:00")
        c = save(history, 30, "2026-11-03T10:00:00+00:00")
        assert history.latest_before(c).id == b
        assert history.latest_before(b).id == a
        assert history.latest_before(a) is None
        assert [e.id for e in history.earlier(c)] == [a, b]
        assert history.earlier(a) == []
        assert history.latest_before("2026-11-02T12:00:00+00:00").id == b
        assert history.latest_before("2026-11-02T10:00:00+00:00").id == a


def test_trend_lists_index_and_factor_scores_oldest_first(home):
    with History() as history:
        save(history, 10, "2026-11-01T10:00:00+00:00")
        b = save(history, 20, "2026-11-02T10:00:00+00:00")
        c = save(history, 30, "2026-11-03T10:00:00+00:00")
        everything = history.trend()
        assert [p.index for p in everything] == [10, 20, 30]
        assert everything[0].assessed_at == "2026-11-01T10:00:00+00:00"
        assert everything[0].factors == {fid: 10 + n for n, fid in enumerate(FACTORS)}
        assert [p.index for p in history.trend(limit=2)] == [20, 30]
        assert [p.index for p in history.trend(before=c)] == [10, 20]
        assert [p.index for p in history.trend(limit=1, before=b)] == [10]
        assert history.trend(limit=0) == []


def test_unreadable_time_is_refused_and_nothing_is_saved(home):
    with History() as history:
        with pytest.raises(StoreError, match="not an ISO 8601"):
            save(history, 10, "24/11/2026")
        assert history.list() == []
