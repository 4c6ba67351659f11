"""The package's folders show the pipeline, and no module imports another in a circle."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "assessment"
CORE = sorted(
    f"assessment.core.{p.stem}" for p in (PACKAGE / "core").glob("*.py") if p.stem != "__init__"
)
OUTER = ["questionary", "prompt_toolkit", "weasyprint", "sqlite3", "assessment.terminal",
         "assessment.report", "assessment.history", "assessment.pipeline"]  # fmt: skip


def imported_after(module: str) -> set[str]:
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(done.stdout))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str], name: str = "") -> set[str]:
    """Every package module a file imports: at the top, inside functions, under TYPE_CHECKING."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in modules)
    return found - {name}


def import_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    return {name: imports_of(path, modules, name) for name, path in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for dep in sorted(graph[node]):
            if state.get(dep) == "open":
                found.append(trail[trail.index(dep) :] + [dep])
            elif dep not in state:
                visit(dep, [*trail, dep])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_no_module_imports_another_in_a_circle():
    assert cycles(import_graph()) == []


def test_the_circle_finder_sees_a_circle_through_a_function_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert cycles(graph) == [["a", "b", "c", "a"]]


def test_the_graph_counts_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from assessment.core import bank\n")
    assert "assessment.core.bank" in imports_of(module, {"assessment.core.bank"})


def test_the_core_never_imports_an_outer_layer_even_inside_a_function():
    graph = import_graph()
    for name in CORE:
        # i18n.words is a leaf: the run's language and its catalogue, no outer layer behind it
        allowed = ("assessment.core", "assessment.errors", "assessment.i18n.words")
        outer = {dep for dep in graph[name] if not dep.startswith(allowed) and dep != "assessment"}
        assert not outer, f"{name} imports {outer}"


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_terminal_pdf_or_storage(module):
    loaded = imported_after(module)
    assert not {m for m in loaded if m.split(".")[0] in OUTER or m.startswith(tuple(OUTER))}


def test_starting_the_wizard_does_not_load_the_pdf_renderer():
    assert "weasyprint" not in imported_after("assessment.terminal.wizard")


def test_the_check_sees_what_an_outer_module_pulls_in():
    assert "questionary" in imported_after("assessment.terminal.wizard")
