"""The local history of finished assessments: one private SQLite file, safe against crashes.

Health data, so the file is created 0600 in a 0700 folder, every write is one transaction (a crash
mid-save leaves the earlier history as it was), deleted rows are overwritten (`secure_delete`), and
a file that is not ours (another program's database, or damaged bytes) is reported and left
untouched rather than "repaired" into an empty history.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from assessment import paths
from assessment.errors import StoreError
from assessment.i18n.words import _

#: Written into the SQLite header (`PRAGMA application_id`) so our file is recognised as ours.
APPLICATION_ID = int.from_bytes(b"FIBA", "big")  # 0x46494241

_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100


def _create_v1(con: sqlite3.Connection) -> None:
    con.execute(
        """
        CREATE TABLE assessment (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            assessed_at     TEXT NOT NULL,      -- ISO 8601 as the assessment recorded it
            sort_key        TEXT NOT NULL,      -- the same instant in UTC, for ordering
            program_version TEXT NOT NULL,
            bank_hash       TEXT NOT NULL,
            answers_json    TEXT NOT NULL,
            result_json     TEXT NOT NULL,
            combined_index  REAL,               -- denormalised for the history table
            criteria_met    INTEGER,            -- 2016 ACR criteria: 1, 0 or NULL (not computed)
            red_flag_level  TEXT,               -- most urgent red-flag level, NULL if none
            saved_at        TEXT NOT NULL
        )
        """
    )
    con.execute("CREATE INDEX assessment_by_time ON assessment (sort_key, id)")


def _add_kind(con: sqlite3.Connection) -> None:
    """Version 2: each row is a full assessment or a check-in; rows saved before are the first."""
    con.execute(
        "ALTER TABLE assessment ADD COLUMN kind TEXT NOT NULL DEFAULT 'assessment'"
        " CHECK (kind IN ('assessment', 'check_in'))"
    )


def _add_summaries(con: sqlite3.Connection) -> None:
    """Version 3: what `history` lists, kept beside the JSON so listing never reads it whole.

    One row a factor in `factor_scores` (a factor added to the bank is a new row, not a new
    column), and the name and, for a check-in, the assessment it followed, as columns. Rows
    saved before are filled from their JSON; a damaged one gets none (it is named when read).
    """
    con.execute("ALTER TABLE assessment ADD COLUMN person TEXT")  # the name given, if any
    con.execute("ALTER TABLE assessment ADD COLUMN after_id INTEGER")  # a check-in's assessment
    con.execute(
        """
        CREATE TABLE factor_scores (
            assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
            factor_id     TEXT NOT NULL,
            score         INTEGER,              -- 0-100, NULL when unknown
            band          TEXT,
            name          TEXT,                 -- as the bank named it then
            PRIMARY KEY (assessment_id, factor_id)
        ) WITHOUT ROWID
        """
    )
    rows = con.execute("SELECT id, answers_json, result_json FROM assessment").fetchall()
    for id_, answers_json, result_json in rows:
        try:
            answers, result = json.loads(answers_json), json.loads(result_json)
        except (TypeError, ValueError, RecursionError):
            continue
        if isinstance(answers, dict) and _result_shape(result):
            _save_summary(con, id_, answers, result)


def _index_the_listing(con: sqlite3.Connection) -> None:
    """Version 4: `history` reads one narrow index and never a row itself.

    A saved row is large (its answers and result, tens of kB over overflow pages), and the
    summary columns come after the JSON, so reading them walked every row whole. Now a column
    `sound` says whether the row's JSON reads back with the parts every result has, kept true by
    SQLite's own triggers whoever writes the row (so a row damaged later is still named), and
    one covering index holds every column the listing shows, in its order."""
    con.execute("ALTER TABLE assessment ADD COLUMN sound INTEGER NOT NULL DEFAULT 0")
    con.execute(f"UPDATE assessment SET sound = ifnull({_SOUND_JSON}, 0)")
    for name, event in (("saved", "INSERT"), ("changed", "UPDATE OF answers_json, result_json")):
        con.execute(
            f"CREATE TRIGGER assessment_{name}_sound AFTER {event} ON assessment BEGIN"
            f" UPDATE assessment SET sound = ifnull({_SOUND_JSON}, 0) WHERE id = NEW.id; END"
        )
    con.execute("DROP INDEX assessment_by_time")  # the new index starts with the same two
    con.execute(f"CREATE INDEX assessment_listing ON assessment (sort_key, {_LISTED}, sound)")


#: MIGRATIONS[n] takes a database from schema version n to n + 1. Append, never edit.
#: The schema version of a file is `PRAGMA user_version`; the current one is len(MIGRATIONS).
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _create_v1,
    _add_kind,
    _add_summaries,
    _index_the_listing,
]

ASSESSMENT, CHECK_IN = "assessment", "check_in"  # the kinds of row


@dataclass(frozen=True)
class Entry:
    """One saved assessment, as the history table, the report and the exports read it."""

    id: int
    assessed_at: str
    program_version: str
    bank_hash: str
    answers: dict[str, Any]
    result: dict[str, Any]
    combined_index: float | None
    criteria_met: bool | None
    red_flag_level: str | None
    kind: str = ASSESSMENT  # or CHECK_IN: pain ratings between full assessments, no factors

    @property
    def is_check_in(self) -> bool:
        return self.kind == CHECK_IN

    @property
    def local_time(self) -> datetime:
        """When the assessment was made, in this computer's time zone (as the person lives it)."""
        moment = datetime.fromisoformat(self.assessed_at)
        return moment.astimezone() if moment.tzinfo else moment

    @property
    def date(self) -> str:
        """The local calendar day of the assessment, YYYY-MM-DD."""
        return self.local_time.strftime("%Y-%m-%d")

    def factor_scores(self, ids: Iterable[str] | None = None) -> dict[str, int | None]:
        """Each factor's score (None when unknown or not saved): for the given factor ids, else
        for every factor the saved result holds, in its order. The factors come from the bank
        an assessment was scored with, so older assessments may hold fewer of them."""
        factors = self.result.get("factors") or {}
        wanted = list(factors) if ids is None else list(ids)
        return {fid: _score(factors.get(fid)) for fid in wanted}


