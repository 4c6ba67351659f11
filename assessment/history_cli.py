"""The history commands: `history`, `report ID`, `delete ID`, `export`.

`cli.py` calls `add_history_commands(subparsers)`; each command is `func(args)` and returns the
exit status. Store problems raise StoreError, which `cli.main` prints as one line (status 2).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import IO, Any

from assessment.errors import FibroError
from assessment.files import write_private
from assessment.store import FACTOR_IDS, Entry, History

_RAW = argparse.RawDescriptionHelpFormatter

# Short column titles for the seven factors, in the fixed factor order.
_FACTOR_TITLES = dict(
    zip(FACTOR_IDS, ("Muscle", "Joint", "Bone", "Circ", "Magn", "Stress", "Sleep"), strict=True)
)


def add_history_commands(subparsers: Any) -> None:
    """Register history, report, delete and export, each with help and examples."""
    history = subparsers.add_parser(
        "history",
        help="list earlier assessments",
        description="List the assessments kept in your local history, oldest first.",
        epilog="example:\n  fibro-assess history",
        formatter_class=_RAW,
    )
    history.set_defaults(func=cmd_history)

    report = subparsers.add_parser(
        "report",
        help="write the PDF report of an earlier assessment again",
        description=(
            "Write the PDF report of an earlier assessment, with the trend up to that day. "
            "The ID is the first column of `fibro-assess history`."
        ),
        epilog=(
            "examples:\n"
            "  fibro-assess report 3\n"
            "  fibro-assess report 3 --out ~/Documents/back-pain-march.pdf --paper letter"
        ),
        formatter_class=_RAW,
    )
    report.add_argument("id", type=int, help="the assessment's ID")
    report.add_argument(
        "--out", metavar="PDF", help="where to write it (default: fibro-assess-DATE-ID.pdf here)"
    )
    report.add_argument("--paper", choices=("a4", "letter"), default="a4", help="(default: a4)")
    report.add_argument(
        "--questions",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the question bank for the wording (default: the built-in bank)",
    )
    report.set_defaults(func=cmd_report)

    delete = subparsers.add_parser(
        "delete",
        help="delete an assessment from the history",
        description=(
            "Delete one assessment from the local history for good. Asks first unless --yes "
            "is given; exits with status 1 when nothing was deleted."
        ),
        epilog="examples:\n  fibro-assess delete 3\n  fibro-assess delete 3 --yes",
        formatter_class=_RAW,
    )
    delete.add_argument("id", type=int, help="the assessment's ID (see `fibro-assess history`)")
    delete.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    delete.set_defaults(func=cmd_delete)

    export = subparsers.add_parser(
        "export",
        help="write the history as JSON, CSV or FHIR",
        description=(
            "Write every saved assessment to a file or standard output: json (everything, "
            "answers included), csv (one row per assessment: scores and bands, no free text) "
            "or fhir (an R4B Bundle with a QuestionnaireResponse and score Observations per "
            "assessment). Files are written readable by you only."
        ),
        epilog=(
            "examples:\n"
            "  fibro-assess export --out history.json\n"
            "  fibro-assess export --format csv --out history.csv\n"
            "  fibro-assess export --format fhir --out history.fhir.json\n"
            "  fibro-assess export --format fhir --questionnaire --out questionnaire.json"
        ),
        formatter_class=_RAW,
    )
    export.add_argument(
        "--format", choices=("json", "csv", "fhir"), default="json", help="(default: json)"
    )
    export.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    export.add_argument(
        "--questionnaire",
        action="store_true",
        help="with --format fhir: write the question bank as a FHIR Questionnaire instead",
    )
    export.add_argument(
        "--questions",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="with fhir: the question bank (default: the built-in bank)",
    )
    export.set_defaults(func=cmd_export)


# ---------------------------------------------------------------------------------------------
# history


def cmd_history(args: argparse.Namespace, out: IO[str] | None = None) -> int:
    """Print the saved assessments as a plain table that fits 100 columns."""
    out = out or sys.stdout
    with History() as history:
        entries = history.list()
    if not entries:
        print("No assessments saved yet. Run `fibro-assess` to make the first one.", file=out)
        return 0
    out.write(history_table(entries))
    return 0


def history_table(entries: list[Entry]) -> str:
    """The history as aligned text: ID, date, index, the seven factor scores, criteria, flags."""
    titles = ["ID", "Date", "Index", *_FACTOR_TITLES.values(), "Criteria", "Red flag"]
    rows = []
    for e in entries:
        scores = e.factor_scores()
        rows.append(
            [
                str(e.id),
                _when(e),
                _num(e.combined_index),
                *(_num(scores[fid]) for fid in FACTOR_IDS),
                {True: "met", False: "not met", None: "-"}[e.criteria_met],
                e.red_flag_level or "-",
            ]
        )
    widths = [max(len(t), *(len(r[i]) for r in rows)) for i, t in enumerate(titles)]
    left = {1, len(titles) - 2, len(titles) - 1}  # text columns; numbers align right

    def line(cells: list[str]) -> str:
        parts = [
            c.ljust(w) if i in left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip() + "\n"

    legend = (
        "Index: combined index 0-100. Factor scores 0-100, higher means more burden "
        "(- unknown).\nCriteria: 2016 ACR fibromyalgia criteria. "
        "`fibro-assess report ID` writes an earlier report again.\n"
    )
    return line(titles) + "".join(line(r) for r in rows) + "\n" + legend


def _when(entry: Entry) -> str:
    return entry.local_time.strftime("%Y-%m-%d %H:%M")


def _num(value: float | int | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


# ---------------------------------------------------------------------------------------------
# report


def cmd_report(args: argparse.Namespace, out: IO[str] | None = None) -> int:
    """Write the PDF of a saved assessment again, with the assessments before it as its trend."""
    out = out or sys.stdout
    bank = _bank(args)
    with History() as history:
        entry = history.get(args.id)
        earlier = [e.result for e in history.earlier(entry.id)]
    try:
        from assessment import report
    except ImportError:
        raise FibroError("the PDF report is not available in this version") from None
    if entry.bank_hash != bank.sha256:
        print(
            "Note: this assessment was answered on another version of the questions; "
            "the report uses today's wording.",
            file=sys.stderr,
        )
    target = Path(args.out) if args.out else Path(f"fibro-assess-{entry.date}-{entry.id}.pdf")
    path = report.write_pdf(
        bank, entry.answers, entry.result, target, paper=args.paper, history=earlier
    )
    print(f"Report written to {path}", file=out)
    return 0


# ---------------------------------------------------------------------------------------------
# delete


def cmd_delete(
    args: argparse.Namespace, out: IO[str] | None = None, answer: IO[str] | None = None
) -> int:
    """Delete one assessment after asking (unless --yes); status 1 when nothing was deleted."""
    out = out or sys.stdout
    with History() as history:
        entry = history.get(args.id)
        if not args.yes:
            out.write(f"Delete the assessment of {_when(entry)}? [y/N] ")
            out.flush()
            reply = (answer or sys.stdin).readline()
            if reply.strip().lower() not in ("y", "yes"):
                print("Nothing deleted.", file=out)
                return 1
        history.delete(entry.id)
    print(f"Deleted assessment {entry.id} of {_when(entry)}.", file=out)
    return 0


# ---------------------------------------------------------------------------------------------
# export


def cmd_export(args: argparse.Namespace, out: IO[str] | None = None) -> int:
    """Write the history (or, with --questionnaire, the bank) to --out or standard output."""
    if args.questionnaire and args.format != "fhir":
        raise FibroError("--questionnaire goes with --format fhir")
    with History() as history:
        entries = history.list()
    text = render_export(args, entries)
    if args.out:
        write_private(Path(args.out), text, what="the export")
        what = "the questionnaire" if args.questionnaire else f"{len(entries)} assessment(s)"
        print(f"Exported {what} to {args.out}", file=sys.stderr)
    else:
        (out or sys.stdout).write(text)
    return 0


def render_export(args: argparse.Namespace, entries: list[Entry]) -> str:
    """The export's text for the chosen format."""
    import json

    from assessment import export

    if args.format == "json":
        return export.to_json(entries)
    if args.format == "csv":
        buffer = io.StringIO(newline="")
        export.to_csv(entries, buffer)
        return buffer.getvalue()
    from assessment import fhir

    bank = _bank(args)
    if args.questionnaire:
        return json.dumps(fhir.questionnaire(bank), indent=2, ensure_ascii=False) + "\n"
    older = sum(1 for e in entries if e.bank_hash != bank.sha256)
    if older:
        print(
            f"Note: {older} assessment(s) were answered on another version of the questions; "
            "their responses follow today's questions and name the version they used.",
            file=sys.stderr,
        )
    return json.dumps(fhir.bundle(bank, entries), indent=2, ensure_ascii=False) + "\n"


def _bank(args: argparse.Namespace):
    from assessment.bank import load_bank
    from assessment.paths import default_bank_path

    return load_bank(getattr(args, "questions", None) or default_bank_path())
