"""Belgian time and opening hours: the public holidays, "now" in Brussels, and the opening-hours
logic of a help service (`OpeningTimes`, mixed into `helpfinder.models.HelpService`)."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from helpfinder.signals import open_status_shown

BRUSSELS = ZoneInfo("Europe/Brussels")

WEEKDAYS = [
    (0, "maandag"),
    (1, "dinsdag"),
    (2, "woensdag"),
    (3, "donderdag"),
    (4, "vrijdag"),
    (5, "zaterdag"),
    (6, "zondag"),
]

# Opening hours are kept per channel: a line's phone and chat often keep different hours.
PHONE = "telefoon"
CHAT = "chat"
CHANNELS = [(PHONE, "telefoon"), (CHAT, "chat")]


def easter_sunday(year: int) -> datetime.date:
    """Gregorian Easter (the anonymous Meeus/Jones/Butcher algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return datetime.date(year, month, day + 1)


def belgian_public_holidays(year: int) -> set[datetime.date]:
    """The ten legal public holidays of Belgium."""
    easter = easter_sunday(year)
    fixed = [(1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)]
    moving = [easter + datetime.timedelta(days=days) for days in (1, 39, 50)]
    return {datetime.date(year, month, day) for month, day in fixed} | set(moving)


def brussels_now(now: datetime.datetime | None = None) -> datetime.datetime:
    """The given moment (default: now) as Belgian local time. Naive datetimes count as UTC."""
    now = now or timezone.now()
    if timezone.is_naive(now):
        now = now.replace(tzinfo=datetime.UTC)
    return now.astimezone(BRUSSELS)


class OpeningTimes:
    """Is the line open now, when does it open next, its hours for display. Needs the fields
    `always_open`, `closed_on_public_holidays`, `chat_url`, `phone` and `opening_hours` rows."""

    def hours(self):
        """Phone opening hours, ordered by weekday and time (uses prefetched rows when present)."""
        return self._rows(PHONE)

    def chat_hours(self):
        """Chat opening hours, ordered like `hours()`."""
        return self._rows(CHAT)

    def _rows(self, channel: str):
        rows = (row for row in self.opening_hours.all() if row.channel == channel)
        return sorted(rows, key=lambda row: (row.weekday, row.opens))

    def is_open(self, now: datetime.datetime | None = None) -> bool | None:
        """Phone open at `now` (default: now), in Belgian time. None when no opening hours are known."""
        if self.always_open:
            return True
        return self._open_at(self.hours(), now)

    def chat_is_open(self, now: datetime.datetime | None = None) -> bool | None:
        """Chat open at `now`. None without a chat or without known chat hours."""
        if not self.chat_url:
            return None
        return self._open_at(self.chat_hours(), now)

    def open_channels(self, now: datetime.datetime | None = None) -> list[str]:
        """What can be used right now: "telefoon", "chat" (in that order)."""
        channels = []
        if self.phone and self.is_open(now):
            channels.append(PHONE)
        if self.chat_is_open(now):
            channels.append(CHAT)
        return channels

    def next_opening(self, now: datetime.datetime | None = None, days: int = 14) -> datetime.datetime | None:
        """When the phone line next opens after `now` (Belgian time), skipping public holidays
        when the line closes on them. None when it is always open or no hours are known."""
        if self.always_open:
            return None
        local = brussels_now(now)
        for offset in range(days + 1):
            day = local.date() + datetime.timedelta(days=offset)
            if self.closed_on_public_holidays and day in belgian_public_holidays(day.year):
                continue
            starts = sorted(row.opens for row in self.hours() if row.weekday == day.weekday())
            for opens in starts:
                moment = datetime.datetime.combine(day, opens, tzinfo=BRUSSELS)
                if moment > local:
                    return moment
        return None

    def _open_at(self, rows, now) -> bool | None:
        if not rows:
            return None
        local = brussels_now(now)
        # Opening hours are whole minutes (holidays start at midnight): a page showing this
        # answer is right until the next minute starts, and is cached no longer.
        open_status_shown.send(type(self), valid_for=60 - local.second - local.microsecond / 1_000_000)
        weekday, moment = local.weekday(), local.time().replace(tzinfo=None)
        for row in rows:
            if row.covers(weekday, moment):
                # Hours past midnight belong to the day they started on.
                started = local.date() - datetime.timedelta(days=0 if row.weekday == weekday else 1)
                if self.closed_on_public_holidays and started in belgian_public_holidays(started.year):
                    continue
                return True
        return False

    def grouped_hours(self):
        """Phone hours for display: consecutive days with the same hours share one line."""
        return grouped_hours_of(self.hours())

    def chat_grouped_hours(self):
        return grouped_hours_of(self.chat_hours())


def grouped_hours_of(rows):
    by_day: dict[int, list[str]] = {}
    for row in rows:
        by_day.setdefault(row.weekday, []).append(row.label)
    groups: list[dict] = []
    for day, label in WEEKDAYS:
        times = ", ".join(by_day.get(day, []))
        if not times:
            continue
        if groups and groups[-1]["times"] == times and groups[-1]["last"] == day - 1:
            groups[-1].update(last=day, last_label=label)
        else:
            groups.append(
                {
                    "first": day,
                    "first_label": label,
                    "last": day,
                    "last_label": label,
                    "times": times,
                }
            )
    return groups


def hour_label(moment: datetime.time, closing: bool = False) -> str:
    if closing and moment == datetime.time(0, 0):
        return "24"
    return f"{moment.hour}.{moment.minute:02d}" if moment.minute else str(moment.hour)
