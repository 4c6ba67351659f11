"""The welcome shows before the bank is loaded: from the facts an earlier run kept of this very
bank, with the bank loaded on a thread once the first prompt is on screen. A bank not seen before
is loaded (and a broken one refused) first, as always; every run says the same words either way.
"""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from assessment.core.loader import load_bank
from assessment.i18n import bank as translated
from assessment.i18n import words
from assessment.i18n.choice import Speech
from assessment.paths import default_bank_path
from assessment.terminal import drafts, welcome, wizard

ROOT = Path(__file__).resolve().parent.parent
SMALL = Path(__file__).parent / "data" / "banks" / "small.yaml"
# The small bank's questions, one line each, in plain mode (as in test_plain_mode.py).
BEGIN = "1"
ANSWERS = [BEGIN, "n", "n", "1, 17", "2", "6", "7", "y", "y", "3", "6 glasses", "-", "stiff"]
NOON = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)  # stamps the draft and the answers file


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("FIBRO_ASSESS_HOME", str(tmp_path))
    return tmp_path


def never():
    raise AssertionError("the bank was loaded")


def plain_run(bank, lines: list[str], facts=None, **kw) -> tuple[int, str]:
    out = io.StringIO()
    status = wizard.run(
        bank,
        facts=facts,
        input=io.StringIO("".join(f"{line}\n" for line in lines)),
        output=out,
        plain=True,
        report=False,
        save=False,
        clock=lambda: NOON,
        **kw,
    )
    return status, out.getvalue()


def test_kept_facts_are_found_again_for_the_same_bank_only(home, tmp_path):
    bank = load_bank(SMALL)
    assert welcome.cached(SMALL) is None
    welcome.keep(SMALL, welcome.facts_of(bank))
    assert welcome.cached(SMALL) == welcome.Facts(
        "Small test bank", ("Muscle pain", "Stress", "Sleep"), bank.minutes(10)
    )
    edited = tmp_path / "small.yaml"
    edited.write_bytes(SMALL.read_bytes() + b"\n# one more line\n")
    assert welcome.cached(edited) is None  # other bytes: another key
    with words.speaking("fr"):
        assert welcome.cached(SMALL) is None  # another language
    (kept,) = (home / "cache").glob("welcome-*.json")
    assert kept.stat().st_mode & 0o777 == 0o600
    kept.write_text('{"title": "Small test bank", "factors": "oops", "minutes": 2}')
    assert welcome.cached(SMALL) is None  # damaged: never trusted
    kept.write_bytes(b"\xff{")
    assert welcome.cached(SMALL) is None
    assert welcome.cached(tmp_path / "no-such-bank.yaml") is None


