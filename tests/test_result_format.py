"""docs/result-format.md lists every field of the typed result, and no field the types lack."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from pathlib import Path

from assessment.core import result as result_types

DOC = Path(__file__).resolve().parent.parent / "docs" / "result-format.md"
SCALARS = {int: "integer", float: "number", str: "string", bool: "boolean", typing.Any: "any"}


def json_type(hint) -> str:
    """A type hint in the doc's words: `integer or null`, `list of string`, `map of boolean`."""
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return " or ".join("null" if a is type(None) else json_type(a) for a in args)
    if typing.get_origin(hint) is list:
        return f"list of {json_type(args[0])}"
    if typing.get_origin(hint) is dict:
        return f"map of {json_type(args[1])}"
    if dataclasses.is_dataclass(hint):
        return "object"
    return SCALARS[hint]


def walk(cls, prefix: str = "") -> dict[str, str]:
    """Every JSON path of a result type with its type: `synergy.links[].from` -> `string`."""
    hints = typing.get_type_hints(cls)
    out = {}
    for field in dataclasses.fields(cls):
        if field.metadata.get("internal"):
            continue
        path = prefix + field.metadata.get("json", field.name)
        hint = hints[field.name]
        out[path] = json_type(hint)
        union = isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union
        inner = [a for a in typing.get_args(hint) if a is not type(None)] if union else [hint]
        for part in inner:
            if dataclasses.is_dataclass(part):
                out.update(walk(part, path + "."))
            elif typing.get_origin(part) is list and dataclasses.is_dataclass(
                typing.get_args(part)[0]
            ):
                out.update(walk(typing.get_args(part)[0], path + "[]."))
            elif typing.get_origin(part) is dict and dataclasses.is_dataclass(
                typing.get_args(part)[1]
            ):
                out.update(walk(typing.get_args(part)[1], path + ".<id>."))
    return out


def documented() -> dict[str, str]:
    """The doc's field table: | `path` | `type` | meaning |."""
    rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|", DOC.read_text(encoding="utf-8"), re.M)
    return dict(rows)


def test_every_result_field_is_documented_with_its_type_and_nothing_else_is():
    fields = walk(result_types.Result)
    doc = documented()
    assert sorted(set(fields) - set(doc)) == [], "in the types, missing from the doc"
    assert sorted(set(doc) - set(fields)) == [], "in the doc, missing from the types"
    assert {path: doc[path] for path in fields} == fields


def test_the_doc_lists_the_fields_in_the_order_of_the_json():
    assert list(documented()) == list(walk(result_types.Result))


def test_the_walk_sees_a_field_added_to_a_type():
    @dataclasses.dataclass
    class Extra(result_types.Result):
        reminders: list[str] = dataclasses.field(default_factory=list)

    assert walk(Extra)["reminders"] == "list of string"
    assert "reminders" not in documented()
