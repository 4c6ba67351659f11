"""`fibro-assess history` with 1000 saved assessments against the same with 10 (target 1.5x).

    .venv/bin/python benchmarks/bench_history.py [--repeats 7]

Both histories hold the sample's real result, saved a day apart; each run is a fresh process
(`fibro-assess history`, output to a pipe), the two alternating; medians are compared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_report import measure, program  # noqa: E402
from compiled import compile_program  # noqa: E402

TARGET = 1.5


def fill(home: Path, count: int) -> None:
    from assessment import __version__
    from assessment.core import answers
    from assessment.core.loader import load_bank
    from assessment.core.scoring import assess
    from assessment.history.store import History
    from assessment.paths import default_bank_path

    bank = load_bank(default_bank_path())
    given = answers.load(bank, ROOT / "examples" / "sample-answers.yaml")
    result = assess(bank, given).to_dict()
    start = datetime(2020, 1, 1, 9, tzinfo=timezone.utc)
    with History(home / "history.sqlite3") as history:
        for i in range(count):
            history.save(
                given,
                result,
                program_version=__version__,
                bank_hash=bank.sha256,
                assessed_at=(start + timedelta(days=i)).isoformat(),
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    compile_program()  # as installed: the bytecode is there before the first run
    times: dict[int, list[float]] = {10: [], 1000: []}
    with tempfile.TemporaryDirectory(prefix="fibro-bench-") as tmp:
        homes = {}
        for count in times:
            homes[count] = Path(tmp) / f"home-{count}"
            homes[count].mkdir(mode=0o700)
            fill(homes[count], count)
        for run in range(args.repeats + 1):  # run 0 warms the file caches
            for count, home in homes.items():
                took = measure(
                    [*program(), "history"], {**os.environ, "FIBRO_ASSESS_HOME": str(home)}
                )
                if run:
                    times[count].append(took["seconds"])
    few, many = statistics.median(times[10]), statistics.median(times[1000])
    print(
        f"history listing   1000: {many:.3f} s   10: {few:.3f} s   "
        f"ratio {many / few:.2f}x  (target <= {TARGET}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
