"""deploy/crontab is the one list of scheduled jobs: every command in it must exist, so a
renamed or removed command cannot leave production running a job that silently fails."""

import re
from pathlib import Path

from django.core.management import get_commands

CRONTAB = Path(__file__).resolve().parent.parent / "deploy" / "crontab"
JOB = re.compile(r"^\s*(?:\S+\s+){5}\$MANAGE\s+(\S+)")


def scheduled_commands() -> list[str]:
    return [m.group(1) for line in CRONTAB.read_text().splitlines() if (m := JOB.match(line))]


def test_every_scheduled_command_exists():
    commands = scheduled_commands()
    assert "apply_retention" in commands
    missing = [name for name in commands if name not in get_commands()]
    assert not missing, f"deploy/crontab runs commands that do not exist: {missing}"


def test_every_job_line_is_a_valid_schedule():
    for line in CRONTAB.read_text().splitlines():
        if not line.strip() or line.startswith("#") or "=" in line.split()[0]:
            continue
        minute, hour, dom, month, dow, *command = line.split()
        assert command[:1] == ["$MANAGE"], line
        assert minute.isdigit() and 0 <= int(minute) < 60, line
        assert hour == "*" or all(0 <= int(h) < 24 for h in re.split(r"[,-]", hour.split("/")[0]) if h), line
        assert all(field == "*" or re.fullmatch(r"[\d,\-/*]+", field) for field in (dom, month, dow)), line
