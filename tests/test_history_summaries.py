"""What `history` lists is kept beside the JSON: factor rows that follow the bank, the name and
a check-in's assessment as columns, so listing a thousand assessments parses no JSON."""

from __future__ import annotations

import json
import sqlite3

import pytest
from test_store import FACTORS, home, result, save  # noqa: F401 - the fixture

from assessment.history import store
from assessment.history.store import History


def _rows(path, sql):
    with sqlite3.connect(path) as con:
        return con.execute(sql).fetchall()


def test_each_factor_is_a_row_of_its_own(home):  # noqa: F811
    with History() as history:
        first = save(history, 40.0, "2026-03-01T10:00:00+00:00")
        path = history.path
    rows = _rows(path, "SELECT assessment_id, factor_id, score, band, name FROM factor_scores")
    assert sorted(rows) == sorted(
        (first, fid, 40 + n, "moderate", fid) for n, fid in enumerate(FACTORS)
    )


def test_a_factor_added_to_the_bank_needs_no_schema_change(home):  # noqa: F811
    new = result(50.0)
    new["factors"]["fatigue"] = {"name": "Fatigue", "score": 61, "band": "moderate"}
    with History() as history:
        entry_id = history.save({"name": "Ann"}, new, program_version="0", bank_hash="b" * 64)
        (listed,) = history.listing()
        version = history._con.execute("PRAGMA user_version").fetchone()[0]
    assert version == len(store.MIGRATIONS)
    assert listed.id == entry_id and listed.answers == {"name": "Ann"}
    assert listed.factor_scores(["fatigue", "stress"]) == {"fatigue": 61, "stress": 51}


def test_listing_parses_no_json_and_matches_the_whole_entries(home, monkeypatch):  # noqa: F811
    with History() as history:
        for i in range(30):
            save(history, float(i), f"2026-03-{i % 28 + 1:02d}T10:00:00+00:00", met=i % 2 == 0)
        whole = history.list()
        parsed = []
        real = json.loads
        monkeypatch.setattr(store.json, "loads", lambda *a, **k: parsed.append(1) or real(*a, **k))
        statements: list[str] = []
        history._con.set_trace_callback(statements.append)
        listed = history.listing()
    assert parsed == []
    assert not any("answers_json," in sql or "SELECT answers_json" in sql for sql in statements)
    assert [e.id for e in listed] == [e.id for e in whole]
    for light, full in zip(listed, whole, strict=True):
        assert light.factor_scores() == full.factor_scores()
        assert (light.combined_index, light.criteria_met, light.red_flag_level, light.kind) == (
            full.combined_index, full.criteria_met, full.red_flag_level, full.kind
        )  # fmt: skip


def test_old_rows_are_filled_by_the_migration_and_a_damaged_one_is_named(home, capsys):  # noqa: F811
    with History() as history:
        kept = save(history, 30.0, "2026-01-01T10:00:00+00:00")
        broken = save(history, 31.0, "2026-01-02T10:00:00+00:00")
        path = history.path
    with sqlite3.connect(path) as con:  # back to the schema before factor_scores
        _back_to_version_3(con)
        con.execute("DROP TABLE factor_scores")
        con.execute("ALTER TABLE assessment DROP COLUMN person")
        con.execute("ALTER TABLE assessment DROP COLUMN after_id")
        con.execute("UPDATE assessment SET result_json = '{not json' WHERE id = ?", (broken,))
        con.execute("PRAGMA user_version = 2")
    with History() as history:
        listed = history.listing()
    assert [e.id for e in listed] == [kept]
    assert listed[0].factor_scores() == {fid: 30 + n for n, fid in enumerate(FACTORS)}
    assert f"assessment {broken} in the history is damaged" in capsys.readouterr().err
    assert _rows(path, "SELECT count(*) FROM factor_scores") == [(len(FACTORS),)]


