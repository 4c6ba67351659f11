"""The history commands: `history`, `report ID`, `delete ID`, `export`.

Their arguments are in history/arguments.py, which every run registers; this module is imported
only when one of them runs. Each command is `func(args)` and returns the exit status. Store
problems raise StoreError, which `cli.main` prints as one line (status 2).
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import unicodedata
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from assessment.core import safetext
from assessment.core.numbers import number
from assessment.errors import FibroError
from assessment.i18n.words import N_, _, ngettext

if TYPE_CHECKING:
    from assessment.history.factors import FactorColumn
    from assessment.history.store import Entry

LEVELS = {"emergency": N_("emergency"), "urgent": N_("urgent"), "soon": N_("soon")}

FALLBACK_WIDTH = 80  # when the terminal's width is unknown (a pipe, a file)
NAME_MIN = 10  # a Name column narrower than this would leave most names a guess


# ---------------------------------------------------------------------------------------------
# history


def cmd_history(
    args: argparse.Namespace, out: IO[str] | None = None, width: int | None = None
) -> int:
    """Print the saved assessments as a plain table that fits the terminal's width."""
    from assessment.history.factors import factor_columns
    from assessment.history.store import History

    out = out or sys.stdout
    with History() as history:
        entries = history.listing()
    if not entries:
        print(_("No assessments saved yet. Run fibro-assess to make the first one."), file=out)
        return 0
    from assessment.terminal.texts import glyphs

    factors = factor_columns(_bank(args), entries)
    out.write(
        history_table(entries, factors, width or terminal_width(), ellipsis=glyphs(out).ellipsis)
    )
    return 0


def terminal_width() -> int:
    """The terminal's columns; 80 when they cannot be known (output to a pipe or a file)."""
    columns = shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns
    return columns if columns > 0 else FALLBACK_WIDTH


def history_table(
    entries: list[Entry],
    factors: list[FactorColumn],
    width: int = FALLBACK_WIDTH,
    ellipsis: str = "\u2026",
) -> str:
    """The history as aligned plain text that fits `width` columns: ID, date, name (when any
    assessment has one), index, a score for each factor (the bank's, see history/factors.py),
    criteria, red flag. Tried in turn: the factors' word titles, then their short ones, each
    with a Name column of at least NAME_MIN columns (names longer than it leaves are
    shortened); then short titles with each person's name on a line above their assessments;
    then two lines or more an assessment. Then a legend."""
    names = {e.id: _name(e) for e in entries}
    rows = [_cells(e, factors, names) for e in entries]
    named = any(row["name"] for row in rows)
    check_ins = any(e.is_check_in for e in entries)
    word_titles = [f.title for f in factors]
    short_titles = [f.short for f in factors]
    for titles, gap in ((word_titles, "  "), (short_titles, " ")):
        table = _Table(rows, titles, gap)
        room = width - table.span - 2  # what a Name column (and its gap) may take
        if named:
            longest = max(_cols(_("Name")), *(_cols(row["name"] or "-") for row in rows))
            if room < min(longest, NAME_MIN):
                continue
            table = _Table(rows, titles, gap, min(longest, room), ellipsis)
        if table.span <= width:
            return table.text() + "\n" + _legend(factors, titles, width, check_ins)
    table = _Table(rows, short_titles, " ")
    legend = _legend(factors, short_titles, width, check_ins)
    if named and table.span <= width:
        return _grouped(table.text(), rows, width, ellipsis) + "\n" + legend
    return _stacked(rows, short_titles, width, ellipsis) + "\n" + legend


def _cols(text: str) -> int:
    """Terminal columns the text takes: wide (East Asian) characters two, combining marks none."""
    if text.isascii():  # nearly every cell: a column a character, without a look-up each
        return len(text)
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _fit(text: str, cols: int, ellipsis: str) -> str:
    """The text cut to `cols` terminal columns, ending in the ellipsis when cut."""
    if _cols(text) <= cols:
        return text
    room = max(cols - _cols(ellipsis), 0)
    kept = ""
    for char in text:
        if _cols(kept + char) > room:
            break
        kept += char
    return kept.rstrip() + ellipsis if cols >= _cols(ellipsis) else text[:cols]


def _name(entry: Entry) -> str | None:
    """The name saved with the answers, on one line and without control characters; None when
    none was given."""
    name = (entry.answers or {}).get("name")
    if not isinstance(name, str):
        return None
    printable = "".join(
        c for c in name if c.isspace() or not unicodedata.category(c).startswith("C")
    )
    return " ".join(printable.split()) or None


