"""The history as files to take elsewhere: JSON with everything, CSV for a spreadsheet.

The CSV holds numbers, bands and ids only, never free text, so a spreadsheet cannot mistake a
note for a formula; the JSON keeps every answer and the full result. The CSV's factor columns
follow the fixed ones, one score and one band per factor of the bank, so adding a factor to the
bank adds columns at the end and never moves the others.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from assessment.history.factors import FactorColumn
from assessment.history.store import Entry

JSON_FORMAT = "fibro-assess history"
JSON_FORMAT_VERSION = 1

#: The fixed CSV columns, in their order; the factor columns follow them. Add new fixed columns
#: at the end of this list; never reorder.
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "assessed_at",
    "program_version",
    "bank_hash",
    "combined_index",
    "multiplier",
    "wpi",
    "sss",
    "fs",
    "fs_band",
    "acr2016_met",
    "ost",
    "ost_band",
    "pain_now",
    "pain_average",
    "pain_worst",
    "red_flag_level",
    "red_flags",
    "kind",
)


def to_json(entries: Iterable[Entry]) -> str:
    """Every assessment with all its answers and its full result, as one JSON document."""
    document = {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "assessments": [
            {
                "id": e.id,
                "kind": e.kind,
                "assessed_at": e.assessed_at,
                "program_version": e.program_version,
                "bank_hash": e.bank_hash,
                "answers": e.answers,
                "result": e.result,
            }
            for e in entries
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def csv_columns(factors: Iterable[FactorColumn]) -> list[str]:
    """The header: the fixed columns, then each factor's score and band in the bank's order."""
    return [*CSV_COLUMNS, *(f"{f.id}_{part}" for f in factors for part in ("score", "band"))]


def to_csv(entries: Iterable[Entry], fileobj: IO[str], factors: Iterable[FactorColumn]) -> None:
    """One row per assessment under a header row; open `fileobj` with newline=""."""
    factors = list(factors)
    writer = csv.DictWriter(fileobj, fieldnames=csv_columns(factors), lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow({key: cell(value) for key, value in csv_row(entry, factors).items()})


def csv_row(entry: Entry, factors: Iterable[FactorColumn]) -> dict[str, Any]:
    """The values of one CSV row, keyed by column (None where the result has no value)."""
    result = entry.result
    synergy = result.get("synergy") or {}
    result_factors = result.get("factors") or {}
    inst = result.get("instruments") or {}
    pain = inst.get("pain") or {}
    flags = result.get("red_flags") or []
    row: dict[str, Any] = {
        "id": entry.id,
        "assessed_at": entry.assessed_at,
        "program_version": entry.program_version,
        "bank_hash": entry.bank_hash,
        "combined_index": synergy.get("index"),
        "multiplier": synergy.get("multiplier"),
        "wpi": inst.get("wpi"),
        "sss": inst.get("sss"),
        "fs": inst.get("fs"),
        "fs_band": inst.get("fs_band"),
        "acr2016_met": (inst.get("acr2016") or {}).get("met"),
        "ost": inst.get("ost"),
        "ost_band": inst.get("ost_band"),
        "pain_now": (pain.get("now") or {}).get("value"),
        "pain_average": (pain.get("average") or {}).get("value"),
        "pain_worst": (pain.get("worst") or {}).get("value"),
        "red_flag_level": entry.red_flag_level,
        "red_flags": "; ".join(f"{f.get('id')}: {f.get('level')}" for f in flags),
        "kind": entry.kind,
    }
    for column in factors:
        factor = result_factors.get(column.id)
        factor = factor if isinstance(factor, dict) else {}
        row[f"{column.id}_score"] = factor.get("score")
        row[f"{column.id}_band"] = factor.get("band")
    return row


def cell(value: Any) -> str:
    """Empty for unknown, true/false for yes/no (spreadsheets read both), numbers as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