def test_the_welcome_is_said_from_the_kept_facts_without_loading_the_bank(home):
    """In a fresh interpreter: the welcome's text is built, and the bank's schema, conditions
    and YAML reader are not even imported."""
    welcome.keep(SMALL, welcome.facts_of(load_bank(SMALL)))
    code = f"""
import io, json, sys
from assessment.terminal import welcome, wizard
def never():
    raise AssertionError("the bank was loaded")
facts = welcome.cached({str(SMALL)!r})
out = io.StringIO()
w = wizard.Wizard(welcome.Loading(never), {{"input": io.StringIO(), "output": out}},
                  facts=facts, plain=True)
w.welcome()
heavy = ("pydantic", "jinja2", "yaml", "assessment.core.bank", "assessment.bank_cache")
print(json.dumps({{"said": out.getvalue(), "loaded": sorted(m for m in sys.modules
                                                         if m.startswith(heavy))}}))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    seen = json.loads(done.stdout)
    assert seen["loaded"] == []
    assert seen["said"].startswith("Small test bank\n---------------\n")
    said = " ".join(seen["said"].split())
    assert "your back pain: muscle pain, stress and sleep." in said
    assert "It takes about 2 minutes." in said


def test_the_bank_is_loaded_once_the_first_prompt_is_out(home):
    bank = load_bank(SMALL)
    facts = welcome.facts_of(bank)
    out = io.StringIO()
    shown_when_loaded: list[str] = []
    threads: list[str] = []

    def load():
        shown_when_loaded.append(out.getvalue())
        threads.append(threading.current_thread().name)
        return bank

    status = wizard.run(
        welcome.Loading(load),
        facts=facts,
        input=io.StringIO(f"{BEGIN}\n"),  # then the input ends at the first question: a pause
        output=out,
        plain=True,
        report=False,
        save=False,
    )
    assert status == 130
    (said,) = shown_when_loaded  # what was on screen when the bank began to load
    assert "Ready when you are.\n  1) Begin\n  2) Not now\nType a number from 1 to 2.\n> " in said
    assert "Cancer before?" not in said  # the first question waits for the bank
    assert threads == ["bank"]
    assert "Cancer before?" in out.getvalue()


def test_not_now_at_the_welcome_never_waits_for_the_bank(home):
    started = threading.Event()
    release = threading.Event()

    def load():
        started.set()
        release.wait()  # never released: leaving must not wait for it
        return never()

    status, said = plain_run(welcome.Loading(load), ["2"], facts=welcome.Facts("T", ("A",), 3))
    assert status == 0
    assert started.wait(timeout=60)
    assert said.rstrip().endswith("No problem. Come back whenever you like.")
    release.set()


def test_every_run_says_the_same_whether_the_bank_came_first_or_behind(home):
    bank = load_bank(SMALL)
    before = plain_run(bank, ANSWERS)
    after = plain_run(welcome.Loading(lambda: bank), ANSWERS, facts=welcome.facts_of(bank))
    assert before == after
    assert before[0] == 0 and "Your summary" in before[1]


def test_resuming_a_draft_is_the_same_with_the_bank_behind_the_welcome(home):
    bank = load_bank(SMALL)
    status, _said = plain_run(bank, ANSWERS[:4])  # the input ends: the draft is kept
    assert status == 130 and drafts.default_path().exists()
    saved = drafts.default_path().read_bytes()
    resumed = ["1", *ANSWERS[4:]]  # Carry on where I left off
    before = plain_run(bank, resumed)
    drafts.default_path().write_bytes(saved)
    after = plain_run(welcome.Loading(lambda: bank), resumed, facts=welcome.facts_of(bank))
    assert before == after
    assert "Welcome back. You have answers saved from" in after[1]
    assert before[0] == 0 and "Your summary" in after[1]


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_kept_welcome_is_the_banks_own_in_each_language(home, lang):
    path = default_bank_path()
    with words.speaking(lang):
        bank = translated.load(path, Speech(lang))
        welcome.keep(path, welcome.facts_of(bank))
        facts = welcome.cached(path)
        first = wizard.Wizard(bank, {"output": io.StringIO()}, plain=True)
        second = wizard.Wizard(welcome.Loading(never), {"output": io.StringIO()}, facts=facts,
                               plain=True)  # fmt: skip
        first.welcome()
        second.welcome()
    said = second.output.getvalue()
    assert said == first.output.getvalue()
    assert said.startswith(bank.title)
    if lang != "en":
        assert "It takes about" not in said


# -- the real program in a pseudo-terminal -------------------------------------------------------

# Runs fibro-assess with the bank's schema, conditions and YAML reader held back until SIGUSR1:
# whatever needs them before that waits. With `BROKEN` as its first argument the bank never loads.
GATED = """
import signal, sys, threading
opened = threading.Event()
signal.signal(signal.SIGUSR1, lambda *_: opened.set())
class Gate:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pydantic", "jinja2", "yaml"):
            opened.wait()
        return None
sys.meta_path.insert(0, Gate())
from assessment import cli, errors
if sys.argv[1:2] == ["BROKEN"]:
    sys.argv.pop(1)
    def broken(args):
        raise errors.BankError(["small.yaml:1: could not be read just now"])
    cli.load_bank = broken
