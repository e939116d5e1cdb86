"""Views Varnish answered are counted from nginx's log (analytics.cachelog, import_cache_log):
hits by visitors only, each line once, across re-runs and log rotation."""

import io
import json
import re
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.utils import timezone

from analytics.counting import BOT_PATTERN
from analytics.models import DailyPageView

NGINX_CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"


def line(path="/toolkits/a/", cache="hit", view="", visitor="1", method="GET", status="200", time=None):
    """One line as log_format kenniscentrum_views (deploy/nginx.conf) writes it."""
    time = time or timezone.now().astimezone().isoformat(timespec="seconds")
    record = {"time": time, "method": method, "path": path, "status": status, "cache": cache, "view": view,
              "visitor": visitor}  # fmt: skip
    return json.dumps(record, separators=(",", ":")) + "\n"


def run(log):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cache_log", log=str(log), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def views(path):
    return sum(DailyPageView.objects.filter(path=path).values_list("count", flat=True))


@pytest.fixture
def toolkit(site):
    return site["toolkit"]


def test_hits_by_visitors_are_counted_once(site, toolkit, tmp_path):
    log = tmp_path / "views.log"
    page = str(toolkit.pk)
    log.write_text(
        line(toolkit.url, view=page)
        + line(toolkit.url, view=page)
        + line(toolkit.url, view=page, cache="miss")  # reached the app: counted there
        + line(toolkit.url, view=page, visitor="0")  # a bot or a prefetch
        + line(toolkit.url, view=page, method="HEAD")
        + line(toolkit.url, view=page, status="304")
        + line("/zoeken/", view="-")  # the search page: a view without a page
    )
    out, err = run(log)
    assert views(toolkit.url) == 2
    assert DailyPageView.objects.get(path=toolkit.url).page_id == toolkit.pk
    assert views("/zoeken/") == 1
    assert "3 counted" in out and "1 reached the app" in out and "3 not counted" in out
    assert err == ""
    run(log)  # again: nothing new
    assert views(toolkit.url) == 2
    with log.open("a") as handle:
        handle.write(line(toolkit.url, view=page))
    run(log)
    assert views(toolkit.url) == 3


def test_the_day_is_the_day_of_the_view_in_the_sites_time_zone(site, toolkit, tmp_path):
    log = tmp_path / "views.log"
    # 23:30 UTC on 30 November is 00:30 on 1 December in Brussels.
    log.write_text(line(toolkit.url, view=str(toolkit.pk), time="2026-11-30T23:30:00+00:00"))
    run(log)
    assert DailyPageView.objects.get(path=toolkit.url).date.isoformat() == "2026-12-01"


def test_a_rotated_log_is_finished_then_the_new_one_read(site, toolkit, tmp_path):
    log, page = tmp_path / "views.log", str(toolkit.pk)
    log.write_text(line(toolkit.url, view=page))
    run(log)
    with log.open("a") as handle:  # written after the run, before the rotation
        handle.write(line(toolkit.url, view=page) + line(toolkit.url, view=page))
    log.rename(tmp_path / "views.log.1")  # logrotate with delaycompress
    log.write_text(line(toolkit.url, view=page))  # nginx reopened: a new file
    run(log)
    assert views(toolkit.url) == 4
    run(log)
    assert views(toolkit.url) == 4
    (tmp_path / "views.log.1").unlink()  # the next rotation compresses it away
    with log.open("a") as handle:
        handle.write(line(toolkit.url, view=page))
    run(log)
    assert views(toolkit.url) == 5


def test_a_half_written_line_waits_for_the_next_run(site, toolkit, tmp_path):
    log, page = tmp_path / "views.log", str(toolkit.pk)
    whole = line(toolkit.url, view=page)
    log.write_text(whole + whole[:30])  # nginx is still writing the second line
    _, err = run(log)
    assert views(toolkit.url) == 1 and err == ""
    with log.open("a") as handle:
        handle.write(whole[30:])
    run(log)
    assert views(toolkit.url) == 2


def test_a_malformed_line_is_named_and_skipped(site, toolkit, tmp_path):
    log, page = tmp_path / "views.log", str(toolkit.pk)
    good = line(toolkit.url, view=page)
    log.write_bytes(
        good.encode() + b"127.0.0.1 - - [30/Nov/2026] GET / 200\n" + b'{"time":"gisteren"}\n' + b"\xff\xfe\n"
        + good.encode()
    )  # fmt: skip
    out, err = run(log)
    assert views(toolkit.url) == 2
    assert "3 malformed lines skipped" in out
    first = len(good)
    assert f"{log}, byte {first}: malformed line skipped (expected one JSON object" in err
    assert "log_format kenniscentrum_views in deploy/nginx.conf" in err
    run(log)
    assert views(toolkit.url) == 2


def test_a_missing_log_is_an_operator_error(db, tmp_path):
    with pytest.raises(CommandError, match=r"The cache log .*missing\.log cannot be read"):
        call_command("import_cache_log", log=str(tmp_path / "missing.log"))


def test_without_a_configured_log_nothing_happens(db, settings):
    settings.ANALYTICS_CACHE_LOG = ""
    out = io.StringIO()
    call_command("import_cache_log", stdout=out)
    assert out.getvalue() == ""


def test_nginx_knows_the_same_bots_as_the_app():
    """The proxy decides "visitor or bot" (the user agent is not written): the same list."""
    conf = NGINX_CONF.read_text()
    block = re.search(r"map \$http_user_agent \$kenniscentrum_browser \{(.*?)\}", conf, re.S)[1]
    patterns = re.findall(r'"~\*([^"]+)" 0;', block)
    assert patterns == [BOT_PATTERN.pattern]
