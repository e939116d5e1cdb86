"""Audience journeys (issue 4, item 3), counted in clicks from the page a visitor starts on.

The shortest click path is searched over the server-rendered links (plain HTTP), then the two
download journeys are replayed in the browser by clicking the real links."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import PHONE
from tests.browser.site import AUDIENCE_PAGES

pytestmark = pytest.mark.browser

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOT_A_JOURNEY = (
    "/zoeken/",
    "/hulp/",
    "/admin/",
    "/documenten/",
)  # search and help are not browsing


def _document(name_part: str, content_type: str):
    def goal(path, text, kind):
        return kind == content_type and (name_part in path.lower() or name_part.replace("-", " ") in text.lower())

    return goal


def _click_through(page, trail: list[str]) -> tuple[int, bytes, str]:
    """Click the links of `trail` (starting from trail[0]).

    Returns (clicks, the bytes of the last target, its content type): the last target is a file,
    downloaded (a link with `download`) or opened in the browser."""
    page.goto(trail[0])
    clicks = 0
    for number, target in enumerate(trail[1:], start=1):
        links = page.locator("a[href]")
        link = None
        for index in range(links.count()):
            candidate = links.nth(index)
            parts = urlsplit(candidate.evaluate("a => a.href"))
            if parts.path + (f"?{parts.query}" if parts.query else "") == target and candidate.is_visible():
                link = candidate
                break
        assert link is not None, f"no visible link to {target} on {page.url}"
        last = number == len(trail) - 1
        if last and link.get_attribute("download") is not None:
            with page.expect_download() as info:
                link.click()
            clicks += 1
            download = info.value
            body = Path(download.path()).read_bytes()
            kind = page.context.request.head(download.url).headers["content-type"]
            return clicks, body, kind
        with page.expect_response(lambda r, t=target: urlsplit(r.url).path == urlsplit(t).path) as info:
            link.click()
        clicks += 1
        if last:
            response = info.value
            return (
                clicks,
                page.context.request.get(response.url).body(),
                response.headers["content-type"],
            )
        page.wait_for_load_state()
    raise AssertionError("the trail does not end on a file")


def _download_journey(page, site, name_part, content_type, magic):
    skip = [prefix for prefix in NOT_A_JOURNEY if prefix != "/documenten/"]
    trail = site.shortest_path("/", _document(name_part, content_type), max_clicks=3, skip=skip)
    assert trail, f"no path of at most 3 clicks from the home page to '{name_part}'"
    clicks, body, kind = _click_through(page, trail)
    assert clicks <= 3
    assert kind.startswith(content_type)
    assert body.startswith(magic), "the download is a real file of the announced type"
    return trail


def test_employer_downloads_the_workplace_guide_in_three_clicks(page, site):
    trail = _download_journey(page, site, "gids-pesten-op-het-werk", PDF, b"%PDF")
    print("employer:", " > ".join(trail))


def test_secondary_teacher_gets_the_sexting_lesson_in_three_clicks(page, site):
    trail = _download_journey(page, site, "sexting", DOCX, b"PK")
    print("teacher:", " > ".join(trail))


@pytest.mark.parametrize("audience", AUDIENCE_PAGES)
@pytest.mark.parametrize(
    ("kind", "section"),
    [("toolkit", "/toolkits/"), ("practice", "/goede-praktijken/"), ("research", "/onderzoek/")],
)
def test_audience_page_reaches_its_content_in_two_clicks(site, audience, kind, section):
    """Only links inside <main> count: the header menu leading to every section proves nothing."""

    def goal(path, text, content_type):
        bare = path.split("?")[0]
        return content_type == "text/html" and bare.startswith(section) and bare != section

    trail = site.shortest_path(audience, goal, max_clicks=2, main_only=True, skip=NOT_A_JOURNEY)
    assert trail, f"no {kind} within two clicks from the content of {audience}"


def test_toolkit_downloads_are_on_the_first_phone_screen(new_context, site):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    toolkits = [
        link
        for link, _ in site.links("/toolkits/", main_only=True)
        if link.startswith("/toolkits/") and link != "/toolkits/" and "?" not in link
    ]
    assert toolkits
    for path in toolkits[:4]:
        page.goto(path)
        tops = page.evaluate(
            """() => [...document.querySelectorAll('main a[href*="/documenten/"]')]
                .filter(a => a.offsetParent !== null)
                .map(a => a.getBoundingClientRect().top + window.scrollY)"""
        )
        assert tops, f"{path} shows no download"
        assert min(tops) < PHONE["height"], (
            f"{path}: the first download starts at {min(tops):.0f}px, below the first phone screen"
        )