class TrendPoint(NamedTuple):
    """One earlier assessment on a trend chart: when, the combined index, each factor score."""

    assessed_at: str
    index: float | None
    factors: dict[str, int | None]


class DamagedEntry(StoreError):
    """The assessment asked for is in the history, but its saved JSON cannot be read."""


def default_path() -> Path:
    """The history file in the data directory (FIBRO_ASSESS_HOME or the platform's)."""
    return paths.data_dir() / "history.sqlite3"


class History:
    """The saved assessments in one SQLite file (default: `history.sqlite3` in the data dir)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.damaged: list[int] = []  # ids of rows that could not be read, named once each
        self._con = self._open()

    # -- opening ---------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        """Open (create privately if absent), recognise, migrate; never alter a foreign file."""
        self._check_header()
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is exactly
            # what `_transaction` encloses.
            con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._error(_("cannot be opened ({reason})").format(reason=exc)) from None
        try:
            self._recognise(con)
            con.execute("PRAGMA secure_delete = ON")  # deleted answers are overwritten, not freed
            self._migrate(con)
        except sqlite3.Error as exc:
            con.close()
            if getattr(exc, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
                raise self._untouched(_("is damaged ({reason})").format(reason=exc)) from None
            raise self._error(_("cannot be read ({reason})").format(reason=exc)) from None
        except BaseException:
            con.close()
            raise
        with suppress(OSError):
            self.path.chmod(0o600)  # tighten a copy restored with looser permissions
        return con

    def _check_header(self) -> None:
        """Create the file 0600 if missing; reject a non-empty file without the SQLite header."""
        try:
            paths.make_private_dirs(self.path.parent)
        except OSError as exc:
            raise self._error(
                _("cannot be created ({reason})").format(reason=exc.strerror)
            ) from None
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        except OSError as exc:
            raise self._error(
                _("cannot be created ({reason})").format(reason=exc.strerror)
            ) from None
        else:
            os.close(fd)
            return
        try:
            with open(self.path, "rb") as fh:
                header = fh.read(_HEADER_SIZE)
        except OSError as exc:
            raise self._error(_("cannot be read ({reason})").format(reason=exc.strerror)) from None
        if header and (len(header) < _HEADER_SIZE or not header.startswith(_SQLITE_MAGIC)):
            raise self._untouched(_("is not a fibro-assess history (not an SQLite database)"))

    def _recognise(self, con: sqlite3.Connection) -> None:
        """Accept our own file or a brand-new empty one; anything else is foreign."""
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id == 0 and version == 0 and tables == 0:
            return  # empty: ours to initialise
        if app_id != APPLICATION_ID:
            raise self._untouched(_("belongs to another program, not fibro-assess"))
        if version > len(MIGRATIONS):
            raise self._untouched(
                _(
                    "was written by a newer fibro-assess (schema {version}, this one knows "
                    "{known}); upgrade fibro-assess to read it"
                ).format(version=version, known=len(MIGRATIONS))
            )
        check = con.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise self._untouched(_("is damaged ({reason})").format(reason=check))

    def _migrate(self, con: sqlite3.Connection) -> None:
        """Bring the schema up to date in one transaction: on any failure the old version stays."""
        if con.execute("PRAGMA user_version").fetchone()[0] >= len(MIGRATIONS):
            return  # current: no write lock, so a read-only copy can still be listed
        with self._transaction(con):
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version >= len(MIGRATIONS):
                return
            for step in MIGRATIONS[version:]:
                step(con)
            con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            con.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")

    def _error(self, what: str) -> StoreError:
        return StoreError(_("The history file {path} {what}.").format(path=self.path, what=what))

    def _untouched(self, what: str) -> StoreError:
        return self._error(_("{what}; it was left unchanged").format(what=what))

    @contextmanager
    def _transaction(self, con: sqlite3.Connection | None = None) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all of a write or none of it."""
        con = con or self._con
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Turn a failed write (disk full, read-only folder, locked) into a one-line StoreError."""
        try:
            yield
        except sqlite3.Error as exc:
            raise self._error(
                _("could not be written ({reason}); earlier entries are kept").format(reason=exc)
            ) from None

    def close(self) -> None:
        """Close the file (also done when the object is garbage collected)."""
        self._con.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def save(
        self,
        answers: dict[str, Any],
        result: dict[str, Any],
        *,
        program_version: str,
        bank_hash: str,
        assessed_at: str | None = None,
        kind: str = ASSESSMENT,
    ) -> int:
        """Keep one finished assessment (or check-in); return its id. Time defaults to the
        result's own."""
        when = assessed_at or (result.get("meta") or {}).get("assessed_at") or _now()
        sort_key = _utc_key(when)
        answers_json = json.dumps(answers, ensure_ascii=False, sort_keys=True)
        result_json = json.dumps(result, ensure_ascii=False)
        index, met, level = _summary(result)
        with self._writing(), self._transaction() as con:
            cur = con.execute(
                "INSERT INTO assessment (assessed_at, sort_key, program_version, bank_hash,"
                " answers_json, result_json, combined_index, criteria_met, red_flag_level,"
                " saved_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    when,
                    sort_key,
                    program_version,
                    bank_hash,
                    answers_json,
                    result_json,
                    index,
                    met,
                    level,
                    _now(),
                    kind,
                ),
            )
            new_id = cur.lastrowid
            assert new_id is not None
            _save_summary(con, new_id, answers, result)
        return new_id

    def delete(self, entry_id: int) -> bool:
        """Remove one assessment for good; False if there was none with that id."""
        if not _storable(entry_id):
            return False
        with self._writing(), self._transaction() as con:
            con.execute("DELETE FROM factor_scores WHERE assessment_id = ?", (entry_id,))
            cur = con.execute("DELETE FROM assessment WHERE id = ?", (entry_id,))
        return cur.rowcount > 0

    # -- reading ---------------------------------------------------------------------------

    _COLUMNS = (
        "id, assessed_at, program_version, bank_hash, answers_json, result_json,"
        " combined_index, criteria_met, red_flag_level, kind"
    )

    def get(self, entry_id: int) -> Entry:
        """One assessment by id; StoreError (with a hint) when there is none."""
        row = None
        if _storable(entry_id):
            row = self._con.execute(
                f"SELECT {self._COLUMNS} FROM assessment WHERE id = ?", (entry_id,)
            ).fetchone()
        if row is None:
            raise StoreError(
                _(
                    "There is no assessment {id} in the history ({path}); "
                    "`fibro-assess history` lists them."
                ).format(id=entry_id, path=self.path)
            )
        entry = _entry(row)
        if entry is None:
            raise DamagedEntry(
                _(
                    "Assessment {id} in the history ({path}) is damaged: its saved answers or "
                    "result cannot be read. `fibro-assess delete {id}` removes it; the others "
                    "are fine."
                ).format(id=entry_id, path=self.path)
            )
        return entry

    def latest_before(self, when: int | str | None = None) -> Entry | None:
        """The most recent full assessment (check-ins passed over) before an id or an ISO time,
        or of all without one: for "change since last time" and the check-in's actions."""
        key = self._position(when) if when is not None else ("\uffff", 0)
        rows = self._con.execute(
            f"SELECT {self._COLUMNS} FROM assessment WHERE (sort_key, id) < (?, ?)"
            " AND kind = ? ORDER BY sort_key DESC, id DESC",
            (*key, ASSESSMENT),
        )
        for row in rows:  # the newest first; a damaged one is passed over
            entry = self._sound(row)
            if entry is not None:
                return entry
        return None

    def earlier(self, when: int | str) -> list[Entry]:
        """Assessments before an id or an ISO time, oldest first: the history a report shows."""
        key = self._position(when)
        return [e for e in self.list() if (_utc_key(e.assessed_at), e.id) < key]

    def trend(self, limit: int | None = None, before: int | str | None = None) -> list[TrendPoint]:
        """Index and factor scores over time, oldest first: the last `limit` points, optionally
        only those before an id or ISO time (the assessment a report is about)."""
        entries = self.list() if before is None else self.earlier(before)
        if limit is not None:
            entries = entries[-limit:] if limit > 0 else []
        return [TrendPoint(e.assessed_at, e.combined_index, e.factor_scores()) for e in entries]

    def _position(self, when: int | str) -> tuple[str, int]:
        if isinstance(when, int):
            if not _storable(when):
                self.get(when)  # raises the usual "no assessment" error
            row = self._con.execute(
                "SELECT sort_key, id FROM assessment WHERE id = ?", (when,)
            ).fetchone()
            if row is None:
                self.get(when)  # raises the usual "no assessment" error
            return (row[0], row[1])
        return (_utc_key(when), 0)

    def listing(self) -> list[Entry]:
        """Every saved assessment, oldest first, with only what the history table shows: the
        summary columns and `factor_scores`, never the whole JSON. Each entry's `answers` holds
        the name alone and its `result` the factors (score, band, name) and a check-in's
        `meta.after`; a row whose JSON is damaged is named and left out, as by `list`."""
        factors: dict[int, dict[str, dict[str, Any]]] = {}
        for id_, fid, score, band, name in self._con.execute(
            "SELECT assessment_id, factor_id, score, band, name FROM factor_scores"
        ):
            factors.setdefault(id_, {})[fid] = {"score": score, "band": band, "name": name}
        rows = self._con.execute(
            f"SELECT {_LISTED}, sound FROM assessment ORDER BY sort_key, id"
        ).fetchall()
        out = []
        for row in rows:
            (id_, when, version, bank_hash, person, after, index, met, level, kind, sound) = row
            if not (sound and _readable_time(when)):
                # damaged: read it the usual way, which names it once and leaves it out
                self._sound(self._con.execute(
                    f"SELECT {self._COLUMNS} FROM assessment WHERE id = ?", (id_,)
                ).fetchone())  # fmt: skip
                continue
            light_answers = {"name": person} if person else {}
            light_result = {"meta": {"after": after}, "factors": factors.get(id_, {})}
            out.append(
                _made((id_, when, version, bank_hash, light_answers, light_result, index, met,
                       level, kind))
            )  # fmt: skip
        return out

    def list(self) -> list[Entry]:
        """Every saved assessment, oldest first."""
        rows = self._con.execute(
            f"SELECT {self._COLUMNS} FROM assessment ORDER BY sort_key, id"
        ).fetchall()
        return [entry for row in rows if (entry := self._sound(row)) is not None]

    def _sound(self, row: tuple[Any, ...]) -> Entry | None:
        """The row as an Entry; a damaged one is named once on stderr and left out."""
        entry = _entry(row)
        if entry is None and row[0] not in self.damaged:
            self.damaged.append(row[0])
            print(
                "fibro-assess: note: "
                + _(
                    "assessment {id} in the history is damaged (its saved answers or result "
                    "cannot be read) and is left out."
                ).format(id=row[0]),
                file=sys.stderr,
            )
        return entry


