"""Page views that a shared cache in front (Varnish) answered, imported from the proxy's log.

A Varnish hit never reaches the app, so AnalyticsMiddleware cannot count it. nginx, in front
of Varnish (deploy/nginx.conf), writes one JSON line per page view to its own log: only what
analytics stores anyway (time, path without query string, status) plus whether Varnish answered
from memory, the page the app named in `X-Analytics-View` when it made the page, and
"visitor or not" (known bots and prefetches, decided by nginx from the user agent, which is not
written). No address, no user agent, no query string, no referrer.

`import_cache_log` (deploy/crontab) adds the hits by visitors to the same daily counters
(DailyPageView); misses reached the app and were counted there. It remembers how far it read
(CacheLogPosition: the file's inode, a fingerprint of its first line and the byte offset),
written in the same transaction as the counts, so a re-run or a crash never counts a line twice.
After a rotation (logrotate renames the file and nginx reopens a new one) it first finishes the
renamed file (found beside the log by its inode: `.1`, or a date suffix; uncompressed, i.e.
`delaycompress`), then reads the new file from its start. Only whole lines are read: a line
nginx is still writing waits for the next run.
"""

import dataclasses
import datetime
import hashlib
import json
import os
from collections import Counter
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from analytics import counting
from analytics.models import PATH_MAX_LENGTH, CacheLogPosition, DailyPageView

BATCH_LINES = 20_000
FIELDS = ("time", "method", "path", "status", "cache", "view", "visitor")
MAX_REPORTED = 20  # malformed lines reported one by one; the rest are counted


class Conflict(Exception):
    """Another run moved the position first."""


@dataclasses.dataclass
class Result:
    counted: int = 0  # hits by visitors, added to the counters
    reached_app: int = 0  # misses and passes: the app counted them itself
    not_counted: int = 0  # bots, prefetches, HEAD, non-200
    malformed: int = 0
    messages: list = dataclasses.field(default_factory=list)

    def warn(self, text):
        self.malformed += 1
        if self.malformed <= MAX_REPORTED:
            self.messages.append(text)
        elif self.malformed == MAX_REPORTED + 1:
            self.messages.append("More malformed lines follow; only their number is reported below.")


def identity(handle) -> tuple[int, str]:
    """(inode, hash of the first line) of an open file: the hash tells a new file from an old
    one whose inode was reused. Empty while the first line is not written whole."""
    handle.seek(0)
    first = handle.readline(4096)
    return os.fstat(handle.fileno()).st_ino, hashlib.sha256(first).hexdigest() if first.endswith(b"\n") else ""


def same_file(position, inode, head) -> bool:
    return inode == position.inode and (not position.head or position.head == head)


def open_rotated_copy(log: Path, position):
    """The renamed file the position points into (`kenniscentrum-views.log.1`, `…-20261130`)."""
    for candidate in sorted(log.parent.glob(log.name + "?*")):
        if candidate.suffix in (".gz", ".xz", ".bz2", ".zst"):
            continue
        try:
            handle = open(candidate, "rb")  # noqa: SIM115 - closed by the caller
        except OSError:
            continue
        if same_file(position, *identity(handle)):
            return handle
        handle.close()
    return None


def parse(line: bytes, where: str, result: Result):
    """One log line -> (day, path, page id or None, hit by a visitor?) or None."""
    try:
        record = json.loads(line)
        if not isinstance(record, dict) or any(not isinstance(record.get(name), str) for name in FIELDS):
            raise ValueError
        moment = datetime.datetime.fromisoformat(record["time"])
        if moment.tzinfo is None:
            raise ValueError
        status = int(record["status"])
        path, view = record["path"], record["view"]
        if not path.startswith("/") or not (view == "-" or view.isdigit()):
            raise ValueError
    except ValueError:  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors too
        shown = line[:120].decode("utf-8", "replace")
        result.warn(
            f"{where}: malformed line skipped (expected one JSON object with {', '.join(FIELDS)}, "
            f"as log_format kenniscentrum_views in deploy/nginx.conf writes): {shown!r}"
        )
        return None
    if record["cache"] != "hit":
        result.reached_app += 1
        return None
    if record["method"] != "GET" or status != 200 or record["visitor"] != "1":
        result.not_counted += 1
        return None
    result.counted += 1
    page = None if view == "-" else int(view)
    return timezone.localtime(moment).date(), path[:PATH_MAX_LENGTH], page


def write(position, counts: Counter, pages: dict, *, inode, head, offset) -> None:
    """Add the counts and move the position, in one transaction (compare-and-set on the old
    position, so two runs at the same time never both count the same lines)."""
    with transaction.atomic():
        moved = CacheLogPosition.objects.filter(
            pk=position.pk, inode=position.inode, offset=position.offset, head=position.head
        ).update(inode=inode, head=head, offset=offset, updated_at=timezone.now())
        if moved != 1:
            raise Conflict
        existing = set(Page.objects.filter(pk__in={p for p in pages.values() if p}).values_list("pk", flat=True))
        for (day, path), amount in counts.items():
            page = pages[(day, path)]
            replace = {"page": page if page in existing else None}
            counting.increment(DailyPageView, {"date": day, "path": path}, replace, amount=amount)
    position.inode, position.head, position.offset = inode, head, offset


def read_file(handle, position, start: int, result: Result) -> None:
    """Import the whole lines of an open log file from byte `start`, moving `position` along."""
    inode, head = identity(handle)
    if (position.inode, position.head) != (inode, head):
        write(position, Counter(), {}, inode=inode, head=head, offset=start)
    handle.seek(start)
    offset = start
    counts, pages, lines = Counter(), {}, 0
    for line in handle:
        if not line.endswith(b"\n"):
            break  # nginx is still writing it: the next run reads it whole
        where = f"{handle.name}, byte {offset}"
        offset += len(line)
        lines += 1
        parsed = parse(line.rstrip(b"\n"), where, result)
        if parsed is not None:
            day, page_path, page = parsed
            counts[(day, page_path)] += 1
            pages[(day, page_path)] = page
        if lines >= BATCH_LINES:
            write(position, counts, pages, inode=inode, head=head, offset=offset)
            counts, pages, lines = Counter(), {}, 0
    if offset != position.offset or counts:
        write(position, counts, pages, inode=inode, head=head, offset=offset)


def import_log(log) -> Result:
    """Import what was added to `log` since the last run (and to its rotated copy).

    Raises OSError when the log cannot be opened."""
    log = Path(log).absolute()
    result = Result()
    position, _ = CacheLogPosition.objects.get_or_create(log=str(log))
    with open(log, "rb") as current:
        inode, head = identity(current)
        size = os.fstat(current.fileno()).st_size
        try:
            if position.inode == 0:
                read_file(current, position, 0, result)  # the first run: the whole file
            elif same_file(position, inode, head):
                start = position.offset
                if size < start:  # emptied in place (copytruncate)
                    result.messages.append(f"{log} is shorter than where the last run stopped: read from its start.")
                    start = 0
                read_file(current, position, start, result)
            else:
                old = open_rotated_copy(log, position)
                if old is None:
                    result.messages.append(
                        f"The file that was {log} at the last run (read up to byte {position.offset}) is not "
                        "beside it any more, uncompressed: views written to it after that run are not counted. "
                        "Rotate with delaycompress (README, Deployment)."
                    )
                else:
                    with old:
                        read_file(old, position, position.offset, result)
                read_file(current, position, 0, result)
        except Conflict:
            result.messages.append(f"Another import_cache_log run is reading {log}: this one stopped.")
    return result
