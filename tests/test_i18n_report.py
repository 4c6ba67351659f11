"""The report in French and Spanish: a `--lang fr` and a `--lang es` run of the sample write a
PDF with no English left outside the person's own free text, in the language's dates and
decimals, its `lang` and title in the PDF; page one stays one page in all three languages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "sample-answers.yaml"
# Words only English uses (not "question", French too; not "factor", Spanish too; not "pain",
# French bread), in running text.
ENGLISH = re.compile(
    r"\b(the|and|your|you|with|which|what|how|from|this|that|not|are|is|for|doctor|answers?"
    r"|burden|sleep|back|none|yes|signs?|weeks?)\b",
    re.I,
)
# Left in English on purpose: the published sources' titles and the names of institutions.
CITED = [
    "2016 Revisions to the 2010/2011 fibromyalgia diagnostic criteria",
    "Brief Pain Inventory",
    "NIH Office of Dietary Supplements",
    "week-end",
]


def pdf(lang: str, folder: Path, answers: Path = SAMPLE) -> Path:
    out = folder / f"report-{lang}-{answers.stem}.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "--lang", lang, "--answers", str(answers),
         "--no-save", "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def english_left(text: str) -> list[str]:
    flat = own_words_out(text)
    return [flat[max(0, m.start() - 40) : m.end() + 40] for m in ENGLISH.finditer(flat)]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lang-reports")
    return {lang: pdf(lang, folder) for lang in ("fr", "es")}


def own_words_out(text: str) -> str:
    """The text with the person's own words (and the cited titles) taken out."""
    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    flat = " ".join(text.split())
    for key in ("name", "main_concern", "notes", "doctor_questions"):
        for piece in re.split(r"(?<=[.?!])\s+|\n", str(sample.get(key) or "")):
            if piece.strip():
                flat = flat.replace(" ".join(piece.split()), " ")
    for cited in CITED:
        flat = flat.replace(cited, " ")
    return flat


@pytest.fixture(scope="module")
def emergency(tmp_path_factory):
    """The French report of the sample with two signs of a heart attack: its red-flag page."""
    folder = tmp_path_factory.mktemp("lang-emergency")
    answers = folder / "emergency.yaml"
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data.update(rf_sudden_severe=True, rf_faint_sweaty=True)
    answers.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return pdf("fr", folder, answers)


def every_word(path: Path) -> str:
    """Every page's text (the appendix, the charts' labels, the headers and footers are text in
    the PDF), and the PDF's title and subject."""
    reader = PdfReader(path)
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) > 10 and all(pages)
    return "\n".join([*pages, reader.metadata.title or "", reader.metadata.subject or ""])


@pytest.mark.parametrize("lang", ["fr", "es", "emergency"])
def test_no_english_is_left_outside_the_persons_own_text(reports, emergency, lang):
    path = emergency if lang == "emergency" else reports[lang]
    reader = PdfReader(path)
    assert reader.metadata.title and reader.metadata.subject
    text = every_word(path)
    assert english_left(text) == []
    assert "Annexe" in text or "Anexo" in text  # the appendix was read too
    if lang == "emergency":
        assert "Appelez les secours maintenant" in text and "112" in text  # the ambulance line


@pytest.mark.parametrize("lang", ["fr", "emergency"])
def test_french_sets_a_no_break_space_before_its_two_part_signs(reports, emergency, lang):
    # French typography: "Niveaux : faible", "sommeil ?", never "Niveaux: faible".
    text = own_words_out(every_word(emergency if lang == "emergency" else reports["fr"]))
    tight = [text[max(0, m.start() - 30) : m.end() + 10]
             for m in re.finditer(r"[^\s\xa0][:;?!](?=[\s\xa0]|$)", text)]  # fmt: skip
    assert tight == []


def test_the_pdf_speaks_french(reports):
    reader = PdfReader(reports["fr"])
    first = reader.pages[0].extract_text()
    assert "Résumé pour votre médecin" in first
    assert "Mal de dos" in first and "Critères 2016 de la fibromyalgie" in first
    assert re.search(
        r"\d+ (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.? 20\d\d", first
    )
    assert re.search(r"\d,\d", first)  # the PEG with a decimal comma
    catalog = reader.trailer["/Root"]
    assert catalog.get("/Lang") == "fr"
    assert reader.metadata.title.startswith("Auto-évaluation du mal de dos")


def test_the_pdf_speaks_spanish(reports):
    reader = PdfReader(reports["es"])
    first = reader.pages[0].extract_text()
    assert "Resumen para su médico" in first and "Dolor de espalda" in first
    assert reader.trailer["/Root"].get("/Lang") == "es"
    assert reader.metadata.title.startswith("Autoevaluación del dolor de espalda")


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_page_one_stays_one_page_in_every_language(reports, lang, tmp_path):
    path = reports.get(lang) or pdf(lang, tmp_path)
    pages = [page.extract_text() for page in PdfReader(path).pages]
    summary = {"en": "Summary for your doctor", "fr": "Résumé pour votre médecin",
               "es": "Resumen para su médico"}[lang]  # fmt: skip
    second = {"en": "Treatments and questions", "fr": "Traitements et questions",
              "es": "Tratamientos y preguntas"}[lang]  # fmt: skip
    assert summary in pages[0] and second not in pages[0]
    assert second in pages[1]  # page one's content did not spill over onto page two


def test_batch_lang_writes_french_reports(tmp_path):
    out = tmp_path / "reports"
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "batch", str(SAMPLE), "--out-dir", str(out),
         "--lang", "fr", "--jobs", "1"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (report,) = out.glob("*.pdf")
    first = PdfReader(report).pages[0].extract_text()
    assert "Résumé pour votre médecin" in first and "Summary for your doctor" not in first


def test_report_id_writes_a_past_assessment_again_in_its_own_language(tmp_path):
    import os

    env = {**os.environ, "FIBRO_ASSESS_HOME": str(tmp_path / "home"), "LANG": "C.UTF-8",
           "LC_ALL": "", "LC_MESSAGES": ""}  # fmt: skip

    def fibro(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "assessment", *args],
            capture_output=True, text=True, timeout=300, cwd=ROOT, env=env,
        )  # fmt: skip

    saved = fibro("--lang", "fr", "--answers", str(SAMPLE))
    assert saved.returncode == 0, saved.stderr
    again = fibro("report", "1", "--out", str(tmp_path / "again.pdf"))  # an English locale
    assert again.returncode == 0, again.stderr
    first = PdfReader(tmp_path / "again.pdf").pages[0].extract_text()
    assert "Résumé pour votre médecin" in first
    other = fibro("report", "1", "--lang", "es", "--out", str(tmp_path / "es.pdf"))
    assert other.returncode == 0, other.stderr
    assert "Resumen para su médico" in PdfReader(tmp_path / "es.pdf").pages[0].extract_text()
