"""Reports per minute: `fibro-assess batch` over N files against the program run once per file.

    .venv/bin/python benchmarks/bench_batch.py [--files 20] [--jobs 2] [--rounds 1]

The same N answers files (the sample, each with its own name and pain score) are scored to PDFs
two ways, in fresh processes with a fresh, empty FIBRO_ASSESS_HOME:
- one by one: `fibro-assess --answers F --out F.pdf --no-save` for each file, one after another,
  as a clinic would script it without batch;
- batch: `fibro-assess batch DIR --out-dir OUT --jobs J`.
With several rounds the two alternate, so load on the machine hits both alike; medians are
compared. Target: batch at least 2.5x the reports per minute on 2 cores. The bare floor is
printed too: the seconds of one `python -c "import weasyprint"`, the share of each one-by-one
run that batch pays once.

On a shared machine the wall times say how busy it was as much as anything, so the CPU seconds
of each way (its processes' user and system time, workers included) are printed as well, with
what they give on `--jobs` otherwise idle cores: one by one uses one core, batch spreads its CPU
seconds over the workers.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assessment.core import answers as answers_mod  # noqa: E402
from assessment.core.loader import load_bank  # noqa: E402
from assessment.paths import default_bank_path  # noqa: E402

SAMPLE = ROOT / "examples" / "sample-answers.yaml"
TARGET = 2.5


def program() -> list[str]:
    beside = Path(sys.executable).with_name("fibro-assess")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "assessment"]


def make_files(folder: Path, count: int) -> list[Path]:
    import json

    bank = load_bank(default_bank_path())
    sample = json.loads(json.dumps(answers_mod.load(bank, SAMPLE)))
    files = []
    for n in range(count):
        answers = {**sample, "name": f"Person {n + 1}", "pain_now": n % 11}
        path = folder / f"person-{n + 1:02d}.yaml"
        path.write_text(answers_mod.dump(bank, answers), "utf-8")
        files.append(path)
    return files


def _cpu() -> float:
    """User and system seconds of this process's finished children (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], home: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds of one command."""
    env = {**os.environ, "FIBRO_ASSESS_HOME": str(home)}
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
    return took, _cpu() - cpu


def one_by_one(files: list[Path], out: Path, home: Path) -> tuple[float, float]:
    wall = cpu = 0.0
    for f in files:
        pdf = out / f"{f.stem}.pdf"
        took = timed([*program(), "--answers", str(f), "--out", str(pdf), "--no-save"], home)
        wall, cpu = wall + took[0], cpu + took[1]
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        inputs = base / "in"
        inputs.mkdir()
        files = make_files(inputs, args.files)
        floor, _ = timed([sys.executable, "-c", "import weasyprint"], base / "home0")
        singles, batches = [], []
        for n in range(args.rounds):
            for kind in ("single", "batch") if n % 2 == 0 else ("batch", "single"):
                out = base / f"out-{kind}-{n}"
                out.mkdir()
                home = base / f"home-{kind}-{n}"
                if kind == "single":
                    singles.append(one_by_one(files, out, home))
                else:
                    command = [*program(), "batch", str(inputs), "--out-dir", str(out)]
                    batches.append(timed([*command, "--jobs", str(args.jobs)], home))
                made = len(list(out.glob("*.pdf")))
                if made != args.files:
                    raise SystemExit(f"{kind}: {made} PDFs, expected {args.files}")
                shutil.rmtree(out)
    single = statistics.median(w for w, _ in singles)
    batch = statistics.median(w for w, _ in batches)
    single_cpu = statistics.median(c for _, c in singles)
    batch_cpu = statistics.median(c for _, c in batches)
    per_minute = lambda seconds: 60 * args.files / seconds  # noqa: E731
    print(f"files: {args.files}, jobs: {args.jobs}, rounds: {args.rounds}, cores: {os.cpu_count()}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(f"import weasyprint alone: {floor:6.2f} s (paid by every one-by-one run)")
    for name, wall, cpu in (("one by one", single, single_cpu), ("batch", batch, batch_cpu)):
        print(f"{name:11} {wall:7.1f} s  {per_minute(wall):5.1f} reports/min  cpu {cpu:6.1f} s")
    print(f"batch / one by one, wall: {single / batch:.2f}x (target >= {TARGET}x on 2 cores)")
    idle = single_cpu / (batch_cpu / args.jobs)
    print(f"batch / one by one on {args.jobs} idle cores, from the CPU seconds: {idle:.2f}x")


if __name__ == "__main__":
    main()
