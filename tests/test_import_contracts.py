"""The import contracts of the layers (pyproject.toml, [tool.importlinter]; README "Architecture")
hold, and adding a forbidden import breaks them. `make test` also runs `lint-imports` itself."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def test_the_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_importing_a_content_app_breaks_them(tmp_path):
    """A copy of the project in which core imports toolkits: the check fails and says where."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for package in config["tool"]["importlinter"]["root_packages"]:
        if package == "core":
            shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (tmp_path / package).symlink_to(ROOT / package)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "core" / "contract_probe.py").write_text("from toolkits.models import ToolkitPage  # noqa\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout
    assert "core is not allowed to import toolkits" in result.stdout
    assert "core.contract_probe -> toolkits.models" in result.stdout
