"""Self-assessment, comparison and lists against the demo content, through the real views."""

import io
import zipfile

import pytest

from django.core import signing
from django.utils import timezone

from analytics import reports
from analytics.models import DailyPlanningEvent
from planning import answers as codec
from planning.models import ListItem, SavedScan, Scan, SharedList
from practices.models import PracticePage
from toolkits.models import ToolkitPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_demo")]
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def _answers(scan, pattern):
    questions = list(scan.questions.all())
    return {f"v{q.pk}": pattern[i % len(pattern)] for i, q in enumerate(questions)}


def rf_request():
    from django.test import RequestFactory

    return RequestFactory().get("/admin/bereik/")


def _events():
    return {(e.event, e.audience): e.count for e in DailyPlanningEvent.objects.all()}


def test_school_scan_asks_one_question_per_cell_of_the_matrix():
    scan = Scan.objects.get(slug="school")
    cells = [q.cell_id for q in scan.questions.all()]
    assert len(cells) == 16 and len(set(cells)) == 16 and None not in cells
    work = Scan.objects.get(slug="werk")
    texts = " ".join(q.text for q in work.questions.all()).lower()
    for duty in ("risicoanalyse", "preventieadviseur psychosociale", "vertrouwenspersoon",
                 "interne procedure", "register van feiten"):
        assert duty in texts
    assert Scan.objects.filter(slug="vereniging").exists()


def test_completed_school_scan_gives_a_plan_with_advice_for_every_gap(visitor):
    scan = Scan.objects.get(slug="school")
    response = visitor.get("/zelfscan/school/")
    assert response.status_code == 200 and not response.cookies
    assert "Is er een afgesproken stappenplan" in response.content.decode()
    response = visitor.get("/zelfscan/school/actieplan/", _answers(scan, ["ja", "nee", "deels", "weet-niet"]))
    assert response.status_code == 302
    plan_url = response["Location"]
    assert "?a=" in plan_url
    response = visitor.get(plan_url)
    html = response.content.decode()
    assert response.status_code == 200 and not response.cookies
    assert "4 van 16 punten zitten goed" in html
    gaps = response.context["gaps"]
    assert len(gaps) == 12
    assert all(gap.count >= 1 for gap in gaps)  # at least one recommendation per gap cell
    for gap in gaps:  # practices strongest evidence first
        for group in gap.groups:
            if group.kind == "praktijk":
                ranks = [p.evidence_rank for p in group.pages]
                assert ranks == sorted(ranks, reverse=True)
    assert _events()[("zelfscan-gestart", "onderwijs")] == 1
    assert _events()[("zelfscan-voltooid", "onderwijs")] == 1


def test_missing_answers_show_the_form_again_with_what_was_given(visitor):
    scan = Scan.objects.get(slug="school")
    given = _answers(scan, ["ja"])
    missing = sorted(given)[0]
    del given[missing]
    response = visitor.get("/zelfscan/school/actieplan/", given)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er ontbreken nog 1 antwoorden" in html
    assert html.count("checked") == 15


@pytest.mark.parametrize("mangle", [lambda t: t[:-5], lambda t: t.replace("n", "j", 1), lambda t: "x" * 5000])
def test_forged_or_truncated_plan_link_gets_a_dutch_message(visitor, mangle):
    scan = Scan.objects.get(slug="school")
    token = codec.encode("school", {q.pk: "nee" for q in scan.questions.all()})
    response = visitor.get("/zelfscan/school/actieplan/", {"a": mangle(token)})
    assert response.status_code == 400
    assert "onvolledig of aangepast" in response.content.decode()
    assert visitor.get("/zelfscan/school/actieplan.pdf", {"a": mangle(token)}).status_code == 400


def test_a_link_signed_for_another_scan_does_not_open():
    token = codec.encode("vereniging", {1: "ja"})
    with pytest.raises(codec.AnswersError):
        codec.decode("school", token)
    assert signing.Signer(salt="planning.scan.school").unsign(codec.encode("school", {1: "ja"})) == "1j"


def test_plan_as_pdf(visitor):
    scan = Scan.objects.get(slug="werk")
    token = codec.encode("werk", {q.pk: "nee" for q in scan.questions.all()})
    response = visitor.get("/zelfscan/werk/actieplan.pdf", {"a": token})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and len(response.content) > 5000
    assert "attachment" in response["Content-Disposition"]


