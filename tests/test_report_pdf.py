"""The PDF read back: page one, page numbers, metadata, tags, fonts, paper, safety, writing."""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
import sys

import pytest
import report_support as support
from pypdf import PdfReader

from assessment.core import answers as answers_mod
from assessment.core import wording
from assessment.errors import ReportError
from assessment.report import fetcher, pages
from assessment.report import render as report

TODAY = support.PRINTED_ON
A4 = (595.28, 841.89)
LETTER = (612, 792)


def write(tmp_path_factory, name: str, answers: dict, *, paper: str = "a4", history=None):
    folder = tmp_path_factory.mktemp("pdf")
    return support.write_pdf(folder, name, answers, paper=paper, history=history)


def page_text(reader: PdfReader, index: int) -> str:
    """The page's text, words joined by single spaces; read once a page and kept on the reader
    (reading takes a while, and the sample PDF's reader is shared by many tests)."""
    texts = reader.__dict__.setdefault("_page_texts", {})
    if index not in texts:
        texts[index] = " ".join(reader.pages[index].extract_text().split())
    return texts[index]


def test_page_one_holds_flags_criteria_all_factors_and_the_top_three_actions(sample_pdf):
    _, result, reader, _ = sample_pdf
    first = page_text(reader, 0)
    assert first.startswith("Summary for your doctor")
    assert "Signs that need a doctor to check them" in first and "SOON" in first
    assert "Constant pain at night that no position eases" in first
    assert "Your answers meet the published criteria. Only a doctor can diagnose." in first
    assert f"WPI {result['instruments']['wpi']}/19" in first
    for factor in result["factors"].values():
        assert factor["name"] in first
    assert "What to tackle first" in first
    for action in wording.top_actions(result["plan"]):
        assert f"{action['title']}: eases" in first
    assert "Model estimates" in first and "resolving" not in first
    assert "How the factors interact" not in first


def test_every_page_says_page_x_of_y_the_date_and_the_disclaimer(sample_pdf):
    _, _, reader, _ = sample_pdf
    total = len(reader.pages)
    assert total >= 5
    for index in range(total):
        text = page_text(reader, index)
        assert f"Page {index + 1} of {total}" in text
        assert "A self-assessment to discuss with a doctor, not a diagnosis · 24 Nov 2026" in text


def test_metadata_title_and_language(sample_pdf):
    _, _, reader, _ = sample_pdf
    assert reader.metadata.title == (
        "Back pain and fibromyalgia self-assessment: summary for your doctor"
    )
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def test_tagged_pdf_with_a_structure_tree_and_figure_descriptions(sample_pdf):
    out, _, reader, _ = sample_pdf
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    kinds, alts = set(), []

    def walk(node, depth=0):
        node = node.get_object()
        if isinstance(node, dict) or hasattr(node, "keys"):
            if "/S" in node:
                kinds.add(str(node["/S"]))
            if node.get("/S") == "/Figure" and "/Alt" in node:
                alts.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None and depth < 60:
                for kid in kids if isinstance(kids, list) else [kids]:
                    if hasattr(kid, "get_object"):
                        walk(kid, depth + 1)

    walk(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI", "/P", "/Figure"} <= kinds
    # each chart's text says what it shows: the painful areas by name, each factor's score
    _, result, _, _ = sample_pdf
    labels = {c.value: c.label for c in support.bank().question("wpi_regions").choices}
    painful = [labels[area] for area in result["instruments"]["wpi_regions"]]
    body = next(alt for alt in alts if alt.startswith("Body map, front and back: painful"))
    assert body.endswith(", ".join(painful)) and len(painful) >= 3
    for factor in result["factors"].values():
        assert f"{factor['name']}: {factor['score']} out of 100, {factor['band']} band" in alts
    links = "How the factors feed one another, the strongest links: "
    assert any(alt.startswith(links) for alt in alts)


def test_fonts_are_embedded_and_there_are_no_raster_images(sample_pdf):
    out, _, reader, _ = sample_pdf
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)
        for xobject in resources.get("/XObject", {}).values():
            assert xobject.get_object().get("/Subtype") != "/Image"
    assert out.stat().st_size < 400 * 1024


