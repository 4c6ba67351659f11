"""A checklist screen: yes/no questions asked together, tick all that apply.

Each item keeps its own answer: ticked is yes. Enter with nothing ticked is refused; "None of
these" answers no to every item; with some ticked, the rest become no only after one more key
("Everything else: no?" y). "Prefer not to say" leaves every item unanswered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assessment.terminal import texts
from assessment.terminal.prompts.choices import TickList, tick_list
from assessment.terminal.prompts.header import instruction_text, message_text
from assessment.terminal.prompts.sentinels import MISSING, NONE_KEY, SKIP

if TYPE_CHECKING:
    from assessment.core.bank import Screen


def checklist(
    screen: Screen,
    *,
    previous: dict[str, Any] | None = None,
    can_go_back: bool = True,
    style: Any = None,
    glyphs: texts.Glyphs = texts.UNICODE,
    **kwargs: Any,
) -> Any:
    """Ask a checklist screen: {item id: True or False}, every item None for "Prefer not to
    say", or BACK."""
    assert screen.checklist is not None
    kwargs.pop("safety", None)  # a checklist never takes a stray Enter as an answer anyway
    items = [q.id for q in screen.questions]
    earlier = {qid: (previous or {}).get(qid, MISSING) for qid in items}
    skippable = all(q.skippable for q in screen.questions)
    picked = tick_list(
        TickList(
            said=message_text(screen.checklist.text),
            hint=instruction_text(screen.checklist.help, texts.HINT_CHECKLIST),
            options=[(q.id, q.label or q.text) for q in screen.questions],
            ticked={qid for qid, value in earlier.items() if value is True},
            none_label=texts.NONE_OF_THESE,
            none_ticked=all(value is False for value in earlier.values()),
            skip_first=skippable and all(value is None for value in earlier.values()),
            skippable=skippable,
            numbered=True,
            rest_no=texts.REST_IS_NO,
        ),
        can_go_back=can_go_back,
        style=style,
        glyphs=glyphs,
        **kwargs,
    )
    if not isinstance(picked, list):
        return dict.fromkeys(items) if picked is SKIP else picked
    ticked = set() if picked == [NONE_KEY] else set(picked)
    return {qid: qid in ticked for qid in items}