def _back_to_version_3(con: sqlite3.Connection) -> None:
    """The schema as version 3 left it: no `sound` column, its triggers or the listing index."""
    con.execute("DROP TRIGGER assessment_saved_sound")
    con.execute("DROP TRIGGER assessment_changed_sound")
    con.execute("DROP INDEX assessment_listing")
    con.execute("ALTER TABLE assessment DROP COLUMN sound")
    con.execute("CREATE INDEX assessment_by_time ON assessment (sort_key, id)")
    con.execute("PRAGMA user_version = 3")


def _listing_plan(history: History) -> str:
    """How SQLite reads the rows of `history.listing()`: its query plan, as text."""
    statements: list[str] = []
    history._con.set_trace_callback(statements.append)
    history.listing()
    history._con.set_trace_callback(None)
    (rows_query,) = [sql for sql in statements if "FROM assessment ORDER BY" in sql]
    plan = history._con.execute("EXPLAIN QUERY PLAN " + rows_query).fetchall()
    return " ".join(row[-1] for row in plan)


def test_listing_reads_the_summary_columns_from_one_covering_index(home):  # noqa: F811
    with History() as history:
        for i in range(5):
            save(history, float(i), f"2026-03-0{i + 1}T10:00:00+00:00", notes="n" * 20_000)
        plan = _listing_plan(history)
    assert "USING COVERING INDEX assessment_listing" in plan, plan  # the large rows untouched


def test_version_3_files_get_the_index_and_a_damaged_row_is_still_named(home, capsys):  # noqa: F811
    with History() as history:
        kept = save(history, 30.0, "2026-01-01T10:00:00+00:00")
        broken = save(history, 31.0, "2026-01-02T10:00:00+00:00")
        path = history.path
    with sqlite3.connect(path) as con:
        _back_to_version_3(con)
        con.execute("UPDATE assessment SET answers_json = '[1, 2' WHERE id = ?", (broken,))
    with History() as history:
        assert [e.id for e in history.listing()] == [kept]
        assert "USING COVERING INDEX assessment_listing" in _listing_plan(history)
        version = history._con.execute("PRAGMA user_version").fetchone()[0]
    assert version == len(store.MIGRATIONS)
    assert f"assessment {broken} in the history is damaged" in capsys.readouterr().err
    assert _rows(path, "SELECT id, sound FROM assessment ORDER BY id") == [(kept, 1), (broken, 0)]


def test_a_row_mended_by_hand_is_listed_again(home, capsys):  # noqa: F811
    """`sound` follows the JSON both ways: SQLite's triggers set it on every write of it."""
    with History() as history:
        entry_id = save(history, 20.0, "2026-01-01T10:00:00+00:00")
        path = history.path
    (good,) = _rows(path, "SELECT result_json FROM assessment")
    with sqlite3.connect(path) as con:
        con.execute("UPDATE assessment SET result_json = 'null' WHERE id = ?", (entry_id,))
    with History() as history:
        assert history.listing() == []
    with sqlite3.connect(path) as con:
        con.execute("UPDATE assessment SET result_json = ? WHERE id = ?", (good[0], entry_id))
    with History() as history:
        assert [e.id for e in history.listing()] == [entry_id]
    assert capsys.readouterr().err.count("is damaged") == 1


def test_deleting_an_assessment_deletes_its_factor_rows(home):  # noqa: F811
    with History() as history:
        gone = save(history, 20.0, "2026-01-01T10:00:00+00:00")
        save(history, 21.0, "2026-01-02T10:00:00+00:00")
        assert history.delete(gone)
        path = history.path
    ids = {row[0] for row in _rows(path, "SELECT assessment_id FROM factor_scores")}
    assert gone not in ids and len(ids) == 1


@pytest.mark.parametrize("bad", ["[]", '{"meta": {}, "factors": [], "synergy": {}}'])
def test_json_of_the_wrong_shape_is_left_out_of_the_listing_too(home, bad, capsys):  # noqa: F811
    with History() as history:
        entry_id = save(history, 20.0, "2026-01-01T10:00:00+00:00")
        history._con.execute("UPDATE assessment SET result_json = ? WHERE id = ?", (bad, entry_id))
        assert history.listing() == [] == history.list()
    assert "is damaged" in capsys.readouterr().err
