"""The prompts reach into questionary's list control and prompt_toolkit's layout, which neither
promises to keep: pyproject pins both to the major versions those internals come from, the
installed versions are inside the pins, and each internal is still there with the shape used."""

from __future__ import annotations

import ast
import inspect
from importlib import metadata
from pathlib import Path

import pytest
import questionary
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version
from prompt_toolkit import PromptSession
from prompt_toolkit.data_structures import Point
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, HSplit
from prompt_toolkit.layout.processors import Transformation, TransformationInput
from prompt_toolkit.layout.utils import explode_text_fragments
from prompt_toolkit.output import DummyOutput
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl

from assessment.terminal import texts
from assessment.terminal.prompts import keys, lists

ROOT = Path(__file__).resolve().parent.parent
PROMPTS = ROOT / "assessment" / "terminal" / "prompts"
PINNED = ("questionary", "prompt_toolkit")


def requirements() -> dict[str, Requirement]:
    """The project's own requirements, read from pyproject.toml (the installed metadata can be
    older than the file)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: the metadata written when it was installed
        lines = metadata.requires("fibro-assess") or []
    else:
        lines = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    found = {}
    for line in lines:
        requirement = Requirement(line)
        if not requirement.marker:
            found[canonicalize_name(requirement.name)] = requirement
    return found


@pytest.mark.parametrize("name", PINNED)
def test_installed_version_is_inside_the_pin(name):
    requirement = requirements()[canonicalize_name(name)]
    installed = Version(metadata.version(name))
    assert requirement.specifier.contains(installed, prereleases=True), (
        f"{name} {installed} is installed, but pyproject asks for {requirement}"
    )


@pytest.mark.parametrize("name", PINNED)
def test_pin_stops_before_the_next_major_version(name):
    requirement = requirements()[canonicalize_name(name)]
    major = Version(metadata.version(name)).major
    caps = [Version(s.version) for s in requirement.specifier if s.operator == "<"]
    assert caps, f"{requirement} has no upper bound: a new major version could break the prompts"
    assert all(cap <= Version(f"{major + 1}") for cap in caps), requirement
    assert requirement.specifier.contains(f"{major}.0.0") or any(
        s.operator == ">=" and Version(s.version).major == major for s in requirement.specifier
    ), f"{requirement} does not allow the {major}.x line the prompts were written against"


def test_the_pin_check_sees_a_missing_cap_and_a_version_outside():
    loose = Requirement("questionary>=2.0")
    assert not [s for s in loose.specifier if s.operator == "<"]
    assert not Requirement("questionary>=2.0,<3").specifier.contains(Version("3.0.0"))


# --- questionary's list control, as lists.py and keys.py use it ------------------------------


def _control_attributes_used() -> set[str]:
    """Every `ic.<name>` the prompts package reads, writes or calls."""
    used = set()
    for path in PROMPTS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "ic"
            ):
                used.add(node.attr)
    return used


def _prompts(inp):
    rows = [Choice("One", value="choice:0"), Separator("---"), Choice("Back", value="action:back")]
    io = {"input": inp, "output": DummyOutput()}
    select = questionary.select("Pick?", choices=rows, instruction="hint", pointer=">", **io)
    checkbox = questionary.checkbox(
        "Tick?", choices=rows, instruction="hint", pointer=">", initial_choice="action:back", **io
    )
    return select, checkbox


def test_every_control_attribute_the_prompts_use_is_on_questionarys_control():
    used = _control_attributes_used()
    assert {"choices", "pointed_at", "selected_options", "error_message", "text"} <= used
    with create_pipe_input() as inp:
        for prompt in _prompts(inp):
            ic = lists.inquirer_control(prompt)
            assert isinstance(ic, InquirerControl)
            missing = sorted(name for name in used if not hasattr(ic, name))
            assert not missing, f"questionary's InquirerControl no longer has {missing}"
            assert isinstance(ic, FormattedTextControl)  # so `ic.text` is what it draws
            assert isinstance(ic.choices[1], Separator)  # separators are rows, drawn as rules
            assert [c.value for c in ic.choices[::2]] == ["choice:0", "action:back"]
            assert isinstance(ic.pointed_at, int) and isinstance(ic.selected_options, list)
            assert isinstance(ic.get_pointed_at(), Choice)
            assert ic.error_message is None
            assert isinstance(ic.is_answered, bool)


def test_the_rows_drawn_in_place_of_questionarys_are_what_the_control_shows():
    with create_pipe_input() as inp:
        select, _ = _prompts(inp)
        ic = lists.inquirer_control(select)
        ic.text = lambda: [("", "ab"), ("[SetCursorPosition]", ""), ("", "c")]
        content = ic.create_content(width=80, height=5)
        assert "".join(text for _style, text in content.get_line(0)) == "abc"
        assert content.cursor_position == Point(x=2, y=0)  # the pointer row scrolls into view


def test_the_checkbox_layout_ends_in_the_message_the_tick_list_replaces():
    with create_pipe_input() as inp:
        _, checkbox = _prompts(inp)
        root = checkbox.application.layout.container
        assert isinstance(root, HSplit)
        assert isinstance(root.children[-1], ConditionalContainer)
        lists.one_line_message(checkbox)
        assert root.children[-1].filter() is False  # shown only once there is a message


def test_extra_keys_and_drawing_attach_to_real_prompts():
    with create_pipe_input() as inp:
        select, checkbox = _prompts(inp)
        before = select.application.key_bindings
        keys.list_keys(select, can_go_back=True, shortcuts={"y": "choice:0"})
        keys.digit_keys(select, {0: "choice:0"})
        keys.tick_keys(checkbox)
        assert select.application.key_bindings is not before
        for prompt, tickable in ((select, False), (checkbox, True)):
            lists.draw_rows(prompt, texts.ASCII, header_lines=2, tickable=tickable)
            assert lists.list_window(prompt).dont_extend_height()


# --- prompt_toolkit pieces the typed prompts use ---------------------------------------------


def test_prompt_session_takes_the_options_the_typed_prompts_pass_through():
    accepted = inspect.signature(PromptSession.__init__).parameters
    assert {"prompt_continuation", "input_processors", "erase_when_done"} <= set(accepted)


def test_word_wrap_has_the_processor_interface_it_is_written_against():
    assert {"fragments", "width"} <= set(inspect.signature(TransformationInput).parameters)
    shapes = inspect.signature(Transformation).parameters
    assert list(shapes)[:3] == ["fragments", "source_to_display", "display_to_source"]
    assert explode_text_fragments([("", "ab")]) == [("", "a"), ("", "b")]
