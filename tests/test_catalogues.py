"""Every program string has its French and Spanish: the .po files hold every string Babel
extracts from the code and templates, each translated, with the English's placeholders."""

from __future__ import annotations

import importlib.util

import pytest

from assessment.i18n import catalog

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("babel") is None,
    reason="Babel is not installed here: pip install -e '.[test]' again",
)


def ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def test_the_catalogues_hold_every_string_the_program_shows():
    from assessment.i18n import extract

    wanted = {m.id for m in extract.catalogue() if m.id}
    for lang in ("fr", "es"):
        have = {m.id for m in catalog.read(lang) if m.id}
        assert wanted - have == set(), f"{lang}: run python -m assessment.i18n.extract"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_string_is_translated_with_the_same_placeholders(lang):
    problems = []
    for message in catalog.read(lang):
        if not message.id:
            continue
        english = catalog.placeholders(ids(message)[-1])
        for text in strings(message):
            if not text.strip():
                problems.append(f"{ids(message)[0]!r}: not translated")
            elif message.fuzzy:
                problems.append(f"{ids(message)[0]!r}: marked fuzzy")
            elif catalog.placeholders(text) != english and len(ids(message)) == 1:
                problems.append(f"{ids(message)[0]!r}: placeholders {catalog.placeholders(text)}")
    assert problems == []
