"""French and Spanish run about a fifth longer than English: the wizard's fullest screens still
fit an 80x24 terminal with the progress line above them, in all three languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from prompt_helpers import K, feed_and_watch

from assessment.i18n import bank as banks
from assessment.i18n import choice, words
from assessment.terminal import prompts, texts

REAL = Path(__file__).resolve().parent.parent / "questions.yaml"
LANGS = ["en", "fr", "es"]


@pytest.fixture(scope="module", params=LANGS)
def speaking(request):
    lang = request.param
    with words.speaking(lang):
        yield lang, banks.load(REAL, choice.Speech(lang))


def test_the_body_areas_fit_24_rows_in_every_language(speaking):
    lang, bank = speaking
    with words.speaking(lang):
        question = bank.question("wpi_regions")
        nothing = texts.NOTHING_TICKED.format(none=texts.NONE_OF_THESE)
        result, frames = feed_and_watch(
            lambda **io: prompts.ask(question, **io), K.ENTER, K.UP * 2, K.SPACE + K.ENTER
        )
    assert result == []
    assert frames and all(len(frame) <= 23 for frame in frames)  # the progress line stays
    said = " ".join(nothing.split())[:30]
    assert any(said in " ".join(" ".join(frame).split()) for frame in frames)


def wordiest(bank, kind: str):
    """The question of this type with the most words to show: its text, help and choices."""
    asked = [q for q in bank.questions if q.type == kind and q.asked]
    return max(
        asked,
        key=lambda q: len(q.text) + len(q.help or "") + sum(len(c.label) for c in q.choices or []),
    )


@pytest.mark.parametrize("kind", ["single", "multi"])
def test_the_wordiest_list_question_fits_24_rows_in_every_language(speaking, kind):
    lang, bank = speaking
    with words.speaking(lang):
        question = wordiest(bank, kind)
        keys = K.ENTER if kind == "single" else K.UP * 2 + K.SPACE + K.ENTER
        _result, frames = feed_and_watch(lambda **io: prompts.ask(question, **io), keys)
    assert frames and all(len(frame) <= 23 for frame in frames), question.id
    assert all(len(line) <= 80 for frame in frames for line in frame)
    first = " ".join(question.text.split())[:40]
    assert first in " ".join(" ".join(frames[0]).split())  # the question is on the screen


def test_every_choice_is_shown_whole_on_80_columns_in_every_language(speaking):
    """prompt_toolkit cuts a choice row at the screen's edge, so a long label would end in the
    middle of a medicine's name: the pointer walks every row, and each label shows whole."""
    lang, bank = speaking
    cut = []
    with words.speaking(lang):
        for question in bank.questions:
            if question.type not in ("single", "multi") or not question.asked:
                continue
            labels = [c.label for c in question.choices or []]
            finish = K.ENTER if question.type == "single" else "0" + K.ENTER
            _result, frames = feed_and_watch(
                lambda q=question, **io: prompts.ask(q, **io), *[K.DOWN] * len(labels), finish
            )
            shown = {" ".join(line.split()) for frame in frames for line in frame}
            for label in (" ".join(label.split()) for label in labels):
                if not any(label in line for line in shown):
                    cut.append(f"{question.id}: {label}")
    assert cut == []
