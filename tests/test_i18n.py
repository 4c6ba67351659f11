"""The language seam: the locale picks the language, Babel writes dates and numbers, gettext
catalogues load from `.po`, and a bank overlay is checked and applied without touching scores."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import textwrap

import pytest
import report_support as support

from assessment.core import yamlfile
from assessment.core.scoring import assess
from assessment.errors import BankError
from assessment.i18n import catalog, choice, emergency, formats
from assessment.i18n import overlay as overlays
from assessment.paths import default_bank_path

# Babel became a dependency with the languages; a checkout installed before then runs these
# once it is reinstalled (every fresh install has it, as CI does).
needs_babel = pytest.mark.skipif(
    importlib.util.find_spec("babel") is None,
    reason="Babel is not installed here: pip install -e '.[test]' again",
)

# --- which language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "lang", "region"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr", "FR"),
        ({"LANG": "es_MX.UTF-8"}, "es", "MX"),
        ({"LANG": "es_ES.UTF-8", "LC_MESSAGES": "fr_BE.UTF-8"}, "fr", "BE"),
        ({"LANG": "es_ES", "LC_MESSAGES": "fr_FR", "LC_ALL": "en_GB.UTF-8"}, "en", "GB"),
        ({"LANG": "C.UTF-8"}, "en", None),
        ({"LANG": "de_DE.UTF-8"}, "en", "DE"),  # a language not spoken: English, region kept
        ({"LC_ALL": "", "LANG": "fr"}, "fr", None),  # an empty variable counts as unset
        ({}, "en", None),
    ],
)
def test_the_locale_picks_language_and_region(environ, lang, region):
    assert choice.from_locale(environ) == choice.Speech(lang, region)


def test_lang_flag_names_the_language_and_the_locale_still_gives_the_region():
    assert choice.choose("es", {"LANG": "fr_FR.UTF-8"}) == choice.Speech("es", "FR")
    assert choice.choose(None, {"LANG": "fr_FR.UTF-8"}) == choice.Speech("fr", "FR")


# --- dates and numbers ---------------------------------------------------------------------


@needs_babel
def test_dates_are_written_as_each_language_writes_them():
    day = dt.date(2026, 12, 1)
    assert formats.date(day, "en") == "1 Dec 2026"
    assert formats.date(day, "fr") == "1 déc. 2026"
    assert formats.date(day, "es") == "1 dic 2026"
    assert formats.date(day, "fr", "long") == "1 décembre 2026"


@needs_babel
def test_numbers_keep_the_same_rounding_with_the_language_decimal_sign():
    assert [formats.number(2.45, lang, 1) for lang in ("en", "fr", "es")] == ["2.5", "2,5", "2,5"]
    assert formats.number(4.0, "fr") == "4"
    assert formats.number(None, "fr", unknown="-") == "-"
    assert formats.decimal_sign("es") == ","


# --- gettext catalogues --------------------------------------------------------------------

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

msgid "Welcome"
msgstr "Bienvenue"

#, fuzzy
msgid "Begin"
msgstr "Commencer peut-être"

msgid "{count} area ticked"
msgid_plural "{count} areas ticked"
msgstr[0] "{count} zone cochée"
msgstr[1] "{count} zones cochées"

msgctxt "answer"
msgid "No"
msgstr "Non"
"""


@needs_babel
def test_a_po_file_loads_as_a_gettext_catalogue(tmp_path):
    path = tmp_path / "fr.po"
    path.write_text(PO, encoding="utf-8")
    words = catalog.load("fr", path)
    assert words.gettext("Welcome") == "Bienvenue"
    assert words.gettext("Begin") == "Begin"  # fuzzy: not trusted, the English shows
    assert words.gettext("Not in the file") == "Not in the file"
    one, many = "{count} area ticked", "{count} areas ticked"
    assert words.ngettext(one, many, 1) == "{count} zone cochée"
    assert words.ngettext(one, many, 0) == "{count} zone cochée"  # French: 0 is singular
    assert words.ngettext(one, many, 2) == "{count} zones cochées"
    assert words.pgettext("answer", "No") == "Non"


def test_english_needs_no_catalogue():
    assert catalog.translations("en").gettext("Welcome") == "Welcome"


def test_placeholders_are_found_in_both_styles():
    assert catalog.placeholders("{b} and {a} and %(n)s") == ["%(n)s", "{a}", "{b}"]


