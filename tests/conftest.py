"""Fixtures shared across test files: what is expensive to make is made once per session."""

from __future__ import annotations

import functools
import os

import pytest
import report_support as support
from hypothesis import settings

# On CI the property tests draw the same examples every run (derandomize), so a landing is never
# refused by a one-in-a-thousand draw; at a desk they draw afresh each time and keep exploring.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def default_key_bindings_built_once():
    """prompt_toolkit builds its ~600 default key bindings afresh for every Application, and
    questionary makes three Applications a question: two thirds of a scripted wizard run's time.
    They hold no state of their own (their filters ask the running application), so the tests
    share one set, as a PromptSession does across its prompts. The terminal runs (pexpect) use
    the program untouched."""
    from prompt_toolkit.application import application

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            application, "load_key_bindings", functools.cache(application.load_key_bindings)
        )
        yield


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path_factory, monkeypatch):
    """Every test, and every program it starts, keeps its data in a folder of its own, so tests
    can run in parallel and never touch the real data folder; tests that look at the folder set
    their own."""
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory):
    """The sample with hostile free text as a PDF, rendered once (a render takes seconds) while
    recording what the fetcher was asked: (path, result, PdfReader, fetchers)."""
    from assessment.report import fetcher

    fetchers = []
    original = fetcher.make_fetcher

    def recording(*args, **kwargs):
        made = original(*args, **kwargs)
        fetchers.append(made)
        return made

    fetcher.make_fetcher = recording
    try:
        answers = support.sample_answers(
            name=support.HOSTILE_NAME,
            notes=support.HOSTILE_NOTES,
            doctor_questions=support.HOSTILE_QUESTIONS,
        )
        folder = tmp_path_factory.mktemp("sample-pdf")
        out, result, reader = support.write_pdf(folder, "sample.pdf", answers)
    finally:
        fetcher.make_fetcher = original
    return out, result, reader, fetchers