sys.exit(cli.main(sys.argv[1:]))
"""


def seeded(home: Path, *args: str):
    """A first run in this data folder (which keeps the welcome's facts), left at the welcome."""
    from test_terminal_e2e import CTRL_C, Person

    first = Person(home, *args, "--no-save")
    first.sees(READY.get(args[1] if args[:1] == ("--lang",) else "en"), timeout=120)
    first.child.send(CTRL_C)
    assert first.leaves() == 130
    return first


def gated(home: Path, *args: str, broken: bool = False):
    """The program with the gate above; SIGUSR1 opens it."""
    from test_terminal_e2e import Person

    command = ("-c", GATED, *(["BROKEN"] if broken else []))
    return Person(home, *args, "--no-save", command=command)


READY = {"en": "Ready when you are.", "fr": "Quand vous voulez."}
ON_SMALL = ("--questions", str(SMALL))


@pytest.mark.slow
def test_the_welcome_and_its_prompt_show_while_the_bank_cannot_load_yet(tmp_path):
    from test_terminal_e2e import CTRL_C, ENTER

    first = seeded(tmp_path, *ON_SMALL)
    person = gated(tmp_path, *ON_SMALL)
    person.sees("Small test bank")
    person.sees("It takes about 2 minutes.")
    person.sees("Ready when you are.")
    shown = person.screen_text
    person.child.kill(signal.SIGUSR1)  # now the bank may load
    person.child.send(ENTER)
    person.answers("Cancer before?", "n")
    person.sees("Losing weight?")
    person.child.send(CTRL_C)
    person.sees("Paused. Your answers so far are saved in")
    assert person.leaves() == 130
    assert shown.split(READY["en"])[0] == first.screen_text.split(READY["en"])[0]


@pytest.mark.slow
def test_ctrl_c_at_the_welcome_leaves_at_once_while_the_bank_is_still_loading(tmp_path):
    from test_terminal_e2e import CTRL_C

    seeded(tmp_path, *ON_SMALL)
    person = gated(tmp_path, *ON_SMALL)  # the gate never opens
    person.sees("Ready when you are.")
    person.child.send(CTRL_C)
    person.sees("Stopped. Nothing was answered yet, so nothing was saved.")
    assert person.leaves() == 130
    assert "Traceback" not in person.screen_text


@pytest.mark.slow
def test_a_bank_that_fails_behind_the_welcome_is_one_line_and_exit_2(tmp_path):
    from test_terminal_e2e import ENTER

    seeded(tmp_path, *ON_SMALL)
    person = gated(tmp_path, *ON_SMALL, broken=True)
    person.sees("Ready when you are.")
    person.child.kill(signal.SIGUSR1)
    person.child.send(ENTER)
    person.sees("fibro-assess: small.yaml:1: could not be read just now")
    assert person.leaves() == 2
    assert "Traceback" not in person.screen_text
    assert person.screen_text.count("could not be read just now") == 1


@pytest.mark.slow
def test_a_broken_bank_not_seen_before_is_refused_before_any_welcome(tmp_path):
    from test_terminal_e2e import Person

    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n")
    person = Person(tmp_path, "--questions", str(broken), "--no-save")
    person.sees("fibro-assess: ")
    assert person.leaves() == 2
    assert "Ready when you are." not in person.screen_text
    assert "Traceback" not in person.screen_text


@pytest.mark.slow
def test_the_real_banks_french_welcome_from_the_kept_facts_is_the_same_french(tmp_path):
    from test_terminal_e2e import CTRL_C, ENTER

    first = seeded(tmp_path, "--lang", "fr")
    person = gated(tmp_path, "--lang", "fr")
    person.sees(READY["fr"])
    shown = person.screen_text
    assert shown.split(READY["fr"])[0] == first.screen_text.split(READY["fr"])[0]
    assert "It takes about" not in shown and "Comptez environ" in shown
    person.child.kill(signal.SIGUSR1)
    person.child.send(ENTER)
    person.sees("partie 1 sur")
    person.child.send(CTRL_C)
    assert person.leaves() == 130
