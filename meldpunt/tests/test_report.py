"""The public meldpunt: sending a report, the code, coming back, and bad input."""

import datetime

import pytest

from django.core import mail
from django.db import connection

from helpfinder.models import BRUSSELS
from meldpunt import service
from meldpunt.models import Message, MonthlyCount, Report
from meldpunt.tests.helpers import SAME_ORIGIN, code_of, report_data, send

pytestmark = pytest.mark.django_db

TEXT = "Ze maken een groepschat over mij en lachen met mijn foto."


def test_form_puts_danger_first_explains_uploads_and_sets_no_cookie(client):
    response = client.get("/melden/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store" and response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies
    # 112 comes before the first question of the form.
    assert html.index('href="tel:112"') < html.index('action="/melden/"')
    assert "Stuur nooit naaktbeelden van iemand jonger dan 18 door" in html
    assert "116 000" in html and 'type="file"' not in html and "multipart" not in html
    assert "Snel weg" in html
    # What is kept, and how long, in the settings' numbers.
    assert "90 dagen na het afsluiten" in html and "180 dagen na het laatste bericht" in html


def test_a_report_is_stored_encrypted_and_answers_with_a_code(client, counsellor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, answer_by="e-mail", contact="jonas@voorbeeld.be")
    assert response.status_code == 200
    assert not response.cookies and response["Cache-Control"] == "no-store"
    code = code_of(response)
    assert len(code.split("-")) == 5
    report = Report.objects.get()
    assert report.status == Report.NEW and report.platform == "instagram"
    assert report.contact == "jonas@voorbeeld.be"
    assert report.messages.get().body == TEXT
    # The code itself is nowhere; the raw tables hold no readable text or contact.
    with connection.cursor() as cursor:
        dump = ""
        for table in ("meldpunt_report", "meldpunt_message", "meldpunt_monthlycount", "meldpunt_accesslog"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            dump += repr(cursor.fetchall())
    for secret in (TEXT, "groepschat", "jonas@voorbeeld.be", "voorbeeld", code, code.split("-")[0] + "-"):
        assert secret not in dump
    # The counsellors hear that something arrived, not what.
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == ["consulent@1712.example"]
    assert "groepschat" not in notice.body and "instagram" not in notice.body.lower()
    assert "/admin/meldpunt/" in notice.body


def test_the_code_opens_the_report_and_adds_information(client):
    code = code_of(send(client))
    typed = "  " + code.replace("-", " ").upper() + " "  # as someone copies it from paper
    page = client.post("/melden/terug/", {"actie": "lezen", "code": typed}, **SAME_ORIGIN)
    assert page.status_code == 200 and TEXT in page.content.decode()
    assert not page.cookies and page["Cache-Control"] == "no-store"
    added = client.post(
        "/melden/terug/", {"actie": "aanvullen", "code": code, "text": "Het gebeurde vandaag weer."}, **SAME_ORIGIN
    )
    html = added.content.decode()
    assert "Je aanvulling is verstuurd" in html and "Het gebeurde vandaag weer." in html
    assert Message.objects.filter(kind=Message.REPORTER).count() == 2


def test_a_wrong_code_shows_nothing_and_guessing_is_limited(client, settings):
    settings.MELDPUNT_CODE_FAILURES_PER_MINUTE = 3
    code = code_of(send(client))
    statuses = []
    for guess in ["appel-boom-zon-kat-12"] * 5:
        response = client.post("/melden/terug/", {"actie": "lezen", "code": guess}, **SAME_ORIGIN)
        statuses.append(response.status_code)
        assert TEXT not in response.content.decode()
    assert statuses == [400, 400, 400, 400, 429]
    blocked = client.post("/melden/terug/", {"actie": "lezen", "code": code}, **SAME_ORIGIN)
    assert blocked.status_code == 429
    assert "te veel foute codes" in blocked.content.decode()


def test_one_address_guessing_does_not_lock_out_the_others(client, settings):
    settings.MELDPUNT_CODE_FAILURES_PER_ADDRESS = 3
    code = code_of(send(client))
    guesser = {"REMOTE_ADDR": "203.0.113.7", **SAME_ORIGIN}
    statuses = [
        client.post("/melden/terug/", {"actie": "lezen", "code": "appel-boom-zon-kat-12"}, **guesser).status_code
        for _ in range(5)
    ]
    assert statuses == [400, 400, 400, 400, 429]
    # The guesser stays paused, even with the right code ...
    assert client.post("/melden/terug/", {"actie": "lezen", "code": code}, **guesser).status_code == 429
    # ... and the person who made the report, elsewhere, reads it.
    owner = {"REMOTE_ADDR": "198.51.100.20", **SAME_ORIGIN}
    elsewhere = client.post("/melden/terug/", {"actie": "lezen", "code": code}, **owner)
    assert elsewhere.status_code == 200 and TEXT in elsewhere.content.decode()
    # Nothing about the addresses is kept in the database.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith("meldpunt_"):
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
                assert "203.0.113.7" not in repr(cursor.fetchall())


def test_right_and_wrong_codes_do_the_same_work(client, django_assert_num_queries):
    """No timing signal: a right and a wrong code cost one slow hash and the same queries."""
    code = code_of(send(client))
    calls = []
    original = service.codes.code_hash

    def counting(value):
        calls.append(value)
        return original(value)

    service.codes.code_hash = counting
    try:
        with django_assert_num_queries(1):
            assert service.find(code) is not None
        with django_assert_num_queries(1):
            assert service.find("appel-boom-zon-kat-12") is None
    finally:
        service.codes.code_hash = original
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        ({"text": "x" * 1_000_000}, 400, "Je tekst is te lang: maximaal 5000 tekens"),
        ({"text": ""}, 400, "Vertel in een paar zinnen wat er gebeurt."),
        ({"danger": ""}, 400, "Zeg of iemand nu in gevaar is"),
        ({"who": "hacker"}, 400, "Kies een van de mogelijkheden in de lijst."),
        ({"platform": "<script>"}, 400, "Kies een platform uit de lijst."),
        ({"answer_by": "e-mail", "contact": "geen-adres"}, 400, "Vul een geldig e-mailadres in"),
        ({"answer_by": "telefoon", "contact": "bel me"}, 400, "Vul een telefoonnummer in"),
        ({"website": "http://spam.example"}, 400, "lijkt automatisch ingevuld"),
        ({"t": "vervalst"}, 400, "Het formulier stond te lang open"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_stores_nothing(client, changes, status, message):
    response = send(client, **changes)
    assert response.status_code == status
    assert message in response.content.decode()
    assert Report.objects.count() == 0 and Message.objects.count() == 0 and MonthlyCount.objects.count() == 0


def test_nul_bytes_are_removed_not_a_500(client):
    response = send(client, text="Hallo\x00 daar")
    assert response.status_code == 200
    assert Report.objects.get().messages.get().body == "Hallo daar"


def test_a_smuggled_upload_is_refused_and_nothing_stored(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = report_data(client)
    data["bijlage"] = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff" + b"0" * 1000, content_type="image/jpeg")
    response = client.post("/melden/", data, **SAME_ORIGIN)
    html = response.content.decode()
    assert response.status_code == 400
    assert "geen bestanden, foto&#x27;s of filmpjes meesturen" in html
    assert TEXT in html  # what was typed stays on screen
    assert Report.objects.count() == 0


def test_a_post_from_another_site_is_refused(client):
    response = client.post("/melden/", report_data(client), HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403 and Report.objects.count() == 0


def test_a_form_sent_twice_is_stored_once(client):
    data = report_data(client)
    assert client.post("/melden/", data, **SAME_ORIGIN).status_code == 200
    again = client.post("/melden/", data, **SAME_ORIGIN)
    assert again.status_code == 409 and "al verstuurd" in again.content.decode()
    assert Report.objects.count() == 1


def test_a_form_sent_too_fast_is_refused(client, settings):
    settings.MELDPUNT_MIN_SECONDS = 60
    response = send(client)
    assert response.status_code == 400 and "Dat ging erg snel" in response.content.decode()
    assert Report.objects.count() == 0


def test_a_hundred_reports_a_minute_are_capped(client, settings):
    settings.MELDPUNT_REPORTS_PER_MINUTE = 20
    statuses = [send(client, text=f"Melding nummer {n}").status_code for n in range(100)]
    assert statuses.count(200) == 20 and statuses.count(429) == 80
    assert Report.objects.count() == 20
    assert "erg veel meldingen" in send(client).content.decode()


def test_without_a_key_nothing_is_stored_and_the_person_is_told(client, settings):
    settings.MELDPUNT_KEYS = []
    response = send(client)
    html = response.content.decode()
    assert response.status_code == 503
    assert "kan je melding nu niet veilig bewaren" in html and TEXT in html
    assert Report.objects.count() == 0 and MonthlyCount.objects.count() == 0


def test_danger_now_puts_the_emergency_lines_above_the_code(client):
    html = send(client, danger="ja").content.decode()
    assert html.index('href="tel:112"') < html.index('id="code"')
    assert Report.objects.get().danger_now


def test_reachability_follows_the_help_finder_hours():
    """1712's phone hours come from the help-finder (working days 9-17 h, closed on holidays)."""
    saturday = datetime.datetime(2026, 11, 28, 14, 0, tzinfo=BRUSSELS)
    reach = service.reachability(saturday)
    assert reach.open_now is False
    assert reach.next_opening == datetime.datetime(2026, 11, 30, 9, 0, tzinfo=BRUSSELS)
    assert {"112", "politie"} <= {s.slug for s in reach.round_the_clock}
    monday = datetime.datetime(2026, 11, 30, 10, 0, tzinfo=BRUSSELS)
    assert service.reachability(monday).open_now is True
    # Christmas is a public holiday: the next reading is the day after.
    christmas_eve = datetime.datetime(2026, 12, 24, 18, 0, tzinfo=BRUSSELS)
    assert service.reachability(christmas_eve).next_opening.date() == datetime.date(2026, 12, 28)


def test_no_answer_wanted_shows_no_code(client):
    html = send(client, answer_by="geen").content.decode()
    assert 'id="code"' not in html and "geen antwoord" in html