def test_a4_by_default(sample_pdf):
    _, _, reader, _ = sample_pdf
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4, abs=1)


def test_hostile_free_text_prints_literally_and_loads_nothing(sample_pdf):
    _, _, reader, fetchers = sample_pdf
    first = page_text(reader, 0)
    assert "<b>x</b> {{ 7*7 }} <img" in first
    everything = " ".join(page_text(reader, i) for i in range(len(reader.pages)))
    assert "{% include '/etc/passwd' %}" in everything and "<script>alert(1)</script>" in everything
    assert "root:x:" not in everything
    root = reader.trailer["/Root"]
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    assert "/AF" not in root
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            assert annotation.get_object()["/Subtype"] not in ("/FileAttachment", "/Link")
    (used,) = fetchers
    assert [p.name for p in used.served] == ["report.css"] and used.refused == []


@pytest.mark.slow
def test_letter_with_every_red_flag_still_fits_page_one(tmp_path_factory):
    answers = support.sample_answers(
        name="Maximiliane Theodora von Hohenzollern-Sigmaringen",
        **dict.fromkeys(support.RED_FLAG_KEYS, True),
    )
    _, result, reader = write(tmp_path_factory, "flags.pdf", answers, paper="letter")
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(LETTER, abs=1)
    first, second = page_text(reader, 0), page_text(reader, 1)
    # whatever levels the flags found have (a combination replaces the signs it joins), most
    # urgent first
    levels = list(dict.fromkeys(flag["level"].upper() for flag in result["red_flags"]))
    assert len(levels) > 1
    assert [first.index(level) for level in levels] == sorted(first.index(lv) for lv in levels)
    for factor in result["factors"].values():
        assert factor["name"] in first
    for action in wording.top_actions(result["plan"]):
        assert f"{action['title']}: eases" in first
    assert "Model estimates" in first and "resolving" not in first
    assert second.startswith("Treatments and questions")
    plan = page_text(reader, 2)
    assert plan.startswith("Personal advice First: signs that need a doctor, in full")


@pytest.mark.slow
def test_skipped_emergency_questions_with_many_flags_still_fit_page_one(tmp_path_factory):
    emergency = [s.id for s in support.bank().red_flags.signs if s.level == "emergency"]
    answers = support.sample_answers(**dict.fromkeys(support.RED_FLAG_KEYS, True))
    answers.update(dict.fromkeys(emergency[:2], None))
    _, result, reader = write(tmp_path_factory, "unanswered.pdf", answers, paper="letter")
    assert len(result["red_flags"]) > report.FLAGS_IN_FULL
    first = page_text(reader, 0)
    for qid in emergency[:2]:
        question = " ".join(support.bank().question(qid).text.split())
        assert f"Not answered: {question}" in first
    for action in wording.top_actions(result["plan"]):
        assert f"{action['title']}: eases" in first
    assert "Model estimates" in first and "resolving" not in first


@pytest.mark.slow
def test_letter_with_three_red_flags_in_full_fits_page_one(tmp_path_factory):
    answers = support.sample_answers(rf_fever=True, rf_trauma=True)
    _, result, reader = write(tmp_path_factory, "three.pdf", answers, paper="letter")
    assert len(result["red_flags"]) == 3
    first = page_text(reader, 0)
    for flag in result["red_flags"]:
        assert " ".join(flag["message"].split())[:60] in first
    for action in wording.top_actions(result["plan"]):
        assert f"{action['title']}: eases" in first
    assert "Model estimates" in first and "resolving" not in first


@pytest.fixture(scope="module")
def with_trends(tmp_path_factory):
    answers = support.sample_answers()
    earlier = support.result_for(support.calmer_answers(), assessed_at="2026-08-01T09:00:00+00:00")
    return write(tmp_path_factory, "trend.pdf", answers, history=[earlier])


