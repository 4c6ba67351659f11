"""Header cells with their scope, so a screen reader can tell which header a number belongs to.

WeasyPrint tags each table cell and links every data cell to its headers (/Headers), but writes
no /Scope on the header cells themselves, which is where PDF/UA checkers (and some readers) look.
The scope follows from WeasyPrint's own links, which come from the templates' `scope` attributes:
a header that data cells in its own row point to heads that row; any other heads its column.
"""

from __future__ import annotations

from typing import Any


def add_header_scopes(_document: Any, pdf: Any) -> None:
    """A WeasyPrint finisher: give every /TH structure element a /Scope of /Row or /Column."""
    import pydyf

    cells = [
        obj
        for obj in pdf.objects
        if isinstance(obj, pydyf.Dictionary)
        and obj.get("Type") == "/StructElem"
        and obj.get("S") in ("/TH", "/TD")
    ]
    rows_pointing: dict[str, set[bytes]] = {}
    for cell in cells:
        attributes = cell.get("A")
        for key in (attributes.get("Headers") or []) if attributes else []:
            rows_pointing.setdefault(_text(key), set()).add(cell["P"])
    for cell in cells:
        if cell["S"] != "/TH":
            continue
        key = _text(cell.get("ID"))
        scope = "/Row" if rows_pointing.get(key) == {cell["P"]} else "/Column"
        attributes = cell.get("A")
        if attributes is None:
            attributes = cell["A"] = pydyf.Dictionary({"O": "/Table"})
        attributes["Scope"] = scope


def _text(value: Any) -> str:
    return getattr(value, "string", value) if value is not None else ""
