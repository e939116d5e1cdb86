"""The help-finder through the Django test client: every step, every combination, bad input,
headers, the outgoing-link redirect and its signal."""

import itertools

import pytest

from django.urls import reverse

from helpfinder import routing
from helpfinder.models import HelpRoute, PlatformGuide
from helpfinder.signals import help_route_clicked

pytestmark = pytest.mark.django_db

WHO = [key for key, _, _ in routing.WHO]
WHERE = [key for key, _, _ in routing.WHERE]
DANGER = [key for key, _, _ in routing.DANGER]


def assert_sensitive(response):
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies, "help pages set no cookie"


def html(response) -> str:
    return response.content.decode()


def test_step_one(client):
    response = client.get("/hulp/")
    assert response.status_code == 200
    assert_sensitive(response)
    page = html(response)
    assert "Stap 1 van 3" in page
    assert "<legend><h2>Wie ben je?</h2></legend>" in page
    assert page.count('type="radio" name="wie"') == 7
    assert '<input type="hidden" name="vraag" value="wie">' in page
    assert 'class="quick-exit"' in page
    assert "Vorige stap" not in page
    assert 'role="alert"' not in page


def test_step_two_keeps_the_first_answer(client):
    page = html(client.get("/hulp/?wie=werknemer"))
    assert "Stap 2 van 3" in page
    assert "Waar gebeurt het?" in page
    assert '<input type="hidden" name="wie" value="werknemer">' in page
    assert 'href="/hulp/?wie=werknemer&amp;stap=1"' in page


def test_step_three_submits_to_the_route(client):
    page = html(client.get("/hulp/?wie=werknemer&waar=werk"))
    assert "Stap 3 van 3" in page
    assert 'action="/hulp/route/"' in page
    assert '<input type="hidden" name="waar" value="werk">' in page


def test_all_answers_on_the_start_url_redirect_to_the_route(client):
    response = client.get("/hulp/?wie=jongere&waar=online&gevaar=nee")
    assert response.status_code == 302
    assert response["Location"] == "/hulp/route/?wie=jongere&waar=online&gevaar=nee"
    assert_sensitive(response)


@pytest.mark.parametrize(
    ("query", "step", "message"),
    [
        ("wie=", 1, "Kies wie je bent om verder te gaan."),
        ("wie=alien", 1, "Kies wie je bent om verder te gaan."),
        ("wie=" + "x" * 5000, 1, "Kies wie je bent"),
        ("wie=ouder&waar=", 2, "Kies waar het gebeurt om verder te gaan."),
        ("wie=ouder&waar=maan", 2, "Kies waar het gebeurt"),
        ("wie=ouder&waar=school&gevaar=misschien", 3, "Kies of iemand nu in gevaar is"),
        ("wie=%00%ff&waar=%3Cscript%3E", 1, "Kies wie je bent"),
        # Submitted without choosing: the unchecked radio buttons send nothing but `vraag`.
        ("vraag=wie", 1, "Kies wie je bent om verder te gaan."),
        ("wie=ouder&vraag=waar", 2, "Kies waar het gebeurt om verder te gaan."),
    ],
)
def test_bad_answers_return_to_the_step_with_a_dutch_message(client, query, step, message):
    response = client.get(f"/hulp/?{query}")
    assert response.status_code == 200
    page = html(response)
    assert f"Stap {step} van 3" in page
    assert message in page
    assert 'role="alert"' in page
    assert 'aria-describedby="fout-' in page
    assert "<title>Fout:" in page
    assert "<script>" not in page.split("<main")[1]


@pytest.mark.parametrize(
    ("query", "step"),
    [
        ("", 1),
        ("wie=jongere", 2),
        ("wie=jongere&waar=online", 3),
        ("wie=jongere&waar=nergens&gevaar=nee", 2),
        ("wie=nobody&waar=online&gevaar=nee", 1),
    ],
)
def test_route_url_with_missing_or_bad_answers_asks_the_question(client, query, step):
    response = client.get(f"/hulp/route/?{query}")
    assert response.status_code == 200
    assert_sensitive(response)
    page = html(response)
    assert f"Stap {step} van 3" in page
    assert 'role="alert"' in page