def _cells(e: Entry, factors: list[FactorColumn], names: dict[int, str | None]) -> dict[str, Any]:
    """One row's cells. A check-in has no index or factor scores: its Index cell says
    "check-in", and it goes under the name of the full assessment it followed."""
    scores = e.factor_scores(f.id for f in factors)
    after = (e.result.get("meta") or {}).get("after") if e.is_check_in else None
    return {
        "id": str(e.id),
        "date": _when(e),
        "name": names.get(after) if e.is_check_in else names.get(e.id),
        "index": CHECK_IN_MARK if e.is_check_in else index_text(e.combined_index),
        "factors": [_num(score) for score in scores.values()],
        "criteria": {True: _("met"), False: _("not met"), None: "-"}[e.criteria_met],
        "flag": _(LEVELS.get(e.red_flag_level, e.red_flag_level)) if e.red_flag_level else "-",
    }


class _Table:
    """One line an assessment; the factor columns sit `factor_gap` apart, the rest two. With a
    `name_width`, a Name column after the date, each name cut to that many columns.

    Its `span` (the widest line's columns) is known from the column widths alone, before any
    line is joined, so trying a layout that does not fit costs little even for a thousand
    assessments."""

    def __init__(
        self,
        rows: list[dict],
        factor_titles: list[str],
        factor_gap: str,
        name_width: int = 0,
        ellipsis: str = "\u2026",
    ):
        self.rows, self.gap = rows, factor_gap
        self.factor_widths = [
            max(len(t), *(len(r["factors"][i]) for r in rows)) for i, t in enumerate(factor_titles)
        ]
        factors = factor_gap.join(
            t.rjust(w) for t, w in zip(factor_titles, self.factor_widths, strict=True)
        )  # every row's factor cells take just as many columns: the scores are ASCII
        self.head = [_("ID"), _("Date"), _("Index"), factors, _("Criteria"), _("Red flag")]
        self.keys = ["id", "date", "index", "factors", "criteria", "flag"]
        self.left = {1, 4, 5}  # text columns; numbers align right
        self.names: list[str] = []
        if name_width:
            self.names = [_fit(r["name"] or "-", name_width, ellipsis) for r in rows]
            self.head.insert(2, _("Name"))
            self.keys.insert(2, "name")
            self.left = {1, 2, 5, 6}
        self.widths = [
            _cols(title)
            if key == "factors"
            else max(_cols(title), *map(_cols, self.names if key == "name" else
                                        (r[key] for r in rows)))
            for title, key in zip(self.head, self.keys, strict=True)
        ]  # fmt: skip
        # every line is padded to the widths but the last cell, and one line holds the widest
        self.span = sum(self.widths) + 2 * (len(self.widths) - 1)

    def text(self) -> str:
        lines = [self._line(self.head)]
        for n, r in enumerate(self.rows):
            factors = self.gap.join(
                c.rjust(w) for c, w in zip(r["factors"], self.factor_widths, strict=True)
            )
            cells = [r["id"], r["date"], r["index"], factors, r["criteria"], r["flag"]]
            if self.names:
                cells.insert(2, self.names[n])
            lines.append(self._line(cells))
        return "".join(lines)

    def _line(self, cells: list[str]) -> str:
        parts = [
            c + " " * (w - _cols(c)) if i in self.left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, self.widths, strict=True))
        ]
        return "  ".join(parts).rstrip() + "\n"


def _grouped(table: str, rows: list[dict], width: int, ellipsis: str) -> str:
    """The table without a Name column, each person's name on a line of its own above their
    assessments (again whenever the name changes from one assessment to the next)."""
    head, *lines = table.splitlines()
    out, last = [head], object()
    for line, r in zip(lines, rows, strict=True):
        if r["name"] != last:
            said = _("Name: {name}").format(name=r["name"]) if r["name"] else _("No name")
            out.append(_fit(said, width, ellipsis) if r["name"] else said)
            last = r["name"]
        out.append(line)
    return "\n".join(out) + "\n"


def _stacked(rows: list[dict], titles: list[str], width: int, ellipsis: str = "\u2026") -> str:
    """Two lines or more an assessment, for a terminal too narrow for the table."""
    named = any(r["name"] for r in rows)
    out = []
    for r in rows:
        first = [
            f"{r['id']}  {r['date']}",
            *([_fit(r["name"] or "no name", width - 3, ellipsis)] if named else []),
            r["index"] if r["index"] == CHECK_IN_MARK else f"index {r['index']}",
            f"criteria {r['criteria']}",
            f"red flag {r['flag']}",
        ]
        second = [f"{title} {score}" for title, score in zip(titles, r["factors"], strict=True)]
        out += _wrap(first, width, first_indent="", indent="   ")
        out += _wrap(second, width, first_indent="   ", indent="   ")
    return "\n".join(out) + "\n"


