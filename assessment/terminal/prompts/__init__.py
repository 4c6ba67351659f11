"""One prompt per question type, over questionary: each returns an answer, BACK or SKIP.

Lists are drawn here rather than by questionary, so that they fit the screen (scrolling, with
"3 more below"), tick marks appear only on rows that can be ticked, and actions such as
"Prefer not to say" and "Back" look like actions.

Prompts use `unsafe_ask`, so Ctrl-C raises KeyboardInterrupt; the wizard catches it in one place,
where the draft is saved. Extra keyword arguments (input, output, color_depth) go straight to
prompt_toolkit, so tests can drive every prompt through a pipe.

One job a module: ask (which prompt for which type or screen), choices (the list questions),
checklist (yes/no questions ticked on one screen), grid (related questions one row each on
one screen), lists (how a
list is drawn, inside questionary), keys (the keys a list answers to), typed (number and text),
wrap (word wrap while typing), header (the question and hints above a prompt), echo (the answer
shown once the prompt has cleared), sentinels (BACK, SKIP, MISSING).
"""

from assessment.terminal.prompts.ask import ask, ask_screen
from assessment.terminal.prompts.echo import answer_lines, echo_lines, echo_words, screen_lines
from assessment.terminal.prompts.grid import GridPaused
from assessment.terminal.prompts.header import screen_width
from assessment.terminal.prompts.keys import share_default_bindings, skip_refused, two_digits
from assessment.terminal.prompts.lists import visible_rows
from assessment.terminal.prompts.sentinels import BACK, MISSING, SKIP
from assessment.terminal.prompts.typed import parse_number
from assessment.terminal.prompts.wrap import WordWrap, word_wrap_pads

share_default_bindings()  # before any prompt is made

__all__ = [
    "BACK",
    "GridPaused",
    "MISSING",
    "SKIP",
    "WordWrap",
    "answer_lines",
    "ask",
    "ask_screen",
    "echo_lines",
    "echo_words",
    "parse_number",
    "screen_lines",
    "screen_width",
    "skip_refused",
    "two_digits",
    "visible_rows",
    "word_wrap_pads",
]
