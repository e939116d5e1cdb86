"""Planning journeys (issue 13) in Debian's chromium: a principal's self-assessment on a phone,
a care coordinator's comparison, a trainer's shared list; each with the keyboard only, axe clean."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
axe = Axe()
# Answers by question number: a school that does a quarter of the matrix.
PATTERN = ["ja", "nee", "deels", "weet-niet"]
ARROWS = {"ja": 0, "deels": 1, "nee": 2, "weet-niet": 3}  # order of the radio buttons


def _axe_clean(page, name):
    results = axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"


def _tab_to(page, test_js: str, limit: int = 400):
    """Press Tab until the focused element passes `test_js` (a JS expression over `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({test_js}); }}"):
            return
    raise AssertionError(f"Tab never reached an element where {test_js}")


def _children(site, section):
    found = []
    for href, _ in site.links(section, main_only=True):
        bare = href.split("?")[0].split("#")[0]
        if bare.startswith(section) and bare != section and bare not in found:
            found.append(bare)
    return found


def _gap_titles(page):
    return page.locator(".plan-gap h3").all_inner_texts()


def test_principal_self_assessment_on_a_phone_by_clicks(new_context):
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto("/onderwijs/")
    clicks = 0
    page.get_by_role("link", name="Start de zelfscan voor scholen").click()
    clicks += 1
    groups = page.locator("fieldset")
    assert groups.count() == 16
    _axe_clean(page, "zelfscan formulier (telefoon)")
    for number in range(16):
        label = {"ja": "Ja", "deels": "Deels", "nee": "Nee", "weet-niet": "Weet ik niet"}[PATTERN[number % 4]]
        groups.nth(number).get_by_label(label, exact=True).click()
        clicks += 1
    page.get_by_role("button", name="Toon mijn actieplan").click()
    clicks += 1
    assert clicks <= 20  # well under five minutes of clicking
    page.wait_for_url(re.compile(r"/zelfscan/school/actieplan/\?a="))
    assert "4 van 16 punten zitten goed" in page.inner_text("main")
    gaps = page.locator(".plan-gap")
    assert gaps.count() == 12
    for index in range(12):
        assert gaps.nth(index).locator(".plan-recs li").count() >= 1
    _axe_clean(page, "actieplan (telefoon)")

    # Print: the footer carries the link and the date; the PDF download is a real PDF.
    share = page.locator("#deel-link").input_value()
    page.emulate_media(media="print")
    footer = page.locator(".print-footer")
    assert footer.is_visible() and share in footer.inner_text()
    assert page.locator(".plan-actions").is_hidden()
    printed = page.pdf()
    assert printed.startswith(b"%PDF-")
    page.emulate_media(media="screen")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download als pdf").click()
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF-")

    # The shared link in a second browser shows the same plan.
    titles = _gap_titles(page)
    other = new_context().new_page()
    other.goto(share)
    assert _gap_titles(other) == titles
    assert "4 van 16 punten zitten goed" in other.inner_text("main")


def test_principal_self_assessment_with_the_keyboard_only(new_context):
    page = new_context(viewport=PHONE, is_mobile=True).new_page()
    page.goto("/zelfscan/")
    _tab_to(page, "el.getAttribute('href') === '/zelfscan/school/'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zelfscan/school/")
    for number in range(16):
        _tab_to(page, "el.type === 'radio'", limit=10)
        answer = PATTERN[number % 4]
        if ARROWS[answer]:
            for _ in range(ARROWS[answer]):
                page.keyboard.press("ArrowRight")
        else:
            page.keyboard.press("Space")
    checked = page.evaluate("() => [...document.querySelectorAll('input[type=radio]:checked')].map(r => r.value)")
    assert checked == [PATTERN[n % 4] for n in range(16)]
    _tab_to(page, "el.type === 'submit'", limit=5)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/actieplan/\?a="))
    assert page.locator(".plan-gap").count() == 12
    # From the matrix to a gap with the keyboard.
    _tab_to(page, "el.closest('.plan-grid') && el.tagName === 'A'")
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash").startswith("#leemte-")


def test_care_coordinator_compares_three_practices_and_shares(new_context):
    page = new_context().new_page()
    page.goto("/goede-praktijken/")
    boxes = page.locator('input[form="vergelijk-form"]')
    assert boxes.count() >= 3
    chosen = []
    for index in range(3):
        _tab_to(page, f"el.matches('input[form=vergelijk-form]') && !el.checked && el.value === "
                      f"{boxes.nth(index).get_attribute('value')!r}")
        page.keyboard.press("Space")
        chosen.append(boxes.nth(index).get_attribute("value"))
    _tab_to(page, "el.closest('#vergelijk-form') && el.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/vergelijk/\?"))
    headers = page.locator(".compare-table thead th")
    assert headers.count() == 3
    assert page.locator('.compare-table tbody th[scope="row"]').count() >= 10
    _axe_clean(page, "vergelijking")
    titles = headers.all_inner_texts()
    shared = page.locator("#vergelijk-link").input_value()
    assert all(f"id={value}" in shared for value in chosen)
    phone = new_context(viewport=PHONE, is_mobile=True).new_page()
    phone.goto(shared)
    assert phone.locator(".compare-table thead th").all_inner_texts() == titles
    _axe_clean(phone, "vergelijking (telefoon)")
    # Readable on a phone: the table scrolls inside its own region, the page does not.
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_trainer_lists_four_items_shares_and_downloads_the_zip(new_context, site):
    context = new_context()
    page = context.new_page()
    targets = _children(site, "/toolkits/")[:2] + _children(site, "/goede-praktijken/")[:2]
    assert len(set(targets)) == 4
    for number, path in enumerate(targets):
        page.goto(path)
        _tab_to(page, "el.textContent.trim() === 'Bewaar in mijn lijst'")
        page.keyboard.press("Enter")
        if number == 0:
            page.wait_for_url("**/mijn-lijst/toevoegen/")
            assert context.cookies() == []  # nothing stored before the visitor agrees
            _axe_clean(page, "lijst: toestemming")
            _tab_to(page, "el.name === 'akkoord'")
            page.keyboard.press("Space")
            _tab_to(page, "el.type === 'submit'")
            page.keyboard.press("Enter")
        page.wait_for_url("**/mijn-lijst/?toegevoegd=1")
    assert [c["name"] for c in context.cookies()] == ["kc_lijst"]
    assert page.locator(".list-item").count() == 4
    _axe_clean(page, "mijn lijst")
    share = page.locator("#lijst-link").input_value()

    colleague = new_context().new_page()
    colleague.goto(share)
    assert colleague.locator(".list-item").count() == 4
    assert colleague.locator(".list-item__remove").count() == 0
    _tab_to(colleague, "(el.textContent || '').startsWith('Download alle documenten')")
    with colleague.expect_download() as info:
        colleague.keyboard.press("Enter")
    archive = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert len(archive.namelist()) >= 1 and archive.testzip() is None
    colleague.goto(share + "?afdrukken=1")
    assert colleague.locator(".site-header").is_hidden() and colleague.locator(".print-footer").is_visible()
    context.clear_cookies()  # the list's own cookie was agreed to; the fixture checks the rest
