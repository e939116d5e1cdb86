"""The search page and the audience listings on a phone and by keyboard (issue 9, item 7; issue 15,
item 8): results first with the filters behind "Filters (n)", filter and sort changes that never
move focus or reload by themselves (WCAG 3.2.2), the suggestion list as an ARIA combobox, and
Escape that closes that list before it fires the quick exit."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# A typo that the site corrects (to "sexting"), for the keyboard journey.
TYPO = "seksting"
CORRECTED = "sexting"

FIRST_RESULT_JS = """() => {
    const link = document.querySelector('.results__list .result__title a');
    const box = link.getClientRects()[0];  // the first line of the title
    return {top: box.top, bottom: box.bottom, height: innerHeight,
            checkboxesShown: [...document.querySelectorAll('.facet input')].filter(i => i.checkVisibility()).length};
}"""


def _first_result_on_screen(page, where: str):
    facts = page.evaluate(FIRST_RESULT_JS)
    assert facts["checkboxesShown"] == 0, f"{where}: the filters are open before the results"
    assert 0 <= facts["top"] and facts["bottom"] <= facts["height"], (
        f"{where}: the first result's title is at {facts['top']:.0f}px, not within the {facts['height']}px phone screen"
    )


def _mark(page):
    """A flag on the window: it is gone after any page load."""
    page.evaluate("window.__stillHere = true")


def _not_reloaded(page) -> bool:
    page.wait_for_timeout(500)  # a reload started by a change event would have begun by now
    return page.evaluate("window.__stillHere === true")


def _tab_to(page, selector: str, limit: int = 80):
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab on {page.url}")


def _open_suggestions(page, text: str):
    field = page.locator("#search-q")
    field.click()
    field.press_sequentially(text)
    expect(page.locator("#search-suggestions [role=option]").first).to_be_visible()
    return field


def test_first_result_on_the_first_phone_screen_of_the_search_page(phone_page):
    phone_page.goto("/zoeken/?q=pesten")
    _first_result_on_screen(phone_page, "/zoeken/?q=pesten")
    expect(phone_page.locator("#facets-title")).to_be_in_viewport()
    phone_page.screenshot(path=SCREENSHOTS / "search-results-first-390.png")

    # With filters on, the summary counts them and the results still come first.
    phone_page.goto("/zoeken/?q=pesten&thema=cyberpesten&doelgroep=onderwijs")
    expect(phone_page.locator("#facets-title")).to_have_text(re.compile(r"^Filters \(2 gekozen\)$"))
    _first_result_on_screen(phone_page, "with two filters")


def test_filters_open_in_place_on_a_phone(phone_page):
    phone_page.goto("/zoeken/?q=pesten")
    _mark(phone_page)
    phone_page.locator("#facets-title").click()
    first = phone_page.locator(".facet input").first
    expect(first).to_be_visible()
    assert _not_reloaded(phone_page)
    assert phone_page.locator("#facets-title").bounding_box()["y"] < first.bounding_box()["y"]
    phone_page.screenshot(path=SCREENSHOTS / "search-filters-open-390.png")


def test_sticky_apply_button_never_hides_the_focused_filter(new_context):
    """WCAG 2.4.11: tabbing down the open filters on a phone, the focused box stays above the
    'Toon resultaten' bar that sticks to the bottom of the screen."""
    # Reduced motion: focus scrolls at once, not smoothly, so positions can be read directly.
    phone_page = new_context(viewport=PHONE, is_mobile=True, has_touch=True, reduced_motion="reduce").new_page()
    phone_page.goto("/zoeken/?q=pesten")
    phone_page.locator("#facets-title").click()
    phone_page.locator("#facets-title").focus()
    hidden = []
    for _ in range(25):
        phone_page.keyboard.press("Tab")
        state = phone_page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el.matches('.facet input')) return null;
                return {bottom: el.getBoundingClientRect().bottom,
                        bar: document.querySelector('.facets__actions').getBoundingClientRect().top,
                        id: el.id};
            }"""
        )
        if state and state["bottom"] > state["bar"]:
            hidden.append(state)
    assert not hidden, hidden[:3]


def test_audience_listing_shows_results_first_and_brings_you_back_to_them(new_context):
    """On /onderwijs/ the listing comes after the chosen highlights; the filters no longer stand
    between its query and its results, and a search or filter lands on the listing itself."""
    # Reduced motion: no smooth scrolling to the listing, so its position can be read at once.
    phone_page = new_context(viewport=PHONE, is_mobile=True, has_touch=True, reduced_motion="reduce").new_page()
    phone_page.goto("/onderwijs/")
    listing = phone_page.locator(".search-listing")
    field = listing.locator("#search-q")
    gap = phone_page.evaluate(
        """() => document.querySelector('.search-listing .result').getBoundingClientRect().top
               - document.querySelector('#alle-materiaal').getBoundingClientRect().top"""
    )
    assert gap < PHONE["height"], f"the first result of the listing is {gap:.0f}px below its heading"
    # A link on the first screen jumps to the listing, where the first result is then in sight.
    jump = phone_page.get_by_role("link", name=re.compile("^Zoek en filter in al het materiaal"))
    expect(jump).to_be_in_viewport()
    jump.click()
    _first_result_on_screen(phone_page, "/onderwijs/ after the jump link")

    field.fill("pesten")
    with phone_page.expect_navigation():
        field.press("Enter")
    assert urlsplit(phone_page.url).fragment == "alle-materiaal"
    expect(phone_page.locator("#alle-materiaal")).to_be_in_viewport()
    _first_result_on_screen(phone_page, "/onderwijs/ after a search")
    phone_page.screenshot(path=SCREENSHOTS / "audience-listing-results-first-390.png")


