"""WCAG 2.1 A and AA with axe-core on every page type and every help-finder step, at phone and
desktop width, plus checks axe cannot make: language, one h1 and no skipped heading levels,
a working skip link target, reflow at 320 px, and no Content-Security-Policy violations.
Screenshots at 390 px and 1280 px go to test-artifacts/screenshots/."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.catalogue import PAGE_NAMES, resolve
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
axe = Axe()

STRUCTURE_JS = """() => {
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
        .filter(h => h.offsetParent !== null || getComputedStyle(h).position === 'fixed');
    const skipped = [];
    let previous = 0;
    for (const h of headings) {
        const level = Number(h.tagName[1]);
        if (previous && level > previous + 1) {
            skipped.push(`h${previous} -> h${level}: ${h.textContent.trim().slice(0, 60)}`);
        }
        previous = level;
    }
    const skip = document.querySelector('a[href^="#"]');
    const target = skip && document.getElementById(skip.getAttribute('href').slice(1));
    return {
        lang: document.documentElement.lang,
        h1: document.querySelectorAll('h1').length,
        main: document.querySelectorAll('main').length,
        skipped,
        skipTargetIsMain: !!target && target.tagName === 'MAIN',
        title: document.title,
        statementLink: [...document.querySelectorAll('footer a')]
            .some(a => /toegankelijkheid/i.test(a.textContent)),
        runningAnimations: document.getAnimations().filter(a => a.playState === 'running').length,
        scrollBehavior: getComputedStyle(document.documentElement).scrollBehavior,
    };
}"""


def _check_axe(page, name: str, width: int):
    results = axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{name} at {width}px:\n{results.generate_report()}"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_is_accessible(new_context, site, name):
    path = resolve(site, name)
    csp_errors = []
    for viewport in (PHONE, DESKTOP):
        context = new_context(viewport=viewport, reduced_motion="reduce")
        page = context.new_page()
        page.on(
            "console",
            lambda msg: msg.type == "error" and "Content Security Policy" in msg.text and csp_errors.append(msg.text),
        )
        response = page.goto(path)
        expected = 404 if name == "404" else 200
        assert response.status == expected, f"{path} answered {response.status}"
        _check_axe(page, name, viewport["width"])
        page.screenshot(path=SCREENSHOTS / f"{name.replace('/', '-')}-{viewport['width']}.png", full_page=True)
        if viewport is DESKTOP:
            facts = page.evaluate(STRUCTURE_JS)
            assert facts["lang"] == "nl-BE"
            assert facts["main"] == 1, "exactly one <main> landmark"
            assert facts["h1"] == 1, f"{path} has {facts['h1']} h1 elements"
            assert not facts["skipped"], f"{path} skips heading levels: {facts['skipped']}"
            assert facts["skipTargetIsMain"], "the first in-page link (skip link) must lead to <main>"
            assert facts["title"].strip(), "every page has a title"
            assert facts["statementLink"], "the footer links to the accessibility statement"
            # Reduced motion (the context asks for it): nothing animates, no smooth scrolling.
            assert facts["runningAnimations"] == 0
            assert facts["scrollBehavior"] == "auto"
        if viewport is PHONE:
            # Reflow (WCAG 1.4.10): at 320 px nothing scrolls sideways.
            page.set_viewport_size({"width": 320, "height": 800})
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls {overflow}px sideways at 320px width"
    assert not csp_errors, f"{path} breaks the Content-Security-Policy: {csp_errors}"
