"""French and Spanish at the real terminal: the whole questionnaire answered in an 80x24
pseudo-terminal under LANG=fr_FR.UTF-8 and es_ES.UTF-8, the command's errors and --help in
the locale's language."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from wizard_driver import answer_all

from assessment.core import answers as answers_mod
from assessment.i18n import bank as banks
from assessment.i18n import choice

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
SKIP = {"fr": "Je préfère ne pas répondre", "es": "Prefiero no contestar"}
PROGRESS = {
    "fr": re.compile(r"partie (\d+) sur (\d+)  ·  environ (une|\d+) minutes?"),
    "es": re.compile(r"apartado (\d+) de (\d+)  ·  (queda|quedan) "),
}


@pytest.mark.parametrize(("lang", "locale"), [("fr", "fr_FR.UTF-8"), ("es", "es_ES.UTF-8")])
def test_the_whole_questionnaire_in_the_locale_language(lang, locale, tmp_path):
    bank = banks.load(ROOT / "questions.yaml", choice.Speech(lang, locale[3:5]))
    sample = yaml.safe_load((ROOT / "examples" / "sample-answers.yaml").read_text())
    run = answer_all(bank, sample, tmp_path, locale=locale)  # waits for each screen's own words
    assert run.status == 0
    assert run.screens == len(bank.screens(sample))
    seen = [PROGRESS[lang].search(line) for line in run.progress]
    assert len(seen) == run.screens and all(seen), run.progress[:3]
    # The prompts' own words too (they draw from prompt_toolkit's thread): no English left.
    shown = " ".join(run.text.split())
    for english in ("Prefer not to say", "Enter to choose", "None of these", "« Back", "Yes"):
        assert english not in shown
    assert SKIP[lang] in shown
    (saved,) = tmp_path.glob("answers-*.yaml")
    # The two the sample leaves unknown on a checklist are saved as no (the wizard cannot).
    unknown_on_a_list = {"ost_parent_hip": False, "slp_snoring": False}
    expected = {**answers_mod.validate(bank, sample, source="sample"), **unknown_on_a_list}
    assert answers_mod.load(bank, saved) == expected


def run(locale: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": locale, "LC_ALL": "", "LC_MESSAGES": ""}
    return subprocess.run(
        [sys.executable, "-m", "assessment", *args],
        capture_output=True, text=True, env=env, timeout=60, cwd=ROOT,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        ("fr_FR.UTF-8", "nope.yaml\u00a0: ce fichier de réponses n'existe pas"),
        ("es_ES.UTF-8", "nope.yaml: no existe ese archivo de respuestas"),
    ],
)
def test_errors_speak_the_locale_language(locale, said, tmp_path):
    done = run(locale, "--answers", str(tmp_path / "nope.yaml"), "--no-save")
    assert done.returncode == 2
    assert done.stderr.strip().endswith(said) and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_a_bad_answer_is_one_translated_line_naming_file_line_and_question(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("age: many\n", encoding="utf-8")
    done = run("es_ES.UTF-8", "--answers", str(bad), "--partial", "--no-save")
    assert done.returncode == 2
    assert done.stderr.strip() == f"fibro-assess: {bad}:1: age: se esperaba un número, no 'many'"


def test_help_speaks_the_locale_language_and_lang_wins():
    french = run("fr_FR.UTF-8", "--help").stdout
    assert french.startswith("utilisation\u00a0: fibro-assess")
    assert "ne pas garder cette évaluation dans l'historique local" in french
    spanish = run("fr_FR.UTF-8", "--lang", "es", "--help").stdout
    assert spanish.startswith("uso: fibro-assess") and "mostrar este mensaje de ayuda" in spanish


# English words of argparse's and the program's help, none of them an option, a command's name
# or a metavar (those stay as one types them).
HELP_ENGLISH = re.compile(
    r"\b(the|and|show|exit|this|with|your|program's|number|from|each|every|into"
    r"|write|print|instead|default|usage|positional|optional|one)\b"
)


@pytest.mark.parametrize("locale", ["fr_FR.UTF-8", "es_ES.UTF-8"])
@pytest.mark.parametrize(
    "command", [[], ["check"], ["batch"], ["check-in"], ["history"], ["report"], ["delete"],
                ["export"]],
)  # fmt: skip
def test_every_help_has_no_english_left(locale, command):
    done = run(locale, *command, "--help")
    assert done.returncode == 0, done.stderr
    # options, metavars, file names and commands as typed are not words to translate
    words_only = re.sub(r"\S*[-./_]\S*|\b[A-Z][A-Za-z]*[A-Z]\w*\b|\{[^}]*\}", " ", done.stdout)
    assert HELP_ENGLISH.findall(words_only) == [], done.stdout
