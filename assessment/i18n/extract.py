"""Babel extracts the program's English strings into `fibro_assess.pot` and merges them into
each language's `.po`, keeping what is translated:

    python -m assessment.i18n.extract

It reads `_()`, `N_()`, `ngettext()` and `pgettext()` in the package's Python, `{% trans %}` and
`_()` in the report templates, and the text constants of the modules that keep their words as
named constants (`assessment/terminal/texts.py`).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

from assessment.i18n import LANGS, SOURCE
from assessment.i18n.catalog import DOMAIN, LOCALE_DIR, po_path
from assessment.i18n.constants import is_text

PACKAGE = Path(__file__).resolve().parent.parent
ROOT = PACKAGE.parent
TEMPLATES = ROOT / "report_templates"
# Modules whose words are upper-case constants read through `constants.translated`.
CONSTANT_MODULES = (PACKAGE / "terminal" / "texts.py",)
PLURALS = {"fr": (2, "(n > 1)"), "es": (2, "(n != 1)")}
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def constants(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of each text constant assigned at the top of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if len(targets) != 1 or not isinstance(targets[0], ast.Name):
            continue
        try:
            value = ast.literal_eval(node.value)
        except ValueError:
            continue
        if not is_text(targets[0].id, value):
            continue
        for text in [value] if isinstance(value, str) else value:
            yield node.lineno, text


def catalogue():
    """The template catalogue: every English string the program shows."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file
    from jinja2.ext import babel_extract

    catalog = Catalog(domain=DOMAIN, project="fibro-assess", charset="utf-8")
    for path in sorted(PACKAGE.rglob("*.py")):
        where = str(path.relative_to(ROOT))
        for line, message, comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS, strip_comment_tags=True
        ):
            catalog.add(message, locations=[(where, line)], auto_comments=comments, context=context)
    for path in CONSTANT_MODULES:
        where = str(path.relative_to(ROOT))
        for line, text in constants(path):
            catalog.add(text, locations=[(where, line)])
    for path in sorted(TEMPLATES.glob("*.html")):
        where = str(path.relative_to(ROOT))
        options = {"trimmed": "true"}
        for line, message, comments, context in extract_from_file(
            babel_extract, str(path), keywords=KEYWORDS, options=options
        ):
            catalog.add(message, locations=[(where, line)], auto_comments=comments, context=context)
    return catalog


def main() -> int:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    template = catalogue()
    pot = LOCALE_DIR / f"{DOMAIN}.pot"
    if pot.exists():  # keep the header's date, so a run that changes no string changes no file
        with open(pot, "rb") as handle:
            template.creation_date = read_po(handle).creation_date
    LOCALE_DIR.mkdir(parents=True, exist_ok=True)
    with open(pot, "wb") as out:
        write_po(out, template, width=96, omit_header=False, sort_output=False)
    for lang in LANGS:
        if lang == SOURCE:
            continue
        path = po_path(lang)
        if path.exists():
            with open(path, "rb") as handle:
                catalog = read_po(handle, locale=lang, domain=DOMAIN)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="fibro-assess")
        catalog.update(template, no_fuzzy_matching=True)
        catalog._num_plurals, catalog._plural_expr = PLURALS[lang]  # gettext's usual two forms
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as out:
            write_po(out, catalog, width=96, ignore_obsolete=True)
        todo = sum(1 for m in catalog if m.id and not m.string)
        print(f"{path}: {len(catalog)} messages, {todo} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
