"""The evidence rule: 'eerste aanwijzingen voor effect' or higher needs linked research and a
justification before publication; drafts may be incomplete."""

import pytest

from django.urls import reverse

from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, rich_text

from editorial.evidence import MISSING_JUSTIFICATION, MISSING_RESEARCH
from editorial.models import BoardApprovalTask
from practices.models import PracticePage, PracticeResearch
from tests import pages
from tests.pages import page_form

pytestmark = pytest.mark.django_db


def practice_form(level="eerste-aanwijzingen", research=(), justification="", **fields):
    fields.setdefault("title", "Peer support op school")
    fields.setdefault("slug", "peer-support-op-school")
    fields.setdefault("description", rich_text("<p>Leerlingen steunen elkaar.</p>"))
    return page_form(
        PracticePage,
        evidence_level=level,
        evidence_justification=rich_text(justification),
        research_links=inline_formset([{"research": r.pk} for r in research]),
        **fields,
    )


def add(client, tree, **kwargs):
    url = reverse("wagtailadmin_pages:add", args=("practices", "practicepage", tree.practices.pk))
    return client.post(url, practice_form(**kwargs))


def test_publishing_without_research_and_justification_is_refused(client, admin_user, tree):
    client.force_login(admin_user)
    response = add(client, tree, **{"action-publish": "Publiceren"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "minstens één gekoppelde onderzoekssamenvatting" in html
    assert "Leg uit waarom deze praktijk deze bewijskracht krijgt" in html
    assert not PracticePage.objects.exists()


def test_justification_alone_is_not_enough(client, admin_user, tree):
    client.force_login(admin_user)
    response = add(
        client,
        tree,
        level="sterke-aanwijzingen",
        justification="<p>Twee RCT's.</p>",
        **{"action-publish": "Publiceren"},
    )
    assert MISSING_RESEARCH.split(".")[0] in response.content.decode()
    assert not PracticePage.objects.exists()


def test_a_draft_may_be_incomplete(client, admin_user, tree):
    client.force_login(admin_user)
    response = add(client, tree)  # "save draft" is the default action
    assert response.status_code == 302
    page = PracticePage.objects.get()
    assert not page.live and page.evidence_level == "eerste-aanwijzingen"


def test_publishing_with_research_and_justification(client, admin_user, tree):
    study = pages.research(tree.research)
    client.force_login(admin_user)
    response = add(
        client,
        tree,
        research=[study],
        justification="<p>Een quasi-experiment toont minder pesten.</p>",
        **{"action-publish": "Publiceren"},
    )
    assert response.status_code == 302
    assert PracticePage.objects.get().live


@pytest.mark.parametrize("level", ["niet-geevalueerd", "theoretisch-onderbouwd"])
def test_lower_levels_need_no_research(client, admin_user, tree, level):
    client.force_login(admin_user)
    add(client, tree, level=level, **{"action-publish": "Publiceren"})
    assert PracticePage.objects.get().live


def test_the_board_cannot_approve_a_practice_that_breaks_the_rule(
    client, raadslid, admin_user, tree
):
    page = PracticePage(
        title="Peer support",
        slug="peer-support",
        description="<p>x</p>",
        evidence_level="goede-aanwijzingen",
    )
    pages.draft(tree.practices, page, user=admin_user)
    workflow = Workflow.objects.get(name="Beoordeling door de wetenschappelijke raad")
    workflow.start(page, admin_user)
    task = BoardApprovalTask.objects.get()

    page.refresh_from_db()
    actions = [name for name, _label, _modal in task.get_actions(page, raadslid)]
    assert actions == ["reject"]
    client.force_login(raadslid)
    task_state = page.current_workflow_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)), {}
    )
    page.refresh_from_db()
    assert not page.live

    # Fixed in a new revision: now the board may approve, and approval publishes it.
    study = pages.research(tree.research)
    page.research_links.add(PracticeResearch(research=study))
    page.evidence_justification = "<p>Twee gecontroleerde studies.</p>"
    page.save_revision(user=admin_user)
    actions = [name for name, _label, _modal in task.get_actions(page, raadslid)]
    assert "approve" in actions
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)), {}
    )
    page.refresh_from_db()
    assert page.live


def test_bulk_publishing_is_refused_for_incomplete_practices(client, admin_user, tree):
    page = PracticePage(
        title="Peer support",
        slug="peer-support",
        description="<p>x</p>",
        evidence_level="eerste-aanwijzingen",
    )
    pages.draft(tree.practices, page, user=admin_user)
    client.force_login(admin_user)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client.post(f"{url}?id={page.pk}&next=/admin/", {}, follow=True)
    page.refresh_from_db()
    assert not page.live
    assert (
        "de bewijskracht van deze goede praktijken is niet onderbouwd" in response.content.decode()
    )


def test_messages_are_dutch():
    assert "onderzoekssamenvatting" in MISSING_RESEARCH
    assert "bewijskracht" in MISSING_JUSTIFICATION