def test_history_adds_trends_and_changes(with_trends):
    _, result, reader = with_trends
    first = page_text(reader, 0)
    assert "Since 1 Aug 2026" in first and "▲" in first
    everything = " ".join(page_text(reader, i) for i in range(len(reader.pages)))
    assert "Changes since earlier assessments" in everything
    peg = f"{result['instruments']['peg']['score']:.1f}"  # the earlier one's is the same
    assert f"PEG: pain, enjoyment, activity (0–10) {peg} {peg}" in everything


def running_heads(reader: PdfReader) -> list[tuple[str, list[str]]]:
    """Each page's running header (top left) and the section titles (h1, 14 pt and over) that
    begin on it, in order."""
    heads = []
    for page in reader.pages:
        top = float(page.mediabox.height) - 12 * 72 / 25.4  # the top margin
        runs = text_runs(page)
        header = " ".join(t for x, y, _, t in runs if y > top and x < page.mediabox.width / 2)
        heads.append((header, [t for _, y, h, t in runs if y <= top and h > 13.9]))
    return heads


PART_OF = {
    "Summary for your doctor": "For your doctor",
    "Treatments and questions": "For your doctor",
    "Personal advice": "Your plan",
    "How the factors interact": "Your plan",
    "Changes since earlier assessments": "Your plan",
    "Appendix: your answers": "Appendix",
    "Appendix: how the published scores were worked out": "Appendix",
}


def test_every_page_is_headed_by_its_part_and_its_section(with_trends):
    """QA round 2: the trends began half-way down a page headed "Personal advice". Issue 10:
    each page is headed by its part and by the section that begins on it, else by the one it
    continues; page one too."""
    _, _, reader = with_trends
    heads = running_heads(reader)
    titles = [title for _, begun in heads for title in begun]
    assert list(dict.fromkeys(titles)) == list(PART_OF)  # every section, in this order
    current = None
    for number, (header, begun) in enumerate(heads, start=1):
        assert len(begun) <= 1, f"page {number} begins {begun}"
        current = begun[0] if begun else current
        assert header == f"{PART_OF[current]} · {current}", f"page {number}"
    assert [begun for _, begun in heads[:3]] == [
        ["Summary for your doctor"],
        ["Treatments and questions"],
        ["Personal advice"],
    ]


# ---------------------------------------------------------------------------------------------
# The doctor's part: two pages, each thing on its page


def doctor_pages(reader: PdfReader) -> int:
    """How many pages the doctor's part takes: those before the plan begins ("Your plan")."""
    heads = running_heads(reader)
    return next(i for i, (header, _) in enumerate(heads) if header.startswith("Your plan"))


EMERGENCY = {"rf_sudden_severe": True, "rf_faint_sweaty": True}
MANY_FLAGS = dict.fromkeys(support.RED_FLAG_KEYS, True)


@pytest.fixture(scope="module", params=["sample", "emergency", "many flags"])
def case_pdf(request, tmp_path_factory):
    changes = {"sample": {}, "emergency": EMERGENCY, "many flags": MANY_FLAGS}[request.param]
    answers = support.sample_answers(**changes)
    return (request.param, answers, *write(tmp_path_factory, "case.pdf", answers)[1:])