def _entry(row: tuple[Any, ...]) -> Entry | None:
    """The row as an Entry, or None when it is damaged (JSON that does not read back)."""
    (id_, assessed_at, version, bank_hash, answers_json, result_json, index, met, level, kind) = row
    try:
        answers = json.loads(answers_json)
        result = json.loads(result_json)
        _utc_key(assessed_at)
    except (TypeError, ValueError, RecursionError, StoreError):
        return None
    if not isinstance(answers, dict) or not _result_shape(result):
        return None
    return _made((id_, assessed_at, version, bank_hash, answers, result, index, met, level, kind))


def _made(row: tuple[Any, ...]) -> Entry:
    """An Entry from a row whose answers and result are read already (or summarised)."""
    (id_, assessed_at, version, bank_hash, answers, result, index, met, level, kind) = row
    return Entry(
        id=id_,
        assessed_at=assessed_at,
        program_version=version,
        bank_hash=bank_hash,
        answers=answers,
        result=result,
        combined_index=index if isinstance(index, int | float) else None,
        criteria_met=None if met is None else bool(met),
        red_flag_level=level if isinstance(level, str) else None,
        kind=CHECK_IN if kind == CHECK_IN else ASSESSMENT,
    )


def _save_summary(
    con: sqlite3.Connection, entry_id: int, answers: dict[str, Any], result: dict[str, Any]
) -> None:
    """The summary columns and factor rows of one assessment (see `_add_summaries`)."""
    name = answers.get("name")
    after = (result.get("meta") or {}).get("after")
    con.execute(
        "UPDATE assessment SET person = ?, after_id = ? WHERE id = ?",
        (
            name if isinstance(name, str) and name.strip() else None,
            after if isinstance(after, int) and not isinstance(after, bool) else None,
            entry_id,
        ),
    )
    con.executemany(
        "INSERT OR REPLACE INTO factor_scores (assessment_id, factor_id, score, band, name)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (entry_id, fid, _whole(f.get("score")), _text(f.get("band")), _text(f.get("name")))
            for fid, f in (result.get("factors") or {}).items()
            if isinstance(fid, str) and isinstance(f, dict)
        ],
    )


