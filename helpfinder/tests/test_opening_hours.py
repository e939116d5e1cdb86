"""HelpService.is_open() in Belgian time, around opening hours and the DST switches."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from helpfinder.models import HelpService, OpeningHours

BRUSSELS = ZoneInfo("Europe/Brussels")
UTC = datetime.UTC


def service_with(*rows, always_open=False):
    service = HelpService(name="Test", slug="test", description="x", always_open=always_open)
    service.hours = lambda: [
        OpeningHours(weekday=day, opens=datetime.time.fromisoformat(o), closes=datetime.time.fromisoformat(c))
        for day, o, c in rows
    ]
    return service


WEEKDAYS_9_TO_17 = [(day, "09:00", "17:00") for day in range(5)]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Tuesday 14 January 2025 (winter, UTC+1)
        (datetime.datetime(2025, 1, 14, 7, 59, tzinfo=UTC), False),  # 08:59 Brussels
        (datetime.datetime(2025, 1, 14, 8, 0, tzinfo=UTC), True),  # 09:00 Brussels
        (datetime.datetime(2025, 1, 14, 15, 59, tzinfo=UTC), True),  # 16:59
        (datetime.datetime(2025, 1, 14, 16, 0, tzinfo=UTC), False),  # 17:00: closed
        # Tuesday 15 July 2025 (summer, UTC+2)
        (datetime.datetime(2025, 7, 15, 7, 0, tzinfo=UTC), True),  # 09:00 Brussels
        (datetime.datetime(2025, 7, 15, 6, 59, tzinfo=UTC), False),  # 08:59 Brussels
        (datetime.datetime(2025, 7, 15, 15, 0, tzinfo=UTC), False),  # 17:00 Brussels
        # Saturday and Sunday
        (datetime.datetime(2025, 1, 18, 10, 0, tzinfo=BRUSSELS), False),
        (datetime.datetime(2025, 1, 19, 10, 0, tzinfo=BRUSSELS), False),
        # Friday 23:30 UTC is already Saturday in Brussels
        (datetime.datetime(2025, 1, 17, 23, 30, tzinfo=UTC), False),
    ],
)
def test_weekday_hours(moment, expected):
    assert service_with(*WEEKDAYS_9_TO_17).is_open(moment) is expected


def test_dst_switch_days():
    # Monday after the spring switch (30 March 2025) and the autumn switch (26 October 2025).
    service = service_with(*WEEKDAYS_9_TO_17)
    assert service.is_open(datetime.datetime(2025, 3, 31, 7, 0, tzinfo=UTC)) is True  # 09:00 CEST
    assert service.is_open(datetime.datetime(2025, 3, 31, 6, 30, tzinfo=UTC)) is False  # 08:30 CEST
    assert service.is_open(datetime.datetime(2025, 10, 27, 8, 0, tzinfo=UTC)) is True  # 09:00 CET
    assert service.is_open(datetime.datetime(2025, 10, 27, 7, 30, tzinfo=UTC)) is False  # 08:30 CET


def test_dst_night_itself():
    # Open every day 16-22 and, for the test, Sunday 01:00-04:00: the clocks jump at 02:00 (spring)
    # and 03:00 (autumn) local time, and the local hour is what counts.
    service = service_with((6, "01:00", "04:00"))
    spring = datetime.datetime(2025, 3, 30, 1, 30, tzinfo=UTC)  # 03:30 CEST (clock jumped)
    autumn = datetime.datetime(2025, 10, 26, 2, 30, tzinfo=UTC)  # 03:30 CET (second time)
    assert service.is_open(spring) is True
    assert service.is_open(autumn) is True
    assert service.is_open(datetime.datetime(2025, 10, 26, 3, 0, tzinfo=UTC)) is False  # 04:00 CET


def test_hours_past_midnight():
    service = service_with((4, "20:00", "02:00"))  # Friday evening into Saturday
    assert service.is_open(datetime.datetime(2025, 1, 17, 21, 0, tzinfo=BRUSSELS)) is True
    assert service.is_open(datetime.datetime(2025, 1, 18, 1, 59, tzinfo=BRUSSELS)) is True
    assert service.is_open(datetime.datetime(2025, 1, 18, 2, 0, tzinfo=BRUSSELS)) is False
    assert service.is_open(datetime.datetime(2025, 1, 17, 19, 59, tzinfo=BRUSSELS)) is False


def test_until_midnight():
    service = service_with((0, "18:00", "00:00"))
    assert service.is_open(datetime.datetime(2025, 1, 13, 23, 59, tzinfo=BRUSSELS)) is True
    assert service.is_open(datetime.datetime(2025, 1, 14, 0, 0, tzinfo=BRUSSELS)) is False


def test_always_open_and_unknown():
    assert service_with(always_open=True).is_open() is True
    assert service_with().is_open() is None


def test_naive_datetime_counts_as_utc():
    service = service_with(*WEEKDAYS_9_TO_17)
    assert service.is_open(datetime.datetime(2025, 1, 14, 8, 0)) is True


def test_grouped_hours_labels():
    service = service_with(*WEEKDAYS_9_TO_17, (5, "10:00", "12:30"))
    groups = service.grouped_hours()
    assert [(g["first_label"], g["last_label"], g["times"]) for g in groups] == [
        ("maandag", "vrijdag", "9–17 uur"),
        ("zaterdag", "zaterdag", "10–12.30 uur"),
    ]


@pytest.mark.django_db
def test_seeded_services():
    services = {s.slug: s for s in HelpService.objects.all()}
    assert {"112", "politie", "1712", "awel", "child-focus"} <= set(services)
    line = services["1712"]
    assert line.phone == "1712"
    assert line.is_open(datetime.datetime(2025, 1, 14, 10, 0, tzinfo=BRUSSELS)) is True
    assert line.is_open(datetime.datetime(2025, 1, 14, 18, 0, tzinfo=BRUSSELS)) is False
    assert services["child-focus"].is_open() is True
    assert services["awel"].phone == "102"
    # Only what was checked with the organisation itself carries a date (migration 0006).
    assert {s.slug for s in services.values() if s.last_checked} == {"zelfmoordlijn-1813"}


def test_belgian_public_holidays():
    from helpfinder.models import belgian_public_holidays, easter_sunday

    assert easter_sunday(2025) == datetime.date(2025, 4, 20)
    assert easter_sunday(2026) == datetime.date(2026, 4, 5)
    assert easter_sunday(2027) == datetime.date(2027, 3, 28)
    days = belgian_public_holidays(2026)
    assert len(days) == 10
    assert {
        datetime.date(2026, 4, 6),  # Easter Monday
        datetime.date(2026, 5, 14),  # Ascension
        datetime.date(2026, 5, 25),  # Whit Monday
        datetime.date(2026, 7, 21),
        datetime.date(2026, 11, 11),
    } <= days


def test_closed_on_public_holidays():
    service = service_with(*WEEKDAYS_9_TO_17)
    easter_monday = datetime.datetime(2026, 4, 6, 10, 0, tzinfo=BRUSSELS)
    national_day = datetime.datetime(2025, 7, 21, 10, 0, tzinfo=BRUSSELS)  # a Monday
    assert service.is_open(easter_monday) is False
    assert service.is_open(national_day) is False
    assert service.is_open(datetime.datetime(2026, 4, 7, 10, 0, tzinfo=BRUSSELS)) is True
    service.closed_on_public_holidays = False
    assert service.is_open(easter_monday) is True


def test_night_hours_belong_to_the_day_they_start():
    # Open 20:00-02:00 on Thursday; Friday 1 May is a holiday, Thursday 30 April is not.
    service = service_with((3, "20:00", "02:00"))
    assert service.is_open(datetime.datetime(2026, 5, 1, 1, 0, tzinfo=BRUSSELS)) is True
