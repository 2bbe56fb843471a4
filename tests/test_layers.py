"""The layers of the house, read from the source (ast), not from what happens to be imported:
storage is the ground floor (it imports neither the crawler nor the NLP stage nor the case
linker, which comes after the NLP stage), no lower
layer imports the command line, the run lifecycle or the site, only the command line
imports itself, and nothing imports in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOWER = ("crawler", "nlp", "cases", "storage", "fleet")  # the stages, their storage, the fleet's hand-off
UPPER = ("pipeline", "operations", "web")  # the command line, how a run runs, the Datasette face
SKIP = {".venv", "data", ".git", "node_modules"}


def project_modules() -> dict[str, Path]:
    """{dotted module name: file} of every Python file of the project."""
    modules = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if SKIP & set(parts) or any(p.startswith(".") for p in parts):
            continue
        names = list(parts[:-1]) + ([] if path.name == "__init__.py" else [path.stem])
        modules[".".join(names)] = path
    return modules


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules `name` imports, anywhere in it (function-level imports too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1] if package else []
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # `a.b.c` names module `a.b` when c is not a module
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def top(name: str) -> str:
    return name.split(".")[0]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a path) per strongly connected component of more than one node (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_the_imports_it_must_judge():
    graph = import_graph()
    assert "storage.schema" in graph["storage.articles"]
    assert "storage" in graph["crawler.pipelines"]  # `from storage import open_db`
    assert "nlp.loader" in graph["nlp.process"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_storage_imports_neither_the_crawler_nor_the_nlp_stage_nor_the_case_linker():
    wrong = {
        (name, target)
        for name, targets in import_graph().items()
        if top(name) == "storage"
        for target in targets
        if top(target) in {"crawler", "nlp", "cases"}
    }
    assert not wrong


def test_the_nlp_stage_does_not_import_the_case_linker_that_comes_after_it():
    assert not {(n, t) for n, ts in import_graph().items() if top(n) == "nlp" for t in ts if top(t) == "cases"}


def test_no_lower_layer_imports_the_command_line_or_the_site():
    wrong = {
        (name, target)
        for name, targets in import_graph().items()
        if top(name) in LOWER
        for target in targets
        if top(target) in UPPER
    }
    assert not wrong


def test_only_the_command_line_is_above_the_run_lifecycle_and_the_site():
    wrong = {
        (name, target)
        for name, targets in import_graph().items()
        if top(name) in {"operations", "web"}
        for target in targets
        if top(target) == "pipeline"
    }
    assert not wrong


def test_no_module_imports_in_a_circle():
    assert cycles(import_graph()) == []


def test_no_package_imports_in_a_circle():
    packages: dict[str, set[str]] = {}
    for name, targets in import_graph().items():
        packages.setdefault(top(name), set()).update(top(t) for t in targets if top(t) != top(name))
    assert cycles(packages) == []


def test_the_crawler_imports_neither_the_nlp_stage_nor_the_fleet_built_on_it():
    """A crawler of the fleet is the one-machine spider: fleet/ wraps crawler/, never the reverse."""
    wrong = {
        (name, target)
        for name, targets in import_graph().items()
        if top(name) == "crawler"
        for target in targets
        if top(target) in {"nlp", "fleet", "cases"}
    }
    assert not wrong
