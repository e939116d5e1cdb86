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
    "/veilig-surfen/",
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
