"""What is open now: the 24/7 lines, chat hours per channel, and the corrected help texts."""

import datetime
import itertools
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from django.template.loader import render_to_string

from helpfinder import routing
from helpfinder.models import HelpRoute, HelpService

BRUSSELS = ZoneInfo("Europe/Brussels")
SUNDAY_EVENING = datetime.datetime(2026, 11, 29, 21, 30, tzinfo=BRUSSELS)
TUESDAY_18H = datetime.datetime(2026, 12, 1, 18, 0, tzinfo=BRUSSELS)
MONDAY_18H = datetime.datetime(2026, 11, 30, 18, 0, tzinfo=BRUSSELS)
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
EMERGENCY = {"112", "politie"}

pytestmark = pytest.mark.django_db


def card(service, now) -> str:
    return render_to_string("helpfinder/includes/service.html", {"service": service, "now": now})


def route_services(who, where, danger) -> list[HelpService]:
    """Every service card a route page shows: its helplines and those of its routes."""
    plan = routing.plan_route(who, where, danger)
    slugs = list(plan.helplines)
    for route in HelpRoute.objects.filter(slug__in=[*plan.routes, routing.DANGER_ROUTE]):
        slugs += [service.slug for service in route.services.all()]
    return list(HelpService.objects.filter(slug__in=slugs))


@pytest.mark.parametrize(
    ("who", "where"),
    list(itertools.product([k for k, _, _ in routing.WHO], [k for k, _, _ in routing.WHERE])),
)
def test_on_sunday_evening_every_route_lists_a_line_to_talk_to_that_is_open(who, where):
    services = route_services(who, where, "nee")
    open_now = {s.slug for s in services if s.slug not in EMERGENCY and s.open_channels(SUNDAY_EVENING)}
    assert routing.TELE_ONTHAAL in open_now
    assert routing.ZELFMOORDLIJN in open_now


def test_the_round_the_clock_lines_are_seeded():
    line = HelpService.objects.get(slug="zelfmoordlijn-1813")
    assert (line.phone, line.always_open, line.closed_on_public_holidays) == ("1813", True, False)
    assert line.chat_url.startswith("https://www.zelfmoord1813.be")
    tele = HelpService.objects.get(slug="tele-onthaal")
    assert (tele.phone, tele.always_open) == ("106", True)
    # Christmas night: both still open.
    christmas = datetime.datetime(2026, 12, 25, 3, 0, tzinfo=BRUSSELS)
    assert line.is_open(christmas) and tele.is_open(christmas)
    html = card(line, SUNDAY_EVENING)
    assert "Bellen: dag en nacht" in html
    assert 'href="tel:1813"' in html
    assert "Laatst nagekeken: 29 november 2026" in html


def test_1712_chat_has_its_own_hours():
    line = HelpService.objects.get(slug="1712")
    assert line.chat_is_open(TUESDAY_18H) is True
    assert line.is_open(TUESDAY_18H) is False  # the phone closes at 17 h
    assert line.chat_is_open(MONDAY_18H) is False
    assert line.open_channels(TUESDAY_18H) == ["chat"]
    html = card(line, TUESDAY_18H)
    assert "Bellen: nu gesloten" in html
    assert "Chatten: nu open" in html
    assert "dinsdag tot donderdag: 17–19 uur" in html
    assert "Chatten: nu gesloten" in card(line, MONDAY_18H)


def test_a_chat_without_known_hours_shows_no_status_but_links_to_the_chat():
    awel = HelpService.objects.get(slug="awel")
    html = card(awel, SUNDAY_EVENING)
    assert "Chatten: nu" not in html
    assert "/hulp/ga/awel/chat/" in html


def test_the_emergency_box_names_the_lines_open_day_and_night(client):
    page = client.get("/hulp/").content.decode()
    assert 'href="tel:1813"' in page
    assert 'href="tel:106"' in page


def test_the_sextortion_route_never_asks_for_screenshots_of_images():
    body = HelpRoute.objects.get(slug="sextortion").body
    assert "nooit van naaktbeelden" in body


def _fixture(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_no_text_says_awel_is_always_there():
    for path in FIXTURES.glob("*.json"):
        text = path.read_text(encoding="utf-8").lower()
        assert "altijd bij awel" not in text, path.name


def test_referral_sheet_for_care_providers_lists_1813_child_focus_and_the_confidential_centres():
    sheet = json.dumps(_fixture("documents.json")["verwijsoverzicht-zorg"], ensure_ascii=False)
    assert "Zelfmoordlijn 1813" in sheet
    assert "116 000" in sheet
    assert "Vertrouwenscentrum Kindermishandeling" in sheet


def test_sexting_lesson_never_tells_pupils_to_keep_images():
    lesson = json.dumps(_fixture("documents.json")["lesvoorbereiding-sexting"], ensure_ascii=False)
    toolkit = next(t for t in _fixture("toolkits.json") if t["slug"] == "lespakket-sexting")
    for text in (lesson, json.dumps(toolkit, ensure_ascii=False)):
        assert "bewijs bewaren" not in text
        assert "geen screenshot" in text


@pytest.mark.parametrize("path", ["/hulp/bewijs-bewaren/", "/hulp/melden/tiktok/"])
def test_help_pages_with_helplines_list_a_line_open_day_and_night(client, path):
    page = client.get(path).content.decode()
    assert 'id="dienst-tele-onthaal"' in page
