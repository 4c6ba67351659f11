"""Words and glyphs the wizard shows, named in one place so they stay short, warm and consistent."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from assessment.core.answer_words import Wording
from assessment.i18n import constants
from assessment.i18n.words import _

# Typed answers: what goes back, and the hint under number and text questions.
BACK_WORD = "<"

# Rows added to every list.
BACK = "« Back"
BACK_ASCII = "<< Back"
SKIP = "Prefer not to say"
NONE_OF_THESE = "None of these"
YES = "Yes"
NO = "No"

QMARK = "?"
INPUT_MARK = ">"
POINTER = "»"
POINTER_ASCII = ">"

HINT_SELECT = "(arrow keys to move, Enter to choose)"
HINT_NUMBERED = "(a row's number, or arrow keys and Enter)"
HINT_SCALE = "(arrow keys or a digit to move, 1 then 0 for 10, Enter to choose)"
HINT_YESNO = "(y or n, or arrow keys and Enter)"
SAFETY_NEEDS_CHOICE = "This one needs a clear answer: press y for yes or n for no."
SCALE_NEEDS_CHOICE = "No number chosen yet: type a digit (1 then 0 for 10) or use the arrow keys."
HINT_TICKS = "(Space or a row's number ticks or unticks, 0 is none; Enter when done)"
HINT_CHECKLIST = "(Tick all that apply: a row's number or Space ticks it, 0 is none; then Enter)"
HINT_GRID = (
    "(Up and down move between rows; Enter when every row is answered; - skips a row, < goes back)"
)
HINT_GRID_FIRST = "(Up and down move between rows; Enter when every row is answered; - skips a row)"
HINT_GRID_SCALE = "Type a digit (1 then 0 for 10) or use left and right."
SCALE_RANGE = "{low} to {high}"
HINT_GRID_NUMBER = "Type the number, then Enter or down."
GRID_UNFINISHED = "A row still needs an answer: answer it, or press - to skip it."
REST_IS_NO = "Everything else: no? Press y for yes, or n to change the ticks."
HINT_BACK_TYPED = "Type < to go back."
HINT_SKIP_TYPED = "Leave it empty to skip."
HINT_NEEDED = "This one is needed for a published score, so it cannot be skipped."

NEED_A_NUMBER = "Please type a number, such as {example}."
NEED_WHOLE = "Please type a whole number, such as {example}."
OUT_OF_RANGE = "Please type a number from {low} to {high}."
NEEDED_NOT_EMPTY = "This one is needed for a published score: please type a number."
TOO_LONG = "That is a little long: please keep it under {limit} characters."
NOTHING_TICKED = 'Nothing ticked yet: press Space to tick, or tick "{none}".'
NONE_AND_OTHERS = 'You ticked "{none}" and something else: please untick one.'
SKIP_AND_TICKED = "You have ticked {count}: untick them first, or press Enter on a ticked row."
SKIP_AND_TICKED_ONE = "You have ticked {count}: untick it first, or press Enter on a ticked row."
ACTION_NEEDS_ENTER = "Space ticks a row; press Enter to choose this one."
MORE_ABOVE = "{arrow} {count} more above"
MORE_BELOW = "{arrow} {count} more below"

# Plain mode (plain.py): what each question asks the person to type, and what a wrong entry says.
PLAIN_PROMPT = "> "
PLAIN_ANSWER = "Answer: {words}"
PLAIN_GOING_BACK = "Going back."
PLAIN_PICK = "Type a number from 1 to {count}"
PLAIN_TICK = "Type the numbers of all that apply, separated by spaces or commas"
PLAIN_YESNO = "Type y for yes or n for no"
PLAIN_NUMBER = "Type a number from {low} to {high}{unit}"
PLAIN_TEXT = "Type your answer on one line"
PLAIN_CHECKLIST = "Type the numbers of all that apply, separated by spaces or commas, or 0 for none"
PLAIN_REST_IS_NO = "Everything else: no?"
PLAIN_CHANGE_TICKS = "Then please type the numbers again, all that apply."
PLAIN_KEEP = "Enter alone keeps your answer: {earlier}."
PLAIN_BACK = "< to go back"
PLAIN_SKIP = "- to skip"
PLAIN_HELP = "? for help"
PLAIN_NO_HELP = "No more help for this one. {how}."
PLAIN_NOT_A_CHOICE = 'There is no "{entry}" here: please type a number from 1 to {count}.'
PLAIN_NONE_AND_OTHERS = '{none} is "{label}", so it cannot go with other numbers: please choose.'
PLAIN_NEED_A_PICK = "Nothing chosen yet: please type a number from 1 to {count}."
PLAIN_NEED_TICKS = 'Nothing chosen yet: type the numbers that apply, or {none} for "{label}".'
PLAIN_NEED_YESNO = "Please type y for yes or n for no."
PLAIN_SAFETY = "This one needs a clear answer: please type y for yes or n for no."
PLAIN_NO_BACK = "This is the first question, so there is nothing to go back to."
PLAIN_NO_SKIP = "This one is needed for a published score, so it cannot be skipped."

# The answer shown under a question once it is answered.
SKIPPED = "Skipped"
TICKED = "{count} ticked:"
AREAS_TICKED = "{count} areas ticked:"

WELCOME_TITLE = "Welcome"
WELCOME = """\
This self-assessment looks at what may be driving your back pain: {factors}. \
It shows which matter most for you and how they feed one another, \
and makes a summary to take to your doctor."""
WELCOME_POINTS = [
    "It takes about {minutes} minutes. You can pause any time with Ctrl-C: "
    "your answers are kept, and next time you can carry on.",
    'To go back, choose "{back}" in a list, or type < and press Enter.',
    'To skip a question, choose "Prefer not to say". Where you type a number or words, '
    "you can also leave it empty and press Enter.",
    "It is not a diagnosis: it is an aid for the conversation with your doctor.",
    "Your answers stay on this computer, in {data_dir}",
    "With a screen reader or a simple terminal, fibro-assess --plain asks line by line.",
]
PLAIN_WELCOME_POINTS = [
    "It takes about {minutes} minutes. Each question says what to type; then press Enter.",
    "To pause, press Ctrl-C or end the input (Ctrl-D): your answers are kept, and next time "
    "you can carry on.",
    "Type < to go back, - to skip a question, or ? for help on it.",
    "It is not a diagnosis: it is an aid for the conversation with your doctor.",
    "Your answers stay on this computer, in {data_dir}",
]
CHECK_IN_POINTS = [
    "It takes about {minutes} minutes. You can pause any time with Ctrl-C: "
    "your answers are kept, and next time you can carry on.",
    'To go back, choose "{back}" in a list, or type < and press Enter.',
    'To skip a question, choose "Prefer not to say", or leave a typed answer empty.',
]
CHECK_IN_NO_PLAN = (
    "After your first full assessment, the check-in also asks how you got on with the top "
    "three actions of its plan."
)
CHECK_IN_DONE = "Thank you. This check-in:"
CHECK_IN_SAVED = "Saved to your history as check-in {id}; fibro-assess history lists it."
CHECK_IN_PAUSED_AGAIN = "Run fibro-assess check-in again to carry on where you left off."
BEGIN = "Begin"
NOT_NOW = "Not now"
READY = "Ready when you are."

RESUME_SAVED = "Welcome back. You have answers saved from {when}: {how_far}"
RESUME_QUESTION = "Carry on?"
RESUME_HOW_FAR = '{count} answered so far, up to "{section}" (section {index} of {total}).'
RESUME_DONE_HOW_FAR = "{count} answered so far: every question has an answer."
RESUME = "Carry on where I left off"
START_OVER = "Start over"
DRAFT_OTHER_BANK = "The questions have changed since then; answers that no longer fit were left out"
DRAFT_UNREADABLE = "A saved draft in {path} could not be read, so this starts afresh."
DRAFT_NEWER = (
    "The answers saved in {path} were made by a newer version of fibro-assess, so this version "
    "leaves them as they are. Answers you give now are kept in {own} instead."
)

PROGRESS = "{section}  {dot}  section {s} of {s_total}  {dot}  {left}"
PROGRESS_COUNTS = "section {s} of {s_total}  {dot}  {left}"
LEFT_MINUTES = "about {minutes} minutes left"
LEFT_A_MINUTE = "about a minute left"

PAUSED = "Paused. Your answers so far are saved in {path}"
PAUSED_AGAIN = "Run fibro-assess again to carry on where you left off."
PAUSED_NOTHING = "Stopped. Nothing was answered yet, so nothing was saved."
PLEASE_ACT = "Please {action}."
RESUME_REMINDER = "From your earlier answers: please {action}."
GOODBYE_NOT_NOW = "No problem. Come back whenever you like."

ALERT_TITLE = "Please read this"
ALERT_CARRY_ON = (
    "You can carry on with the questions afterwards. This will also be at the top of "
    "your summary and your report."
)
ALERT_NEXT = "When you are ready:"
CARRY_ON = "Carry on with the questions"
STOP_FOR_NOW = "Stop here for now (your answers are kept)"

WORST_BELOW_NOW = "Your worst is lower than your pain now. Is that right?"
WORST_BELOW_AVERAGE = "Your worst is lower than your average. Is that right?"
KEEP_IT = "Yes, keep it"
CHANGE_IT = "No, change it"

ANSWERS_SAVED = "Your answers are saved in {path}"
WRITING_REPORT = "Writing your report, a few seconds"
REPORT_AGAIN = "To make this report again:"
REPORT_AGAIN_FROM_HISTORY = "fibro-assess report {id}"
REPORT_AGAIN_FROM_ANSWERS = "fibro-assess --answers {path} --out report.pdf"


@dataclass(frozen=True)
class Glyphs:
    """Characters for bars, rules and separators; plain ASCII when the terminal cannot show more."""

    full: str
    empty: str
    rule: str
    dot: str
    bullet: str
    times: str
    back_text: str
    pointer: str
    ticked: str
    unticked: str
    ellipsis: str
    up: str
    down: str

    @property
    def back(self) -> str:
        """The back row's words ("« Back"), in the run's language."""
        return _(self.back_text)


UNICODE = Glyphs("█", "░", "─", "·", "•", "×", BACK, POINTER, "●", "○", "…", "↑", "↓")
ASCII = Glyphs(
    "#", ".", "-", "-", "*", "x", BACK_ASCII, POINTER_ASCII, "[x]", "[ ]", "...", "^", "v"
)


def glyphs(stream=None) -> Glyphs:
    """Unicode glyphs when the output can encode them, ASCII otherwise (and on TERM=dumb)."""
    stream = stream or sys.stdout
    if os.environ.get("TERM") == "dumb":
        return ASCII
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        "█░─·•×«»●○…↑↓".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return ASCII
    return UNICODE


def colour_allowed() -> bool:
    """Colour unless NO_COLOR is set to something non-empty or the terminal is dumb."""
    return not os.environ.get("NO_COLOR") and not dumb_terminal()


def dumb_terminal() -> bool:
    """TERM=dumb: no colour, and no bold, underline or reverse either."""
    return os.environ.get("TERM") == "dumb"


def no_attributes():
    """A style transformation that drops every colour and attribute (for TERM=dumb)."""
    from prompt_toolkit.styles import DEFAULT_ATTRS, StyleTransformation

    class _Plain(StyleTransformation):
        def transform_attrs(self, attrs):
            return DEFAULT_ATTRS

    return _Plain()


def style():
    """The calm questionary style used when colour is allowed."""
    from questionary import Style

    return Style(
        [
            ("qmark", "fg:#5f87af bold"),
            ("question", "bold"),
            ("answer", "fg:#5f87af bold"),
            ("pointer", "fg:#5f87af bold"),
            ("highlighted", "fg:#5f87af bold"),
            ("selected", "fg:#5f87af"),
            ("instruction", "fg:#808080"),
            ("text", ""),
            ("disabled", "fg:#808080 italic"),
            ("validation-toolbar", "bg:#303030 fg:#ffd787"),
        ]
    )


# Every text above is English and is read through the catalogue of the run's language: texts.X
# translates X when it is read, not when this module is imported.
_ENGLISH = constants.take(globals())


def english() -> dict[str, str | list[str]]:
    """The text constants as written here, in English (for the checks and the extractor)."""
    return dict(_ENGLISH)


def __getattr__(name: str):
    if name == "ECHO_WORDING":  # how an answer is echoed under its question
        return Wording(
            yes=__getattr__("YES"),
            no=__getattr__("NO"),
            skipped=__getattr__("SKIPPED"),
            declined=__getattr__("SKIP"),
            none=__getattr__("NONE_OF_THESE"),
            ticked=__getattr__("TICKED"),
            areas_ticked=__getattr__("AREAS_TICKED"),
            scale_ends=False,
        )
    return constants.translated(_ENGLISH, name)