def test_filter_and_sort_changes_keep_focus(page):
    page.goto("/zoeken/?q=pesten")
    _mark(page)
    # Wide screen: the filters are a sidebar, open.
    expect(page.locator(".facet input").first).to_be_visible()
    _tab_to(page, ".facet input[type=checkbox]")
    name = page.evaluate("document.activeElement.id")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    assert _not_reloaded(page), "ticking a filter reloaded the page"
    assert page.evaluate("document.activeElement.id") == name, "focus moved away from the filter"

    page.locator("#search-sort").focus()
    page.keyboard.press("ArrowDown")  # a closed select changes its value with the arrow keys
    assert page.locator("#search-sort").input_value() != "relevantie"
    assert _not_reloaded(page), "choosing a sort reloaded the page"
    assert page.evaluate("document.activeElement.id") == "search-sort"

    # The person applies when ready: both changes arrive together.
    _tab_to(page, ".facets__apply", limit=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    query = parse_qs(urlsplit(page.url).query)
    value = name.split("-", 2)
    assert query.get(value[1]) and query.get("sort") and query["sort"] != ["relevantie"]
    expect(page.locator(".chip").first).to_be_visible()


def test_filters_and_sort_without_javascript(new_context):
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto("/zoeken/?q=pesten")
    _first_result_on_screen(page, "without JavaScript")
    page.locator("#facets-title").click()
    page.locator(".facet input").first.check()
    page.locator("#search-sort").select_option("titel")
    with page.expect_navigation():
        page.get_by_role("button", name="Toon resultaten").click()
    query = parse_qs(urlsplit(page.url).query)
    assert query["sort"] == ["titel"] and len(query) >= 3
    with page.expect_navigation():
        page.get_by_role("button", name="Sorteer").click()
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["titel"]


def test_suggestion_list_is_an_accessible_combobox(new_context):
    for viewport in (PHONE, None):
        page = (new_context(viewport=viewport) if viewport else new_context()).new_page()
        page.goto("/zoeken/")
        field = _open_suggestions(page, "sext")
        assert field.get_attribute("role") == "combobox"
        assert field.get_attribute("aria-expanded") == "true"
        assert field.get_attribute("aria-controls") == "search-suggestions"
        assert page.locator("#search-suggestions a, #search-suggestions button").count() == 0
        field.press("ArrowDown")
        field.press("ArrowDown")
        active = field.get_attribute("aria-activedescendant")
        expect(page.locator(f"#{active}")).to_have_attribute("aria-selected", "true")
        assert page.locator("#search-suggestions [aria-selected=true]").count() == 1
        results = Axe().run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
        width = (viewport or {"width": 1280})["width"]
        page.screenshot(path=SCREENSHOTS / f"search-suggestions-open-{width}.png")
        # Enter opens the chosen suggestion (a page, not a download).
        urls = page.locator("#search-suggestions [role=option]").evaluate_all("os => os.map(o => o.dataset.url)")
        target = next(i for i, url in enumerate(urls) if not url.startswith("/documenten/"))
        field.press("ArrowUp")
        field.press("ArrowUp")  # wraps round to the last option
        for _ in range(target + 1):
            field.press("ArrowDown")
        assert field.get_attribute("aria-activedescendant") == f"suggestion-{target}"
        with page.expect_navigation():
            field.press("Enter")
        assert urlsplit(page.url).path == urls[target]


@pytest.mark.parametrize("path", ["/jongeren/", "/zoeken/"])
def test_escape_closes_the_suggestion_list_before_the_quick_exit(page, live_url, path):
    page.goto(path)
    expect(page.locator("#snel-weg")).to_be_attached()
    _mark(page)
    field = _open_suggestions(page, "sext")
    field.press("Escape")
    expect(page.locator("#search-suggestions")).to_be_hidden()
    assert field.get_attribute("aria-expanded") == "false"
    assert _not_reloaded(page), "Escape on the suggestion list left the page"
    assert urlsplit(page.url).path == path
    assert page.evaluate("document.activeElement.id") == "search-q"
    # The list is closed: the next Escape is the quick exit again.
    field.press("Escape")
    page.wait_for_url(f"{live_url}/neutraal/")


def test_keyboard_journey_typo_correction_filter_result(page):
    """Type a typo, search it as corrected, tick a filter, open a result: keyboard only."""
    page.goto("/zoeken/")
    _tab_to(page, "#search-q")
    page.keyboard.type(TYPO)
    # While typing, the list already offers results for the corrected word, and says so.
    expect(page.locator("#search-suggestions [role=option]").first).to_be_visible()
    expect(page.locator("#search-suggestions")).to_have_attribute("aria-label", f"Suggesties voor ‘{CORRECTED}’")
    # Enter without choosing an option searches; the typo is searched as corrected.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The results are those of the corrected word, with a way back to the word as typed.
    expect(page.locator(".results__list .result").first).to_be_visible()
    expect(page.locator("main .search__notices")).to_contain_text(CORRECTED)
    expect(page.get_by_role("link", name=f"Zoek toch op ‘{TYPO}’")).to_be_visible()
    titles = " ".join(page.locator(".results__list .result__title").all_inner_texts()[:5]).lower()
    assert CORRECTED in titles

    _tab_to(page, "#f-type-toolkit")
    page.keyboard.press("Space")
    _tab_to(page, ".facets__apply", limit=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert parse_qs(urlsplit(page.url).query).get("type") == ["toolkit"]
    badges = page.locator(".results__list .badge--type").all_inner_texts()
    assert badges and set(badges) == {"Toolkit"}

    _tab_to(page, ".results__list .result__title a")
    title = page.evaluate("document.activeElement.textContent").strip()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(title)
