"""Every message `fibro-assess check` gives about a broken bank, in French and Spanish: the
fixed questions and what the program reads them for, the check-in's list, the checklists, the
schema's own mistakes (pydantic's, by error type). Each broken bank is first checked in English,
so a mutation that stopped producing its message fails here rather than passing unseen."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from assessment.core import contract, loader
from assessment.errors import BankError
from assessment.i18n import catalog, words

ROOT = Path(__file__).parent.parent
BANK = yaml.safe_load((ROOT / "questions.yaml").read_text(encoding="utf-8"))

# Words only English uses in these messages. Not "a", "no" (Spanish), "on" (French), "question".
ENGLISH = re.compile(
    r"\b(the|is|are|of|and|or|must|give|field|missing|fixed|reads|it|its|own|only|be|has|have"
    r"|with|which|from|to|same|screen|after|listed|twice|unknown|did|you|mean|expected|got"
    r"|input|should|valid|required|extra|inputs|permitted|least|most|items?|characters?|not"
    r"|more|mistakes?|like|these|lacks|value|values|program|scores|filled|asked|never|brace"
    r"|can|there|yet|so|about|needs|takes|kind|form|empty|letters|digits|starting)\b",
    re.I,
)
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\{[a-z]+\}")
# The bank's own keywords, which stay as they are in every language (they are what one types).
KEYWORDS = re.compile(
    r"\b(published: true|fixed_questions: some|scores: false|intake_mg|check_in|at_least"
    r"|at_most|linear|steps|map|factor|habit|done_|show_if|max_points|min|max|single|multi"
    r"|yesno|number|scale|text)\b"
)


def english_left(message: str) -> list[str]:
    """English words in a message once the values it quotes and the bank's keywords are out."""
    plain = KEYWORDS.sub(" ", QUOTED.sub(" ", message))
    return ENGLISH.findall(plain)


def section_of(data: dict, qid: str) -> dict:
    return next(s for s in data["sections"] for q in s["questions"] if q["id"] == qid)


def question(data: dict, qid: str) -> dict:
    return next(q for q in section_of(data, qid)["questions"] if q["id"] == qid)


def _same_column(d):
    d["factors"][1]["column"] = d["factors"][0]["column"]


def _check_in_list(d):
    d["check_in"]["questions"] += ["pain_now", "done_walks", "pain_nwo", "rf_steroids"]


def _done_collides(d):
    action = d["actions"][0]["id"]
    section_of(d, "notes")["questions"].append(
        {"id": f"done_{action}", "type": "text", "text": "Done?", "scores": False}
    )


def _done_text(d):
    d["check_in"]["done"]["text"] = "{action}: did you manage it, {name}?"


def _published_not_fixed(d):
    question(d, "hab_strength_days")["published"] = True


def _fixed_missing(d):
    items = section_of(d, "peg_activity")["questions"]
    items.remove(question(d, "peg_activity"))


def _fixed_type(d):
    q = question(d, "height_cm")
    q["type"] = "scale"


def _fixed_unpublished(d):
    question(d, "pain_now")["published"] = False


def _fixed_choices(d):
    question(d, "sex")["choices"][2]["value"] = "diverse"
    question(d, "back_pain_duration")["choices"] = question(d, "back_pain_duration")["choices"][:2]
    question(d, "back_pain_duration")["choices"] = question(d, "back_pain_duration")["choices"][:1]


def _fixed_scale(d):
    question(d, "pain_now")["max"] = 5


def _healthy(d):
    d["actions"][0]["healthy"]["hab_activity_minutes"] = {"at_least": 999_999}


def _same_checklist(d):
    question(d, "mus_light_touch")["show_if"] = "mus_knots"


def _enough(d):
    question(d, "mg_dark_chocolate").pop("intake_mg")
    question(d, "mg_beans_soya")["enough_when"]["measure"] = "bmi"


def _many(d):
    for factor in d["factors"]:
        factor["colour"] = "blue"
    for section in d["sections"]:
        for q in section["questions"]:
            q["colour"] = "blue"


def _schema(d):
    d["factors"][0]["name"] = 5  # string_type
    d["factors"][1].pop("name")  # missing
    d["factors"][2]["colour"] = "blue"  # extra_forbidden
    d["advice"][0]["priority"] = "high"  # int_parsing
    d["advice"][1]["priority"] = 1.5  # int_from_float
    d["advice"][2]["priority"] = 7  # less_than_equal
    d["advice"][3]["priority"] = 0  # greater_than_equal
    d["actions"][4]["adds_load"] = "maybe"  # bool_parsing
    d["actions"][5]["adds_load"] = [1]  # bool_type
    d["sections"][0]["questions"][0]["type"] = "slider"  # literal_error
    d["sections"][1]["id"] = "Bad Id"  # string_pattern_mismatch
    d["sections"][2]["questions"] = "none"  # list_type
    next(s for s in d["sections"][3:] if s.get("checklists"))["checklists"][0]["items"] = [
        "one"
    ]  # too_short
    d["factors"][3]["short"] = "ABCDEFG"  # string_too_long
    d["factors"][4]["column"] = ""  # string_too_short
    d["links"][0]["weight"] = "heavy"  # float_parsing
    d["links"][1]["weight"] = float("inf")  # finite_number
    d["links"][2] = "stress"  # model_type
    d["derived"][0]["linear"] = 5  # tuple_type
    d["actions"][6]["healthy"] = []  # dict_type
    d["advice"][5]["habit"] = "activity"  # value_error: factor and habit
    d["magnesium_baseline_mg"] = {"a": 1}  # float_type