def _wrap(
    chunks: list[str], width: int, *, first_indent: str = "", indent: str = "", gap: str = "  "
) -> list[str]:
    """Chunks laid out greedily in lines of at most `width`, never split inside a chunk (so
    "red flag soon" or a command stays whole), unless a chunk alone is wider than a line."""
    lines = [first_indent]
    for chunk in chunks:
        fresh = lines[-1].strip() == ""
        if fresh or _cols(lines[-1]) + len(gap) + _cols(chunk) <= width:
            lines[-1] += ("" if fresh else gap) + chunk
        else:
            lines.append(indent + chunk)
    return [line.rstrip() for line in lines]


def _legend(
    factors: list[FactorColumn], titles: list[str], width: int, check_ins: bool = False
) -> str:
    """What the columns mean, plain text wrapped to `width`: each abbreviated factor title with
    its name, the index, the criteria, check-ins when there are any, and how to print an
    earlier report."""
    named = [
        f"{title} = {factor.name.lower()}"
        for factor, title in zip(factors, titles, strict=True)
        if title.lower() != factor.name.lower()
    ]
    paragraphs = [
        _words(
            _("Factor scores 0-100, higher means more burden:")
            if named
            else _("Factor scores 0-100, higher means more burden.")
        )
        + [f"{item}{',' if n < len(named) - 1 else '.'}" for n, item in enumerate(named)],
        _words(_("Index: the combined index, 0-100. Criteria: the 2016 ACR fibromyalgia criteria."))
        + _words(_("A dash: not known.")),
        *([_words(_(CHECK_IN_LEGEND))] if check_ins else []),
        _words(_("To write an earlier report again:")) + ["fibro-assess report ID"],
    ]
    lines = []
    for chunks in paragraphs:
        lines += _wrap(chunks, max(width, 20), gap=" ")
    return "\n".join(lines) + "\n"


CHECK_IN_MARK = "check-in"
CHECK_IN_NO_PDF = N_(
    "A check-in has no PDF of its own: its pain ratings show in the trends of the next full report."
)
CHECK_IN_LEGEND = N_(
    "check-in: pain ratings and the plan's actions between full assessments, no factor scores."
)


def _words(text: str) -> list[str]:
    return text.split()


def index_text(value: float | None) -> str:
    """The combined index as a whole number, as the terminal summary and the PDF show it."""
    return "-" if value is None else f"{value:.0f}"


def _when(entry: Entry) -> str:
    return entry.local_time.strftime("%Y-%m-%d %H:%M")


def _num(value: float | int | None) -> str:
    """Scores as whole numbers, anything else with one decimal, "-" when unknown."""
    if isinstance(value, float) and not value.is_integer():
        return number(value, 1)
    return number(value, unknown="-")


# ---------------------------------------------------------------------------------------------
# report


def cmd_report(args: argparse.Namespace, out: IO[str] | None = None) -> int:
    """Write the PDF of a saved assessment again, with the assessments before it as its trend."""
    from assessment.history.store import DamagedEntry, History
    from assessment.i18n import words

    out = out or sys.stdout
    with History() as history:
        entry = history.get(args.id)
        # whole entries, not only results: the report compares names to keep one person's trend
        earlier = history.earlier(entry.id)
    if entry.is_check_in:
        if getattr(args, "out", None):
            raise FibroError(
                _("History entry {id} is a check-in.").format(id=entry.id)
                + " "
                + _(CHECK_IN_NO_PDF)
            )
        out.write(check_in_text(entry))
        return 0
    from assessment.report import render

    # In the language it was answered in, unless --lang asks for another.
    lang = getattr(args, "lang", None) or (entry.result.get("meta") or {}).get("lang") or "en"
    bank = _bank(args, lang)
    if entry.bank_hash != bank.sha256:
        print(
            _(
                "Note: this assessment was answered on another version of the questions; "
                "the report uses today's wording."
            ),
            file=sys.stderr,
        )
    target = Path(args.out) if args.out else Path(f"fibro-assess-{entry.date}-{entry.id}.pdf")
    try:
        with words.speaking(lang):
            path = render.write_pdf(
                bank,
                entry.answers,
                entry.result,
                target,
                paper=args.paper,
                history=earlier,
                part=getattr(args, "part", "all"),
                large_print=getattr(args, "large_print", False),
            )
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, ArithmeticError):
        # A saved result that reads as JSON but lacks what a report needs: damaged, not ours.
        raise DamagedEntry(
            _(
                "Assessment {id} in the history ({path}) is damaged: its saved result is "
                "incomplete, so no report can be made from it."
            ).format(id=entry.id, path=history.path)
        ) from None
    print(_("Report written to {path}").format(path=path), file=out)
    return 0


