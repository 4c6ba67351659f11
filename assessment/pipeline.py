"""The steps after scoring that every way of answering shares: the PDF first, then the history.

The wizard and `--answers` both end here, so a finished assessment is treated the same whichever
way it was answered.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from assessment import __version__
from assessment.core.bank import Bank
from assessment.core.scoring import Result
from assessment.i18n.words import _

if TYPE_CHECKING:  # a check-in's own modules are imported by the runs that make one
    from assessment.core import check_in
    from assessment.core.check_in import CheckInResult
    from assessment.report import engine


@dataclass(frozen=True)
class Finishing:
    """What to do with a finished assessment: where its PDF goes, on what paper, and whether to
    keep it in the history."""

    out: Path | None = None
    paper: str = "a4"
    save: bool = True
    part: str = "all"  # which part of the PDF: doctor, plan or all
    large_print: bool = False  # the PDF's text at 14 pt
    today: date | None = None  # the date printed on the PDF; by default the computer's
    plain: bool = False  # asked line by line: the line showing work is printed once, not turned


@dataclass(frozen=True)
class Finished:
    """Where a finished assessment went: the PDF written and the history entry, if any."""

    report: Path | None = None
    history_id: int | None = None


def finish(
    bank: Bank,
    answers: dict[str, Any],
    result: Result,
    how: Finishing,
    note: IO[str] | None = None,
    rendering: engine.Rendering | None = None,
) -> Finished:
    """The PDF if asked, then the history entry.

    The PDF comes first, so a report that cannot be written (exit 2) leaves no history entry
    behind that a corrected retry would repeat. The answers themselves are already safe.
    `rendering` is the PDF already begun by `start_report`, if the caller began it.
    """
    note = note or sys.stdout
    report = None
    if how.out:
        report = write_report(bank, answers, result, how, note, rendering)
    history_id = save_history(bank, answers, result, note) if how.save else None
    return Finished(report, history_id)


def save_history(
    bank: Bank,
    answers: dict[str, Any],
    result: Result | CheckInResult,
    note: IO[str],
    kind: str = "assessment",
) -> int:
    """Keep a finished assessment or check-in in the local history, for the trends."""
    from assessment.history.store import History

    with History() as history:
        entry_id = history.save(
            answers,
            result.to_dict(),
            program_version=__version__,
            bank_hash=bank.sha256,
            assessed_at=result.meta.assessed_at,
            kind=kind,
        )
    if kind == "assessment":
        print(_("Saved to your history as assessment {id}.").format(id=entry_id), file=note)
    else:
        print(_("Saved to your history as check-in {id}.").format(id=entry_id), file=note)
    return entry_id


def finish_check_in(
    bank: Bank,
    answers: dict[str, Any],
    result: CheckInResult,
    save: bool,
    note: IO[str] | None = None,
) -> int | None:
    """A finished check-in goes to the history (unless --no-save); it has no PDF of its own."""
    if not save:
        return None
    from assessment.core import check_in

    return save_history(bank, answers, result, note or sys.stdout, kind=check_in.KIND)


def latest_assessment() -> tuple[int | None, list[check_in.PlanAction]]:
    """The newest full assessment's history id and the top actions of its plan, which the
    check-in asks about; (None, []) before the first one."""
    from assessment.core import check_in
    from assessment.history.store import History, default_path

    if not default_path().exists():  # reading must not create a history
        return None, []
    with History() as history:
        entry = history.latest_before()
    if entry is None:
        return None, []
    return entry.id, check_in.plan_actions(entry.result)


def start_report(
    bank: Bank, answers: dict[str, Any], result: Result, how: Finishing
) -> engine.Rendering | None:
    """Begin the PDF as `how` says on a thread of its own, so that it is rendered while the
    wizard saves the answers and shows the summary; None when no PDF is asked for.

    The thread reads the earlier assessments (for the trends) and renders; it writes nothing.
    Only `write_report`, in the caller's thread, writes the file: Ctrl-C while it waits leaves
    no PDF and no history entry.
    """
    from assessment.report import engine

    if not how.out:
        return None
    work = functools.partial(_render, bank, answers, result, result.to_dict(), how)
    return engine.Rendering(work)


def _render(
    bank: Bank,
    answers: dict[str, Any],
    result: Result,
    shape: dict[str, Any],
    how: Finishing,
    prepared: Any,
) -> bytes:
    from assessment.report import render

    assert how.out is not None
    render.check_destination(how.out)  # before the slow part
    return render.pdf_bytes(
        bank,
        answers,
        shape,
        paper=how.paper,
        history=earlier_results(result),
        today=how.today,
        prepared=prepared,
        part=how.part,
        large_print=how.large_print,
    )


def write_report(
    bank: Bank,
    answers: dict[str, Any],
    result: Result,
    how: Finishing,
    note: IO[str],
    rendering: engine.Rendering | None = None,
) -> Path:
    """Render the PDF as `how` says (where, paper, part, print size), with earlier assessments
    from the history for the trends, unless `rendering` has begun it already; then write it.

    On a terminal a line with a turning mark shows while it is still being rendered (a second or
    more), and a missing fast font subsetter is named once, with how to install it. In plain
    mode the line is printed once instead (plain mode never redraws).
    """
    from assessment.report import engine, render
    from assessment.terminal import progress, texts

    assert how.out is not None
    rendering = rendering or start_report(bank, answers, result, how)
    assert rendering is not None
    with progress.working(texts.WRITING_REPORT, note, once=how.plain):
        out = render.save_pdf(how.out, rendering.pdf)
    if engine.slow_subsetter():
        print(_(engine.SUBSETTER_TIP), file=note)
    print(_("Report written to {path}").format(path=out), file=note)
    return out


def earlier_results(result: Result) -> list:
    """Assessments saved before this one, oldest first, whole (the report compares names)."""
    from assessment.history.store import History, default_path

    if not default_path().exists():  # reading must not create a history for a --no-save run
        return []
    with History() as history:
        return history.earlier(result.meta.assessed_at)
