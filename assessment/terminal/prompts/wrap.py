"""Word wrap for a typed answer: prompt_toolkit breaks a long line at any character."""

from __future__ import annotations

from prompt_toolkit.layout.processors import Processor, Transformation, TransformationInput
from prompt_toolkit.layout.utils import explode_text_fragments
from prompt_toolkit.utils import get_cwidth


class WordWrap(Processor):
    """Display only: a word that would be cut at the right edge of the field starts the next row.

    prompt_toolkit wraps a long line at any character; this pads the row before such a word with
    spaces, so the word moves down whole (a word longer than a row is still cut). `indent` is the
    number of columns before the text on every row (the "  > " and the continuation under it).
    The typed text is untouched: the padding exists only on screen, and the cursor maps across it.
    """

    def __init__(self, indent: int):
        self.indent = indent

    def apply_transformation(self, ti: TransformationInput) -> Transformation:
        fragments = explode_text_fragments(ti.fragments)
        text = "".join(fragment[1] for fragment in fragments)
        pads = word_wrap_pads(text, ti.width - self.indent)
        if not pads:
            return Transformation(ti.fragments)
        out = []
        for i, fragment in enumerate(fragments):
            if i in pads:
                out.append((fragment[0], " " * pads[i]))
            out.append(fragment)
        starts = sorted(pads.items())

        def source_to_display(i: int) -> int:
            return i + sum(pad for at, pad in starts if at <= i)

        def display_to_source(j: int) -> int:
            shift = 0
            for at, pad in starts:
                if j < at + shift:
                    break
                if j < at + shift + pad:
                    return at  # inside the padding: the word it pushed down
                shift += pad
            return j - shift

        return Transformation(out, source_to_display, display_to_source)


def word_wrap_pads(text: str, room: int) -> dict[int, int]:
    """Where to pad `text` (position: spaces) so rows of `room` columns never cut a word.

    A word that would run past the end of a row starts the next one, and so does a word that
    would end the row exactly (the space after it would start the next row); a word longer than
    a whole row is cut as before. Nothing is padded when a character is not one column wide.
    """
    pads: dict[int, int] = {}
    if room < 10 or len(text) <= room or any(get_cwidth(c) != 1 for c in text):
        return pads
    start = 0
    while len(text) - start > room:
        end = start + room  # where the next row would start
        if text[end - 1] != " ":
            space = text.rfind(" ", start, end)
            if space >= start:
                pads[space + 1] = end - (space + 1)
                start = space + 1
                continue
        start = end
    return pads
