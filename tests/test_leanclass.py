"""Lean dataclasses (core/leanclass.py): dataclasses in behaviour, no code compiled a class."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from assessment.core.leanclass import leanclass


@leanclass
class Rating:
    value: int
    band: str = "none"
    notes: list[str] = dataclasses.field(default_factory=list)
    hidden: float = dataclasses.field(default=0.0, repr=False, compare=False)


@leanclass(frozen=True)
class Edge:
    source: str
    target: str


def test_a_lean_class_is_made_and_compared_as_a_dataclass_is():
    rating = Rating(3, notes=["a"])
    assert (rating.value, rating.band, rating.notes, rating.hidden) == (3, "none", ["a"], 0.0)
    assert Rating(3).notes is not Rating(3).notes  # a fresh list each time
    assert rating == Rating(3, "none", ["a"], hidden=9.0)  # hidden is not compared
    assert rating != Rating(4, notes=["a"])
    assert repr(rating) == "Rating(value=3, band='none', notes=['a'])"
    assert dataclasses.is_dataclass(rating) and [f.name for f in dataclasses.fields(rating)] == [
        "value", "band", "notes", "hidden"
    ]  # fmt: skip
    assert dataclasses.replace(rating, band="mild").band == "mild"
    assert dataclasses.asdict(rating)["notes"] == ["a"]
    with pytest.raises(TypeError):
        hash(rating)  # unhashable, as a dataclass that is not frozen


def test_a_lean_class_refuses_what_a_dataclass_refuses():
    with pytest.raises(TypeError, match="missing 'value'"):
        Rating()
    with pytest.raises(TypeError, match="unknown 'colour'"):
        Rating(1, colour="red")
    with pytest.raises(TypeError, match="two values"):
        Rating(1, value=2)
    with pytest.raises(TypeError):
        Rating(1, "a", [], 0.0, "too many")


def test_a_frozen_lean_class_cannot_change_and_hashes_by_its_fields():
    edge = Edge("sleep", "pain")
    with pytest.raises(dataclasses.FrozenInstanceError):
        edge.source = "mood"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del edge.target
    assert hash(edge) == hash(Edge("sleep", "pain")) and {edge, Edge("sleep", "pain")} == {edge}


def test_importing_the_scoring_compiles_no_dataclass_method():
    """The result's, synergy's and conditions' types are lean: dataclasses writes no code."""
    probe = (
        "import dataclasses\n"
        "made = []\n"
        "real = dataclasses._create_fn\n"
        "dataclasses._create_fn = lambda name, *a, **k: made.append(name) or real(name, *a, **k)\n"
        "import assessment.core.scoring\n"
        "print(len(made))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"
