"""The counsellors' inbox: replies, notes, states, referrals, the access log, a missing key."""

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

from meldpunt.admin_views import KEY_ERROR
from meldpunt.models import AccessLog, Message, Report
from meldpunt.tests.helpers import SAME_ORIGIN, code_of, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def code(client):
    return code_of(send(client, answer_by="e-mail", contact="jonas@voorbeeld.be"))


def test_a_counsellor_answers_and_the_person_reads_it_with_the_code(client, counsellor, code):
    report = Report.objects.get()
    inbox = counsellor.get("/admin/meldpunt/")
    assert inbox.status_code == 200 and f"Melding {report.pk}" in inbox.content.decode()
    page = counsellor.get(f"/admin/meldpunt/{report.pk}/").content.decode()
    assert "groepschat" in page and "jonas@voorbeeld.be" in page and "Child Focus" in page
    counsellor.post(
        f"/admin/meldpunt/{report.pk}/",
        {
            "actie": "antwoord",
            "text": "Goed dat je het meldt. Praat ook met iemand op school.",
            "referrals": ["route-clb"],
        },
    )
    counsellor.post(f"/admin/meldpunt/{report.pk}/", {"actie": "notitie", "note": "Intern: opvolgen na een week."})
    report.refresh_from_db()
    assert report.status == Report.ANSWERED and report.answered_at
    html = client.post("/melden/terug/", {"actie": "lezen", "code": code}, **SAME_ORIGIN).content.decode()
    assert "Goed dat je het meldt." in html and "Antwoord van 1712" in html
    assert "CLB" in html  # the referral from the help-finder's route
    assert "Intern: opvolgen" not in html  # internal notes stay internal
    assert "Beantwoord" in html
    # The access log says who did what, never what was written.
    log = list(AccessLog.objects.filter(report_number=report.pk).values_list("action", flat=True))
    assert sorted(log) == sorted([AccessLog.OPENED, AccessLog.REPLIED, AccessLog.NOTED])
    log_page = counsellor.get("/admin/meldpunt/toegangslog/").content.decode()
    assert "consulent" in log_page and "groepschat" not in log_page and "Goed dat je" not in log_page


def test_closing_a_report_stops_additions(client, counsellor, code):
    report = Report.objects.get()
    counsellor.post(f"/admin/meldpunt/{report.pk}/", {"actie": "status", "status": Report.CLOSED})
    report.refresh_from_db()
    assert report.status == Report.CLOSED and report.closed_at
    response = client.post("/melden/terug/", {"actie": "aanvullen", "code": code, "text": "Nog iets"}, **SAME_ORIGIN)
    assert response.status_code == 400 and "afgesloten" in response.content.decode()
    assert Message.objects.filter(kind=Message.REPORTER).count() == 1


def test_an_empty_reply_is_refused_in_dutch(counsellor, code):
    report = Report.objects.get()
    response = counsellor.post(f"/admin/meldpunt/{report.pk}/", {"actie": "antwoord", "text": "  "})
    assert "Schrijf een antwoord of kies een verwijzing." in response.content.decode()
    assert not Message.objects.filter(kind=Message.COUNSELLOR).exists()


def test_only_the_group_opens_the_inbox(code):
    report = Report.objects.get()
    User = get_user_model()
    superuser = Client()
    superuser.force_login(User.objects.create_superuser("beheer", "beheer@example.org", "x"))
    for url in ("/admin/meldpunt/", f"/admin/meldpunt/{report.pk}/", "/admin/meldpunt/toegangslog/"):
        response = superuser.get(url)
        # Wagtail answers a PermissionDenied with a redirect to the admin home and a message.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "Meldpunt 1712" not in superuser.get("/admin/").content.decode()
    assert not AccessLog.objects.exists()


def test_without_the_key_the_admin_says_so_and_nothing_is_lost(counsellor, code, settings):
    report = Report.objects.get()
    sealed = Message.objects.get().body_sealed
    settings.MELDPUNT_KEYS = []
    inbox = counsellor.get("/admin/meldpunt/")
    assert inbox.status_code == 200 and KEY_ERROR in inbox.content.decode()
    assert f"Melding {report.pk}" in inbox.content.decode()  # the list still works
    page = counsellor.get(f"/admin/meldpunt/{report.pk}/")
    assert page.status_code == 503 and "De sleutel om meldingen te lezen ontbreekt" in page.content.decode()
    refused = counsellor.post(f"/admin/meldpunt/{report.pk}/", {"actie": "antwoord", "text": "Hallo"}, follow=True)
    assert "De sleutel om meldingen te lezen ontbreekt" in refused.content.decode()
    assert Message.objects.get().body_sealed == sealed and Message.objects.count() == 1
    # A wrong key is just as clear.
    settings.MELDPUNT_KEYS = ["bm90LXRoZS1yaWdodC1rZXktMDAwMDAwMDAwMDAwMDA="]
    assert counsellor.get(f"/admin/meldpunt/{report.pk}/").status_code == 503
    # With the key back, everything reads again.
    settings.MELDPUNT_KEYS = ["dGVzdC1vbmx5LW1lbGRwdW50LWtleS0wMDAwMDAwMDA="]
    assert "groepschat" in counsellor.get(f"/admin/meldpunt/{report.pk}/").content.decode()


def test_key_rotation_keeps_every_report_readable(code, settings):
    from io import StringIO

    from cryptography.fernet import Fernet

    from django.core.management import call_command

    old = settings.MELDPUNT_KEYS[0]
    new = Fernet.generate_key().decode()
    settings.MELDPUNT_KEYS = [new, old]
    out = StringIO()
    call_command("rotate_meldpunt_key", stdout=out)
    assert "1 contact details, 1 messages" in out.getvalue()
    settings.MELDPUNT_KEYS = [new]  # the old key can go
    report = Report.objects.get()
    assert report.contact == "jonas@voorbeeld.be" and "groepschat" in report.messages.get().body
