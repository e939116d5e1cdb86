"""The help-finder in a browser: each kind of visitor to a route, without JavaScript; errors
announced; a keyboard-only journey with visible focus; the privacy headers of help pages."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

VISITORS = [
    # who (label start), where, danger, text on the route page
    ("Een jongere", "Online", "Nee", "Meld het op het platform"),
    ("Een ouder of opvoeder", "Op school", "Nee", "Neem contact op met de school"),
    ("Iemand die op school werkt", "Online", "Nee", "Aanpak op school"),
    (
        "Een werknemer",
        "Op het werk",
        "Nee",
        "Praat met de vertrouwenspersoon of de preventieadviseur",
    ),
    ("Een werkgever of leidinggevende", "Op het werk", "Ik weet het niet zeker", "Als werkgever"),
    (
        "Iemand van een club of vereniging",
        "In een club of vereniging",
        "Nee",
        "aanspreekpunt integriteit",
    ),
    ("Iemand die het ziet gebeuren", "Ergens anders", "Ja", "Je ziet het gebeuren: zo help je"),
]

FOCUS_VISIBLE_JS = """() => {
    let node = document.activeElement;
    for (let depth = 0; node && node !== document.body && depth < 3; depth++) {
        const style = getComputedStyle(node);
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        if (outline || style.boxShadow !== 'none') {
            return true;
        }
        node = node.parentElement;
    }
    return false;
}"""


def _choose(page, label_start: str):
    page.locator("label").filter(has_text=re.compile("^" + re.escape(label_start))).click()


@pytest.mark.parametrize(("who", "where", "danger", "expected"), VISITORS, ids=[v[0] for v in VISITORS])
def test_each_visitor_gets_a_route_without_javascript(new_context, live_url, who, where, danger, expected):
    page = new_context(java_script_enabled=False).new_page()
    documents = []
    page.on("response", lambda r: r.request.resource_type == "document" and documents.append(r))
    page.goto("/hulp/")
    expect(page.get_by_text("Stap 1 van 3")).to_be_visible()
    _choose(page, who)
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("Stap 2 van 3")).to_be_visible()
    _choose(page, where)
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("Stap 3 van 3")).to_be_visible()
    _choose(page, danger)
    page.get_by_role("button", name="Toon mijn hulproute").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw hulproute")
    expect(page.locator("main")).to_contain_text(expected)
    assert page.url.startswith(f"{live_url}/hulp/route/?")
    main_text = page.locator("main").inner_text()
    if danger == "Ja":
        assert main_text.index("Bel meteen") < main_text.index("Praat erover")
    assert "1712" in main_text
    for response in documents:
        assert response.headers["cache-control"] == "no-store", response.url
        assert response.headers["referrer-policy"] == "no-referrer", response.url


def test_missing_answer_is_announced(page):
    page.goto("/hulp/")
    page.get_by_role("button", name="Volgende").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Kies wie je bent om verder te gaan.")
    group = page.get_by_role("group", name="Wie ben je?")
    expect(group).to_have_accessible_description(re.compile("Kies wie je bent om verder te gaan"))
    assert page.title().startswith("Fout:")


def test_back_link_keeps_the_answer(page):
    page.goto("/hulp/")
    _choose(page, "Een werknemer")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("link", name="Vorige stap").click()
    expect(page.get_by_label(re.compile("^Een werknemer"))).to_be_checked()


def test_skip_link_moves_focus_to_main(page):
    page.goto("/hulp/")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_VISIBLE_JS), "the skip link shows focus"
    expect(page.locator(":focus")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"


def _tab_until(page, predicate_js: str, limit: int = 60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_VISIBLE_JS), "no visible focus on " + page.evaluate(
            "document.activeElement.outerHTML.slice(0, 120)"
        )
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"never reached focus for {predicate_js}")


def test_keyboard_only_journey_to_a_route(page, live_url):
    page.goto("/hulp/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Enter")
    for name, arrow_presses in (("wie", 3), ("waar", 2), ("gevaar", 1)):
        _tab_until(page, f"document.activeElement.name === '{name}'")
        for _ in range(arrow_presses):
            page.keyboard.press("ArrowDown")
        _tab_until(page, "document.activeElement.type === 'submit'")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.url == f"{live_url}/hulp/route/?wie=werknemer&waar=werk&gevaar=nee"
    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw hulproute")
    # From the route, on to a help link by keyboard only.
    _tab_until(page, "document.activeElement.getAttribute('href') === '#praat-erover'")
    page.keyboard.press("Enter")
    # The fragment navigation is asynchronous: wait for it instead of reading the URL at once.
    expect(page).to_have_url(re.compile(r"#praat-erover$"))


def test_platform_guide_from_the_route(page):
    page.goto("/hulp/route/?wie=jongere&waar=online&gevaar=nee")
    page.get_by_role("link", name="TikTok", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Melden op TikTok")
    expect(page.locator("ol.hf-steps > li")).not_to_have_count(0)
    link = page.get_by_role("link", name=re.compile("helpcentrum van TikTok"))
    assert link.get_attribute("href") == "/hulp/ga/melden-tiktok/"
    assert "noreferrer" in link.get_attribute("rel")


@pytest.mark.parametrize(
    "path",
    [
        "/hulp/",
        "/hulp/route/?wie=ouder&waar=online&gevaar=nee",
        "/hulp/melden/",
        "/hulp/melden/discord/",
        "/hulp/bewijs-bewaren/",
        "/hulp/?wie=onzin",
    ],
)
def test_help_pages_are_not_stored_and_send_no_referrer(page, path):
    response = page.goto(path)
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert page.locator('meta[name="referrer"]').get_attribute("content") == "no-referrer"
