"""'Snel weg': Escape or one click replaces the page with a neutral site, Back does not return;
without JavaScript it is a plain link. The neutral site is a local page in these tests."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HELP_PAGES = [
    "/hulp/",
    "/hulp/?wie=jongere",
    "/hulp/route/?wie=jongere&waar=online&gevaar=nee",
    "/hulp/melden/tiktok/",
    "/hulp/bewijs-bewaren/",
    "/hulp/hulplijnen/",
    "/hulp/route/sextortion/",
    "/veilig-surfen/",
    "/melden/",
    "/melden/terug/",
]


def _leave_and_go_back(page, live_url, how):
    page.goto("/over-ons/")
    page.goto("/hulp/?wie=jongere")
    how(page)
    page.wait_for_url(f"{live_url}/neutraal/")
    expect(page.get_by_role("heading", name="Het weer vandaag")).to_be_visible()
    page.go_back()
    # The help page was replaced in the history: Back skips it.
    assert page.url == f"{live_url}/over-ons/"


def test_escape_key_leaves_and_back_does_not_return(page, live_url):
    _leave_and_go_back(page, live_url, lambda p: p.keyboard.press("Escape"))


def test_click_leaves_and_back_does_not_return(page, live_url):
    _leave_and_go_back(page, live_url, lambda p: p.get_by_role("link", name=re.compile("^Snel weg")).click())


def test_escape_in_the_search_field_leaves_too(page, live_url):
    page.goto("/hulp/melden/")
    page.get_by_role("searchbox").first.fill("geheim")
    page.keyboard.press("Escape")
    page.wait_for_url(f"{live_url}/neutraal/")


@pytest.mark.parametrize("path", HELP_PAGES)
def test_quick_exit_is_the_second_stop_on_help_pages(page, path):
    page.goto(path)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Naar de inhoud"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "snel-weg"
    expect(page.locator("#snel-weg")).to_be_in_viewport()


def test_quick_exit_stays_visible_when_scrolling(phone_page):
    phone_page.goto("/hulp/route/?wie=werknemer&waar=werk&gevaar=nee")
    phone_page.mouse.wheel(0, 4000)
    phone_page.wait_for_function("window.scrollY > 1000")
    expect(phone_page.locator("#snel-weg")).to_be_in_viewport()


def test_without_javascript_it_is_a_plain_link(new_context, live_url):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/hulp/")
    link = page.locator("#snel-weg")
    assert link.get_attribute("href") == f"{live_url}/neutraal/"
    link.click()
    page.wait_for_url(f"{live_url}/neutraal/")


def test_no_quick_exit_or_escape_handler_on_other_pages(page, live_url):
    page.goto("/over-ons/")
    assert page.locator("[data-quick-exit]").count() == 0
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == f"{live_url}/over-ons/"


def test_quick_exit_on_the_page_for_young_people(page):
    page.goto("/jongeren/")
    expect(page.locator("#snel-weg")).to_be_visible()


def test_safe_browsing_page_explains_private_browsing_and_history(page):
    page.goto("/veilig-surfen/")
    text = page.locator("main").inner_text().lower()
    assert "privé" in text or "incognito" in text
    assert "geschiedenis" in text


def test_content_page_with_quick_exit_is_not_stored(page):
    response = page.goto("/veilig-surfen/")
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"


# Issue 15, victims' safety: no way back after "Snel weg", and the button wherever a victim lands.

LANDING_PAGES = ["/", "/zoeken/", "/zoeken/?q=pesten", "/jongeren/", "/ouders/", "/woordenlijst/"]


def _answer(page, label, button):
    page.locator(".hf-option label strong", has_text=re.compile(f"^{re.escape(label)}$")).click()
    page.get_by_role("button", name=button).click()


def test_the_help_flow_keeps_one_history_entry_and_back_after_the_exit_leaves_it(page, live_url):
    page.goto("/over-ons/")
    page.goto("/hulp/")
    entries = page.evaluate("history.length")
    _answer(page, "Een jongere", "Volgende")
    page.wait_for_url("**/hulp/?*wie=jongere*")
    _answer(page, "Online", "Volgende")
    page.wait_for_url("**waar=online*")
    _answer(page, "Nee", "Toon mijn hulproute")
    page.wait_for_url("**/hulp/route/?*")
    expect(page.get_by_role("heading", name="Jouw hulproute")).to_be_visible()
    assert page.evaluate("history.length") == entries  # every step replaced the last
    page.keyboard.press("Escape")
    page.wait_for_url(f"{live_url}/neutraal/")
    page.go_back()
    assert page.url == f"{live_url}/over-ons/"  # not a step with the answers in its URL


def test_previous_step_and_change_answers_replace_the_entry_too(page):
    page.goto("/over-ons/")
    page.goto("/hulp/route/?wie=ouder&waar=school&gevaar=nee")
    entries = page.evaluate("history.length")
    page.get_by_role("link", name="Vorige stap").click()
    page.wait_for_url("**stap=3*")
    page.get_by_role("link", name="Vorige stap").click()
    page.wait_for_url("**stap=2*")
    assert page.evaluate("history.length") == entries
    page.go_back()
    assert page.url.endswith("/over-ons/")


def test_the_help_flow_still_works_step_by_step_without_javascript(new_context, live_url):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/hulp/")
    _answer(page, "Een werknemer", "Volgende")
    _answer(page, "Op het werk", "Volgende")
    _answer(page, "Ik weet het niet zeker", "Toon mijn hulproute")
    page.wait_for_url("**/hulp/route/?*")
    expect(page.get_by_role("heading", name="Jouw hulproute")).to_be_visible()


@pytest.mark.parametrize("path", LANDING_PAGES)
def test_quick_exit_on_every_page_a_victim_may_land_on(page, live_url, path):
    response = page.goto(path)
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"
    expect(page.locator("#snel-weg")).to_be_visible()
    page.locator("#snel-weg").click()
    page.wait_for_url(f"{live_url}/neutraal/")


def test_escape_used_by_the_page_first_does_not_leave(page, live_url):
    """A suggestion list or dialog that handles Escape (preventDefault) keeps the visitor here."""
    page.goto("/zoeken/")
    page.evaluate(
        """() => document.querySelector('#search-q').addEventListener('keydown', (e) => {
            if (e.key === 'Escape') { e.preventDefault(); }
        })"""
    )
    page.locator("#search-q").focus()
    expect(page.locator("#search-q")).to_be_focused()
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == f"{live_url}/zoeken/"
    page.locator("main").focus()
    page.keyboard.press("Escape")
    page.wait_for_url(f"{live_url}/neutraal/")


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("path", ["/hulp/route/?wie=jongere&waar=online&gevaar=ja", "/jongeren/", "/zoeken/?q=pesten"])
def test_sticky_bar_never_hides_the_focused_element_when_tabbing_backwards(new_context, path, width):
    page = new_context(viewport={"width": width, "height": 667}, is_mobile=True, has_touch=True).new_page()
    page.goto(path)
    page.locator("footer a").last.focus()
    hidden = []
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        state = page.evaluate(
            """async () => {
                const el = document.activeElement;
                const bar = document.querySelector('.quick-exit-bar');
                if (!el || !bar || bar.contains(el) || el === document.body) return null;
                // Where the element ends up, not where a smooth scroll is on its way (site.css
                // scrolls smoothly unless the visitor asks for reduced motion).
                let last = null;
                for (let frame = 0; frame < 120; frame++) {
                    await new Promise((done) => requestAnimationFrame(done));
                    const top = el.getBoundingClientRect().top;
                    if (top === last) break;
                    last = top;
                }
                const r = el.getBoundingClientRect();
                return {top: r.top, bottom: r.bottom, bar: bar.getBoundingClientRect().bottom,
                        what: el.outerHTML.slice(0, 80)};
            }"""
        )
        if state and state["top"] < state["bar"] - 1:
            hidden.append(state)
    assert not hidden, hidden[:3]
