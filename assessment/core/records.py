"""Frozen records with a schema made only when something is validated.

The bank's parts (core/bank.py) are records: plain classes whose annotations are their schema.
A pydantic model is made from a record's annotations the first time one is validated (a bank
read from its file, a record made in code); a bank from the cache (bank_cache.py) is unpickled
into records, so a run that starts from it builds no pydantic model at all, which was most of
its start-up.
"""

from __future__ import annotations

import builtins
import functools
import sys
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")
F = TypeVar("F", bound=Callable[..., Any])


def after_check(method: F) -> F:
    """Marks a record's method as a check of the whole record, run once its fields are valid;
    it raises ValueError with the mistake, as a pydantic `model_validator(mode="after")`."""
    method.after_check = True  # type: ignore[attr-defined]
    return method


class Record:
    """A record of the bank: made by validation, never changed, copied with `model_copy`."""

    aliases: ClassVar[dict[str, str]] = {}  # field -> its key in the file, where they differ
    internal: ClassVar[tuple[str, ...]] = ()  # set by the loader, not part of the file
    _fields: ClassVar[tuple[str, ...] | None] = None

    def __init__(self, **data: Any) -> None:
        self.__dict__.update(type(self).model_validate(data).__dict__)

    @classmethod
    def model_validate(cls: type[R], data: Any) -> R:
        """A record from data as a file holds it; raises pydantic's ValidationError naming every
        mistake."""
        model = _model(cls)
        return _record(model.model_validate(_as_data(data)))

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        """The record's field names, in their order (a base class's first)."""
        if "_fields" not in cls.__dict__:
            cls._fields = tuple(name for name, _text in _annotations(cls))
        return cls.__dict__["_fields"]

    def model_copy(self: R, update: Mapping[str, Any] | None = None) -> R:
        """A copy with `update`'s fields in place (not validated again, as pydantic's)."""
        made = type(self).__new__(type(self))
        made.__dict__.update({n: v for n, v in self.__dict__.items() if not n.startswith("_")})
        made.__dict__.update(update or {})
        return made

    def model_dump(self, *, by_alias: bool = False) -> dict[str, Any]:
        """The record as plain dicts, lists and values, as pydantic's `model_dump`."""
        aliases = self.aliases if by_alias else {}
        return {
            aliases.get(name, name): _dumped(self.__dict__[name], by_alias)
            for name in self.fields()
            if name not in self.internal
        }

    def __getstate__(self) -> dict[str, Any]:
        return {n: v for n, v in self.__dict__.items() if not n.startswith("_")}

    def __setattr__(self, name: str, value: Any) -> None:
        if not name.startswith("_"):  # a cache of its own (`_index`) is the only change
            raise AttributeError(f"{type(self).__name__} is frozen: use model_copy")
        object.__setattr__(self, name, value)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__getstate__() == other.__getstate__()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(tuple(self.__getstate__().values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={self.__dict__.get(n)!r}" for n in self.fields())
        return f"{type(self).__name__}({shown})"


def _annotations(cls: type) -> list[tuple[str, str]]:
    """Each field's name and annotation text, a base class's first; `_` names are not fields."""
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if issubclass(klass, Record) and klass is not Record:
            for name, text in klass.__dict__.get("__annotations__", {}).items():
                if not name.startswith("_"):
                    found[name] = text
    return list(found.items())


def _dumped(value: Any, by_alias: bool) -> Any:
    if isinstance(value, Record):
        return value.model_dump(by_alias=by_alias)
    if isinstance(value, list):
        return [_dumped(v, by_alias) for v in value]
    if isinstance(value, tuple):
        return tuple(_dumped(v, by_alias) for v in value)
    if isinstance(value, dict):
        return {k: _dumped(v, by_alias) for k, v in value.items()}
    return value


def _as_data(value: Any) -> Any:
    """Records given where data is expected (`Section(questions=[question])`) as their data."""
    if isinstance(value, Record):
        return {value.aliases.get(n, n): _as_data(value.__dict__[n]) for n in value.fields()}
    if isinstance(value, list):
        return [_as_data(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_data(v) for k, v in value.items()}
    return value


_MODELS: dict[type, Any] = {}  # record class -> its pydantic model
_RECORDS: dict[type, type] = {}  # pydantic model -> its record class


def _record(value: Any) -> Any:
    """A validated pydantic model's values as records."""
    cls = _RECORDS.get(type(value))
    if cls is not None:
        made = cls.__new__(cls)
        made.__dict__.update({n: _record(v) for n, v in value.__dict__.items()})
        return made
    if isinstance(value, list):
        return [_record(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_record(v) for v in value)
    if isinstance(value, dict):
        return {k: _record(v) for k, v in value.items()}
    return value


class _Names(Mapping):
    """What a record's annotation names: the schema's types first, then the record's module,
    with each record class standing for its pydantic model."""

    def __init__(self, module: dict[str, Any], schema: dict[str, Any]) -> None:
        self.module, self.schema = module, schema

    def __getitem__(self, name: str) -> Any:
        if name in self.schema:
            return self.schema[name]
        value = self.module[name]
        if isinstance(value, type) and issubclass(value, Record):
            return _model(value)
        return value

    def __iter__(self):
        return iter({**self.module, **self.schema})

    def __len__(self) -> int:
        return len({**self.module, **self.schema})


@functools.cache
def _base() -> Any:
    """The models' common base: no unknown field, and `from_` or `from` alike."""
    from pydantic import BaseModel, ConfigDict

    class _Model(BaseModel):
        model_config = ConfigDict(
            extra="forbid", frozen=True, populate_by_name=True, defer_build=True
        )

    return _Model


def _model(cls: type[Record]) -> Any:
    """The pydantic model of a record class, made from its annotations the first time."""
    if cls in _MODELS:
        return _MODELS[cls]
    from pydantic import Field, create_model, model_validator

    from assessment.core import schema

    names = _Names(vars(sys.modules[cls.__module__]), vars(schema))
    fields: dict[str, Any] = {}
    for name, text in _annotations(cls):
        kind = eval(text, {"__builtins__": builtins}, names)  # noqa: S307 - our own annotations
        info = Field(
            default=getattr(cls, name, ...),
            alias=cls.aliases.get(name),
            exclude=True if name in cls.internal else None,
        )
        fields[name] = (kind, info)
    checks = {
        name: model_validator(mode="after")(method)
        for klass in reversed(cls.__mro__)
        for name, method in vars(klass).items()
        if getattr(method, "after_check", False)
    }
    model = create_model(
        cls.__name__, __base__=_base(), __module__=cls.__module__, __validators__=checks, **fields
    )
    _MODELS[cls], _RECORDS[model] = model, cls
    return model