# --- emergency numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "region", "words"),
    [
        ("fr", "FR", "15 ou le 112"),
        ("es", "ES", "112"),
        ("es", "MX", "911"),
        ("en", "GB", "999 or 112"),
        ("en", None, "112 or your local emergency number"),
        ("fr", None, "112 ou le numéro d'urgence de votre pays"),
        ("es", "ZZ", "112 o al número de emergencias de su país"),
    ],
)
def test_the_emergency_number_follows_language_and_region(lang, region, words):
    assert emergency.phrase(lang, region) == words


# --- bank overlays -------------------------------------------------------------------------

BANK = """\
version: 1
title: Tiny bank
fixed_questions: some
factors:
  - {id: stress, name: Stress, summary: How tense you feel.}
bands:
  - {id: low, min: 0, max: 50}
  - {id: high, min: 51, max: 100}
sections:
  - id: mood
    title: Mood
    questions:
      - id: tense
        type: single
        text: How tense are you, {name}?
        choices:
          - {value: a, label: A little, points: {stress: 1}}
          - {value: b, label: A lot, points: {stress: 3}}
advice:
  - id: calm
    factor: stress
    when: "band.stress == 'high'"
    title: Calm down
    text: Breathe.
    do: [Breathe slowly, {text: Walk, when: "tense == 'b'"}]
"""


def overlay_file(tmp_path, text: str):
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK, encoding="utf-8")
    path = overlays.overlay_path(bank, "fr")
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return bank, path


def checked(tmp_path, text: str):
    bank, path = overlay_file(tmp_path, text)
    english = yamlfile.load(bank.read_text())
    return overlays.check(english, overlays.read_overlay(path, "fr"), str(bank))


def test_the_overlay_sits_beside_its_bank():
    assert overlays.overlay_path("/x/questions.yaml", "es").name == "questions.es.yaml"
    assert overlays.lang_of(overlays.overlay_path("/x/questions.yaml", "es")) == "es"


def test_each_mistake_is_one_line_naming_file_line_and_field(tmp_path):
    mistakes, missing = checked(
        tmp_path,
        """\
        lang: fr
        title: Petite banque
        questions:
          tense:
            text: Êtes-vous tendu ?
            choices: {a: Un peu, b: "  ", c: Trop}
        advice:
          calm:
            do: [Respirez lentement, Marchez, Courez]
        """,
    )
    name = str(tmp_path / "bank.fr.yaml")
    assert mistakes == [
        f"{name}:5: questions.tense.text: has the placeholders none where the English has {{name}}",
        f"{name}:6: questions.tense.choices.b: is empty; translate it or leave the line out",
        f"{name}:6: questions.tense.choices.c: not in bank.yaml (a renamed or removed id?)",
        f"{name}:9: advice.calm.do[2]: not in bank.yaml (a renamed or removed id?)",
    ]
    bank = str(tmp_path / "bank.yaml")
    assert missing == [
        f"{bank}:5: factors.stress.name: no français translation",
        f"{bank}:5: factors.stress.summary: no français translation",
        f"{bank}:11: sections.mood.title: no français translation",
        f"{bank}:23: advice.calm.title: no français translation",
        f"{bank}:24: advice.calm.text: no français translation",
    ]


def test_an_overlay_of_another_language_or_shape_is_named(tmp_path):
    mistakes, _ = checked(tmp_path, "lang: es\nquestions: {tense: {text: [a, {b: c}]}}\n")
    name = str(tmp_path / "bank.fr.yaml")
    assert mistakes[0] == f"{name}:1: lang: must be 'fr', the file's language, not 'es'"
    assert f"{name}:2: questions.tense.text[1]: must be a sentence, not a list or mapping" in (
        mistakes
    )


def test_an_overlay_that_is_not_yaml_is_one_line(tmp_path):
    _, path = overlay_file(tmp_path, "lang: fr\nquestions: [\n")
    with pytest.raises(BankError) as caught:
        overlays.read_overlay(path, "fr")
    assert str(caught.value).startswith(f"{path}:3: not valid YAML")


def test_applying_an_overlay_changes_words_and_nothing_else(tmp_path):
    from assessment.core.loader import load_bank

    bank_path, path = overlay_file(
        tmp_path,
        """\
        lang: fr
        questions:
          tense: {text: "Êtes-vous tendu, {name} ?", choices: {b: Beaucoup}}
        advice:
          calm: {do: [Respirez lentement, Marchez]}
        """,
    )
    bank = load_bank(bank_path)
    french = overlays.apply(bank, overlays.read_overlay(path, "fr"))
    question = french.question("tense")
    assert question.text == "Êtes-vous tendu, {name} ?"
    assert [c.label for c in question.choices] == ["A little", "Beaucoup"]  # a gap stays English
    assert french.advice[0].do[0] == "Respirez lentement"
    assert french.advice[0].do[1].text == "Marchez"
    assert french.advice[0].do[1].when == "tense == 'b'"
    assert french.sha256 == bank.sha256
    dumped = [bank.model_dump(), french.model_dump()]
    for data in dumped:  # the same bank once the words are taken out
        for place in overlays.strings(data).values():
            place.holder[place.slot] = ""
    assert dumped[0] == dumped[1]


