"""The layout is the architecture: layers only import downward, nothing imports in a circle, and
only ``tthc_cli/git.py`` runs git. Read from the source with ``ast`` (imports inside functions
count; imports under ``if TYPE_CHECKING:`` do not, since they never run)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tthc_cli"

# Lowest first; a module may import its own layer and the layers below, never above.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "core",
        (
            "tthc_cli",
            "tthc_cli.config",
            "tthc_cli.dates",
            "tthc_cli.errors",
            "tthc_cli.extras",
            "tthc_cli.findings",
            "tthc_cli.formats",
            "tthc_cli.git",
            "tthc_cli.legal",
            "tthc_cli.messages",
            "tthc_cli.model",
            "tthc_cli.plans",
            "tthc_cli.textnorm",
        ),
    ),
    ("load", ("tthc_cli.load",)),
    ("logic", ("tthc_cli.rules", "tthc_cli.diff", "tthc_cli.plan")),
    ("output", ("tthc_cli.render", "tthc_cli.reporters", "tthc_cli.importer")),
    ("cli", ("tthc_cli.cli", "tthc_cli.__main__")),
]
# A registry names its writers' modules as text ("tthc_cli.render.report_text:render"): that is
# an import too, made later.
NAMED_MODULE = re.compile(r"^(tthc_cli(?:\.\w+)+)(?::\w+)?$")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    best, found = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            matches = module == prefix or module.startswith(prefix + ".")
            if matches and prefix != "tthc_cli" and len(prefix) > best:
                best, found = len(prefix), index
    if found < 0 and module in LAYERS[0][1]:
        return 0
    assert found >= 0, f"{module} belongs to no layer: add it to LAYERS"
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(name: str) -> str | None:
    """The tthc module an import of ``name`` runs: the module itself, else its package."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str, source: str | None = None) -> set[str]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Constant) and (match := NAMED_MODULE.match(str(node.value))):
            found.add(match.group(1))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    resolved = {_resolve(name) for name in found if name.startswith("tthc_cli")}
    return {name for name in resolved if name is not None and name != module}


GRAPH = {module: imports_of(module) for module in MODULES}


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_no_import_runs_upward() -> None:
    upward = [
        f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for module, targets in GRAPH.items()
        for target in targets
        if layer_of(target) > layer_of(module)
    ]
    assert upward == []


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return cycles


def test_no_import_cycles() -> None:
    assert find_cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_graph_sees_imports_inside_functions_and_registries() -> None:
    assert "tthc_cli.rules.engine" in GRAPH["tthc_cli.cli.validate"]  # imported in a function
    assert "tthc_cli.render.report_xlsx" in GRAPH["tthc_cli.render"]  # named in a registry
    source = """
from typing import TYPE_CHECKING
from . import errors
if TYPE_CHECKING:
    from tthc_cli.cli import app
def later():
    from .load import catalog
"""
    expected = {"tthc_cli", "tthc_cli.errors", "tthc_cli.load", "tthc_cli.load.catalog"}
    assert imports_of("tthc_cli.git", source) == expected  # packages run their __init__ too


RUNS_A_PROGRAM = re.compile(r"\bsubprocess\b|\bos\.(system|popen|exec\w*|spawn\w*)\b")


def test_only_git_py_runs_git_or_any_program() -> None:
    runners = [
        module
        for module, path in MODULES.items()
        if RUNS_A_PROGRAM.search(path.read_text(encoding="utf-8")) and module != "tthc_cli.git"
    ]
    assert runners == []
    assert RUNS_A_PROGRAM.search((PACKAGE / "git.py").read_text(encoding="utf-8"))
