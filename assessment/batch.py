"""`fibro-assess batch`: many answers files or QuestionnaireResponses to one PDF each, for a clinic.

A clinic scores dozens of people at once, and starting the program once per file pays for
Python, WeasyPrint and the bank every time. A batch imports them once, keeps one prepared
renderer (report/prepared.py) per worker process, and spreads the files over `--jobs`
processes. A bad file costs one line naming it; the others carry on, and the exit status is 2
when any failed. The reports are about other people, so nothing goes into the history (nor
comes out of it as a trend) unless `--save` asks for it.

summary.csv has one row per input. File names are input, and a spreadsheet runs a cell that
begins with `=`, `+`, `-` or `@` as a formula, so such a cell gets a leading `'`.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from assessment import __version__
from assessment.core.bank import Bank
from assessment.errors import FibroError

SUFFIXES = (".yaml", ".yml", ".json")
FIXED_COLUMNS = ("file", "status", "combined_index")
LAST_COLUMNS = ("acr2016_met", "red_flag_level", "red_flags", "pdf", "problem")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Outcome:
    """What became of one input: its PDF and scores, or the one line saying why not."""

    source: Path
    planned: Path  # the PDF it was to be (unique, so it keeps the inputs' order)
    pdf: Path | None = None
    problem: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    result: dict[str, Any] = field(default_factory=dict)


def inputs(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The files to score: each file named, and the answers files directly inside each folder."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
            )
        else:
            found.append(path)  # a missing file is reported as that file's problem
    return found


def pdf_names(sources: Sequence[Path], out_dir: Path) -> list[Path]:
    """One PDF per input, named after its file; a name met twice gets -2, -3 ..."""
    taken: set[str] = set()
    names = []
    for source in sources:
        stem = source.stem or "answers"
        name, n = f"{stem}.pdf", 1
        while name.lower() in taken:
            n += 1
            name = f"{stem}-{n}.pdf"
        taken.add(name.lower())
        names.append(out_dir / name)
    return names


# ---------------------------------------------------------------------------------------------
# One input, in a worker process

_WORKER: dict[str, Any] = {}  # the bank, paper and prepared renderer of this process


def _start_worker(bank: Bank, paper: str) -> None:
    _WORKER.update(bank=bank, paper=paper, prepared=None)


def _start_pool_worker(bank: Bank, paper: str) -> None:
    """A worker leaves Ctrl-C to the batch itself, which stops once, with one line."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from assessment.i18n import words

    words.use(bank.lang, words.region())  # the bank's language, whatever the start method
    _start_worker(bank, paper)


def score_one(job: tuple[Path, Path]) -> Outcome:
    """Read, score and render one input; any problem becomes the outcome's one line."""
    from assessment.core import answers as answers_mod
    from assessment.core.scoring import assess
    from assessment.report import render
    from assessment.report.prepared import Prepared

    source, pdf = job
    bank = _WORKER["bank"]
    try:
        answers = answers_mod.load(bank, source)
        result = assess(bank, answers).to_dict()
        if _WORKER["prepared"] is None:
            _WORKER["prepared"] = Prepared()
        render.write_pdf(
            bank, answers, result, pdf, paper=_WORKER["paper"], prepared=_WORKER["prepared"]
        )
    except FibroError as exc:
        return Outcome(source, pdf, problem=one_line(source, str(exc)))
    return Outcome(source, pdf, pdf=pdf, answers=answers, result=result)


def one_line(source: Path, message: str) -> str:
    """A problem as one line that names the file first (and counts any further problems)."""
    lines = [line for line in message.splitlines() if line.strip()] or ["could not be read"]
    first = lines[0] if lines[0].startswith(f"{source}:") else f"{source}: {lines[0]}"
    more = f" (and {len(lines) - 1} more problems)" if len(lines) > 1 else ""
    return f"{first}{more}"


# ---------------------------------------------------------------------------------------------
# The run