def test_previous_step_keeps_the_answer_checked(client):
    page = html(client.get("/hulp/?wie=school&waar=vereniging&stap=2"))
    assert "Stap 2 van 3" in page
    assert 'value="vereniging" checked' in page
    page = html(client.get("/hulp/?wie=school&stap=1"))
    assert 'value="school" checked' in page
    # A step that has not been reached yet cannot be skipped to.
    assert "Stap 1 van 3" in html(client.get("/hulp/?stap=3"))


def test_post_is_not_allowed(client):
    assert client.post("/hulp/", {"wie": "jongere"}).status_code == 405


@pytest.mark.parametrize(("who", "where", "danger"), list(itertools.product(WHO, WHERE, DANGER)))
def test_every_combination_renders_its_route(client, who, where, danger):
    response = client.get("/hulp/route/", {"wie": who, "waar": where, "gevaar": danger})
    assert response.status_code == 200
    assert_sensitive(response)
    page = html(response)
    plan = routing.plan_route(who, where, danger)
    titles = dict(HelpRoute.objects.values_list("slug", "title"))
    positions = [page.index(f'id="route-{slug}"') for slug in plan.routes]
    assert positions == sorted(positions), "routes appear in the planned order"
    for slug in plan.routes:
        assert titles[slug].replace("'", "&#x27;") in page
    # Emergency numbers are always there; first when someone is (maybe) in danger.
    assert 'href="tel:112"' in page and 'href="tel:101"' in page
    if danger in {"ja", "twijfel"}:
        assert page.index('id="route-nu-in-gevaar"') < page.index('id="praat-erover"')
    else:
        assert page.index('id="route-nu-in-gevaar"') > page.index('id="praat-erover"')
    assert 'id="dienst-1712"' in page
    assert ('id="melden"' in page) == (where == "online")
    assert 'class="quick-exit"' in page


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        (
            "wie=werknemer&waar=werk&gevaar=nee",
            [
                "vertrouwenspersoon",
                "preventieadviseur psychosociale aspecten",
                "externe dienst voor preventie en bescherming",
                "formeel verzoek",
                "Toezicht op het Welzijn op het Werk",
                "arbeidsrechtbank",
            ],
            ['id="dienst-awel"', 'id="melden"'],
        ),
        (
            "wie=jongere&waar=online&gevaar=nee",
            [
                'id="dienst-awel"',
                'href="tel:102"',
                "/hulp/melden/instagram/",
                "/hulp/melden/tiktok/",
                "/hulp/melden/snapchat/",
                "/hulp/melden/whatsapp/",
                "/hulp/melden/youtube/",
                "/hulp/melden/facebook/",
                "/hulp/melden/discord/",
                "/hulp/melden/online-games/",
                "Bewijs veilig bewaren",
                'id="dienst-1712"',
                "sextortion",
                'id="dienst-child-focus"',
                "116 000",
            ],
            [],
        ),
        (
            "wie=jongere&waar=school&gevaar=nee",
            ["Praat met iemand op school", "CLB", 'id="dienst-awel"'],
            ['id="melden"'],
        ),
        (
            "wie=vereniging&waar=vereniging&gevaar=nee",
            ["aanspreekpunt integriteit", "Aanpak in je club"],
            [],
        ),
        (
            "wie=werkgever&waar=werk&gevaar=nee",
            [
                "Als werkgever",
                "preventieadviseur psychosociale aspecten",
                "/hulp/ga/werkgever-aanpak/",
            ],
            ['id="dienst-awel"'],
        ),
        ("wie=ouder&waar=online&gevaar=nee", ["Als ouder", "Child Focus"], []),
        ("wie=omstaander&waar=elders&gevaar=nee", ["zo help je", 'id="dienst-awel"'], []),
        ("wie=school&waar=school&gevaar=nee", ["Aanpak op school", "CLB"], []),
        (
            "wie=jongere&waar=online&gevaar=ja",
            ["Is iemand nu in gevaar? Bel meteen", "Zelfmoordlijn"],
            [],
        ),
    ],
)
def test_routes_are_tailored(client, query, expected, absent):
    page = html(client.get(f"/hulp/route/?{query}"))
    for text in expected:
        assert text in page, text
    for text in absent:
        assert text not in page, text


