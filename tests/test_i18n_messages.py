"""The last English-only messages in French and Spanish: a bad bank's problems through `check`
(the `file:line: field:` prefix stays as it is), the history's refusals and prompts, the trend
chart's alt text, and the doctor's page two in large print."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import report_support as support

from assessment.i18n import words
from assessment.report import charts
from assessment.report import render as report

ROOT = Path(__file__).parent.parent


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    return subprocess.run(
        [sys.executable, "-m", "assessment", *args],
        input=stdin, capture_output=True, text=True, env=env, timeout=60, cwd=ROOT,
    )  # fmt: skip


def one_line(done: subprocess.CompletedProcess) -> str:
    """The one error line of a refused run (status 2, no traceback)."""
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    return line


# -- 1. the bank's problems ----------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "said"), [("fr", "champ inconnu"), ("es", "campo desconocido")])
def test_a_bad_bank_is_one_line_with_the_location_kept_and_the_message_translated(
    lang, said, tmp_path
):
    text = (ROOT / "questions.yaml").read_text(encoding="utf-8")
    bank = tmp_path / "questions.yaml"
    bank.write_text(text + "colour: blue\n", encoding="utf-8")
    line = one_line(run("--lang", lang, "check", str(bank)))
    where = len(text.splitlines()) + 1
    assert line == f"fibro-assess: {bank}:{where}: colour: {said}"


@pytest.mark.parametrize(
    ("lang", "said"), [("fr", ": YAML non valide\u00a0: "), ("es", ": YAML no válido: ")]
)
def test_a_bank_that_is_not_yaml_says_so_in_the_language(lang, said, tmp_path):
    bank = tmp_path / "questions.yaml"
    bank.write_text("factors: [\n", encoding="utf-8")
    line = one_line(run("--lang", lang, "check", str(bank)))
    assert line.startswith(f"fibro-assess: {bank}:") and said in line
    assert "not valid" not in line


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "le poids ne doit pas être négatif (reçu -0.6)"),
        ("es", "el peso no puede ser negativo (se recibió -0.6)"),
    ],
)
def test_a_cross_check_of_the_bank_is_translated_after_its_location(lang, said, tmp_path):
    text = (ROOT / "questions.yaml").read_text(encoding="utf-8")
    first = "  - from: stress\n    to: muscle_pain\n    weight: 0.6\n"
    assert first in text
    bank = tmp_path / "questions.yaml"
    bank.write_text(text.replace(first, first.replace("0.6", "-0.6"), 1), encoding="utf-8")
    where = text[: text.index(first)].count("\n") + 3
    line = one_line(run("--lang", lang, "check", str(bank)))
    assert line == f"fibro-assess: {bank}:{where}: links[0].weight: {said}"


# -- 2. the history ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "Il n'y a pas d'évaluation 999999 dans l'historique"),
        ("es", "No hay ninguna evaluación 999999 en el historial"),
    ],
)
@pytest.mark.parametrize("command", [["report", "999999"], ["delete", "999999", "--yes"]])
def test_an_unknown_id_is_one_translated_line(lang, said, command):
    line = one_line(run("--lang", lang, *command))
    assert line.startswith(f"fibro-assess: {said} (") and "There is no" not in line


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "n'est pas un historique fibro-assess (ce n'est pas une base SQLite)\u00a0; "
               "il n'a pas été modifié."),
        ("es", "no es un historial de fibro-assess (no es una base de datos SQLite); "
               "no se ha modificado."),
    ],
)  # fmt: skip
def test_a_foreign_history_file_is_named_in_the_language_and_left_alone(
    lang, said, tmp_path, monkeypatch
):
    home = tmp_path / "home"
    home.mkdir()
    foreign = home / "history.sqlite3"
    foreign.write_bytes(b"not a database at all, just some words" * 4)
    before = foreign.read_bytes()
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(home))
    line = one_line(run("--lang", lang, "history"))
    assert line.endswith(said) and str(foreign) in line
    assert foreign.read_bytes() == before


@pytest.mark.parametrize(("lang", "yes"), [("fr", "o"), ("es", "s")])
def test_delete_asks_and_answers_in_the_language(lang, yes, sample_saved):
    entry_id = sample_saved
    refused = run("--lang", lang, "delete", str(entry_id), stdin="n\n")
    assert refused.returncode == 1
    assert refused.stdout.strip().endswith(
        {"fr": "[o/N] Rien n'a été supprimé.", "es": "[s/N] No se ha borrado nada."}[lang]
    )
    done = run("--lang", lang, "delete", str(entry_id), stdin=f"{yes}\n")
    assert done.returncode == 0, done.stderr
    deleted = {"fr": f"Évaluation {entry_id} du ", "es": f"Evaluación {entry_id} del "}[lang]
    assert deleted in done.stdout and "Deleted" not in done.stdout


@pytest.fixture
def sample_saved():
    """The sample saved in this test's own history (`--json` writes no PDF): its id."""
    from assessment.history.store import History

    saved = run("--answers", str(ROOT / "examples" / "sample-answers.yaml"), "--json")
    assert saved.returncode == 0, saved.stderr
    with History() as history:
        return history.list()[-1].id


# -- 3. the trend chart's alt text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "unknown", "drawn"),
    [
        ("fr", "jour 1\u00a0: inconnu", "évaluations tracées sur 1000."),
        ("es", "día 1: desconocido", "de 1000 evaluaciones representadas."),
    ],
)
def test_the_trend_charts_alt_text_is_in_the_language(lang, unknown, drawn):
    day = {"fr": "jour", "es": "día"}[lang]
    few = [(f"{day} {i}", None if i == 1 else float(i)) for i in range(10)]  # all drawn
    many = [(f"{day} {i}", float(i % 101)) for i in range(1000)]  # thinned to a hundred
    with words.speaking(lang):
        svg = str(charts.trend_chart(few, label="Stress"))
        thinned = str(charts.trend_chart(many, label="Stress"))
    assert unknown in svg and "not known" not in svg
    assert drawn in thinned and "assessments drawn" not in thinned


# -- 4. the doctor's page two in large print ------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Besides the checks suggested in the summary:"),
        ("fr", "En plus des examens suggérés dans le résumé\u00a0:"),
        ("es", "Además de las pruebas sugeridas en el resumen:"),
    ],
)
def test_page_two_points_to_the_summary_in_every_layout(lang, said):
    answers = support.sample_answers()
    result = support.result_for(answers)
    for large in (False, True):
        with words.speaking(lang):
            page = report.render_html(support.bank(), answers, result, large_print=large)
        two = re.search(r'<article id="doctor-questions"[^>]*>(.*?)</article>', page, re.S)
        assert said in two.group(1)
        assert "page one" not in page and "première page" not in page