def test_saving_keeps_only_the_answers_under_an_unguessable_expiring_link(visitor):
    scan = Scan.objects.get(slug="vereniging")
    token = codec.encode("vereniging", {q.pk: "deels" for q in scan.questions.all()})
    assert visitor.post("/zelfscan/vereniging/bewaren/", {"a": token}).status_code == 403  # other site
    response = visitor.post("/zelfscan/vereniging/bewaren/", {"a": token}, **SAME_ORIGIN)
    saved = SavedScan.objects.get()
    assert response["Location"] == f"/zelfscan/bewaard/{saved.token}/" and len(saved.token) >= 32
    assert saved.answers == token
    page = visitor.get(response["Location"])
    assert page.status_code == 200 and "Wat nog aandacht vraagt" in page.content.decode()
    saved.expires = timezone.localdate() - timezone.timedelta(days=1)
    saved.save()
    expired = visitor.get(response["Location"])
    assert expired.status_code == 410 and "verlopen" in expired.content.decode()
    assert visitor.get("/zelfscan/bewaard/bestaatniet/").status_code == 404


def test_unknown_scan_and_cell_get_a_message(visitor):
    assert "bestaat niet" in visitor.get("/zelfscan/onbekend/").content.decode()
    assert visitor.get("/zelfscan/school/advies/educatie/maan/").status_code == 404


def test_school_page_puts_scan_and_grid_first_and_empty_cells_link_to_advice(visitor):
    from home.models import AudiencePage

    page = AudiencePage.objects.get(audience__slug="onderwijs")
    html = visitor.get(page.url).content.decode()
    scan_at, grid_at = html.index("Start de zelfscan voor scholen"), html.index('id="brede-schoolaanpak"')
    assert scan_at < grid_at < html.index('id="sectie-toolkit"')
    advice = "/zelfscan/school/advies/structurele-maatregelen/klas/"
    assert advice in html  # a cell without material in the demo content
    response = visitor.get(advice)
    assert response.status_code == 200
    assert response.context["gap"].count >= 1


@pytest.mark.parametrize(
    ("audience", "link", "href"),
    [
        ("jeugdwerk-sport-cultuur", "Start de zelfscan voor verenigingen", "/zelfscan/vereniging/"),
        ("werkgevers-werknemers", "Start de zelfscan voor werkgevers", "/zelfscan/werk/"),
    ],
)
def test_clubs_and_employers_find_their_self_assessment_on_their_page(visitor, audience, link, href):
    from home.models import AudiencePage

    html = visitor.get(AudiencePage.objects.get(audience__slug=audience).url).content.decode()
    assert link in html and f'href="{href}"' in html
    assert html.index(link) < html.index('id="sectie-toolkit"')  # at the top, before the material


