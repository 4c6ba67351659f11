"""Which factors the history shows: the bank's, in its order, then any that only older saved
assessments hold (a factor since removed from the bank), so nothing saved drops out of view.

The history table, its legend, the CSV and the FHIR export all take their factors from here, so
a factor added to `questions.yaml` appears in each of them without a change to the code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from assessment.history.store import Entry


@dataclass(frozen=True)
class FactorColumn:
    """One factor as the history shows it: id, full name and its two column titles."""

    id: str
    name: str
    title: str  # a word, where the terminal has room
    short: str  # a few letters, where it has not


def factor_columns(bank: Any, entries: Iterable[Entry] = ()) -> list[FactorColumn]:
    """The bank's factors in its order, then factors found only in saved results."""
    columns = [FactorColumn(f.id, f.name, f.column_title, f.short_title) for f in bank.factors]
    known = {c.id for c in columns}
    for entry in entries:
        for fid, factor in (entry.result.get("factors") or {}).items():
            if not isinstance(fid, str) or fid in known:
                continue
            known.add(fid)
            saved = factor.get("name") if isinstance(factor, dict) else None
            name = saved if isinstance(saved, str) and saved.strip() else fid.replace("_", " ")
            title = name.split()[0][:12].capitalize()
            columns.append(FactorColumn(fid, name, title, title[:3]))
    return columns
