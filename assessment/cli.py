"""The `fibro-assess` command: wires the steps together and turns errors into exit codes.

Exit status: 0 done, 2 bad input (bank, answers, paths, no terminal), 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from assessment import __version__
from assessment.errors import FibroError
from assessment.i18n import words
from assessment.i18n.words import N_, _

SPEECH = None  # the run's language and region (i18n.choice.Speech), set first thing by main

EXAMPLES = N_("""\
examples:
  fibro-assess                                  answer the questions in this terminal
  fibro-assess --plain                          the same, line by line (screen readers)
  fibro-assess --answers my-answers.yaml --out report.pdf
  fibro-assess --answers my-answers.yaml --out for-the-doctor.pdf --part doctor
  fibro-assess --answers my-answers.yaml --json
  fibro-assess --answers partly.yaml --partial --json
  fibro-assess check questions.yaml             check an edited question bank
  fibro-assess batch answers/ --out-dir reports one PDF per file, and summary.csv
  fibro-assess check-in                         two minutes between full assessments
  fibro-assess check-in --answers week.yaml     the same from a file
  fibro-assess history                          earlier assessments
""")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fibro-assess",
        description=_(
            "A gentle self-assessment of the factors behind back pain in fibromyalgia.\n"
            "It scores each factor, shows how they feed one another, and writes a PDF\n"
            "to bring to your doctor. It is not a diagnosis."
        ),
        epilog=_(EXAMPLES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"fibro-assess {__version__}",
        help=_("show program's version number and exit"),  # argparse's own default is English
    )
    add_lang_option(parser)
    _add_run_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser(
        "check",
        help=_("check a question bank and list every mistake"),
        description=_("Check a question bank; each mistake is shown as file:line: field: message."),
        epilog=_("example:\n  fibro-assess check questions.yaml"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("path", nargs="?", help=_("the bank to check (default: the built-in bank)"))
    check.set_defaults(func=cmd_check)

    _add_batch_command(sub)

    check_in = sub.add_parser(
        "check-in",
        help=_("a two-minute check-in between full assessments"),
        description=_(
            "A few questions between full assessments: back pain now and on average, how pain "
            "gets in the way (PEG), sleep, stress, notes, and whether you managed each of the "
            "top three actions of your last full assessment. Kept in the history; the factor "
            "scores stay those of the last full assessment."
        ),
        epilog=_(
            "examples:\n"
            "  fibro-assess check-in\n"
            "  fibro-assess check-in --answers this-week.yaml\n"
            "  fibro-assess check-in --answers this-week.yaml --json --no-save"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check_in.add_argument(
        "--answers", metavar="FILE", help=_("take the answers from a file (YAML or JSON)")
    )
    check_in.add_argument(
        "--partial",
        action="store_true",
        help=_("with --answers: allow missing answers (recorded as unknown)"),
    )
    check_in.add_argument(
        "--json", action="store_true", help=_("with --answers: print what was recorded as JSON")
    )
    check_in.add_argument(
        "--questions", metavar="PATH", help=_("use another question bank (default: the built-in)")
    )
    check_in.add_argument(
        "--no-save", action="store_true", help=_("do not keep this check-in in the local history")
    )
    check_in.add_argument(
        "--plain", action="store_true", help=_("ask line by line, as fibro-assess --plain does")
    )
    check_in.set_defaults(func=cmd_check_in)

    _add_optional_commands(sub)
    for command in sub.choices.values():  # `fibro-assess report 3 --lang fr` as well
        add_lang_option(command, default=argparse.SUPPRESS)
    parser.set_defaults(func=cmd_run)
    return parser


def add_lang_option(parser: argparse.ArgumentParser, default: Any = None) -> None:
    """`--lang en|fr|es`: read by `speech_of` before parsing; here so it is listed and checked."""
    from assessment.i18n import LANGS

    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=default,
        help=_("language of the questions, the report and every message "
               "(default: from LC_ALL, LC_MESSAGES or LANG)"),
    )  # fmt: skip


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--answers",
        metavar="FILE",
        help=_(
            "score an answers file (YAML, JSON or a FHIR QuestionnaireResponse) instead of asking"
        ),
    )
    parser.add_argument(
        "--partial",
        action="store_true",
        help=_("with --answers: allow missing answers (scored as unknown)"),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=_("with --answers: print the result as JSON on standard output"),
    )
    parser.add_argument("--out", metavar="PDF", help=_("write the PDF report here"))
    parser.add_argument(
        "--paper",
        choices=("a4", "letter"),
        default="a4",
        help=_("paper size of the PDF (default: a4)"),
    )
    add_pdf_options(parser)
    parser.add_argument(
        "--questions",
        metavar="PATH",
        help=_("use another question bank (default: the built-in bank)"),
    )
    parser.add_argument(
        "--no-save", action="store_true", help=_("do not keep this assessment in the local history")
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help=_(
            "ask line by line, with numbered choices and no colour or redrawing: for screen "
            "readers, braille displays and simple terminals; also reads answers through a pipe "
            "(the default when TERM=dumb)"
        ),
    )


def _add_batch_command(sub: Any) -> None:
    batch = sub.add_parser(
        "batch",
        help=_("many answers files or QuestionnaireResponses to one PDF each, with summary.csv"),
        description=_(
            "Score answers files and FHIR QuestionnaireResponses (files, or folders of .yaml, "
            ".yml and .json files) into one PDF each, named after the file, and summary.csv "
            "with one row per input. A bad file is one line naming it; the rest carry on, "
            "and the exit status is 2 if any failed. Nothing is saved to the history unless "
            "--save is given."
        ),
        epilog=_(
            "examples:\n"
            "  fibro-assess batch responses/ --out-dir reports\n"
            "  fibro-assess batch a.yaml b.json --out-dir reports --jobs 2"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    batch.add_argument("paths", nargs="+", metavar="PATH", help=_("answers files or folders"))
    batch.add_argument("--out-dir", required=True, metavar="DIR", help=_("where the PDFs go"))
    batch.add_argument(
        "--jobs", type=_positive, metavar="N", help=_("processes to use (default: the cores)")
    )
    batch.add_argument(
        "--save", action="store_true", help=_("also keep each assessment in the local history")
    )
    batch.add_argument(
        "--paper", choices=("a4", "letter"), default=argparse.SUPPRESS, help=_("(default: a4)")
    )
    batch.add_argument(
        "--questions", metavar="PATH", default=argparse.SUPPRESS, help=_("another question bank")
    )
    batch.set_defaults(func=cmd_batch)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return int(text)


def cmd_batch(args: argparse.Namespace) -> int:
    from assessment import batch

    bank = load_bank(args)
    outcomes = batch.run(
        bank, args.paths, Path(args.out_dir), jobs=args.jobs, paper=args.paper, save=args.save
    )
    failed = sum(1 for o in outcomes if o.problem)
    said = _("{done} of {count} reports written to {folder}, with summary.csv").format(
        done=len(outcomes) - failed, count=len(outcomes), folder=args.out_dir
    )
    print(said + (_("; {failed} failed").format(failed=failed) if failed else ""))
    return 2 if failed else 0


def add_pdf_options(parser: argparse.ArgumentParser) -> None:
    """--part (the whole report, or only one of its two parts) and --large-print, for the
    wizard, --answers and `report ID` alike."""
    parser.add_argument(
        "--part",
        choices=("doctor", "plan", "all"),
        default="all",
        help=_(
            "which part of the PDF: doctor (two pages for your doctor), plan (your plan and the "
            "appendix) or all (default: all)"
        ),
    )
    parser.add_argument(
        "--large-print",
        action="store_true",
        help=_("print the PDF in large type (14 pt text) for low vision"),
    )


def _add_optional_commands(sub: Any) -> None:
    """Commands that live in their own modules (history, export) register themselves here."""
    from assessment.history import arguments

    arguments.add_history_commands(sub)
    add_pdf_options(sub.choices["report"])  # `report ID` writes the PDF too


def load_bank(args: argparse.Namespace):
    """The bank to run with (`--questions`, else the built-in one), checked (from the data
    folder's cache when checked before), in the run's language."""
    from assessment.i18n import bank as translated
    from assessment.paths import default_bank_path

    return translated.load(getattr(args, "questions", None) or default_bank_path(), SPEECH)


def cmd_check(args: argparse.Namespace) -> int:
    from assessment.core.loader import load_bank as _load
    from assessment.errors import BankError
    from assessment.i18n import checks
    from assessment.paths import default_bank_path

    path = args.path or default_bank_path()
    bank = _load(path)
    problems, notes = checks.check(path, getattr(args, "lang", None))
    if problems:
        raise BankError(problems)
    print(
        _("{path}: ok, {sections} sections, {questions} questions, {links} links, "
          "{advice} advice rules").format(
            path=path, sections=len(bank.sections), questions=len(bank.questions),
            links=len(bank.links), advice=len(bank.advice),
        )
    )  # fmt: skip
    for note in notes:
        print(note)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    if args.answers:
        return run_answers(load_bank(args), args)
    bank, facts = bank_for_the_wizard(args)
    if args.json or args.partial:
        raise FibroError(_("--json and --partial go with --answers FILE"))
    from assessment.terminal import texts, wizard

    plain = args.plain or texts.dumb_terminal()
    if not plain:
        _need_terminal(
            "fibro-assess",
            _(
                "answer line by line with --plain (which also reads a pipe), "
                "or score a file with --answers FILE"
            ),
        )
    return wizard.run(bank, facts=facts, **wizard_options(args), plain=plain)


def bank_for_the_wizard(args: argparse.Namespace):
    """The bank to ask and the welcome's facts. When an earlier run kept the facts of this very
    bank, the welcome shows at once and the bank comes behind it (still `Loading`); otherwise it
    is loaded now, so a broken bank is refused before anything is shown, and its facts kept."""
    from assessment.paths import default_bank_path
    from assessment.terminal import welcome

    path = getattr(args, "questions", None) or default_bank_path()
    facts = welcome.cached(path)
    if facts is not None:
        return welcome.Loading(lambda: load_bank(args)), facts
    bank = load_bank(args)
    welcome.keep(path, welcome.facts_of(bank))
    return bank, None


def wizard_options(args: argparse.Namespace) -> dict[str, Any]:
    """The run options the wizard takes: where the PDF goes, its paper, part and print size, and
    saving."""
    return {
        "out": args.out,
        "paper": args.paper,
        "part": args.part,
        "large_print": args.large_print,
        "save": not args.no_save,
    }


def cmd_check_in(args: argparse.Namespace) -> int:
    """The check-in: in the terminal, or from an answers file with --answers."""
    from assessment import pipeline
    from assessment.core import check_in

    bank = load_bank(args)
    after, actions = pipeline.latest_assessment()
    asked = check_in.questions(bank, actions)
    if not args.answers:
        if args.json or args.partial:
            raise FibroError(_("--json and --partial go with --answers FILE"))
        from assessment.terminal import check_in as wizard
        from assessment.terminal import texts

        plain = args.plain or texts.dumb_terminal()
        if not plain:
            _need_terminal(
                "fibro-assess check-in",
                _("answer line by line with --plain, or give the answers with --answers FILE"),
            )
        return wizard.run(bank, asked, actions, after=after, save=not args.no_save, plain=plain)
    answers = check_in.load(asked, args.answers, actions, partial=args.partial)
    result = check_in.record(bank, answers, actions, assessed_at=_now(), after=after)
    note = sys.stderr if args.json else sys.stdout
    pipeline.finish_check_in(bank, answers, result, not args.no_save, note)
    if args.json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    return 0


def _now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _need_terminal(command: str, otherwise: str) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise FibroError(
            _("the questions are asked in a terminal: run {command} in one, or {otherwise}").format(
                command=command, otherwise=otherwise
            )
        )


def run_answers(bank, args: argparse.Namespace) -> int:
    from assessment import pipeline
    from assessment.core import answers as answers_mod
    from assessment.core.scoring import assess

    answers = answers_mod.load(bank, args.answers, partial=args.partial)
    result = assess(bank, answers)
    note = sys.stderr if args.json else sys.stdout
    pipeline.finish(bank, answers, result, finishing(args), note)
    if args.json:
        try:  # NaN or Infinity would not be JSON at all; the bank's number limits keep them out
            text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False, allow_nan=False)
        except ValueError:
            raise FibroError(
                _("the result holds a number that is not finite; no JSON written")
            ) from None
        sys.stdout.write(text + "\n")
    return 0


def finishing(args: argparse.Namespace, default_out: Path | None = None):
    """The run options that decide what happens to a finished assessment."""
    from assessment.pipeline import Finishing

    out = Path(args.out) if args.out else default_out
    return Finishing(
        out=out,
        paper=args.paper,
        part=args.part,
        large_print=args.large_print,
        save=not args.no_save,
    )


def _stop_on_signal(signum: int, _frame: Any) -> None:
    """SIGTERM or SIGHUP (a closed terminal): unwind like Ctrl-C, so half-written files go."""
    raise SystemExit(128 + signum)


def install_signal_handlers() -> None:
    """Let `finally` blocks run on SIGTERM and SIGHUP: no `.part` file is left behind."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop_on_signal)


def speech_of(argv: list[str]):
    """The language and region of this run: `--lang` wherever it stands, else the locale. Read
    before the parser is built, so `--help` and argparse's own errors speak it too."""
    from assessment.i18n import LANGS, choice

    flag = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            flag = argv[i + 1]
        elif arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGS:
            flag = arg.split("=", 1)[1]
    return choice.choose(flag)


def main(argv: list[str] | None = None) -> int:
    global SPEECH
    argv = sys.argv[1:] if argv is None else argv
    SPEECH = speech_of(argv)
    words.use(SPEECH.lang, SPEECH.region)
    from assessment.i18n import argparse_words

    # English too: argparse's own gettext looks for a catalogue on disk for every word it has.
    argparse_words.install()
    parser = build_parser()
    args = parser.parse_args(argv)
    install_signal_handlers()
    try:
        if getattr(args, "out", None) is not None and not args.out.strip():
            raise FibroError(_("--out needs a file name; it was given an empty one"))
        return args.func(args)
    except FibroError as exc:
        for line in str(exc).splitlines() or [type(exc).__name__]:
            print(f"fibro-assess: {line}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("\n" + _("Stopped."), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