def test_the_shipped_translations_score_the_sample_exactly_as_the_english():
    bank = support.bank()
    answers = support.sample_answers()

    def scores(a_bank):
        result = assess(a_bank, answers, assessed_at="2026-12-01T10:00:00").to_dict()
        factors = {k: (f["score"], f["band"], f["answered"]) for k, f in result["factors"].items()}
        ids = [(a["id"], a["priority"]) for a in result["advice"]]
        return factors, result["instruments"], result["synergy"]["multiplier"], ids

    english = scores(bank)
    for lang in ("fr", "es"):
        path = overlays.overlay_path(default_bank_path(), lang)
        assert scores(overlays.apply(bank, overlays.read_overlay(path, lang))) == english


def test_the_bank_hash_covers_its_translations(tmp_path):
    from assessment.core.loader import load_bank

    bank_path, path = overlay_file(tmp_path, "lang: fr\ntitle: Petite banque\n")
    first = load_bank(bank_path).sha256
    path.write_text("lang: fr\ntitle: Une petite banque\n", encoding="utf-8")
    second = load_bank(bank_path).sha256
    path.unlink()
    english = load_bank(bank_path).sha256
    assert len({first, second, english}) == 3
    assert english == hashlib.sha256(bank_path.read_bytes()).hexdigest()


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_shipped_translations_have_no_mistakes(lang):
    english = yamlfile.load(default_bank_path().read_text(encoding="utf-8"))
    path = overlays.overlay_path(default_bank_path(), lang)
    mistakes, missing = overlays.check(english, overlays.read_overlay(path, lang), "questions.yaml")
    assert mistakes == []
    assert missing == []  # every sentence of the bank has its French and its Spanish


def test_check_lang_lists_what_is_missing_one_line_each(tmp_path, capsys):
    from assessment import cli
    from assessment.i18n import words

    bank, _path = overlay_file(tmp_path, "lang: fr\ntitle: Petite banque\n")
    with words.speaking("en"):  # main speaks French from then on; the other tests must not
        assert cli.main(["check", str(bank), "--lang", "fr"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert f"fibro-assess: {bank}:5: factors.stress.name: no français translation" in lines
    assert all(line.startswith(f"fibro-assess: {bank}:") for line in lines)
    assert cli.main(["check", str(bank)]) == 0  # without --lang: the count, as a note
    assert "1 sentence" not in capsys.readouterr().out.split("\n")[0]


@pytest.mark.parametrize(
    ("lang", "region", "words"),
    [
        ("fr", "FR", "composez le 15 ou le 112."),
        ("fr", "BE", "composez le 112."),
        ("fr", None, "composez le 112 ou le numéro d'urgence de votre pays."),
        ("es", "ES", "ambulancia al 112."),
        ("es", "MX", "ambulancia al 911."),
        ("es", None, "ambulancia al 112 o al número de emergencias de su país."),
    ],
)
def test_the_ambulance_line_names_the_number_for_the_region(lang, region, words):
    from assessment.i18n import bank as banks

    bank = banks.load(default_bank_path(), choice.Speech(lang, region))
    sign = next(s for s in bank.red_flags.signs if s.id == "rf_faint_sweaty")
    combination = next(c for c in bank.red_flags.combinations if c.id.endswith("collapse"))
    for action in (sign.action, combination.action):
        assert words in action and "{" not in action


def test_the_english_bank_is_handed_over_as_loaded_when_it_has_no_number_to_fill(monkeypatch):
    # The English words name their numbers outright, so an English run neither dumps nor
    # validates the bank a second time (that cost every run about 45 ms).
    from assessment.core.bank import Bank
    from assessment.i18n import bank as banks

    banks.load(default_bank_path(), choice.Speech("en", None))  # the checked bank, cached

    def refused(*args, **kwargs):
        raise AssertionError("the English bank was dumped again")

    monkeypatch.setattr(Bank, "model_dump", refused)
    bank = banks.load(default_bank_path(), choice.Speech("en", "GB"))
    assert bank.lang == "en"
    assert "999" in next(s for s in bank.red_flags.signs if s.id == "rf_faint_sweaty").action
