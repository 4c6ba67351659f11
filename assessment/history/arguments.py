"""The history commands' arguments: `history`, `report`, `delete` and `export`.

Apart from history/commands.py, which runs them, so that building the command line (on every
run, `--answers --json` too) imports none of what they need.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from assessment.i18n.words import _

_RAW = argparse.RawDescriptionHelpFormatter


def add_history_commands(subparsers: Any) -> None:
    """Register history, report, delete and export, each with help and examples."""
    history = subparsers.add_parser(
        "history",
        help=_("list earlier assessments"),
        description=_("List the assessments kept in your local history, oldest first."),
        epilog=_("example:\n  fibro-assess history"),
        formatter_class=_RAW,
    )
    history.add_argument(
        "--questions",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=_("the question bank whose factors head the columns (default: the built-in bank)"),
    )
    history.set_defaults(func=_later("cmd_history"))

    report = subparsers.add_parser(
        "report",
        help=_("write the PDF report of an earlier assessment again"),
        description=_(
            "Write the PDF report of an earlier assessment, with the trend up to that day. "
            "The ID is the first column of the list that fibro-assess history prints."
        ),
        epilog=_(
            "examples:\n"
            "  fibro-assess report 3\n"
            "  fibro-assess report 3 --out ~/Documents/back-pain-march.pdf --paper letter\n"
            "  fibro-assess report 3 --part doctor"
        ),
        formatter_class=_RAW,
    )
    report.add_argument("id", type=int, help=_("the assessment's ID"))
    report.add_argument(
        "--out", metavar="PDF", help=_("where to write it (default: fibro-assess-DATE-ID.pdf here)")
    )
    report.add_argument("--paper", choices=("a4", "letter"), default="a4", help=_("(default: a4)"))
    report.add_argument(
        "--questions",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=_("the question bank for the wording (default: the built-in bank)"),
    )
    report.set_defaults(func=_later("cmd_report"))

    delete = subparsers.add_parser(
        "delete",
        help=_("delete an assessment from the history"),
        description=_(
            "Delete one assessment from the local history for good. Asks first unless --yes "
            "is given; exits with status 1 when nothing was deleted."
        ),
        epilog=_("examples:\n  fibro-assess delete 3\n  fibro-assess delete 3 --yes"),
        formatter_class=_RAW,
    )
    delete.add_argument("id", type=int, help=_("the assessment's ID (see fibro-assess history)"))
    delete.add_argument("--yes", action="store_true", help=_("do not ask (for scripts)"))
    delete.set_defaults(func=_later("cmd_delete"))

    export = subparsers.add_parser(
        "export",
        help=_("write the history as JSON, CSV or FHIR"),
        description=_(
            "Write every saved assessment to a file or standard output: json (everything, "
            "answers included), csv (one row per assessment: scores and bands, no free text) "
            "or fhir (an R4B Bundle with a QuestionnaireResponse and score Observations per "
            "assessment). Files are written readable by you only."
        ),
        epilog=_(
            "examples:\n"
            "  fibro-assess export --out history.json\n"
            "  fibro-assess export --format csv --out history.csv\n"
            "  fibro-assess export --format fhir --out history.fhir.json\n"
            "  fibro-assess export --format fhir --questionnaire --out questionnaire.json"
        ),
        formatter_class=_RAW,
    )
    export.add_argument(
        "--format", choices=("json", "csv", "fhir"), default="json", help=_("(default: json)")
    )
    export.add_argument("--out", metavar="FILE", help=_("write here (default: standard output)"))
    export.add_argument(
        "--questionnaire",
        action="store_true",
        help=_("with --format fhir: write the question bank as a FHIR Questionnaire instead"),
    )
    export.add_argument(
        "--questions",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=_("with csv or fhir: the question bank (default: the built-in bank)"),
    )
    export.set_defaults(func=_later("cmd_export"))


def _later(name: str) -> Callable[..., int]:
    """The command `name` of history/commands.py, imported when it runs."""

    def run(args: argparse.Namespace) -> int:
        from assessment.history import commands

        return getattr(commands, name)(args)

    return run
