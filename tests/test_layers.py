"""The scoring core stays pure: it never pulls in the terminal or the PDF layer."""

import json
import subprocess
import sys

import pytest

CORE = ["assessment.bank", "assessment.bank_checks", "assessment.scoring",
        "assessment.instruments", "assessment.synergy", "assessment.redflags",
        "assessment.advice", "assessment.answers", "assessment.expressions"]  # fmt: skip
OUTER = ["questionary", "prompt_toolkit", "weasyprint", "assessment.wizard",
         "assessment.prompts", "assessment.report", "assessment.store", "sqlite3"]  # fmt: skip


def imported_after(module: str) -> set[str]:
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(done.stdout))


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_terminal_pdf_or_storage(module):
    assert not imported_after(module) & set(OUTER)


def test_starting_the_wizard_does_not_load_the_pdf_renderer():
    assert "weasyprint" not in imported_after("assessment.wizard")


def test_the_check_sees_what_an_outer_module_pulls_in():
    assert "questionary" in imported_after("assessment.wizard")
