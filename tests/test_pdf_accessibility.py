"""The PDF for readers who use a screen reader: `pdfua check` finds nothing on the sample, an
emergency, a report with trends and the sample in large print; header cells carry their scope;
the headings come in the order a screen reader follows (the structure tree), none empty and none
skipping a level."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import report_support as support
from pypdf import PdfReader

from assessment.history.store import History

pytestmark = pytest.mark.slow

KNOWN_SKIPPED = {"UA-14-001"}
"""pdfua 0.1.3 cannot run its empty-heading rule on any heading whose content is an array (it
asks pikepdf for an attribute arrays do not have); `headings` below checks the same thing."""


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """The sample, an emergency, a report with trends and the large print, each written as a
    person makes it."""
    folder = tmp_path_factory.mktemp("a11y")
    sample = support.write_pdf(folder, "sample.pdf", support.sample_answers())[0]
    emergency = support.sample_answers(rf_bladder_bowel=True, rf_leg_weakness=True)
    urgent = support.write_pdf(folder, "emergency.pdf", emergency)
    assert urgent[1]["red_flags"][0]["level"] == "emergency"
    # Trends: an earlier, calmer assessment in the history, then the command line as run.
    home = folder / "home"
    home.mkdir()
    calmer = support.calmer_answers()
    earlier = support.result_for(calmer, assessed_at="2026-08-01T09:00:00+00:00")
    with History(home / "history.sqlite3") as history:
        history.save(calmer, earlier, program_version="0.1.0", bank_hash=support.bank().sha256)
    trends = folder / "trends.pdf"
    command = [sys.executable, "-m", "assessment.cli", "--answers", str(support.SAMPLE_ANSWERS)]
    done = subprocess.run(
        [*command, "--out", str(trends)],
        env={**os.environ, "FIBRO_ASSESS_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Changes since earlier assessments" in " ".join(
        page.extract_text() for page in PdfReader(trends).pages
    )
    large = support.write_pdf(folder, "large.pdf", support.sample_answers(), large_print=True)
    return {"sample": sample, "emergency": urgent[0], "trends": trends, "large": large[0]}


def pdfua(path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(done.stdout)
    report["exit"] = done.returncode
    return report


@pytest.mark.parametrize("name", ["sample", "emergency", "trends", "large"])
def test_pdfua_finds_no_errors_and_no_warnings(reports, name):
    report = pdfua(reports[name])
    assert report["findings"] == [], [f["message"] for f in report["findings"]]
    assert report["exit"] == 0 and report["summary"]["rules_run"] >= 11
    assert {rule["rule_id"] for rule in report["skipped"]} <= KNOWN_SKIPPED


def structure(reader: PdfReader):
    """The structure elements in the order a screen reader reads them: (role, element)."""

    def walk(node, depth=0):
        node = node.get_object()
        if not hasattr(node, "keys"):
            return
        if "/S" in node:
            yield str(node["/S"]), node
        kids = node.get("/K")
        if kids is not None and depth < 80:
            for kid in kids if isinstance(kids, list) else [kids]:
                yield from walk(kid, depth + 1)

    yield from walk(reader.trailer["/Root"]["/StructTreeRoot"])


def marked_text(reader: PdfReader) -> dict[tuple[int, int], str]:
    """The text of each marked-content piece, by (page number, MCID)."""
    pieces: dict[tuple[int, int], str] = {}
    for number, page in enumerate(reader.pages):
        stack: list[int | None] = []

        def before(op, args, *_rest, stack=stack):
            if op == b"BDC":
                props = args[1] if len(args) > 1 else {}
                stack.append(props.get("/MCID") if hasattr(props, "get") else None)
            elif op == b"BMC":
                stack.append(None)
            elif op == b"EMC" and stack:
                stack.pop()

        def text(words, *_rest, stack=stack, number=number):
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is not None:
                key = (number, mcid)
                pieces[key] = pieces.get(key, "") + words

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return pieces


def element_text(node, pieces, pages) -> str:
    out = []
    page = node.get("/Pg")
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, int):
            out.append(pieces.get((pages[page.idnum], kid), ""))
        elif hasattr(kid, "keys"):
            out.append(element_text(kid, pieces, pages))
    return " ".join(" ".join(out).split())


def headings(path: Path) -> list[tuple[int, str]]:
    reader = PdfReader(path)
    pieces = marked_text(reader)
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    return [
        (int(role[2]), element_text(node, pieces, pages))
        for role, node in structure(reader)
        if len(role) == 3 and role[:2] == "/H" and role[2].isdigit()
    ]


@pytest.mark.parametrize("name", ["sample", "emergency", "trends", "large"])
def test_headings_in_reading_order_none_empty_none_skipping_a_level(reports, name):
    found = headings(reports[name])
    assert found[0] == (1, "Summary for your doctor")
    assert all(text for _level, text in found), found
    for (before, _), (level, text) in zip(found, found[1:], strict=False):
        assert level <= before + 1, f"{text!r} (h{level}) follows an h{before}"
    titles = [text for level, text in found if level == 1]
    # the sections a reader hears, in the order of the pages
    needed = {"Summary for your doctor", "How the factors interact", "Personal advice"}
    if name == "trends":
        needed.add("Changes since earlier assessments")
    assert needed <= set(titles)
    # the order a screen reader hears the sections in is the order of the pages
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(reports[name]).pages]
    begun = [re.compile(re.escape(title) + r"(?![,\w])") for title in titles]  # not "..., in brief"
    first_pages = [next(i for i, text in enumerate(pages) if at.search(text)) for at in begun]
    assert first_pages == sorted(first_pages), list(zip(titles, first_pages, strict=True))
    second = [text for level, text in found if level == 2]
    assert second[0].startswith("Signs that need a doctor")


def test_header_cells_carry_their_scope(reports):
    reader = PdfReader(reports["trends"])
    scopes = {}
    for role, node in structure(reader):
        if role == "/TH":
            group = node["/P"].get_object()["/P"].get_object()["/S"]
            scopes.setdefault((str(group), str(node["/A"]["/Scope"])), 0)
            scopes[(str(group), str(node["/A"]["/Scope"]))] += 1
    # column headers in a table's head, row headers (a factor, a pain rating) in its body
    assert set(scopes) == {("/THead", "/Column"), ("/TBody", "/Row")}
    assert scopes[("/TBody", "/Row")] >= 7 + 3