#: What `history` lists of each row, all in the index `assessment_listing` (schema version 4).
_LISTED = (
    "id, assessed_at, program_version, bank_hash, person, after_id, combined_index,"
    " criteria_met, red_flag_level, kind"
)

# Whether a row's JSON reads back with the parts every result has, checked by SQLite itself
# (as `_entry` checks it in Python) into the column `sound` whenever the row is written.
_SOUND_JSON = (
    "CASE WHEN json_valid(answers_json) AND json_valid(result_json) THEN"
    " json_type(answers_json) = 'object'"
    " AND json_type(result_json, '$.meta') = 'object'"
    " AND json_type(result_json, '$.factors') = 'object'"
    " AND json_type(result_json, '$.synergy') = 'object'"
    " ELSE 0 END"
)


def _readable_time(when: Any) -> bool:
    try:
        _utc_key(when)
    except StoreError:
        return False
    return True


def _whole(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return None
    return int(value) if -(2**62) < value < 2**62 else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _score(factor: Any) -> int | None:
    return factor.get("score") if isinstance(factor, dict) else None


def _result_shape(result: Any) -> bool:
    """Whether a saved result has the parts every result has (a mapping of mappings)."""
    if not isinstance(result, dict):
        return False
    parts = [result.get(key) for key in ("meta", "factors", "synergy")]
    if not all(isinstance(part, dict) for part in parts):
        return False
    return all(isinstance(factor, dict) for factor in result["factors"].values())


def _storable(entry_id: object) -> bool:
    """Whether an id can be an SQLite row id at all (a 30-digit one cannot: no such assessment)."""
    return isinstance(entry_id, int) and 0 < entry_id < 2**63


def _summary(result: dict[str, Any]) -> tuple[float | None, int | None, str | None]:
    """The denormalised columns: combined index, criteria met, most urgent red-flag level."""
    index = (result.get("synergy") or {}).get("index")
    acr = (result.get("instruments") or {}).get("acr2016") or {}
    met = acr.get("met")
    flags = result.get("red_flags") or []
    level = flags[0].get("level") if flags else None  # the result lists the most urgent first
    return index, (None if met is None else int(bool(met))), level


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _utc_key(when: str) -> str:
    """An ISO time as a sortable UTC string; a time without zone is taken as local time."""
    try:
        moment = datetime.fromisoformat(when)
    except (TypeError, ValueError):
        raise StoreError(f"{when!r} is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
