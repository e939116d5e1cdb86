"""Dependency audit: every pinned package of both lock files against the known advisories.

    python scripts/audit.py            (what `make audit` runs)

Runs pip-audit (PyPI's advisory data) over requirements.lock and requirements-dev.lock and
judges its report itself, because pip-audit reports "No known vulnerabilities found" and exits 0
even when it could not look a single package up (service unreachable): that must never pass.

Exit codes: 0 every package checked, no advisory with a fix; 1 at least one advisory that an
upgrade fixes; 2 some packages could not be checked (the message says how many were).
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK_FILES = ("requirements.lock", "requirements-dev.lock")
OK, ADVISORY, NOT_CHECKED = 0, 1, 2


def run_pip_audit(lock_files=LOCK_FILES, timeout=15) -> dict:
    command = [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off"]
    command += ["--no-deps", "--disable-pip", "--timeout", str(timeout)]
    for name in lock_files:
        command += ["-r", str(ROOT / name)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)  # noqa: S603
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        # No report at all (pip-audit itself failed): nothing was checked.
        return {"dependencies": [], "error": (result.stderr or result.stdout).strip()[-2000:]}


def judge(report: dict, expected: int) -> tuple[int, list[str]]:
    """(exit code, lines to print) for a pip-audit JSON report of `expected` packages."""
    dependencies = report.get("dependencies", [])
    checked = [d for d in dependencies if "skip_reason" not in d]
    skipped = [d for d in dependencies if "skip_reason" in d]
    lines = []
    with_fix, without_fix = [], []
    for dep in checked:
        for vuln in dep.get("vulns", []):
            entry = (dep["name"], dep.get("version", "?"), vuln)
            (with_fix if vuln.get("fix_versions") else without_fix).append(entry)
    for name, version, vuln in with_fix:
        fixes = ", ".join(vuln["fix_versions"])
        lines.append(f"ADVISORY {vuln['id']}: {name} {version}, fixed in {fixes}")
    for name, version, vuln in without_fix:
        lines.append(f"advisory without a fix yet {vuln['id']}: {name} {version} (not failing)")
    total = max(expected, len(dependencies))
    if len(checked) < total:
        lines.append(
            f"DEPENDENCY AUDIT NOT DONE: {len(checked)} of {total} packages checked. "
            "The advisory service could not be reached or did not know the packages; "
            "this is not a pass. Run `make audit` where PyPI's JSON API answers."
        )
        reasons = sorted({d["skip_reason"].split(":")[0] for d in skipped})
        if report.get("error"):
            reasons.append(report["error"].splitlines()[-1])
        lines += [f"  reason: {reason}" for reason in reasons[:5]]
        return (ADVISORY if with_fix else NOT_CHECKED), lines
    if with_fix:
        lines.append(f"{len(with_fix)} advisories with a fix: upgrade, then `make lock`.")
        return ADVISORY, lines
    lines.append(f"Dependency audit passed: {len(checked)} of {total} packages checked.")
    return OK, lines


def pinned_packages(lock_files=LOCK_FILES) -> set[str]:
    names = set()
    for name in lock_files:
        for line in (ROOT / name).read_text().splitlines():
            if "==" in line and not line.lstrip().startswith("#"):
                names.add(line.split("==")[0].strip().lower().replace("_", "-"))
    return names


def main() -> int:
    code, lines = judge(run_pip_audit(), expected=len(pinned_packages()))
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
