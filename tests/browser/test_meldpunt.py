"""Meldpunt 1712 in a real browser: a young person reports on a phone and reads the reply the next
day, a counsellor answers from the inbox, a partner editor cannot see it, the quick exit on every
step, keyboard only, and axe on the pages that only exist after a POST."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser

TEXT = "Ze zetten foto's van mij in een groepschat en lachen me uit. Het gebeurt elke dag."
REPLY = "Goed dat je het ons vertelt. Het is niet jouw schuld."
PASSWORD = "Wachtwoord-voor-test-123"
USER = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user, _ = get_user_model().objects.get_or_create(username="{name}", defaults={{"email": "{name}@example.org"}})
user.set_password("{password}")
user.save()
user.groups.add(Group.objects.get(name="{group}"))
"""
LATEST = "from meldpunt.models import Report; print(Report.objects.latest('created_at').pk)"
axe = Axe()


def _user(manage, name, group):
    manage("shell", "-c", USER.format(name=name, password=PASSWORD, group=group))


def _log_in(browser, live_url, name):
    """A logged-in editor's browser (its session cookie is expected, so not via new_context)."""
    context = browser.new_context(base_url=live_url, viewport=DESKTOP, locale="nl-BE")
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name=re.compile("Aanmelden|Inloggen|Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return context, page


def _fill_report(page, text=TEXT):
    page.get_by_role("group", name="Is iemand nu in gevaar?").get_by_label("Nee").check()
    page.get_by_label("Het overkomt mij").check()
    page.get_by_label("Gemene berichten, reacties of scheldwoorden").check()
    page.get_by_label("Online: sociale media, chat, games").check()
    page.get_by_label("Op welk platform of welke app?").select_option(label="TikTok")
    page.get_by_label("(Bijna) elke dag").check()
    page.get_by_label("Vertel wat er gebeurt").fill(text)
    page.get_by_label("Hoe oud is wie het overkomt?").select_option(label="12 tot 18 jaar")
    page.get_by_label("Ik kom zelf terug met mijn code").check()


def _send_report(page, text=TEXT) -> str:
    if not page.url.endswith("/melden/"):
        page.goto("/melden/")
    _fill_report(page, text)
    page.get_by_role("button", name="Verstuur mijn melding").click()
    expect(page.get_by_role("heading", name="Je melding is verstuurd")).to_be_visible()
    return page.locator("#code").inner_text().strip()


def _check_axe(page, name):
    results = axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"


def test_a_young_person_reports_on_a_phone_and_reads_the_reply_the_next_day(new_context, browser, live_url, manage):
    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto("/melden/")
    # Danger first: 112 is on the first screen, above the first question.
    expect(page.locator("main .hf-emergency")).to_be_in_viewport()
    expect(page.get_by_text("Stuur nooit naaktbeelden van iemand jonger dan 18 door")).to_be_visible()
    code = _send_report(page)
    assert re.fullmatch(r"[a-z]+(-[a-z]+){3}-\d\d", code), code
    expect(page.get_by_text("Schrijf deze code op")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "meldpunt-code-390.png", full_page=True)
    _check_axe(page, "meldpunt: code")

    # A counsellor answers from the inbox, with a referral from the help-finder.
    _user(manage, "consulent", "Meldpunt 1712")
    report = manage("shell", "-v", "0", "-c", LATEST).strip().splitlines()[-1]
    context, admin = _log_in(browser, live_url, "consulent")
    admin.get_by_role("link", name="Meldpunt 1712").first.click()
    expect(admin.get_by_role("link", name=f"Melding {report}")).to_be_visible()
    admin.get_by_role("link", name=f"Melding {report}").click()
    expect(admin.get_by_text(TEXT)).to_be_visible()
    admin.get_by_label("Antwoord aan de melder").fill(REPLY)
    admin.get_by_label("Awel 102").check()
    admin.get_by_role("button", name="Verstuur antwoord").click()
    expect(admin.get_by_text("Je antwoord is verstuurd")).to_be_visible()
    context.close()

    # The next day (the phone's clock a day later), a fresh browser: no account, only the code.
    later = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    later.clock.install(time=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1))
    page = later.new_page()
    page.goto("/melden/terug/")
    page.get_by_label("Je code").fill(code)
    page.get_by_role("button", name="Toon mijn melding").click()
    expect(page.get_by_text(REPLY)).to_be_visible()
    expect(page.get_by_text("Awel 102:")).to_be_visible()
    expect(page.get_by_text("Beantwoord", exact=True)).to_be_visible()
    _check_axe(page, "meldpunt: conversation")
    page.get_by_label("Wat wil je nog vertellen?").fill("Vandaag ging het beter.")
    page.get_by_role("button", name="Voeg toe aan mijn melding").click()
    expect(page.get_by_role("status")).to_contain_text("Je aanvulling is verstuurd")


