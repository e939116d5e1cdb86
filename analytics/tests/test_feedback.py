"""'Was deze pagina nuttig?': no personal data; spam and bad input get Dutch messages."""

import time

import pytest

from django.core import signing

from analytics.feedback import SIGNING_NAMESPACE
from analytics.models import Feedback

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def old_token(seconds=10):
    return signing.dumps(int(time.time()) - seconds, salt=SIGNING_NAMESPACE)


def form(page, **fields):
    data = {"pagina": page.pk, "t": old_token(), "nuttig": "ja", "opmerking": "", "website": ""}
    data.update(fields)
    return data


def post(client, data, **headers):
    return client.post("/feedback/", data, **{**ORIGIN, **headers})


def test_the_form_is_on_content_pages_without_cookies(site, visitor):
    response = visitor.get(site["about"].url)
    html = response.content.decode()
    assert "Was deze pagina nuttig?" in html
    assert 'action="/feedback/"' in html and 'name="website"' in html
    assert not response.cookies


def test_feedback_without_javascript_redirects_back_with_thanks(site, visitor):
    about = site["about"]
    response = post(
        visitor, form(about, nuttig="nee", opmerking="Ik mis een voorbeeld voor de lagere school.")
    )
    assert response.status_code == 303
    assert response["Location"] == f"{about.url}?feedback=bedankt#feedback"
    assert not response.cookies
    stored = Feedback.objects.get()
    assert (stored.page_id, stored.useful, stored.comment) == (
        about.pk,
        False,
        "Ik mis een voorbeeld voor de lagere school.",
    )
    thanks = visitor.get(response["Location"])
    assert "Bedankt voor je feedback" in thanks.content.decode()


def test_feedback_with_javascript_gets_json(site, visitor):
    response = post(
        visitor,
        form(site["about"]),
        HTTP_ACCEPT="application/json",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "message": "Bedankt voor je feedback! We lezen alle reacties.",
    }
    assert Feedback.objects.get().useful is True


def test_honeypot_is_rejected_with_a_dutch_message(site, visitor):
    response = post(visitor, form(site["about"], website="http://spam.example"))
    assert response.status_code == 400
    assert "automatisch ingevuld" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_overlong_comment_is_rejected_and_kept_for_the_visitor(site, visitor):
    comment = "Te lang. " * 70  # 630 characters
    response = post(visitor, form(site["about"], opmerking=comment))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Je opmerking is te lang: maximaal 500 tekens" in html
    assert comment.strip() in html  # nothing lost: the text is still in the form
    assert Feedback.objects.count() == 0
    json = post(visitor, form(site["about"], opmerking=comment), HTTP_ACCEPT="application/json")
    assert json.status_code == 400 and "te lang" in json.json()["message"] and json.json()["token"]


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
    ],
)
def test_cross_site_posts_are_rejected(site, visitor, headers):
    response = visitor.post("/feedback/", form(site["about"]), **headers)
    assert response.status_code == 403
    assert "gebruik het formulier onderaan de pagina" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_post_without_origin_is_rejected(site, visitor):
    response = visitor.post("/feedback/", form(site["about"]))
    assert response.status_code == 403


def test_too_fast_or_forged_or_expired_forms_are_rejected(site, visitor):
    fresh = signing.dumps(int(time.time()), salt=SIGNING_NAMESPACE)
    assert "erg snel" in post(visitor, form(site["about"], t=fresh)).content.decode()
    assert "verlopen" in post(visitor, form(site["about"], t="123:vals")).content.decode()
    assert (
        "verlopen"
        in post(visitor, form(site["about"], t=old_token(seconds=3 * 86400))).content.decode()
    )
    assert Feedback.objects.count() == 0


def test_missing_answer_and_links_are_rejected(site, visitor):
    assert "Kies ‘Ja’ of ‘Nee’" in post(visitor, form(site["about"], nuttig="")).content.decode()
    html = post(
        visitor, form(site["about"], opmerking="Koop nu https://spam.example")
    ).content.decode()
    assert "Laat links weg" in html
    assert Feedback.objects.count() == 0


def test_rate_limit_per_page(site, visitor, settings):
    settings.ANALYTICS_FEEDBACK_PER_PAGE_PER_MINUTE = 3
    statuses = [post(visitor, form(site["about"])).status_code for _ in range(5)]
    assert statuses == [303, 303, 303, 429, 429]
    blocked = post(visitor, form(site["about"]))
    assert "Probeer het over een minuut opnieuw" in blocked.content.decode()
    assert Feedback.objects.count() == 3


def test_unknown_page_gets_a_dutch_message(db, visitor):
    response = visitor.post(
        "/feedback/", {"pagina": "99999", "t": old_token(), "nuttig": "ja"}, **ORIGIN
    )
    assert response.status_code == 404
    assert "bestaat niet (meer)" in response.content.decode()


def test_get_is_not_allowed(db, visitor):
    assert visitor.get("/feedback/").status_code == 405


def test_contact_details_in_a_comment_are_masked(site, visitor):
    post(
        visitor,
        form(site["about"], opmerking="Mail me op an.peeters@example.be of bel 0475 12 34 56"),
    )
    comment = Feedback.objects.get().comment
    assert "an.peeters" not in comment and "0475" not in comment
    assert "[e-mailadres]" in comment and "[nummer]" in comment
