"""Editors manage the help-finder content in the Wagtail admin, menu 'Hulpwijzer'."""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from helpfinder.models import HelpRoute, HelpService, PlatformGuide

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("redactie", "r@example.org", "x")
    client.force_login(user)
    return client


def test_menu_group_and_listings(editor_client):
    page = editor_client.get("/admin/").content.decode()
    assert "Hulpwijzer" in page
    for model in (HelpService, HelpRoute, PlatformGuide):
        name = model._meta.model_name
        response = editor_client.get(f"/admin/snippets/helpfinder/{name}/")
        assert response.status_code == 200, name
        obj = model.objects.first()
        response = editor_client.get(f"/admin/snippets/helpfinder/{name}/edit/{obj.pk}/")
        assert response.status_code == 200, name
        assert "laatst nagekeken" in response.content.decode().lower()


def test_editor_changes_opening_hours(editor_client, client):
    service = HelpService.objects.get(slug="1712")
    url = f"/admin/snippets/helpfinder/helpservice/edit/{service.pk}/"
    rows = list(service.opening_hours.all())
    data = {
        "name": "1712",
        "slug": "1712",
        "description": service.description,
        "audience_hint": "",
        "phone": "1712",
        "phone_display": "",
        "chat_url": "https://www.1712.be/chat",
        "email": "",
        "contact_url": service.contact_url,
        "hours_note": "",
        "last_checked": "2026-01-15",
        "sort_order": "10",
        "opening_hours-TOTAL_FORMS": str(len(rows) + 1),
        "opening_hours-INITIAL_FORMS": str(len(rows)),
        "opening_hours-MIN_NUM_FORMS": "0",
        "opening_hours-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update(
            {
                f"opening_hours-{index}-id": str(row.pk),
                f"opening_hours-{index}-channel": row.channel,
                f"opening_hours-{index}-weekday": str(row.weekday),
                f"opening_hours-{index}-opens": row.opens.strftime("%H:%M"),
                f"opening_hours-{index}-closes": row.closes.strftime("%H:%M"),
                f"opening_hours-{index}-ORDER": str(index + 1),
                f"opening_hours-{index}-DELETE": "",
            }
        )
    new = len(rows)
    data.update(
        {
            f"opening_hours-{new}-id": "",
            f"opening_hours-{new}-channel": "telefoon",
            f"opening_hours-{new}-weekday": "5",
            f"opening_hours-{new}-opens": "10:00",
            f"opening_hours-{new}-closes": "12:00",
            f"opening_hours-{new}-ORDER": str(new + 1),
            f"opening_hours-{new}-DELETE": "",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    service.refresh_from_db()
    assert service.opening_hours.count() == len(rows) + 1
    assert str(service.last_checked) == "2026-01-15"
    page = client.get("/hulp/route/?wie=werknemer&waar=werk&gevaar=nee").content.decode()
    assert "zaterdag: 10–12 uur" in page
    assert "Laatst nagekeken: 15 januari 2026" in page
    assert "/hulp/ga/1712/chat/" in page


def _dashboard_panel(client) -> str:
    html = client.get("/admin/").content.decode()
    start = html.find('id="help-facts-due-section"')
    return html[start : html.find("</table>", start)] if start != -1 else ""


def test_dashboard_lists_help_facts_not_checked_with_the_organisation(editor_client):
    panel = _dashboard_panel(editor_client)
    assert "Hulpgegevens nakijken" in editor_client.get("/admin/").content.decode()
    # Awel's hours were never compared with awel.be: the editor is asked to do it.
    awel = HelpService.objects.get(slug="awel")
    assert awel.last_checked is None
    assert "Awel 102" in panel and "nog nooit" in panel
    assert f"/admin/snippets/helpfinder/helpservice/edit/{awel.pk}/" in panel

    # Checked today: off the list. Checked long ago: back on it, with the date.
    awel.last_checked = datetime.date.today()
    awel.save()
    assert "Awel 102" not in _dashboard_panel(editor_client)
    awel.last_checked = datetime.date.today() - datetime.timedelta(days=400)
    awel.save()
    panel = _dashboard_panel(editor_client)
    assert "Awel 102" in panel and str(awel.last_checked.year) in panel


def test_facts_panel_only_for_who_may_change_the_help_cards(client):
    user = get_user_model().objects.create_user("lezer", "l@example.org", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert "Hulpgegevens nakijken" not in html and "Awel 102" not in html
