"""Each command imports what it needs and no more: start-up time is mostly imports.

Checked in a fresh interpreter running the real command, by what `sys.modules` holds at the end.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample-answers.yaml"

# Runs the command line given as JSON, then prints the top-level modules and assessment's own
# (every module, with a second argument).
_PROBE = """
import contextlib, io, json, sys
from assessment import cli
with contextlib.redirect_stdout(io.StringIO()):
    code = cli.main(json.loads(sys.argv[1]))
full = len(sys.argv) > 2
names = sorted(m for m in sys.modules if full or '.' not in m or 'assess' in m)
print(json.dumps({"code": code, "modules": names}))
"""


def _modules(*argv: str, full: bool = False) -> set[str]:
    """The modules a run of the command imports: top-level ones and assessment's (all if
    `full`)."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(list(argv)), *(["full"] if full else [])],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    data = json.loads(done.stdout.strip().splitlines()[-1])
    assert data["code"] == 0, done.stderr
    return set(data["modules"])


def test_scoring_to_json_imports_no_pdf_terminal_or_history():
    loaded = _modules("--answers", str(SAMPLE), "--json", "--no-save")
    assert "assessment.core.scoring" in loaded  # the probe saw the real run
    unneeded = {
        "weasyprint",
        "pydyf",
        "fontTools",
        "questionary",
        "prompt_toolkit",
        "sqlite3",
        "assessment.report",
        "assessment.terminal",
        "assessment.history.store",
        "assessment.history.factors",
        "assessment.history.export",
        "assessment.history.fhir",
        "assessment.history.commands",  # only its arguments are registered
        "assessment.core.fhir_response",  # read for a QuestionnaireResponse alone
    }
    assert loaded & unneeded == set()


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_scoring_from_the_cached_bank_builds_no_pydantic_model(lang):
    run = ("--answers", str(SAMPLE), "--json", "--no-save", "--lang", lang)
    _modules(*run)  # checks the bank (and translates it), keeps it
    loaded = _modules(*run, full=True)
    assert "assessment.core.bank" in loaded and "pydantic" in loaded  # as the bare floor
    # BaseModel lives in pydantic.main, the bank's limits in core.schema: neither is needed
    assert loaded & {"pydantic.main", "pydantic.fields", "assessment.core.schema"} == set()


def test_checking_a_bank_imports_no_scoring_pdf_or_history():
    loaded = _modules("check")
    assert "assessment.core.checks" in loaded
    assert loaded & {"weasyprint", "sqlite3", "assessment.core.scoring", "questionary"} == set()


def test_the_history_list_imports_no_pdf_renderer_or_scoring():
    loaded = _modules("history")
    assert "assessment.history.store" in loaded
    unneeded = {"weasyprint", "questionary", "assessment.report", "assessment.core.scoring"}
    assert loaded & unneeded == set()
