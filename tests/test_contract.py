"""The fixed question ids are one declared contract, which `check` holds every bank to."""

import ast
import re
from pathlib import Path

import pytest

from assessment.core import contract
from assessment.core.loader import load_bank
from assessment.errors import BankError
from assessment.paths import default_bank_path

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
ALL_FIXED = DATA / "banks" / "all-fixed-questions.yaml"


def test_the_shipped_bank_keeps_every_fixed_question():
    bank = load_bank(default_bank_path())
    assert bank.fixed_questions == "all"
    for fixed in contract.FIXED:
        question = bank.question(fixed.id)
        assert question.type == fixed.type
        assert question.published == fixed.published


def test_a_bank_of_only_the_fixed_questions_passes():
    bank = load_bank(ALL_FIXED)
    assert {q.id for q in bank.questions} - {"worry"} == set(contract.BY_ID)


def test_adding_a_fixed_id_is_one_line_and_check_then_asks_for_it(monkeypatch):
    extra = contract.Fixed("pain_meds", "yesno", "the medicines page")
    monkeypatch.setattr(contract, "FIXED", (*contract.FIXED, extra))
    monkeypatch.setattr(contract, "BY_ID", {f.id: f for f in contract.FIXED})
    with pytest.raises(BankError) as caught:
        load_bank(ALL_FIXED)
    (problem,) = caught.value.problems
    assert problem.startswith(f"{ALL_FIXED}:")
    assert (
        "fixed question 'pain_meds' is missing (the program reads it for the medicines page)"
        in (problem)
    )


def test_a_partial_bank_may_leave_fixed_questions_out_but_not_retype_those_it_keeps(tmp_path):
    text = (DATA / "banks" / "small.yaml").read_text("utf-8")
    assert "fixed_questions: some" in text
    retyped = text.replace(
        "{id: pain_now, type: scale,", "{id: pain_now, type: number, min: 0, max: 10,"
    )
    path = tmp_path / "retyped.yaml"
    path.write_text(retyped, "utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    (problem,) = caught.value.problems
    line = next(n for n, row in enumerate(retyped.splitlines(), 1) if "id: pain_now" in row)
    assert problem.startswith(f"{path}:{line}: ")
    assert "fixed question 'pain_now' must be a scale question, not number" in problem


def test_each_fixed_id_is_a_valid_question_id_of_a_known_type():
    types = {"single", "multi", "yesno", "number", "scale", "text"}
    assert len(contract.BY_ID) == len(contract.FIXED), "no id is declared twice"
    for fixed in contract.FIXED:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", fixed.id)
        assert fixed.type in types
        assert bool(fixed.choices) == (fixed.type in ("single", "multi")), fixed.id
        assert (fixed.scale is not None) == (fixed.type == "scale"), fixed.id
        assert fixed.reads


def test_the_docs_show_the_contract_as_it_is():
    doc = (ROOT / "docs" / "questions-format.md").read_text("utf-8")
    found = re.search(r"<!-- fixed-ids:[^\n]*-->\n(.*?)<!-- end of fixed-ids -->", doc, re.S)
    assert found, "docs/questions-format.md lost its fixed-ids markers"
    assert found.group(1) == contract.markdown_table(), (
        "docs/questions-format.md differs from core/contract.py: paste in "
        "contract.markdown_table() between the markers"
    )


def _string_constants(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def test_every_question_id_the_code_names_is_a_fixed_id():
    """A question the code reads by its id must be in the contract, or check cannot guard it."""
    bank = load_bank(default_bank_path())
    ids = {q.id for q in bank.questions}
    named: dict[str, list[str]] = {}
    for path in sorted((ROOT / "assessment").rglob("*.py")):
        for value in _string_constants(path) & ids:
            named.setdefault(value, []).append(str(path.relative_to(ROOT)))
    unfixed = {qid: where for qid, where in named.items() if qid not in contract.BY_ID}
    assert not unfixed, f"add these to core/contract.py: {unfixed}"
    assert {"pain_now", "wpi_regions", "sex", "name"} <= set(named), "the scan finds the reads"


def test_a_choice_value_the_program_does_not_know_is_refused_at_its_line(tmp_path):
    text = ALL_FIXED.read_text("utf-8")
    extra = text.replace(
        "          - {value: other, label: Other}\n",
        "          - {value: other, label: Other}\n          - {value: unsure, label: Not sure}\n",
    )
    path = tmp_path / "extra-choice.yaml"
    path.write_text(extra, "utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    (problem,) = caught.value.problems
    line = extra.splitlines().index("          - {value: unsure, label: Not sure}") + 1
    assert problem.startswith(f"{path}:{line}: sections[2].questions[1].choices[3].value: ")
    assert "fixed question 'sex' has a choice value 'unsure' that the program does not know" in (
        problem
    )