def test_the_doctors_part_is_two_pages_with_each_thing_on_its_page(case_pdf):
    """Issue 10 section 4, read back from the PDF: page one in its order (the checks may have
    moved on to page two when page one was full), page two the treatments, the questions and
    the interactions in brief; the plan begins on page three."""
    name, answers, result, reader = case_pdf
    assert doctor_pages(reader) == 2, name
    first, second, third = (page_text(reader, i) for i in range(3))
    order = [
        "Summary for your doctor", "Signs that need a doctor to check them",
        "Wants from this visit:", "First own question:", "Back pain (0–10)", "PEG (0–10)",
        "Back pain for", "Medicines (and for how long)", "2016 fibromyalgia criteria (ACR):",
        "The factors (0–100)", "OST ", "What to tackle first (model estimates)",
    ]  # fmt: skip
    positions = [first.index(mark) for mark in order]
    assert positions == sorted(positions), name
    for factor in result["factors"].values():
        assert factor["name"] in first
    for action in wording.top_actions(result["plan"]):
        assert f"{action['title']}: eases" in first
    for flag in result["red_flags"]:
        assert " ".join(flag["message"].split())[:40] in first
    checks = [q["text"] for q in result["suggested_questions"] if q["check"]]
    on_one = "Checks suggested" in first
    assert ("Checks suggested" in second) is not on_one
    for text in checks:
        assert " ".join(text.split())[:50] in (first if on_one else second)
    assert second.startswith("Treatments and questions")
    marks = ["Treatments tried", "Your own questions", "Questions your answers suggest",
             "How the factors interact, in brief"]  # fmt: skip
    assert [second.index(m) for m in marks] == sorted(second.index(m) for m in marks)
    assert "Simple sum" in second and "Combined burden" in second
    assert third.startswith("Personal advice First: signs that need a doctor, in full")


def test_the_sample_keeps_its_checks_on_page_one_and_an_emergency_moves_them(tmp_path_factory):
    """When page one overflows, the body map shrinks first, then the checks move on."""
    answers = support.sample_answers()
    result = support.result_for(answers)
    context = report.build_context(support.bank(), answers, result, today=TODAY)
    made = fetcher.make_fetcher()
    draw = functools.partial(report._html, context)
    assert pages.fits(pages.layout(draw(report.v.Fit(0), "all"), made))
    emergency = support.sample_answers(**EMERGENCY)
    context = report.build_context(
        support.bank(), emergency, support.result_for(emergency), today=TODAY
    )
    draw = functools.partial(report._html, context)
    fit, doctor = pages.fitted(draw, functools.partial(pages.layout, fetcher=made))
    assert fit.small_map and fit.checks_later and not fit.short_flags
    assert not pages.fits(pages.layout(draw(report.v.Fit(fit.level - 1), "doctor"), made))
    assert pages.page_of(doctor, "checks") == 1 and pages.page_of(doctor, "actions") == 0
    assert made.refused == []


@pytest.mark.parametrize(
    ("case", "drawn"),
    [({}, [(0, "all")]), (EMERGENCY, [(0, "doctor"), (1, "doctor"), (2, "doctor"), (2, "all")])],
    ids=["sample", "emergency"],
)
def test_the_whole_report_is_laid_out_once(case, drawn, tmp_path, monkeypatch):
    """The sample fits as it is; an emergency shown in full on page one is fitted on the
    doctor's part alone, so the whole report is still laid out only once, at the fit found."""
    made = []
    html = report._html

    def counting(context, fit, part):
        made.append((fit.level, part))
        return html(context, fit, part)

    monkeypatch.setattr(report, "_html", counting)
    given = support.sample_answers(**case)
    out = report.write_pdf(
        support.bank(), given, support.result_for(given), tmp_path / "r.pdf", today=TODAY
    )
    assert made == drawn
    assert doctor_pages(PdfReader(out)) == 2


@pytest.mark.parametrize(
    ("case", "fit"), [({}, 0), (MANY_FLAGS, len(report.v.FIT_STEPS))], ids=["sample", "closed up"]
)
def test_side_by_side_boxes_are_inline_blocks_of_set_widths_on_one_line(case, fit):
    """Each row's two boxes are laid out once, as inline blocks whose widths the stylesheet
    gives (flex layout laid their content out several times, and an auto width would measure
    it), and they share one line that they fill exactly: nothing wraps under the other."""
    from weasyprint.formatting_structure import boxes

    given = support.sample_answers(**case)
    context = report.build_context(support.bank(), given, support.result_for(given), today=TODAY)
    document = pages.layout(report._html(context, report.v.Fit(fit), "all"), fetcher.make_fetcher())
    rows = 0
    for page in document.pages:
        for box in page._page_box.descendants():
            assert not isinstance(box, boxes.FlexContainerBox), box
            if not isinstance(box, boxes.BlockBox) or box.element_tag != "div":
                continue
            if "row" not in box.element.get("class", "").split():
                continue
            (line,) = box.children
            sides = [child for child in line.children if isinstance(child, boxes.InlineBlockBox)]
            assert len(sides) == 2, line.children
            others = [child for child in line.children if child not in sides]
            assert all(isinstance(o, boxes.TextBox) and not o.text.strip() for o in others)
            assert all(side.style["width"] != "auto" for side in sides)
            assert sum(side.margin_width() for side in sides) == pytest.approx(box.width)
            rows += 1
    assert rows == 4