CASES: dict[str, tuple[Any, str]] = {
    "same column": (_same_column, "has the same history column title as"),
    "check-in list": (_check_in_list, "is listed twice"),
    "done collides": (_done_collides, "and a question of the bank has that id too"),
    "done text": (_done_text, "only {action} can be filled in, not name"),
    "published": (_published_not_fixed, "is not an item of a published scale"),
    "fixed missing": (_fixed_missing, "fixed question 'peg_activity' is missing"),
    "fixed type": (_fixed_type, "must be a number question, not scale"),
    "fixed published": (_fixed_unpublished, "give published: true"),
    "fixed choices": (_fixed_choices, "lacks the choice values"),
    "fixed scale": (_fixed_scale, "must run from 0 to 10"),
    "healthy": (_healthy, "healthy answer"),
    "same checklist": (_same_checklist, "on the same checklist"),
    "enough": (_enough, "only the magnesium estimate can be enough so far"),
    "many": (_many, "more mistakes like these"),
    "schema": (_schema, "is not one of: 'single', 'multi', 'yesno', 'number', 'scale', 'text'"),
}


def problems(tmp_path: Path, change, lang: str) -> list[str]:
    data = copy.deepcopy(BANK)
    change(data)
    path = tmp_path / "questions.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with words.speaking(lang), pytest.raises(BankError) as caught:
        loader.load_bank(path)
    return list(caught.value.problems)


def message(line: str) -> str:
    """The words after `file:line: field: ` (the location stays as it is in every language)."""
    return re.sub(r"^.*?questions\.yaml(:\d+)?: (\S+: )?", "", line)


@pytest.mark.parametrize("case", CASES)
def test_each_check_of_a_broken_bank_speaks_french_and_spanish(case, tmp_path):
    change, said = CASES[case]
    english = problems(tmp_path, change, "en")
    assert any(said in line for line in english), english
    for lang in ("fr", "es"):
        lines = problems(tmp_path, change, lang)
        assert len(lines) == len(english)
        left = {line: english_left(message(line)) for line in lines}
        assert {line: found for line, found in left.items() if found} == {}, lang


def test_the_schema_case_covers_the_error_types_a_bank_can_make(tmp_path):
    from pydantic import ValidationError

    from assessment.core.bank import Bank

    data = copy.deepcopy(BANK)
    _schema(data)
    with pytest.raises(ValidationError) as caught:
        Bank.model_validate(data)
    kinds = {err["type"] for err in caught.value.errors()}
    assert kinds >= {
        "string_type", "missing", "extra_forbidden", "int_parsing", "int_from_float",
        "less_than_equal", "greater_than_equal", "bool_parsing", "bool_type", "literal_error",
        "string_pattern_mismatch", "list_type", "too_short", "string_too_long",
        "string_too_short", "float_parsing", "finite_number", "model_type", "tuple_type",
        "dict_type", "value_error", "float_type",
    }  # fmt: skip
    # and each of them has its own words, never pydantic's English
    for err in caught.value.errors():
        with words.speaking("fr"):
            said = loader._message(err)
        assert said != err["msg"] and not english_left(said), (err["type"], said)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_check_message_is_translated_without_english(lang):
    """The catalogue's entries for the bank's checks and the fixed questions' purposes: each
    translated, none with English words left (a systematic pass over the message table)."""
    sources = ("core/checks.py", "core/contract.py", "core/check_in.py", "core/loader.py",
               "core/bank.py", "core/quote.py", "core/answers.py")  # fmt: skip
    seen = 0
    for entry in catalog.read(lang):
        if not entry.id or not any(s in where for where, _l in entry.locations for s in sources):
            continue
        seen += 1
        for text in entry.string if isinstance(entry.string, tuple) else (entry.string,):
            assert text and not english_left(text), (entry.id, text)
    assert seen >= 100
    with words.speaking(lang):
        for fixed in contract.FIXED:
            assert words._(fixed.reads) != fixed.reads


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assessment", *args],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={**os.environ, "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8", **env},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("how", "said"),
    [
        (["--lang", "fr"], "un nombre entier était attendu, et non 'high'"),
        (["--lang", "es"], "se esperaba un número entero, no 'high'"),
        ({"LANG": "fr_FR.UTF-8"}, "un nombre entier était attendu, et non 'high'"),
        ({"LANG": "es_ES.UTF-8"}, "se esperaba un número entero, no 'high'"),
    ],
)
def test_a_malformed_bank_is_one_translated_line_exit_2(how, said, tmp_path):
    text = (ROOT / "questions.yaml").read_text(encoding="utf-8")
    first = text.index("\nadvice:\n")
    at = text.index("    priority: ", first)
    end = text.index("\n", at)
    bank = tmp_path / "questions.yaml"
    bank.write_text(text[:at] + "    priority: high" + text[end:], encoding="utf-8")
    line_no = text[:at].count("\n") + 1
    env, args = (how, []) if isinstance(how, dict) else ({}, how)
    done = run(env, *args, "check", str(bank))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert re.fullmatch(rf"fibro-assess: {re.escape(str(bank))}:{line_no}: advice\[\d+\]"
                        rf"\.priority: {re.escape(said)}", line), line  # fmt: skip
