"""The package's layout, read from its source with ast: imports flow one way (no cycle, none hidden
inside a function), and every module and function is small enough to read in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "build_scripts" / "newswiki"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
#: Modules that import parts of the package inside functions on purpose, not to dodge a cycle: the
#: command line defers the build's imports so that `newswiki --help` starts at once; engines loads
#: the MkDocs plugin (which imports MkDocs) only when the engine is MkDocs or ProperDocs.
DEFERRED_IMPORTS_ALLOWED = {"newswiki.cli", "newswiki.engines"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
TREES = {name: ast.parse(path.read_text("utf-8"), str(path)) for name, path in MODULES.items()}


def imported_modules(node: ast.AST, importer: str) -> set[str]:
    """The package's modules an import statement loads (a package's __init__ included)."""
    targets: set[str] = set()
    if isinstance(node, ast.Import):
        targets = {alias.name for alias in node.names}
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            package = importer.split(".")
            if MODULES[importer].name != "__init__.py":
                package = package[:-1]
            base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
        targets = {base} | {f"{base}.{alias.name}" for alias in node.names}
    found = set()
    for target in targets:
        # importing a.b.c runs a, a.b and a.b.c; the importer's own packages are running already
        found |= set(ancestors(target)) & set(MODULES)
    return found - set(ancestors(importer))


def ancestors(name: str) -> list[str]:
    """The module and the packages it is in: a.b.c -> a, a.b, a.b.c."""
    parts = name.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts) + 1)]


def import_graph() -> dict[str, set[str]]:
    return {
        name: set().union(*(imported_modules(n, name) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))))
        for name, tree in TREES.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[name] = 2
        return None

    for name in sorted(graph):
        if name not in state and (cycle := visit(name)):
            return cycle
    return None


def functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_the_walk_sees_the_package_and_its_imports():
    graph = import_graph()
    assert {"newswiki.pipeline", "newswiki.clean", "newswiki.clean.article", "newswiki.models"} <= set(graph)
    assert "newswiki.models" in graph["newswiki.cache"]
    assert "newswiki.passes" in graph["newswiki.pipeline"]


def test_a_cycle_is_found():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_imports_form_no_cycle():
    assert find_cycle(import_graph()) is None


@pytest.mark.parametrize("name", sorted(set(MODULES) - DEFERRED_IMPORTS_ALLOWED))
def test_no_import_of_the_package_inside_a_function(name):
    hidden = [
        f"{MODULES[name].name}:{node.lineno}"
        for function in functions(TREES[name])
        for node in ast.walk(function)
        if isinstance(node, (ast.Import, ast.ImportFrom)) and imported_modules(node, name)
    ]
    assert not hidden, f"{name} imports the package inside functions: {hidden}"


def test_records_come_from_models_and_cache_imports_no_stage():
    allowed = {"newswiki", "newswiki.models"}
    assert import_graph()["newswiki.cache"] <= allowed, import_graph()["newswiki.cache"]
    assert import_graph()["newswiki.models"] == set()


def test_no_module_is_too_long():
    lengths = {name: len(MODULES[name].read_text("utf-8").splitlines()) for name in MODULES}
    too_long = {name: n for name, n in lengths.items() if n > MAX_MODULE_LINES}
    assert not too_long, too_long


def test_no_function_is_too_long():
    too_long = {
        f"{name}.{function.name}": function.end_lineno - min([function.lineno] + [d.lineno for d in function.decorator_list]) + 1
        for name, tree in TREES.items()
        for function in functions(tree)
    }
    assert len(too_long) > 100  # every function of the package was measured
    assert not {name: n for name, n in too_long.items() if n > MAX_FUNCTION_LINES}