def test_a_partner_editor_cannot_see_the_inbox(browser, live_url, manage):
    _user(manage, "partner-meldpunt", "Partnerredacteur")
    context, page = _log_in(browser, live_url, "partner-meldpunt")
    expect(page.get_by_role("link", name="Meldpunt 1712")).to_have_count(0)
    page.goto("/admin/meldpunt/")
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", name="Meldpunt 1712")).to_have_count(0)
    page.goto("/admin/meldpunt/toegangslog/")
    page.wait_for_url(re.compile(r"/admin/$"))
    context.close()


def _escape_and_back(page, live_url):
    page.keyboard.press("Escape")
    page.wait_for_url(f"{live_url}/neutraal/")
    page.go_back()
    page.wait_for_load_state()


def test_quick_exit_on_every_step_leaves_nothing_to_go_back_to(new_context, live_url):
    """Sending a form replaces the page (static/js/meldpunt.js), so after "Snel weg" Back skips
    the whole meldpunt: the form, the page with the code and the conversation."""
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto("/over-ons/")
    page.goto("/melden/")
    page.get_by_label("Vertel wat er gebeurt").fill("half getypt")
    _escape_and_back(page, live_url)
    assert page.url == f"{live_url}/over-ons/"
    page.goto("/melden/")
    code = _send_report(page, text="Een melding om snel weg te gaan.")
    _escape_and_back(page, live_url)
    assert page.url == f"{live_url}/over-ons/"
    page.goto("/melden/terug/")
    page.get_by_label("Je code").fill(code)
    page.get_by_role("button", name="Toon mijn melding").click()
    expect(page.get_by_text("Een melding om snel weg te gaan.")).to_be_visible()
    _escape_and_back(page, live_url)
    assert page.url == f"{live_url}/over-ons/"
    assert code not in page.content()


def _tab_to(page, selector, limit=120):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_report_and_errors_are_reachable(new_context):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto("/melden/")
    # Sending an empty form: the error summary comes first and links to the questions.
    _tab_to(page, "button[type=submit].hf-button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Je melding is nog niet verstuurd")
    _check_axe(page, "meldpunt: errors")
    _tab_to(page, "#fout a[href='#veld-danger']")
    page.keyboard.press("Enter")
    # Answer with the keyboard only: radios with Space, lists with the arrow keys.
    _tab_to(page, "input[name=danger]")
    page.keyboard.press("ArrowDown")  # "Nee"
    _tab_to(page, "input[name=who]")
    page.keyboard.press("Space")
    _tab_to(page, "input[name=setting]")
    page.keyboard.press("Space")
    _tab_to(page, "textarea[name=text]")
    page.keyboard.type("Met het toetsenbord gemeld.")
    _tab_to(page, "input[name=answer_by]")
    page.keyboard.press("Space")
    _tab_to(page, "button[type=submit].hf-button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Je melding is verstuurd")).to_be_visible()
    expect(page.locator("#code")).to_have_text(re.compile(r"[a-z]+(-[a-z]+){3}-\d\d"))


def test_without_javascript_the_report_works(new_context):
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    code = _send_report(page, text="Zonder JavaScript gemeld.")
    page.goto("/melden/terug/")
    page.get_by_label("Je code").fill(code)
    page.get_by_role("button", name="Toon mijn melding").click()
    expect(page.get_by_text("Zonder JavaScript gemeld.")).to_be_visible()
