"""The 24/7 lines (Zelfmoordlijn 1813, Tele-Onthaal 106), chat hours, and corrected texts.

Before this, every listed line showed "Nu gesloten" on a Sunday evening. What was checked, and
where (29 November 2026; `last_checked` is only set where every fact on the card was checked
with the organisation's own published information):

- Zelfmoordlijn 1813: phone 1813 day and night, chat and e-mail via zelfmoord1813.be
  (zelfmoord1813.be). Its chat hours changed several times: not entered as hours, the card
  points to the website.
- 1712: chat on Tuesday, Wednesday and Thursday 17-19 h, e-mail any time, 101/112 in an
  emergency (1712.be). The phone hours (working days 9-17 h) were not re-checked.
- Tele-Onthaal 106: day and night, chat via tele-onthaal.be (only in press reports; not on the
  organisation's own pages here, so `last_checked` stays empty).

Existing rows are only filled in where empty, so an editor's later changes are never overwritten.
"""

import datetime

from django.db import migrations

CHECKED = datetime.date(2026, 11, 29)

NEW_SERVICES = [
    {
        "slug": "zelfmoordlijn-1813", "name": "Zelfmoordlijn 1813", "sort_order": 5,
        "description": "Denk je aan zelfdoding, of maak je je zorgen om iemand? Praat erover. Gratis en anoniem, dag en nacht.",
        "phone": "1813", "always_open": True, "closed_on_public_holidays": False,
        "chat_url": "https://www.zelfmoord1813.be/",
        "contact_url": "https://www.zelfmoord1813.be/",
        "hours_note": "Bellen kan dag en nacht. Chatten kan elke avond: de uren staan op zelfmoord1813.be.",
        "last_checked": CHECKED,
    },
    {
        "slug": "tele-onthaal", "name": "Tele-Onthaal 106", "sort_order": 13,
        "description": "Voor iedereen die met iemand wil praten over wat hem of haar bezighoudt. Gratis en anoniem, dag en nacht.",
        "phone": "106", "always_open": True, "closed_on_public_holidays": False,
        "chat_url": "https://www.tele-onthaal.be/",
        "contact_url": "https://www.tele-onthaal.be/",
        "hours_note": "Bellen kan dag en nacht. De chaturen staan op tele-onthaal.be.",
    },
]

# (slug, [(weekday, opens, closes)], note) for chats whose hours were checked.
CHAT_HOURS = [
    ("1712", [(day, "17:00", "19:00") for day in (1, 2, 3)],
     "Telefoon op werkdagen, niet op feestdagen. Chat op dinsdag, woensdag en donderdag. Mailen kan altijd via 1712.be."),
]
CHAT_URLS = {"1712": "https://www.1712.be/", "awel": "https://www.awel.be/"}
AWEL_NOTE = "Niet op feestdagen. Chatten, mailen en het forum: via awel.be, waar ook de chaturen staan."

# The 24/7 lines join the emergency route: someone in danger may also think of suicide.
ROUTE_SERVICES = {"nu-in-gevaar": ["zelfmoordlijn-1813"]}

# The sextortion route told victims to take screenshots without saying of what.
TEXT_FIXES = {
    "sextortion": (
        "Stop het contact, maar verwijder het gesprek niet: neem eerst screenshots.",
        "Stop het contact, maar verwijder het gesprek niet. Maak eerst screenshots van de berichten en het profiel van de afperser, nooit van naaktbeelden.",
    ),
}


def forwards(apps, schema_editor):
    HelpService = apps.get_model("helpfinder", "HelpService")
    OpeningHours = apps.get_model("helpfinder", "OpeningHours")
    HelpRoute = apps.get_model("helpfinder", "HelpRoute")

    for data in NEW_SERVICES:
        HelpService.objects.get_or_create(slug=data["slug"], defaults=data)
    for slug, rows, note in CHAT_HOURS:
        service = HelpService.objects.filter(slug=slug).first()
        if service is None or OpeningHours.objects.filter(service=service, channel="chat").exists():
            continue
        for order, (weekday, opens, closes) in enumerate(rows, start=100):
            OpeningHours.objects.create(
                service=service, channel="chat", weekday=weekday, sort_order=order,
                opens=datetime.time.fromisoformat(opens), closes=datetime.time.fromisoformat(closes),
            )
        if service.hours_note.startswith("Telefoon op werkdagen, niet op feestdagen. Chatten en mailen kan via"):
            service.hours_note = note
            service.save(update_fields=["hours_note"])
    for slug, url in CHAT_URLS.items():
        HelpService.objects.filter(slug=slug, chat_url="").update(chat_url=url)
    HelpService.objects.filter(slug="awel", hours_note="Niet op feestdagen. Chatten, mailen en het forum: via awel.be.").update(
        hours_note=AWEL_NOTE
    )
    through = HelpRoute.services.through
    for route_slug, service_slugs in ROUTE_SERVICES.items():
        route = HelpRoute.objects.filter(slug=route_slug).first()
        if route is None:
            continue
        for service in HelpService.objects.filter(slug__in=service_slugs):
            through.objects.get_or_create(helproute_id=route.pk, helpservice_id=service.pk)
    for route_slug, (old, new) in TEXT_FIXES.items():
        route = HelpRoute.objects.filter(slug=route_slug).first()
        if route is not None and old in route.body:
            route.body = route.body.replace(old, new)
            route.save(update_fields=["body"])


def backwards(apps, schema_editor):
    HelpService = apps.get_model("helpfinder", "HelpService")
    OpeningHours = apps.get_model("helpfinder", "OpeningHours")
    HelpService.objects.filter(slug__in=[data["slug"] for data in NEW_SERVICES]).delete()
    OpeningHours.objects.filter(channel="chat").delete()


class Migration(migrations.Migration):
    dependencies = [("helpfinder", "0005_opening_hours_channel")]

    operations = [migrations.RunPython(forwards, backwards)]
