"""Grids: related questions a clinician asks together, one row each, on one screen.

Each row keeps its own answer (`pain_now: 6`), kind and skip; the grid counts as one screen in
`questions_shown`, the screens left and the range. Enter submits only when every row is
answered or skipped; Ctrl-C keeps the rows answered so far in the draft.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from prompt_helpers import SMALL_BANK_ANSWERS as EXPECTED
from prompt_helpers import K, feed, feed_and_watch

from assessment.core import answers
from assessment.core.bank import Screen
from assessment.core.loader import load_bank
from assessment.errors import BankError
from assessment.i18n import bank as banks
from assessment.i18n import choice, words
from assessment.terminal import drafts, prompts, texts

ROOT = Path(__file__).parent.parent
REAL = ROOT / "questions.yaml"
SMALL = Path(__file__).parent / "data" / "banks" / "small.yaml"
BAD = Path(__file__).parent / "data" / "bad-banks"
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\x1b\]")
GRIDS = """\
    grids:
      - {id: how_things_are, text: How things are, items: [stress_level, worry]}
"""
NUMBERS = """\
    grids:
      - {id: day_and_week, text: Each day and week, items: [water_glasses, nuts]}
"""


@pytest.fixture(scope="module")
def real():
    return load_bank(REAL)


@pytest.fixture
def grid_bank(tmp_path) -> Path:
    """The small bank with two grids: stress and worry (worry brings a follow-up in), and
    the water and nuts counts."""
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace("    title: Stress\n", "    title: Stress\n" + GRIDS, 1)
    text = text.replace("    title: Sleep\n", "    title: Sleep\n" + NUMBERS, 1)
    path = tmp_path / "grid-bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def screen(bank, screen_id: str, given: dict | None = None) -> Screen:
    (found,) = [s for s in bank.screens(given or {}) if s.id == screen_id]
    return found


def ask(grid: Screen, script: str, previous: dict | None = None, **kwargs):
    return feed(
        lambda **io: prompts.ask_screen(grid, previous=previous or {}, **kwargs, **io), script
    )


# -- the bank -------------------------------------------------------------------------------


def test_the_pain_ratings_are_one_screen_with_their_own_keys(real):
    ratings = screen(real, "pain_ratings")
    assert [q.id for q in ratings.questions] == [
        "pain_now", "pain_average", "pain_worst", "peg_enjoyment", "peg_activity",
    ]  # fmt: skip
    assert ratings.grid is not None and ratings.checklist is None
    assert real.section_of("pain_ratings").id == "back_pain"


def test_a_grid_row_hidden_by_its_show_if_is_left_off_the_screen(real):
    tried = screen(real, "treatment_helped", {"treatments_tried": ["physiotherapy", "massage"]})
    assert [q.id for q in tried.questions] == [
        "treatment_physiotherapy_helped",
        "treatment_massage_helped",
    ]
    assert not any(s.id == "treatment_helped" for s in real.screens({"treatments_tried": []}))


def test_a_grid_counts_once_in_the_screens_left(real):
    first = real.screens({})[0]
    with_grid = real.screens_left({}, first.id)
    rows = sum(len(g.items) - 1 for s in real.sections for g in s.grids)
    flat = len(real._grouped([q for q in real.questions if q.asked and q.id]))  # noqa: SLF001
    assert with_grid == real.screen_range()[1] == flat
    assert rows > 25  # the rows the grids hold beyond their first


def test_grid_mistakes_name_the_file_line_and_field():
    path = BAD / "grid-mistakes.yaml"
    with pytest.raises(BankError) as caught:
        load_bank(path)
    problems = "\n".join(caught.value.problems)
    for line, field, message in [
        (15, "sections[0].grids[0].id", "'tense' is already the id of a question or checklist"),
        (20, "sections[0].grids[1].items[0]", "'worry' is already on 'worries'"),
        (20, "sections[0].grids[1].items[2]", "'elsewhere' is not a question of section 's'"),
        (20, "sections[0].grids[1].items[3]", "'note' is a text question: a grid row holds"),
        (20, "sections[0].grids[1].items[5]", "'calm_later' is shown by 'calm' on the same grid"),
        (21, "sections[0].grids[2].id", "duplicate grid id 'ratings'"),
    ]:
        assert f"{path}:{line}: {field}: {message}" in problems, problems


def test_grid_mistakes_are_named_in_french():
    with words.speaking("fr"), pytest.raises(BankError) as caught:
        load_bank(BAD / "grid-mistakes.yaml")
    problems = "\n".join(caught.value.problems)
    assert "identifiant de grille 'ratings' en double" in problems
    assert "'note' est une question de type text" in problems


# -- the prompt -----------------------------------------------------------------------------


def test_digits_answer_the_ratings_and_move_on_and_one_then_zero_is_ten(real):
    ratings = screen(real, "pain_ratings")
    got = ask(ratings, "6" + "7" + "10" + "1" + K.DOWN + "3")
    assert got == {
        "pain_now": 6, "pain_average": 7, "pain_worst": 10, "peg_enjoyment": 1, "peg_activity": 3,
    }  # fmt: skip


def test_a_stray_enter_on_an_unfinished_grid_is_refused(real):
    ratings = screen(real, "pain_ratings")
    unfinished = " ".join(texts.GRID_UNFINISHED.split())
    result, frames = feed_and_watch(
        lambda **io: prompts.ask_screen(ratings, previous={}, **io),
        "6" + K.ENTER,
        K.ENTER,
        "7" + "8" + "2" + "4",  # the last row answered, every row answered: done
    )
    assert result["pain_now"] == 6 and result["pain_average"] == 7
    assert any(unfinished[:40] in " ".join(" ".join(f).split()) for f in frames)


def test_rows_take_left_and_right_typed_numbers_and_skips(real):
    foods = screen(real, "mg_foods")
    keys = "-" + "2" + K.ENTER + "19" + K.BACKSPACE + "4" + K.ENTER + "1" + K.ENTER
    keys += K.UP + K.UP + K.BACKSPACE + "6" + K.ENTER  # back up to the greens: 14 becomes 16
    keys += "0" + K.ENTER
    got = ask(foods, keys)
    assert got == {
        "mg_nuts_seeds": None, "mg_whole_grains": 2, "mg_greens_potatoes": 16,
        "mg_beans_soya": 1, "mg_dark_chocolate": 0,
    }  # fmt: skip
    sss = screen(real, "sss_week")
    assert ask(sss, K.RIGHT + K.RIGHT + K.DOWN + K.LEFT + K.DOWN + "4") == {
        "sss_unrefreshed_sleep": 1, "sss_fatigue": 0, "sss_cognitive": 3,
    }  # fmt: skip


def test_a_number_out_of_range_is_refused_on_its_row(real):
    body = screen(real, "body")
    result, frames = feed_and_watch(
        lambda **io: prompts.ask_screen(body, previous={}, **io),
        "54" + K.ENTER + "7" + K.ENTER,
        K.BACKSPACE + "72,5" + K.ENTER + "168" + K.ENTER,
    )
    assert result == {"age": 54, "weight_kg": 72.5, "height_cm": 168}
    said = texts.OUT_OF_RANGE.format(low=30, high=250)
    assert any(said in " ".join(f) for f in frames)


def test_a_published_row_cannot_be_skipped(real):
    ratings = screen(real, "sss_week")
    result, frames = feed_and_watch(
        lambda **io: prompts.ask_screen(ratings, previous={}, **io), "-", "1" + "2" + "3"
    )
    assert result == {"sss_unrefreshed_sleep": 0, "sss_fatigue": 1, "sss_cognitive": 2}
    assert any(texts.HINT_NEEDED[:40] in " ".join(" ".join(f).split()) for f in frames)


def test_earlier_answers_are_shown_and_kept(real):
    ratings = screen(real, "pain_ratings")
    earlier = {"pain_now": 6, "pain_average": 7.0, "pain_worst": 9, "peg_enjoyment": 5}
    assert ask(ratings, "2", earlier) == {**earlier, "peg_activity": 2}
    kept = {**earlier, "peg_activity": 2}
    assert ask(ratings, K.ENTER, kept) == kept  # every row answered: Enter keeps them all


def test_back_leaves_the_grid_and_ctrl_c_carries_the_rows_answered(real):
    ratings = screen(real, "pain_ratings")
    assert ask(ratings, "6<") is prompts.BACK
    with pytest.raises(prompts.GridPaused) as paused:
        ask(ratings, "67" + K.CONTROLC)
    assert paused.value.answers == {"pain_now": 6, "pain_average": 7}


def test_the_echo_shows_the_heading_and_each_rows_answer(real):
    ratings = screen(real, "body")
    lines = prompts.screen_lines(ratings, {"age": 54, "weight_kg": None, "height_cm": 168})
    assert lines[0] == "? Your age and size"
    assert "  ? How old are you? 54 years" in lines
    assert "  ? How much do you weigh? Skipped" in lines


@pytest.fixture(scope="module", params=["en", "fr", "es"])
def speaking(request):
    lang = request.param
    with words.speaking(lang):
        yield lang, banks.load(REAL, choice.Speech(lang))


def test_every_grid_fits_24_rows_in_every_language(speaking):
    lang, bank = speaking
    with words.speaking(lang):
        grids = [g for section in bank.sections for g in section.grids]
        for grid in grids:
            shown = Screen(grid.id, tuple(bank.question(i) for i in grid.items), grid=grid)
            moves = [K.DOWN] * (len(shown.questions) - 1)
            _result, frames = feed_and_watch(
                lambda shown=shown, **io: prompts.ask_screen(shown, previous={}, **io),
                K.ENTER,  # refused: the message line shows too
                *moves,
                "<",
            )
            assert frames and all(len(frame) <= 23 for frame in frames), (lang, grid.id)
            assert all(len(line) <= 80 for frame in frames for line in frame), (lang, grid.id)
            heading = " ".join(grid.text.split())[:30]
            assert heading in " ".join(" ".join(frames[0]).split()), (lang, grid.id)


# -- the wizard, for real -------------------------------------------------------------------


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FIBRO_ASSESS_HOME")}
    env.update(
        FIBRO_ASSESS_HOME=str(home), TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1",
        LANG="C.UTF-8",
    )  # fmt: skip
    return env


class Person:
    """Someone at an 80x24 terminal, reading the screen as text."""

    def __init__(self, home: Path, bank_path: Path):
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "assessment", "--questions", str(bank_path), "--no-save"],
            cwd=str(ROOT), env=environment(home), dimensions=(24, 80), encoding="utf-8",
            timeout=20,
        )  # fmt: skip
        self.raw, self.seen = "", 0

    @property
    def text(self) -> str:
        return ESCAPES.sub("", self.raw).replace("\r", "")

    def sees(self, words_: str) -> str:
        """Wait for the words after what was seen last; what came before them, flattened."""
        while True:
            flat = " ".join(self.text[self.seen :].split())
            if words_ in flat:
                self.seen = len(self.text)
                return flat
            try:
                self.raw += self.child.read_nonblocking(65536, timeout=20)
            except (pexpect.TIMEOUT, pexpect.EOF) as exc:
                raise AssertionError(f"never saw {words_!r}:\n{self.text[-900:]}") from exc

    def answers(self, words_: str, keys: str) -> None:
        self.sees(words_)
        self.child.send(keys)

    def leaves(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus


def up_to_the_grid(person: Person) -> None:
    person.answers("Ready when you are.", K.ENTER)
    person.answers("Cancer before?", "n")
    person.answers("Losing weight?", "n")
    person.answers("Where did it hurt?", " " + K.DOWN * 16 + " " + K.ENTER)
    person.answers("Tense muscles?", K.DOWN + K.ENTER)
    person.answers("Pain now", "6" + K.ENTER)


@pytest.mark.slow
def test_a_grid_in_a_terminal_refuses_a_stray_enter_pauses_and_resumes(tmp_path, grid_bank):
    home = tmp_path / "home"
    person = Person(home, grid_bank)
    up_to_the_grid(person)
    person.answers("? How things are", "7")
    person.sees("Worry a lot?")
    person.child.send(K.ENTER)  # the worry row is still open: nothing is submitted
    with words.speaking("en"):
        unfinished = " ".join(texts.GRID_UNFINISHED.split())[:40]
    person.sees(unfinished)
    person.child.send(K.CONTROLC)
    person.sees("Paused.")
    assert person.leaves() == 130
    draft = drafts.load(home / "draft.json")
    assert draft.position == "how_things_are"
    assert draft.answers["stress_level"] == 7 and "worry" not in draft.answers

    again = Person(home, grid_bank)
    again.answers("Carry on where I left off", K.ENTER)
    shown = again.sees("Worry a lot?")
    assert re.search(r"» Stress\s+7 Worry a lot\?", shown) is None  # the pointer is on worry
    assert re.search(r"Stress\s+7\s+» Worry a lot\?", shown), shown
    again.child.send("y")  # the last row answered, every row answered: the grid is done
    again.answers("Worry at night?", "<")  # the worry row brought this in; back to the grid
    shown = again.sees("Worry a lot?")
    assert re.search(r"Stress\s+7\s+Worry a lot\?\s+Yes", shown), shown
    again.child.send(K.ENTER)  # both rows answered: Enter submits
    again.answers("Worry at night?", "y")
    again.answers("Unrefreshed?", K.DOWN * 2 + K.ENTER)
    again.answers("? Each day and week", "6" + K.ENTER + "-" + K.ENTER)
    again.answers("Notes", "stiff mornings" + K.ENTER)
    again.sees("Your summary")
    assert again.leaves() == 0
    (saved,) = home.glob("answers-*.yaml")
    assert answers.load(load_bank(grid_bank), saved) == EXPECTED
    assert "? How things are\n  ? Stress 7 of 10\n  ? Worry a lot? Yes\n" in again.text


def plain_run(home: Path, bank_path: Path, lines: list[str]) -> tuple[int, str]:
    env = environment(home)
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "--questions", str(bank_path), "--no-save", "--plain"],
        input="".join(f"{line}\n" for line in lines), capture_output=True, text=True, cwd=ROOT,
        env=env, timeout=120,
    )  # fmt: skip
    assert done.stderr == "", done.stderr
    return done.returncode, done.stdout


@pytest.mark.slow
def test_plain_mode_asks_a_grids_rows_one_after_another_under_its_heading(tmp_path, grid_bank):
    home = tmp_path / "home"
    up_to = ["1", "n", "n", "1, 17", "2", "6"]
    # the worry row goes back to the stress row, where Enter keeps the 7
    lines = [*up_to, "7", "<", "", "y", "y", "3", "6 glasses", "-", "stiff mornings"]
    status, said = plain_run(home, grid_bank, lines)
    assert status == 0, said
    assert said.count("How things are\n") == 1
    assert "How things are\nStress\n" in said
    assert said.count("Worry a lot?\n") == 2 and "  Going back.\n" in said
    assert "Each day and week\nGlasses of water\n" in said
    (saved,) = home.glob("answers-*.yaml")
    assert answers.load(load_bank(grid_bank), saved) == EXPECTED


@pytest.mark.slow
def test_plain_mode_keeps_a_grids_first_rows_when_the_input_ends(tmp_path, grid_bank):
    home = tmp_path / "home"
    status, said = plain_run(home, grid_bank, ["1", "n", "n", "1, 17", "2", "6", "7"])
    assert status == 130, said
    draft = drafts.load(home / "draft.json")
    assert draft.answers["stress_level"] == 7 and draft.position == "how_things_are"
