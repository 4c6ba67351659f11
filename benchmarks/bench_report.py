"""Time the PDF report against the bare WeasyPrint floor, and report its size and peak memory.

    .venv/bin/python benchmarks/bench_report.py [--repeats 7] [--paper a4] [--check]

Each run is a fresh process, as a person would run it:
- report: `fibro-assess --answers examples/sample-answers.yaml --out X.pdf` with a fresh, empty
  FIBRO_ASSESS_HOME (so no history, nothing saved in the real data folder);
- floor: a Python process that imports WeasyPrint and renders a one-line page;
- same page: a Python process that imports WeasyPrint and renders the report's own HTML (made
  once beforehand), so the difference to the report is this program's own share.
The two alternate so that load on the machine hits both alike; medians are compared. Targets:
the report at most 2.5x the floor in time (with HarfBuzz's font subsetter) and at most 400 kB.
Then, in this process: what laying out each part of the report costs (report.html with only
that part included, less the page with none), and a report whose trends hold 1000 earlier
assessments against one with 10 (target 1.3x, under 250 kB). Peak memory is each process's
maximum resident set size (getrusage of children, measured in a small wrapper per run).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assessment.paths import templates_dir  # noqa: E402

SAMPLE = ROOT / "examples" / "sample-answers.yaml"
TIME_TARGET = 2.5
LONG_TARGET = 1.3
LONG_SIZE_KB = 250
SIZE_TARGET_KB = 400

FLOOR = "import sys, weasyprint\nweasyprint.HTML(string='<p>Hello</p>').write_pdf(sys.argv[1])\n"
SAME = (
    "import sys, weasyprint\n"
    "weasyprint.HTML(filename=sys.argv[1], base_url=sys.argv[2])"
    ".write_pdf(sys.argv[3], pdf_variant='pdf/ua-1')\n"
)
# Runs one command and prints its wall time and peak memory as JSON; the wrapper's own start-up
# is outside the timed span.
WRAPPER = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "took = time.perf_counter() - start\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(json.dumps({'seconds': took, 'peak_kb': peak, 'code': code}))\n"
)


def program() -> list[str]:
    """The installed `fibro-assess` beside this Python, else on PATH, else `python -m`."""
    beside = Path(sys.executable).with_name("fibro-assess")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("fibro-assess")
    return [found] if found else [sys.executable, "-m", "assessment"]


def measure(command: list[str], env: dict[str, str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(done.stdout.strip().splitlines()[-1])
    if data["code"] != 0:
        raise SystemExit(f"failed ({data['code']}): {' '.join(command)}")
    return data


def _report_html(answers_path: Path, paper: str) -> str:
    """The sample's report as HTML, made the way the program makes it."""
    from assessment.core import answers
    from assessment.core.loader import load_bank
    from assessment.core.scoring import assess
    from assessment.paths import default_bank_path
    from assessment.report.render import render_html

    bank = load_bank(default_bank_path())
    given = answers.load(bank, answers_path)
    return render_html(bank, given, assess(bank, given).to_dict(), paper=paper, history=[])


def _sample():
    from assessment.core import answers
    from assessment.core.loader import load_bank
    from assessment.core.scoring import assess
    from assessment.paths import default_bank_path

    bank = load_bank(default_bank_path())
    given = answers.load(bank, SAMPLE)
    return bank, given, assess(bank, given).to_dict()


def layout_by_part(paper: str) -> list[tuple[str, float, int]]:
    """(part, seconds, pages) of laying out each top-level part of report.html on its own,
    less the page with no part at all (its head, stylesheet and running footer)."""
    import weasyprint

    from assessment.report import render
    from assessment.report.fetcher import make_fetcher

    bank, given, result = _sample()
    context = render.build_context(bank, given, result, paper=paper, history=[]).names()
    source = (templates_dir() / render.TEMPLATE).read_text(encoding="utf-8")
    include = re.compile(r'{%\s*include\s+"(_[a-z_]+\.html)"\s*%}')
    parts = include.findall(source.split("<body>", 1)[1])
    base_url = templates_dir().resolve().as_uri() + "/"

    def layout(keep: str | None) -> tuple[float, int]:
        text = include.sub(lambda m: m.group(0) if m.group(1) == keep else "", source)
        html = render.environment().from_string(text).render(context)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            doc = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=make_fetcher())
            pages = len(doc.render().pages)
            times.append(time.perf_counter() - start)
        return statistics.median(times), pages

    layout(None)  # warm: imports, fonts
    empty, _ = layout(None)
    return [(part, *_minus(layout(part), empty)) for part in parts]


def _minus(measured: tuple[float, int], empty: float) -> tuple[float, int]:
    return max(measured[0] - empty, 0.0), measured[1]