def test_route_page_shows_open_status_and_hours(client):
    page = html(client.get("/hulp/route/?wie=jongere&waar=school&gevaar=nee"))
    assert ("Bellen: nu open" in page) or ("Bellen: nu gesloten" in page)
    assert "maandag tot vrijdag: 9–17 uur" in page
    assert "Bellen: dag en nacht" in page  # 112, police, the 24/7 lines


def test_platform_pages(client):
    response = client.get("/hulp/melden/")
    assert response.status_code == 200
    assert_sensitive(response)
    for guide in PlatformGuide.objects.all():
        response = client.get(f"/hulp/melden/{guide.slug}/")
        assert response.status_code == 200, guide.slug
        assert_sensitive(response)
        page = html(response)
        assert f"Melden op {guide.name}" in page
        assert '<ol class="hf-steps">' in page
        if guide.help_url:
            assert f'href="/hulp/ga/melden-{guide.slug}/"' in page
    assert client.get("/hulp/melden/myspace/").status_code == 404


def test_platforms_seeded():
    names = set(PlatformGuide.objects.values_list("name", flat=True))
    assert {
        "Instagram",
        "TikTok",
        "Snapchat",
        "WhatsApp",
        "YouTube",
        "Facebook",
        "Discord",
    } <= names
    assert "Online games" in names


def test_evidence_page(client):
    response = client.get("/hulp/bewijs-bewaren/")
    assert response.status_code == 200
    assert_sensitive(response)
    page = html(response)
    assert "Screenshots" in page and "link (URL)" in page and "logboek" in page


def test_go_redirects_and_sends_the_signal(client):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    help_route_clicked.connect(receiver)
    try:
        response = client.get("/hulp/ga/clb/")
        assert response.status_code == 302
        assert response["Location"] == "https://www.clbchat.be/"
        assert_sensitive(response)
        assert client.get("/hulp/ga/1712/website/")["Location"] == "https://www.1712.be/"
        assert client.get("/hulp/ga/melden-tiktok/")["Location"] == "https://support.tiktok.com/nl"
        assert client.get("/hulp/ga/bewijs-bewaren/")["Location"] == "/hulp/bewijs-bewaren/"
    finally:
        help_route_clicked.disconnect(receiver)
    assert [(r["route"], r["kind"], r["channel"]) for r in received] == [
        ("clb", "route", ""),
        ("1712", "service", "website"),
        ("melden-tiktok", "platform", ""),
        ("bewijs-bewaren", "route", ""),
    ]
    assert received[0]["target"] == "https://www.clbchat.be/"
    assert received[0]["request"].path == "/hulp/ga/clb/"


@pytest.mark.parametrize(
    "path",
    [
        "/hulp/ga/bestaat-niet/",
        "/hulp/ga/1712/fax/",
        "/hulp/ga/child-focus/chat/",  # no chat URL seeded
        "/hulp/ga/melden-online-games/",  # no help centre
        "/hulp/ga/school-vertrouwenspersoon/",  # route without link
        "/hulp/ga/onbekend/website/",
    ],
)
def test_go_without_target_is_404(client, path):
    received = []
    help_route_clicked.connect(received.append)
    try:
        assert client.get(path).status_code == 404
    finally:
        help_route_clicked.disconnect(received.append)
    assert received == []


def test_all_route_links_go_through_the_redirect(client):
    page = html(client.get("/hulp/route/?wie=werknemer&waar=online&gevaar=ja"))
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'href="https://' not in main, "outgoing links pass /hulp/ga/ (countable, no referrer)"
    assert "/hulp/ga/" in main


def test_routing_covers_every_route_slug():
    used = set()
    for who, where, danger in itertools.product(WHO, WHERE, DANGER):
        used.update(routing.plan_route(who, where, danger).routes)
    assert used == set(routing.ALL_ROUTE_SLUGS)
    assert set(routing.ALL_ROUTE_SLUGS) == set(HelpRoute.objects.values_list("slug", flat=True))


def test_reverse_names():
    assert reverse("helpfinder:start") == "/hulp/"
    assert reverse("helpfinder:go", args=["clb"]) == "/hulp/ga/clb/"