def test_list_needs_consent_before_any_cookie_then_shares_and_zips(visitor):
    toolkits = list(ToolkitPage.objects.live().order_by("title")[:2])
    practices = list(PracticePage.objects.live().order_by("title")[:2])
    html = visitor.get(toolkits[0].url).content.decode()
    assert "Bewaar in mijn lijst" in html
    response = visitor.post("/mijn-lijst/toevoegen/", {"pagina": toolkits[0].pk}, **SAME_ORIGIN)
    assert response.status_code == 200 and "Akkoord" in response.content.decode()
    assert not response.cookies and not SharedList.objects.exists()
    response = visitor.post(
        "/mijn-lijst/toevoegen/", {"pagina": toolkits[0].pk, "akkoord": "ja"}, **SAME_ORIGIN
    )
    assert response.status_code == 302 and "kc_lijst" in response.cookies
    for page in (toolkits[1], *practices, toolkits[1]):  # the duplicate is added once
        visitor.post("/mijn-lijst/toevoegen/", {"pagina": page.pk}, **SAME_ORIGIN)
    shared = SharedList.objects.get()
    assert shared.items.count() == 4
    mine = visitor.get("/mijn-lijst/")
    assert mine.status_code == 200 and shared.token in mine.content.decode()
    # A colleague without the cookie opens the link.
    from django.test import Client

    colleague = Client(HTTP_USER_AGENT=visitor.defaults["HTTP_USER_AGENT"])
    page = colleague.get(f"/lijst/{shared.token}/")
    html = page.content.decode()
    assert page.status_code == 200 and all(p.title in html for p in (*toolkits, *practices))
    assert "Verwijder" not in html  # read-only for others
    assert colleague.get(f"/lijst/{shared.token}/?afdrukken=1").status_code == 200
    archive = colleague.get(f"/lijst/{shared.token}/documenten.zip")
    assert archive["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    expected = {d.pk for t in toolkits for d in t.download_documents()}
    assert len(names) == len(expected) >= 1
    events = _events()
    assert sum(n for (e, _), n in events.items() if e == "lijst-item") == 4
    assert sum(n for (e, _), n in events.items() if e == "lijst-gemaakt") == 1
    assert sum(n for (e, _), n in events.items() if e == "lijst-zip") == 1


def test_a_full_list_and_a_flood_of_ids_get_a_message(visitor):
    pages = list(PracticePage.objects.live())
    shared = SharedList.objects.create()
    visitor.cookies["kc_lijst"] = shared.token
    ListItem.objects.bulk_create(
        [ListItem(shared_list=shared, document_id=None, page_id=p.pk, position=i) for i, p in enumerate(pages)]
    )
    from planning import lists

    lists_max = lists.MAX_ITEMS
    lists.MAX_ITEMS = len(pages)
    try:
        toolkit = ToolkitPage.objects.live().first()
        response = visitor.post("/mijn-lijst/toevoegen/", {"pagina": toolkit.pk}, **SAME_ORIGIN)
    finally:
        lists.MAX_ITEMS = lists_max
    assert response.status_code == 400 and "Je lijst is vol" in response.content.decode()
    flood = visitor.post(
        "/mijn-lijst/toevoegen/", {"pagina": [str(i) for i in range(10_000)]}, **SAME_ORIGIN
    )
    assert flood.status_code == 404 and "bestaat niet" in flood.content.decode()
    assert shared.items.count() == len(pages)


def test_expired_and_unknown_list_links(visitor):
    shared = SharedList.objects.create(expires=timezone.localdate() - timezone.timedelta(days=1))
    response = visitor.get(f"/lijst/{shared.token}/")
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    assert visitor.get(f"/lijst/{shared.token}/documenten.zip").status_code == 410
    assert visitor.get("/lijst/onbekend/").status_code == 404
    assert visitor.post("/mijn-lijst/toevoegen/", {"pagina": "abc"}, **SAME_ORIGIN).status_code == 404


def test_reach_dashboard_table_counts_per_audience_only(visitor, django_user_model):
    scan = Scan.objects.get(slug="werk")
    visitor.get("/zelfscan/werk/")
    visitor.get("/zelfscan/werk/actieplan/", _answers(scan, ["nee"]))
    filters = reports.Filters.from_request(rf_request())
    table = reports.table_planning(filters)
    assert table.headers[:3] == ["Doelgroep", "Zelfscans gestart", "Zelfscans voltooid"]
    assert ["Werkgevers en werknemers", 1, 1, 0, 0, 0, 0] in table.rows
    admin = django_user_model.objects.create_superuser("beheer", "beheer@example.org", "wachtwoord-123")
    from django.test import Client

    editor = Client()
    editor.force_login(admin)
    html = editor.get("/admin/bereik/").content.decode()
    assert "Zelfscan, vergelijken en lijsten" in html and "Werkgevers en werknemers" in html


def test_purge_deletes_only_expired_lists_and_saved_plans():
    from django.core.management import call_command

    old = SharedList.objects.create(expires=timezone.localdate() - timezone.timedelta(days=1))
    current = SharedList.objects.create()
    scan = Scan.objects.get(slug="school")
    SavedScan.objects.create(scan=scan, answers="x", expires=timezone.localdate() - timezone.timedelta(days=1))
    call_command("purge_planning", stdout=io.StringIO())
    assert not SharedList.objects.filter(pk=old.pk).exists()
    assert SharedList.objects.filter(pk=current.pk).exists()
    assert not SavedScan.objects.exists()


def test_personal_and_counting_pages_are_never_cached(visitor):
    shared = SharedList.objects.create()
    practices = [p.pk for p in PracticePage.objects.live()[:2]]
    compare = f"/vergelijk/?id={practices[0]}&id={practices[1]}"
    for url in ("/zelfscan/school/", "/mijn-lijst/", f"/lijst/{shared.token}/", compare):
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url


def test_external_resources_join_the_plan_and_the_comparison(visitor):
    from resources.models import ResourcePage

    scan = Scan.objects.get(slug="school")
    token = codec.encode("school", {q.pk: "nee" for q in scan.questions.all()})
    gaps = visitor.get("/zelfscan/school/actieplan/", {"a": token}).context["gaps"]
    assert any(group.heading == "Extern materiaal" for gap in gaps for group in gap.groups)
    resource = ResourcePage.objects.live().first()
    practice = PracticePage.objects.live().first()
    response = visitor.get("/vergelijk/", {"id": [practice.pk, resource.pk]})
    html = response.content.decode()
    assert response.status_code == 200
    assert resource.title in html and resource.owner_name in html


def test_a_plan_recommends_toolkits_then_practices_then_external_resources(visitor):
    scan = Scan.objects.get(slug="school")
    token = codec.encode("school", {q.pk: "nee" for q in scan.questions.all()})
    gaps = visitor.get("/zelfscan/school/actieplan/", {"a": token}).context["gaps"]
    order = ["Toolkits", "Goede praktijken", "Extern materiaal"]
    headings = [[group.heading for group in gap.groups] for gap in gaps]
    assert all(h == sorted(h, key=order.index) for h in headings), headings
    assert order in headings  # some gap has all three


def test_visitors_lists_do_not_empty_the_page_cache_but_edited_questions_do():
    from core import pagecache
    from planning.models import ScanQuestion

    for model in (SharedList, ListItem, SavedScan, DailyPlanningEvent):
        assert not pagecache.watched(model), model
    assert pagecache.watched(Scan) and pagecache.watched(ScanQuestion)