# ---------------------------------------------------------------------------------------------
# Nothing printed over anything else


def text_runs(page) -> list[tuple[float, float, float, str]]:
    """Each run of text on the page as (x, baseline y, font size, text), in points.

    Text inside a chart is left out: the renderer draws each chart as a form XObject, and pypdf
    reports that text in the chart's own coordinates (an identity matrix), not the page's."""
    runs = []

    def visit(text, cm, tm, font, size):
        if not text.strip() or tuple(cm) == (1, 0, 0, 1, 0, 0):
            return
        a, b, c, d, e, f = cm
        x, y = tm[4] * a + tm[5] * c + e, tm[4] * b + tm[5] * d + f
        runs.append((x, y, size * (abs(tm[3] * d) or 1), text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def overlapping_text(page) -> list[tuple[str, str]]:
    """Pairs of text runs drawn over each other: two lines closer than a line's height whose
    spans (estimated from the length, 0.45 em a character) cross, or two runs starting at the
    same point of one line."""
    runs, clashes = text_runs(page), []
    for i, (x1, y1, h1, t1) in enumerate(runs):
        for x2, y2, h2, t2 in runs[i + 1 :]:
            if abs(y1 - y2) < 0.5:
                crossing = abs(x1 - x2) < 0.5
            else:
                crossing = (
                    abs(y1 - y2) < 0.7 * min(h1, h2)
                    and x1 < x2 + 0.45 * h2 * len(t2)
                    and x2 < x1 + 0.45 * h1 * len(t1)
                )
            if crossing:
                clashes.append((t1, t2))
    return clashes


ADVICE_ACROSS_A_PAGE = support.ROOT / "tests" / "data" / "advice-across-a-page.yaml"


@pytest.mark.slow
def test_no_text_is_printed_over_other_text(tmp_path_factory):
    """QA round 2: an advice item moved to the next page had its floated DO list drawn twice,
    once over its own heading and paragraph."""
    answers = answers_mod.load(support.bank(), ADVICE_ACROSS_A_PAGE)
    _, _, reader = write(tmp_path_factory, "advice.pdf", answers)
    for number, page in enumerate(reader.pages, start=1):
        assert overlapping_text(page) == [], f"page {number}"


@pytest.mark.slow
@pytest.mark.parametrize("filler", range(150, 260, 15))  # mm of the 267 a page holds
def test_an_advice_item_falling_across_a_page_is_drawn_once(sample, filler):
    """The same, whatever the bank's advice: the advice alone, pushed down a little further each
    time, so that its items in turn fall across the ends of its pages. One render a case, so
    parallel workers can share them."""
    answers, result = sample
    html = report.render_html(support.bank(), answers, result, today=TODAY)
    body = re.search(r'<article id="advice".*?</article>', html, re.S).group(0)
    head = html[: html.index("<body>") + len("<body>")]
    titles = [item["title"] for item in result["advice"]]
    pdf = report._render_pdf(
        f'{head}<div style="height: {filler}mm"></div>{body}</body></html>',
        fetcher.make_fetcher(),
    )
    reader = PdfReader(io.BytesIO(pdf))
    for number, page in enumerate(reader.pages, start=1):
        assert overlapping_text(page) == [], f"{filler} mm, page {number}"
    text = " ".join(page_text(reader, i) for i in range(len(reader.pages)))
    for title in titles:
        assert text.count(title) == 1, f"{filler} mm: {title}"


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_every_page_rasterises(sample_pdf, tmp_path):
    out, _, reader, _ = sample_pdf
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(out), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == len(reader.pages)
    assert all(png.stat().st_size > 1000 for png in pngs)


# ---------------------------------------------------------------------------------------------
# Writing: atomic, and one clear line when it cannot be done


@pytest.fixture
def sample():
    answers = support.sample_answers()
    return answers, support.result_for(answers)


def test_a_failed_render_leaves_no_file_and_keeps_the_old_one(sample, tmp_path, monkeypatch):
    answers, result = sample
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the earlier report")

    def broken(html, fetcher):
        raise ReportError("the report could not be rendered: broken on purpose")

    monkeypatch.setattr(pages, "render_pdf", broken)
    monkeypatch.setattr(pages, "pdf", lambda document: broken("", None))
    with pytest.raises(ReportError):
        report.write_pdf(support.bank(), answers, result, out)
    assert out.read_bytes() == b"the earlier report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_an_unwritable_place_is_one_line_naming_the_path(sample, tmp_path):
    answers, result = sample
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for out in (blocker / "report.pdf", tmp_path / "missing" / "report.pdf", tmp_path):
        with pytest.raises(ReportError) as caught:
            report.write_pdf(support.bank(), answers, result, out)
        message = str(caught.value)
        assert str(out) in message and "\n" not in message and caught.value.exit_code == 2


def test_the_written_report_is_private(sample_pdf):
    out, _, _, _ = sample_pdf
    assert out.read_bytes().startswith(b"%PDF-")
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in out.parent.iterdir()] == ["sample.pdf"]


@pytest.mark.slow
@pytest.mark.parametrize("part", ["doctor", "plan"])
def test_the_command_writes_the_part_asked_for(tmp_path, capsys, part):
    from assessment import cli

    out = tmp_path / f"{part}.pdf"
    argv = ["--answers", str(support.SAMPLE_ANSWERS), "--out", str(out), "--no-save"]
    assert cli.main([*argv, "--part", part]) == 0
    reader = PdfReader(out)
    heads = running_heads(reader)
    texts = [page_text(reader, i) for i in range(len(reader.pages))]
    if part == "doctor":
        assert len(texts) == 2 and texts[0].startswith("Summary for your doctor")
        assert [h for h, _ in heads] == [
            "For your doctor · Summary for your doctor",
            "For your doctor · Treatments and questions",
        ]
        assert reader.metadata.title.endswith(": summary for your doctor")
    else:
        assert (
            texts[0].startswith("Personal advice") and heads[0][0] == "Your plan · Personal advice"
        )
        assert heads[-1][0].startswith("Appendix · ") and reader.metadata.title.endswith(
            ": your plan"
        )
        assert not any("Summary for your doctor" in text for text in texts)
    assert f"Page 1 of {len(texts)}" in texts[0]
    with pytest.raises(SystemExit) as stopped:
        cli.main([*argv, "--part", "everything"])
    assert stopped.value.code == 2
    assert "invalid choice: 'everything'" in capsys.readouterr().err


@pytest.mark.slow
def test_the_command_writes_the_report(tmp_path):
    env = {**os.environ, "FIBRO_ASSESS_HOME": str(tmp_path / "home")}
    out = tmp_path / "letter.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "--answers", str(support.SAMPLE_ANSWERS), "--out",
         str(out), "--paper", "letter", "--no-save"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", "the renderer's own notes stay out of the terminal"
    box = PdfReader(out).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(LETTER, abs=1)
    bad = tmp_path / "nowhere" / "x.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "--answers", str(support.SAMPLE_ANSWERS), "--out",
         str(bad), "--no-save"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert re.fullmatch(
        rf"fibro-assess: cannot write the report to {re.escape(str(bad))}: .+\n", done.stderr
    )
