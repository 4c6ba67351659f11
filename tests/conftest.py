"""Fixtures shared across test files: what is expensive to make is made once per session."""

from __future__ import annotations

import pytest
import report_support as support


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
