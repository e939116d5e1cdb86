"""Nothing leaks: an anonymous visitor browsing every page type (with JavaScript) makes no
request to another host and gets no cookie. (The `new_context` fixture checks both at the end
of every browser test; this test makes sure every page type is visited at least once.)"""

import pytest

from tests.browser.catalogue import PAGE_NAMES, resolve

pytestmark = pytest.mark.browser


def test_anonymous_visitor_gets_no_cookie_and_no_foreign_request(new_context, site):
    context = new_context()
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for name in PAGE_NAMES:
        page.goto(resolve(site, name))
        page.wait_for_load_state("networkidle")
        assert context.cookies() == [], f"cookie after {name}"
    # Also after using the search box and the help-finder forms.
    page.goto("/")
    page.get_by_role("searchbox").first.fill("sexting")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    page.goto("/hulp/?wie=ouder&waar=online&gevaar=nee")
    page.wait_for_load_state("networkidle")
    assert context.cookies() == []
    assert len(requested) > len(PAGE_NAMES), "requests were recorded"
