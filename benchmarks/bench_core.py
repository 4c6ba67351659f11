"""Speed and memory of the scoring core and of start-up, as ratios to the bare libraries.

Run: .venv/bin/python benchmarks/bench_core.py
Every figure is measured in this run, next to the bare library doing the nearest thing:
- loading and validating the bank  vs  PyYAML's fastest safe loader on the same file;
- scoring the sample answers       vs  the same loader reading the sample answers file;
- the action plan (one counterfactual scoring per action) vs one scoring of the factors;
- `fibro-assess --version` start-up vs  a Python process that imports questionary;
- `--answers --json` peak memory   vs  a Python process that imports yaml, pydantic and jinja2.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_report import measure  # noqa: E402  (the same wrapper for both benchmarks)
from compiled import compile_program  # noqa: E402

from assessment.core import answers as answers_mod  # noqa: E402
from assessment.core import factors, plan  # noqa: E402
from assessment.core.loader import load_bank  # noqa: E402
from assessment.core.scoring import assess  # noqa: E402

FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BANK = ROOT / "questions.yaml"
SAMPLE = ROOT / "examples" / "sample-answers.yaml"


def per_call(fn, repeat: int = 7, number: int = 20) -> float:
    """Median seconds per call over `repeat` batches of `number` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def side_by_side(ours: list[str], bare: list[str], repeat: int = 9) -> tuple[tuple, tuple]:
    """Median wall seconds and largest peak RSS (kB) of two commands, each run in turn with the
    other (after one unmeasured run of each, which makes the bank cache), so a busy machine's
    swings fall on both alike. A small wrapper starts each run, so a peak is the command's own.
    """
    runs: dict[int, list[dict]] = {0: [], 1: []}
    for turn in range(repeat + 1):
        for side, cmd in enumerate((ours, bare)):
            data = measure(cmd, ENV)
            if turn:
                runs[side].append(data)
    return tuple(
        (statistics.median(d["seconds"] for d in runs[s]), max(d["peak_kb"] for d in runs[s]))
        for s in (0, 1)
    )  # type: ignore[return-value]


def row(
    name: str,
    ours: float,
    bare: float,
    unit: str = "ms",
    scale: float = 1000,
    target: float | None = None,
) -> None:
    aim = f"(target <= {target}x)" if target else "(no target)"
    print(
        f"{name:<38} {ours * scale:9.2f} {unit}   bare {bare * scale:9.2f} {unit}"
        f"   ratio {ours / bare:5.2f}x  {aim}"
    )


home = tempfile.mkdtemp(prefix="fibro-bench-")
ENV = {**os.environ, "FIBRO_ASSESS_HOME": home}


def main() -> None:
    compile_program()  # as installed: the bytecode is there before the first run
    text = BANK.read_text()
    sample_text = SAMPLE.read_text()
    bank = load_bank(BANK)
    sample = answers_mod.load(bank, SAMPLE)

    print(f"fibro-assess core benchmark ({sys.version.split()[0]}, {os.cpu_count()} cores)\n")
    row(
        "load + validate bank",
        per_call(lambda: load_bank(BANK), number=5),
        per_call(lambda: yaml.load(text, Loader=FAST), number=5),
    )
    row(
        "score sample answers (assess)",
        per_call(lambda: assess(bank, sample)),
        per_call(lambda: yaml.load(sample_text, Loader=FAST)),
    )

    row(
        f"action plan ({len(bank.actions)} actions)",
        per_call(lambda: plan.build(bank, sample)),
        per_call(lambda: factors.score(bank, sample)),
    )

    py = sys.executable
    (ours_t, _), (bare_t, _) = side_by_side(
        [py, "-m", "assessment", "--version"], [py, "-c", "import questionary"]
    )
    row("start-up: fibro-assess --version", ours_t, bare_t)

    (json_t, json_mem), (bare_t, bare_mem) = side_by_side(
        [py, "-m", "assessment", "--answers", str(SAMPLE), "--json", "--no-save"],
        [py, "-c", "import yaml, pydantic, jinja2"],
    )
    row("--answers --json (wall)", json_t, bare_t, target=2.0)
    row("--answers --json (peak memory)", json_mem, bare_mem, unit="MB", scale=1 / 1024)


if __name__ == "__main__":
    main()
