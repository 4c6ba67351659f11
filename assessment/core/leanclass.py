"""Dataclasses that share their methods instead of compiling new ones for each class.

`dataclasses.dataclass` writes out and compiles `__init__`, `__repr__` and `__eq__` (frozen:
`__setattr__`, `__delattr__` and `__hash__` too) for every class, about a millisecond a class:
the result's twenty-odd types alone were a tenth of a `--answers --json` run's own start-up.
`@leanclass` is a dataclass in every other way (`fields`, `replace`, `asdict`, defaults and
metadata) whose methods are the generic ones below, shared by every class.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from typing import Any, TypeVar

T = TypeVar("T", bound=type)


def leanclass(
    cls: T | None = None, /, *, frozen: bool = False, eq: bool = True
) -> T | Callable[[T], T]:
    """`@dataclass`, `@dataclass(frozen=True)` or `@dataclass(eq=False)`, without the compiled
    methods."""

    def wrap(cls: T) -> T:
        made = dataclass(init=False, repr=False, eq=False)(cls)
        made.__init__ = _init
        if "__repr__" not in cls.__dict__:
            made.__repr__ = _repr
        if eq:
            made.__eq__ = _eq
            made.__hash__ = _hash if frozen else None  # as a dataclass: unhashable unless frozen
        if frozen:
            made.__setattr__ = _frozen
            made.__delattr__ = _frozen
        return made

    return wrap if cls is None else wrap(cls)


def _spec(cls: type) -> tuple[tuple[str, Any, Any], ...]:
    """Each field's name, default and default factory, in order; worked out once a class."""
    spec = cls.__dict__.get("_lean_spec")
    if spec is None:
        spec = tuple((f.name, f.default, f.default_factory) for f in fields(cls) if f.init)
        type.__setattr__(cls, "_lean_spec", spec)
    return spec


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    spec = _spec(type(self))
    if len(args) > len(spec):
        raise TypeError(f"{type(self).__qualname__}() takes {len(spec)} arguments")
    values = self.__dict__
    for i, (name, default, factory) in enumerate(spec):
        if i < len(args):
            if name in kwargs:
                raise TypeError(f"{type(self).__qualname__}() got two values for {name!r}")
            values[name] = args[i]
        elif name in kwargs:
            values[name] = kwargs.pop(name)
        elif factory is not MISSING:
            values[name] = factory()
        elif default is not MISSING:
            values[name] = default
        else:
            raise TypeError(f"{type(self).__qualname__}() is missing {name!r}")
    if kwargs:
        raise TypeError(f"{type(self).__qualname__}() got unknown {', '.join(map(repr, kwargs))}")


def _repr(self: Any) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
    return f"{type(self).__qualname__}({shown})"


def _compared(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, f.name) for f in fields(self) if f.compare)


def _eq(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


def _hash(self: Any) -> int:
    return hash(_compared(self))


def _frozen(self: Any, name: str, *value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")
