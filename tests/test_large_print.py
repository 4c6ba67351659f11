"""--large-print read back from real PDFs: body text at 14 pt on every page and nothing under
11 pt (the charts' labels too), no text over other text, and the page plan kept: the same
parts and sections in the same order, each part and the doctor's page two beginning a page,
page one whole and in its order (large print is never closed up, so it takes more pages)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import report_support as support
from pypdf import PdfReader
from test_pdf_accessibility import headings
from test_report_pdf import PART_OF, overlapping_text, page_text, text_runs
from test_report_pdf import running_heads as usual_running_heads

from assessment import cli
from assessment.history.store import History

pytestmark = pytest.mark.slow

MANY_FLAGS = dict.fromkeys(support.RED_FLAG_KEYS, True)
HEADER_MM = 14  # the large print's top margin, where the running header is


@pytest.fixture(scope="module")
def paths(tmp_path_factory) -> dict[str, Path]:
    """The sample in the usual print and in large print, and every red flag on letter paper."""
    folder = tmp_path_factory.mktemp("large")
    sample = support.sample_answers()
    return {
        "usual": support.write_pdf(folder, "usual.pdf", sample)[0],
        "sample": support.write_pdf(folder, "large.pdf", sample, large_print=True)[0],
        "many flags": support.write_pdf(
            folder, "many.pdf", support.sample_answers(**MANY_FLAGS), paper="letter",
            large_print=True,
        )[0],
    }  # fmt: skip


@pytest.fixture(scope="module")
def prints(paths) -> dict[str, PdfReader]:
    return {name: PdfReader(path) for name, path in paths.items()}


def sizes(runs) -> list[float]:
    """The font size of every character, to a tenth of a point."""
    return [round(size, 1) for _x, _y, size, text in runs for _ in text]


@pytest.mark.parametrize("name", ["sample", "many flags"])
def test_body_text_is_14_pt_on_every_page_nothing_under_11_and_none_over_other_text(prints, name):
    reader = prints[name]
    for number, page in enumerate(reader.pages, start=1):
        top = float(page.mediabox.height) - HEADER_MM * 72 / 25.4
        body = sizes(run for run in text_runs(page) if run[1] <= top)
        assert max(set(body), key=body.count) == 14.0, f"page {number}: body text"
        assert min(sizes(text_runs(page))) >= 11.0, f"page {number}"  # header and footer too
        assert overlapping_text(page) == [], f"page {number}"


def word_heights(path) -> list[tuple[float, str]]:
    """Each word's box height from pdftotext, which also reads the charts' text (pypdf gives
    that in the chart's own units): the height is the font's size times a fixed ratio."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, timeout=60
    ).stdout
    word = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<')
    return [(float(y_max) - float(y_min), text) for y_min, y_max, text in word.findall(boxes)]


@pytest.mark.parametrize("name", ["sample", "many flags"])
def test_the_charts_labels_are_no_smaller_than_the_11_pt_footer(paths, name):
    heights = word_heights(paths[name])
    (footer,) = {h for h, text in heights if text == "Page"}  # 11 pt, as the test above reads
    small = [text for h, text in heights if h < footer - 0.01]
    assert small == [], small
    # the body map's and the diagram's labels are among the words read
    assert {"Front", "Back", "Stress"} <= {text for _h, text in heights}


def running_heads(reader: PdfReader) -> list[tuple[str, list[str]]]:
    """Each page's running header (top left) and the section titles (h1, 22 pt) beginning on it,
    as test_report_pdf reads the usual print's."""
    heads = []
    for page in reader.pages:
        top = float(page.mediabox.height) - HEADER_MM * 72 / 25.4
        runs = text_runs(page)
        header = " ".join(t for x, y, _, t in runs if y > top and x < page.mediabox.width / 2)
        titles, last_big = [], False
        for _, y, size, text in runs:
            big = y <= top and size > 21.5
            if big and last_big:  # a title wrapped over two lines
                titles[-1] += " " + text
            elif big:
                titles.append(text)
            last_big = big
        heads.append((header, titles))
    return heads


def test_the_page_plan_holds_at_14_pt(prints, paths):
    usual, large = prints["usual"], prints["sample"]
    heads = running_heads(large)
    # every section in the usual order, each page headed by its part and its section
    usual_sections = [header for header, _ in usual_running_heads(usual)]
    assert list(dict.fromkeys(h for h, _ in heads)) == list(dict.fromkeys(usual_sections))
    current = None
    for number, (header, begun) in enumerate(heads, start=1):
        current = begun[0] if begun else current
        assert header == f"{PART_OF[current]} · {current}", f"page {number}"
    # each part, and the doctor's page two, begins a page of its own, at the top
    for title in ("Summary for your doctor", "Treatments and questions", "Personal advice",
                  "Appendix: your answers"):  # fmt: skip
        (page,) = [i for i, (_, begun) in enumerate(heads) if title in begun]
        assert page_text(large, page).startswith(title), title
    # nothing left out or moved: a screen reader hears the same headings in the same order
    assert headings(paths["sample"]) == headings(paths["usual"])
    assert len(large.pages) > len(usual.pages)


def test_page_one_keeps_its_order_and_its_type_over_the_pages_it_needs(prints):
    """Large print is never closed up: page one's content (checks included) keeps its order
    and its 14 pt across the doctor's first pages, and the flags are as in the usual print."""
    for name in ("sample", "many flags"):
        reader = prints[name]
        heads = running_heads(reader)
        two = next(i for i, (_, begun) in enumerate(heads) if "Treatments and questions" in begun)
        assert two >= 2, name  # at 14 pt page one's content takes more than one page
        first = " ".join(page_text(reader, i) for i in range(two))
        order = [
            "Summary for your doctor", "Signs that need a doctor to check them",
            "Wants from this visit:", "First own question:", "Back pain (0–10)", "PEG (0–10)",
            "Back pain for", "Medicines (and for how long)",
            "2016 fibromyalgia criteria (ACR):", "The factors (0–100)", "OST ",
            "Checks suggested", "What to tackle first (model estimates)",
        ]  # fmt: skip
        positions = [first.index(mark) for mark in order]
        assert positions == sorted(positions), name
    usual_one = page_text(prints["usual"], 0)
    sample_one = " ".join(page_text(prints["sample"], i) for i in range(3))
    flag = usual_one[usual_one.index("SOON") : usual_one.index("Wants from this visit:")]
    assert " ".join(flag.split()) in " ".join(sample_one.split())


def test_each_way_in_prints_large_on_request(tmp_path, monkeypatch):
    """--answers (here with --part doctor) and `report ID` take --large-print; the wizard's
    flag is read back in test_wizard_flow.py."""
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path / "home"))
    out = tmp_path / "doctor.pdf"
    argv = ["--answers", str(support.SAMPLE_ANSWERS), "--large-print", "--part", "doctor"]
    assert cli.main([*argv, "--out", str(out)]) == 0
    reader = PdfReader(out)
    assert all(header.startswith("For your doctor · ") for header, _ in running_heads(reader))
    assert len(reader.pages) > 2
    body = sizes(text_runs(reader.pages[0]))
    assert max(set(body), key=body.count) == 14.0

    with History() as history:  # the run saved it
        saved = history.latest_before()
    again = tmp_path / "again.pdf"
    assert cli.main(["report", str(saved.id), "--large-print", "--out", str(again)]) == 0
    body = sizes(text_runs(PdfReader(again).pages[0]))
    assert max(set(body), key=body.count) == 14.0
