"""Two rules of the architecture (README "Architecture", issue 10) that lint-imports cannot see:

- every project app in INSTALLED_APPS is checked by the import contracts: it is one of
  `[tool.importlinter]` root_packages and sits in the layers contract or stands alone (the
  source of a forbidden contract);
- an import inside a function says why on its line or the line above (`# lazy: <reason>`), for
  one statement or a block of consecutive ones. Hidden imports are how the old import circle
  survived; a reason (app registry timing, an optional or heavy package) keeps them rare.
"""

import ast
import re
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
LAZY_REASON = re.compile(r"#\s*lazy:\s*\S")


def project_apps() -> list[str]:
    """The apps of INSTALLED_APPS that live in this repository."""
    return sorted(
        config.name for config in apps.get_app_configs() if Path(config.path).resolve().parent == ROOT
    )


def contract_gaps(app_names, config: dict) -> list[str]:
    """What the import contracts miss of these apps, one line per app."""
    linter = config["tool"]["importlinter"]
    roots = set(linter["root_packages"])
    layered, standalone = set(), set()
    for contract in linter["contracts"]:
        if contract["type"] == "layers":
            for layer in contract["layers"]:
                layered.update(name.strip(" ()") for name in re.split(r"[|:]", layer))
        elif contract["type"] == "forbidden":
            standalone.update(contract["source_modules"])
    gaps = []
    for name in app_names:
        if name not in roots:
            gaps.append(f"{name}: not in [tool.importlinter] root_packages")
        if name not in layered | standalone:
            gaps.append(f"{name}: in no layer of the layers contract and not standalone")
    return gaps


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_project_app_is_under_the_import_contracts():
    assert "search" in project_apps() and "meldpunt" in project_apps()
    assert contract_gaps(project_apps(), pyproject()) == []


def test_a_new_app_outside_the_contracts_is_reported():
    """What happens when someone adds an app to INSTALLED_APPS and forgets pyproject."""
    gaps = contract_gaps([*project_apps(), "newapp"], pyproject())
    assert gaps == [
        "newapp: not in [tool.importlinter] root_packages",
        "newapp: in no layer of the layers contract and not standalone",
    ]


def _statement_lists(node):
    for name in ("body", "orelse", "finalbody"):
        block = getattr(node, name, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            yield block
    for handler in getattr(node, "handlers", ()):
        yield handler.body
    for case in getattr(node, "cases", ()):
        yield case.body


def unexplained_imports(source: str) -> list[tuple[int, str]]:
    """(line, statement) of each import inside a function without a `# lazy: reason`."""
    lines = source.splitlines()
    found = []

    def reason_above(statement) -> bool:  # a comment line of its own just above
        above = lines[statement.lineno - 2].strip() if statement.lineno > 1 else ""
        return above.startswith("#") and bool(LAZY_REASON.search(above))

    def reason_on(statement) -> bool:
        return any(LAZY_REASON.search(lines[n - 1]) for n in range(statement.lineno, statement.end_lineno + 1))

    def visit(node, in_function: bool):
        in_function = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for block in _statement_lists(node):
            group = []
            for statement in [*block, None]:
                if isinstance(statement, ast.Import | ast.ImportFrom):
                    group.append(statement)
                    continue
                if group and in_function and not reason_above(group[0]):  # one reason for a block
                    found.extend(
                        (s.lineno, lines[s.lineno - 1].strip())
                        for s in group
                        if not (reason_above(s) or reason_on(s))
                    )
                group = []
                if statement is not None:
                    visit(statement, in_function)

    visit(ast.parse(source), False)
    return found


def app_modules():
    for name in project_apps():
        for path in sorted((ROOT / name).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or "tests" in parts:
                continue
            yield path


def test_imports_inside_functions_say_why():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {statement}"
        for path in app_modules()
        for line, statement in unexplained_imports(path.read_text(encoding="utf-8"))
    ]
    assert found == [], (
        "Imports inside functions need a reason on their line or the line above "
        "(`# lazy: models are not ready before ready()`), or belong at the top of the module:\n"
        + "\n".join(found)
    )


def test_an_unexplained_function_import_is_found():
    source = '''
import os


def ready():
    # lazy: models are not loaded before ready()
    from editorial import signals
    from editorial.forms import PracticePageForm


def view(request):
    from research.models import ResearchPage

    if request:
        import json  # lazy: only for this branch
        from decimal import Decimal
    return ResearchPage
'''
    assert unexplained_imports(source) == [
        (12, "from research.models import ResearchPage"),
        (16, "from decimal import Decimal"),
    ]
