"""`make audit`: an advisory with a fix fails; an audit that could not check fails too, saying
how many packages it checked (pip-audit alone prints "No known vulnerabilities found" then)."""

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

from scripts.audit import ADVISORY, NOT_CHECKED, OK, judge, pinned_packages

ROOT = Path(__file__).resolve().parent.parent


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_advisory_service_is_a_clear_failure():
    proxy = f"http://127.0.0.1:{closed_port()}"  # every request to the service is refused
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(HTTPS_PROXY=proxy, HTTP_PROXY=proxy)
    result = subprocess.run(
        [sys.executable, "scripts/audit.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    total = len(pinned_packages())
    assert total > 60
    assert result.returncode == NOT_CHECKED, result.stdout + result.stderr
    match = re.search(rf"NOT DONE: (\d+) of {total} packages checked", result.stdout)
    assert match and int(match.group(1)) < total, result.stdout
    assert "not a pass" in result.stdout
    assert "passed" not in result.stdout.replace("not a pass", "")


def package(name, *vulns):
    return {"name": name, "version": "1.0", "vulns": list(vulns)}


def test_an_advisory_with_a_fix_fails():
    report = {
        "dependencies": [
            package("django", {"id": "PYSEC-2026-1", "fix_versions": ["5.2.20"]}),
            package("wagtail"),
        ]
    }
    code, lines = judge(report, expected=2)
    assert code == ADVISORY
    assert "ADVISORY PYSEC-2026-1: django 1.0, fixed in 5.2.20" in lines


def test_an_advisory_without_a_fix_is_shown_but_does_not_fail():
    report = {"dependencies": [package("pillow", {"id": "GHSA-x", "fix_versions": []})]}
    code, lines = judge(report, expected=1)
    assert code == OK
    assert any("GHSA-x" in line for line in lines)


def test_all_checked_and_clean_passes_with_the_count():
    code, lines = judge({"dependencies": [package("django"), package("wagtail")]}, expected=2)
    assert code == OK
    assert lines[-1] == "Dependency audit passed: 2 of 2 packages checked."


def test_some_packages_not_checked_is_not_a_pass():
    report = {
        "dependencies": [
            package("django"),
            {"name": "wagtail", "skip_reason": "Dependency not found on PyPI and could not be audited"},
        ]
    }  # fmt: skip
    code, lines = judge(report, expected=2)
    assert code == NOT_CHECKED
    assert "1 of 2 packages checked" in lines[0]
