"""A partner proposes material through the public form; the board accepts it into a draft; the
editors describe it and submit it; the board approves, which publishes it. All in chromium,
through the same screens people use."""

import re
import time

import pytest

pytestmark = pytest.mark.browser
PASSWORD = "kenniscentrum-demo"  # noqa: S105 - the documented demo accounts (make run)


def log_in(context, live_url, username):
    page = context.new_page()
    page.goto(f"{live_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def test_a_proposal_goes_from_the_form_to_a_published_resource(browser, new_context, live_url):
    title = f"Proefvoorstel {int(time.time() * 1000)}"
    visitor = new_context().new_page()  # anonymous: no cookie, no third-party request (checked)
    visitor.goto(f"{live_url}/materiaal-voorstellen/")
    visitor.fill("#id_title", title)
    visitor.fill("#id_url", "https://www.example.org/materiaal")
    visitor.fill("#id_owner_name", "Voorbeeldorganisatie")
    visitor.fill("#id_audience", "Leerkrachten secundair onderwijs")
    visitor.fill("#id_why", "Een lespakket over omstanders dat scholen gratis kunnen gebruiken.")
    visitor.wait_for_timeout(3200)  # a person takes a few seconds; faster is treated as a robot
    visitor.get_by_role("button", name="Voorstel versturen").click()
    assert "Bedankt, je voorstel is goed aangekomen" in visitor.locator("main").inner_text()

    # The board finds it in the queue and accepts it into a draft.
    board_context = browser.new_context(viewport={"width": 1280, "height": 900})
    board = log_in(board_context, live_url, "raad")
    board.goto(f"{live_url}/admin/voorstellen/")
    board.get_by_role("link", name=title).click()
    board.get_by_role("button", name="Aanvaarden als ontwerp").click()
    board.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page_id = re.search(r"/admin/pages/(\d+)/edit/", board.url).group(1)

    # An editor describes it in our own words and submits it to the board.
    editor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor = log_in(editor_context, live_url, "redacteur")
    editor.goto(f"{live_url}/admin/pages/{page_id}/edit/")
    editor.fill("#id_summary", "Lespakket van een voorbeeldorganisatie over de rol van omstanders.")
    editor.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']").first.click()
    editor.locator("button[name='action-submit']").click()
    editor.wait_for_load_state()
    assert f"{live_url}/extern-materiaal/" not in editor.url
    assert_not_public(new_context, live_url, title)

    # The board approves in the editor: the resource is published.
    board.goto(f"{live_url}/admin/pages/{page_id}/edit/")
    board.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']").first.click()
    board.locator("button[data-workflow-action-name='approve']").first.click()
    board.wait_for_load_state("networkidle")
    public = new_context().new_page()
    response = public.goto(f"{live_url}/extern-materiaal/{slug(title)}/")
    assert response.status == 200
    text = public.locator("main").inner_text()
    assert title in text and "Materiaal van Voorbeeldorganisatie" in text
    link = public.locator("a.resource-links__link")
    assert link.get_attribute("href") == "https://www.example.org/materiaal"
    assert "noopener" in link.get_attribute("rel")
    assert "Niet beoordeeld" in text
    board_context.close()
    editor_context.close()


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def assert_not_public(new_context, live_url, title):
    page = new_context().new_page()
    response = page.goto(f"{live_url}/extern-materiaal/{slug(title)}/")
    assert response.status == 404
