"""Keystrokes of a full wizard run at 80x24 over the sample answers: before and after a change.

Run: .venv/bin/python benchmarks/keystrokes.py [--before COMMIT] [--answers FILE]
Both runs are real: the wizard of this checkout, and that of COMMIT (unpacked with git archive
into a temporary folder), each in a pseudo-terminal, answered screen by screen with the fewest
keys a person would press (tests/wizard_driver.py). Prints the presses that choose and move, the
characters typed into number and text answers, the screens, and after/before.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from wizard_driver import answer_all  # noqa: E402

from assessment.core.loader import load_bank  # noqa: E402

BEFORE = "05a3687"  # main when the adaptive path was started


def measure(checkout: Path, answers_file: Path, numbered: bool) -> tuple[int, int, int]:
    bank = load_bank(checkout / "questions.yaml")
    answers = yaml.safe_load(answers_file.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as home:
        run = answer_all(bank, answers, Path(home), checkout=checkout, numbered=numbered)
    if run.status != 0:
        raise SystemExit(f"the wizard of {checkout} ended with status {run.status}")
    return run.keys.presses, run.keys.typed, run.screens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help="the commit to compare with")
    parser.add_argument("--answers", type=Path, default=ROOT / "examples" / "sample-answers.yaml")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        old = Path(folder)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.before], capture_output=True, check=True
        ).stdout
        with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
            tar.extractall(old, filter="data")
        before = measure(old, args.answers, numbered=False)
    after = measure(ROOT, args.answers, numbered=True)
    print(f"{'':8}{'presses':>9}{'typed':>8}{'total':>8}{'screens':>9}")
    for name, (presses, typed, screens) in (("before", before), ("after", after)):
        print(f"{name:8}{presses:>9}{typed:>8}{presses + typed:>8}{screens:>9}")
    print(f"after/before: presses {after[0] / before[0]:.2f}, "
          f"total {(after[0] + after[1]) / (before[0] + before[1]):.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