def long_history(paper: str, repeats: int = 3) -> tuple[float, float, float]:
    """Seconds to write the sample's PDF after 10 and after 1000 earlier assessments (median,
    in this process, WeasyPrint warm), and the size of the longer one in kB."""
    from datetime import datetime, timedelta, timezone

    from assessment.report import render

    bank, given, result = _sample()

    def earlier(count: int) -> list[dict]:
        start = datetime(2020, 1, 1, tzinfo=timezone.utc)
        out = []
        for i in range(count):
            entry = json.loads(json.dumps(result))
            entry["meta"]["assessed_at"] = (start + timedelta(days=2 * i)).isoformat()
            entry["synergy"]["index"] = 20 + (i * 37) % 60
            out.append(entry)
        return out

    times: dict[int, list[float]] = {10: [], 1000: []}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "long.pdf"
        render.write_pdf(bank, given, result, out, paper=paper, history=earlier(10))  # warm
        for _ in range(repeats):
            for count in times:
                history = earlier(count)
                start = time.perf_counter()
                render.write_pdf(bank, given, result, out, paper=paper, history=history)
                times[count].append(time.perf_counter() - start)
        size = out.stat().st_size / 1024
    return statistics.median(times[10]), statistics.median(times[1000]), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4")
    parser.add_argument("--answers", type=Path, default=SAMPLE)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    report_times, floor_times, report_peaks, floor_peaks, sizes = [], [], [], [], []
    same_times = []
    with tempfile.TemporaryDirectory(prefix="fibro-bench-") as tmp:
        work = Path(tmp)
        html = work / "report.html"
        html.write_text(_report_html(args.answers, args.paper), encoding="utf-8")
        base = str(templates_dir()) + "/"
        base_env = {k: v for k, v in os.environ.items() if k != "FIBRO_ASSESS_HOME"}
        for run in range(args.repeats + 1):  # run 0 warms the font and file caches
            home = work / f"home-{run}"
            home.mkdir()
            out = work / f"report-{run}.pdf"
            env = {**base_env, "FIBRO_ASSESS_HOME": str(home)}
            ours = measure(
                [
                    *program(),
                    "--answers",
                    str(args.answers),
                    "--out",
                    str(out),
                    "--paper",
                    args.paper,
                ],
                env,
            )
            floor = measure([sys.executable, "-c", FLOOR, str(work / f"floor-{run}.pdf")], env)
            same = measure(
                [sys.executable, "-c", SAME, str(html), base, str(work / f"same-{run}.pdf")], env
            )
            if run == 0:
                continue
            same_times.append(same["seconds"])
            report_times.append(ours["seconds"])
            report_peaks.append(ours["peak_kb"])
            floor_times.append(floor["seconds"])
            floor_peaks.append(floor["peak_kb"])
            sizes.append(out.stat().st_size)

    t_report, t_floor = statistics.median(report_times), statistics.median(floor_times)
    m_report, m_floor = statistics.median(report_peaks), statistics.median(floor_peaks)
    size_kb = max(sizes) / 1024
    ratio = t_report / t_floor
    print(f"repeats          {args.repeats} (plus one warm-up), paper {args.paper}")
    print(f"floor            {t_floor:.3f} s median  (import WeasyPrint, render one line)")
    print(f"report           {t_report:.3f} s median  (fibro-assess --answers ... --out)")
    print(f"time ratio       {ratio:.2f}x  (target <= {TIME_TARGET}x)")
    t_same = statistics.median(same_times)
    print(
        f"same page        {t_same:.3f} s median  (bare WeasyPrint, the report's own HTML): "
        f"report / same page {t_report / t_same:.2f}x"
    )
    print(f"report size      {size_kb:.1f} kB  (target <= {SIZE_TARGET_KB} kB)")
    print(
        f"peak memory      floor {m_floor / 1024:.1f} MB, report {m_report / 1024:.1f} MB, "
        f"ratio {m_report / m_floor:.2f}x"
    )
    print("layout by part   (report.html with that part alone, less the page with none)")
    for part, seconds, pages in layout_by_part(args.paper):
        print(f"  {part:<18} {seconds * 1000:7.0f} ms  {pages} page(s)")
    short, long, long_kb = long_history(args.paper)
    long_ratio = long / short
    print(
        f"1000 earlier     {long:.3f} s against {short:.3f} s with 10: ratio {long_ratio:.2f}x "
        f"(target <= {LONG_TARGET}x), {long_kb:.0f} kB (target < {LONG_SIZE_KB} kB)"
    )
    missed = (
        ratio > TIME_TARGET
        or size_kb > SIZE_TARGET_KB
        or long_ratio > LONG_TARGET
        or long_kb >= LONG_SIZE_KB
    )
    if missed:
        print("target missed")
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