def check_in_text(entry: Entry) -> str:
    """A check-in in a few plain lines: what `report ID` shows for one (it has no PDF)."""
    from assessment.core.check_in import summary_lines

    lines = [
        _("Check-in {id} of {when}").format(id=entry.id, when=_when(entry)),
        *(f"  {line}" for line in summary_lines(entry.result)),
        _(CHECK_IN_NO_PDF),
    ]
    return "\n".join(safetext.visible(line) for line in lines) + "\n"


# ---------------------------------------------------------------------------------------------
# delete


def cmd_delete(
    args: argparse.Namespace, out: IO[str] | None = None, answer: IO[str] | None = None
) -> int:
    """Delete one assessment after asking (unless --yes); status 1 when nothing was deleted."""
    from assessment.history.store import DamagedEntry, History

    out = out or sys.stdout
    with History() as history:
        try:
            when = _when(history.get(args.id))
            ask = _("Delete the assessment of {when}? [y/N] ").format(when=when)
            done = _("Deleted assessment {id} of {when}.").format(id=args.id, when=when)
        except DamagedEntry:  # a damaged one can still be deleted: that is the way out
            ask = _("Delete the damaged assessment {id}? [y/N] ").format(id=args.id)
            done = _("Deleted the damaged assessment {id}.").format(id=args.id)
        if not args.yes:
            out.write(ask)
            out.flush()
            reply = (answer or sys.stdin).readline()
            # "y" and "yes" always work; a translation adds its own (French "o", "oui").
            if reply.strip().lower() not in {"y", "yes", _("y"), _("yes")}:
                print(_("Nothing deleted."), file=out)
                return 1
        history.delete(args.id)
    print(done, file=out)
    return 0


# ---------------------------------------------------------------------------------------------
# export


def cmd_export(args: argparse.Namespace, out: IO[str] | None = None) -> int:
    """Write the history (or, with --questionnaire, the bank) to --out or standard output."""
    if args.questionnaire and args.format != "fhir":
        raise FibroError(_("--questionnaire goes with --format fhir"))
    from assessment.files import write_private
    from assessment.history.store import History

    with History() as history:
        entries = history.list()
    text = render_export(args, entries)
    if args.out:
        write_private(Path(args.out), text, what="the export")
        if args.questionnaire:
            done = _("Exported the questionnaire to {path}")
        else:
            done = ngettext(
                "Exported {count} assessment to {path}",
                "Exported {count} assessments to {path}",
                len(entries),
            )
        print(done.format(count=len(entries), path=args.out), file=sys.stderr)
    else:
        (out or sys.stdout).write(text)
    return 0


def render_export(args: argparse.Namespace, entries: list[Entry]) -> str:
    """The export's text for the chosen format."""
    import json

    from assessment.history import export
    from assessment.history.factors import factor_columns

    if args.format == "json":
        return export.to_json(entries)
    bank = _bank(args)
    if args.format == "csv":
        buffer = io.StringIO(newline="")
        export.to_csv(entries, buffer, factor_columns(bank, entries))
        return buffer.getvalue()
    from assessment.history import fhir

    if args.questionnaire:
        return json.dumps(fhir.questionnaire(bank), indent=2, ensure_ascii=False) + "\n"
    older = sum(1 for e in entries if e.bank_hash != bank.sha256)
    if older:
        note = ngettext(
            "Note: {count} assessment was answered on another version of the questions; "
            "its response follows today's questions and names the version it used.",
            "Note: {count} assessments were answered on another version of the questions; "
            "their responses follow today's questions and name the version they used.",
            older,
        )
        print(note.format(count=older), file=sys.stderr)
    return json.dumps(fhir.bundle(bank, entries), indent=2, ensure_ascii=False) + "\n"


def _bank(args: argparse.Namespace, lang: str | None = None):
    """The bank (`--questions`, else the built-in one) in the run's language, or in `lang`."""
    from assessment.i18n import bank, choice, words
    from assessment.paths import default_bank_path

    speech = choice.Speech(lang or words.current(), words.region())
    return bank.load(getattr(args, "questions", None) or default_bank_path(), speech)
