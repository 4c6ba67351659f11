"""Every benchmark in one run, each printing its ratios against the floor measured beside it,
with the target next to each.

    .venv/bin/python benchmarks/run_all.py [--quick]

`--quick` runs fewer repeats (a rough look; the README's figures use the default).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_core  # noqa: E402
import bench_history  # noqa: E402
import bench_report  # noqa: E402
import bench_wizard  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args(argv)
    repeats = ["--repeats", "3"] if args.quick else []
    print("== scoring and start-up (bench_core.py)")
    bench_core.main()
    print("\n== the wizard in a pty (bench_wizard.py)")
    bench_wizard.main(repeats)
    print("\n== history (bench_history.py)")
    bench_history.main(repeats)
    print("\n== PDF (bench_report.py)")
    return bench_report.main(repeats)


if __name__ == "__main__":
    sys.exit(main())
