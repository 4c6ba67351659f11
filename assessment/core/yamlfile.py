"""YAML loading that remembers line numbers, so every mistake can name its line.

It is also bounded: aliases (`*name`) can make a small file stand for billions of values (an
"alias bomb"), so they are counted as they are expanded, or refused outright where a file has no
use for them (answers); nesting too deep for the stack is one clear error, not a RecursionError.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml


class LineDict(dict):
    """A mapping that knows the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list):
    """A sequence that knows the line of itself and of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


class DuplicateKey(Exception):
    """A mapping repeats a key: YAML would silently keep only the last one."""

    def __init__(self, key: Any, line: int):
        self.key = key
        self.line = line
        super().__init__(f"duplicate key {key!r}")


class TooBig(Exception):
    """The file is bigger, deeper or expands to more than it may: refused before it is built."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


MAX_VALUES = 200_000  # values a file may stand for, each alias counted as all it repeats

# libyaml's parser when PyYAML was built with it (several times faster); same safe constructors.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _check_size(text: str, aliases: bool) -> None:
    """Count the values the file stands for, each alias as all it repeats, from libyaml's
    events (fast, and nothing is built), so an alias bomb is refused before it expands."""
    sizes: dict[str, int] = {}
    opened: list[tuple[str | None, int]] = []
    total = 0
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.AliasEvent):
            if not aliases:
                raise TooBig(
                    event.start_mark.line + 1,
                    "aliases (*name) are not allowed here; write the value out",
                )
            total += sizes.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            total += 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        elif isinstance(event, _OPEN):
            opened.append((event.anchor, total))
            total += 1
        elif isinstance(event, _CLOSE):
            anchor, before = opened.pop()
            if anchor is not None:
                sizes[anchor] = total - before
        else:
            continue
        if total > MAX_VALUES:
            raise TooBig(
                event.start_mark.line + 1, f"the file stands for more than {MAX_VALUES:,} values"
            )


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise DuplicateKey(key, key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load(text: str, *, aliases: bool = True) -> Any:
    """Parse YAML (or JSON, which is YAML) into LineDict/LineList with line numbers.

    A file that may hold an alias (it has a `*`) is first counted from its events; with
    `aliases=False` an alias is refused (TooBig).
    """
    try:
        if "*" in text:
            _check_size(text, aliases)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclasses
    except RecursionError:
        raise TooBig(0, "the values are nested too deeply") from None


def line_of(data: Any, path: Sequence[Any]) -> int:
    """The line of the deepest part of `path` that exists in `data` (0 if none)."""
    line = getattr(data, "line", 0)
    node = data
    for part in path:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


def describe_path(path: Sequence[Any]) -> str:
    """`sections[2].questions[0].type` from ('sections', 2, 'questions', 0, 'type')."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top)"