def run(
    bank: Bank,
    paths: Sequence[str | os.PathLike],
    out_dir: Path,
    *,
    jobs: int | None = None,
    paper: str = "a4",
    save: bool = False,
    err: IO[str] | None = None,
) -> list[Outcome]:
    """Score every input into `out_dir`, write summary.csv there, and return the outcomes."""
    err = err or sys.stderr
    sources = inputs(paths)
    if not sources:
        raise FibroError("no answers files found (.yaml, .yml or .json) in the paths given")
    _ready_folder(out_dir)
    work = list(zip(sources, pdf_names(sources, out_dir), strict=True))
    jobs = max(1, min(jobs or default_jobs(), len(work)))
    progress = Progress(len(work), err)
    outcomes: list[Outcome] = []
    for outcome in _outcomes(bank, paper, work, jobs):
        outcomes.append(outcome)
        progress.step(outcome.problem)
    progress.done()
    order = {pdf: n for n, (_, pdf) in enumerate(work)}
    outcomes.sort(key=lambda o: order[o.planned])
    if save:
        _save(bank, outcomes)
    write_summary(bank, outcomes, out_dir / "summary.csv")
    return outcomes


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _ready_folder(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise FibroError(f"--out-dir {out_dir} is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FibroError(f"cannot make the folder {out_dir}: {exc.strerror or exc}") from None


def _outcomes(bank: Bank, paper: str, work: list[tuple[Path, Path]], jobs: int):
    """Outcomes as they finish: in this process for one job, else in `jobs` forked workers
    that inherit the imports and the bank (each prepares its own renderer)."""
    if jobs == 1:
        _start_worker(bank, paper)
        yield from map(score_one, work)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    import weasyprint  # noqa: F401 - imported once here, so the workers start with it

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_pool_worker, initargs=(bank, paper)
    )
    try:
        for done in as_completed([pool.submit(score_one, w) for w in work]):
            yield done.result()
    finally:  # stopped: the reports under way finish, the rest are not started
        pool.shutdown(wait=True, cancel_futures=True)


class Progress:
    """A one-line bar on a terminal (problems print above it); silent when not a terminal,
    except for the problems."""

    WIDTH = 30

    def __init__(self, total: int, out: IO[str]):
        self.total, self.count, self.out = total, 0, out
        self.live = out.isatty()
        self._draw()

    def step(self, problem: str | None) -> None:
        self.count += 1
        if problem:
            self._clear()
            print(f"fibro-assess: {problem}", file=self.out)
        self._draw()

    def done(self) -> None:
        self._clear()

    def _draw(self) -> None:
        if self.live:
            filled = self.WIDTH * self.count // self.total
            bar = "#" * filled + "." * (self.WIDTH - filled)
            self.out.write(f"\r[{bar}] {self.count}/{self.total} reports")
            self.out.flush()

    def _clear(self) -> None:
        if self.live:
            self.out.write("\r\x1b[2K")
            self.out.flush()


def _save(bank: Bank, outcomes: list[Outcome]) -> None:
    from assessment.history.store import History

    with History() as history:
        for outcome in outcomes:
            if outcome.problem is None:
                history.save(
                    outcome.answers,
                    outcome.result,
                    program_version=__version__,
                    bank_hash=bank.sha256,
                    assessed_at=outcome.result["meta"]["assessed_at"],
                )


# ---------------------------------------------------------------------------------------------
# summary.csv


def summary_columns(bank: Bank) -> list[str]:
    return [*FIXED_COLUMNS, *(f"{f.id}_score" for f in bank.factors), *LAST_COLUMNS]


def summary_row(bank: Bank, outcome: Outcome) -> dict[str, Any]:
    """One input's row: its scores when it was scored, its problem when not."""
    row: dict[str, Any] = {
        "file": str(outcome.source),
        "status": "failed" if outcome.problem else "ok",
        "problem": outcome.problem,
        "pdf": str(outcome.pdf) if outcome.pdf else None,
    }
    if outcome.problem:
        return row
    result = outcome.result
    factors = result.get("factors") or {}
    flags = result.get("red_flags") or []
    criteria = (result.get("instruments") or {}).get("acr2016") or {}
    row["combined_index"] = (result.get("synergy") or {}).get("index")
    for factor in bank.factors:
        row[f"{factor.id}_score"] = (factors.get(factor.id) or {}).get("score")
    row["acr2016_met"] = criteria.get("met")
    row["red_flag_level"] = flags[0]["level"] if flags else None
    row["red_flags"] = "; ".join(f"{f['id']}: {f['level']}" for f in flags)
    return row


def cell(value: Any) -> str:
    """A value as the history's CSV writes it (history/export.py), and never a formula."""
    from assessment.history.export import cell as plain_cell

    text = plain_cell(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def write_summary(bank: Bank, outcomes: Iterable[Outcome], path: Path) -> None:
    from assessment.files import private_atomic

    columns = summary_columns(bank)
    with private_atomic(path, "w", what="the summary") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        for outcome in outcomes:
            row = summary_row(bank, outcome)
            writer.writerow({key: cell(row.get(key)) for key in columns})
