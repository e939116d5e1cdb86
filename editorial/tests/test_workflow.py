"""Groups, permissions per group and the board workflow: submit, approve, request changes."""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import rich_text

from editorial.setup import BOARD, PARTNER, PARTNER_PREFIX, REDACTIE, WORKFLOW_NAME
from research.models import ResearchPage
from tests import pages
from tests.pages import page_form

pytestmark = pytest.mark.django_db


def research_form(**fields):
    fields.setdefault("title", "Cyberpesten bij Vlaamse jongeren")
    fields.setdefault("slug", "cyberpesten-bij-vlaamse-jongeren")
    fields.setdefault("authors", "Pabian, S.")
    fields.setdefault("year", 2019)
    fields.setdefault("publication_type", "rapport")
    fields.setdefault("language", "nl")
    fields.setdefault("region", "vlaanderen")
    fields.setdefault("method", "survey")
    fields.setdefault("summary", "Een op vijf jongeren is betrokken bij pesten.")
    fields.setdefault("key_findings", rich_text("<p>Een op vijf jongeren is betrokken.</p>"))
    fields.setdefault("publisher", "Universiteit Antwerpen")
    return page_form(ResearchPage, **fields)


def add_url(parent, model="researchpage", app="research"):
    return reverse("wagtailadmin_pages:add", args=(app, model, parent.pk))


def submit_as(client, user, parent):
    client.force_login(user)
    response = client.post(add_url(parent), research_form(**{"action-submit": "Indienen"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    return ResearchPage.objects.get(slug="cyberpesten-bij-vlaamse-jongeren")


def workflow_action(client, page, action, comment=""):
    task_state = TaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def test_groups_come_from_the_data_migration(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {REDACTIE, BOARD, PARTNER} <= names
    for name in (REDACTIE, BOARD, PARTNER):
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()


def test_workflow_is_assigned_to_the_research_and_practice_sections(tree):
    assert tree.research.get_workflow().name == WORKFLOW_NAME
    assert tree.practices.get_workflow().name == WORKFLOW_NAME
    study = pages.research(tree.research)
    assert study.get_workflow().name == WORKFLOW_NAME
    assert tree.toolkits.get_workflow().name != WORKFLOW_NAME  # Wagtail's default workflow


def test_setup_command_is_idempotent(tree):
    from django.core.management import call_command

    call_command("setup_editorial_workflow", "--demo-users")
    call_command("setup_editorial_workflow", "--demo-users")
    assert Group.objects.filter(name=REDACTIE).count() == 1
    assert tree.research.get_workflow().name == WORKFLOW_NAME
    assert Group.objects.get(name=f"{PARTNER_PREFIX}Onderwijs").user_set.filter(username="partner").exists()


def test_redactie_writes_and_submits_but_cannot_publish(client, redacteur, tree):
    perms = tree.research.permissions_for_user(redacteur)
    assert perms.can_add_subpage() and not perms.can_publish_subpage()
    assert tree.toolkits.permissions_for_user(redacteur).can_add_subpage()

    client.force_login(redacteur)
    client.post(add_url(tree.research), research_form(**{"action-publish": "Publiceren"}))
    page = ResearchPage.objects.get()
    assert not page.live  # saved as a draft, never published
    assert not page.permissions_for_user(redacteur).can_publish()

    client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        research_form(**{"action-submit": "Indienen"}),
    )
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == "Beoordeling wetenschappelijke raad"


def test_board_approves_and_the_page_is_published(client, redacteur, raadslid, tree):
    page = submit_as(client, redacteur, tree.research)
    assert not page.live and page.workflow_in_progress

    client.force_login(redacteur)  # the writer cannot approve their own work
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert not page.live

    client.force_login(raadslid)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Cyberpesten bij Vlaamse jongeren" in dashboard  # awaiting their review
    response = workflow_action(client, page, "approve")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_APPROVED
    client.logout()
    assert client.get(page.get_url()).status_code == 200


def test_board_sends_back_with_a_comment(client, redacteur, raadslid, tree):
    page = submit_as(client, redacteur, tree.research)
    client.force_login(raadslid)
    workflow_action(client, page, "reject", comment="Vul de methode en de steekproef aan.")
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state = TaskState.objects.get(workflow_state=state)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Vul de methode en de steekproef aan."

    client.force_login(redacteur)  # the writer sees it and resubmits
    client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        research_form(sample_size=1200, **{"action-submit": "Opnieuw indienen"}),
    )
    page.refresh_from_db()
    assert page.workflow_in_progress


def test_board_permissions(client, raadslid, tree):
    study = pages.research(tree.research)
    practice = pages.practice(tree.practices, research_pages=[study])
    kit = pages.toolkit(tree.toolkits)
    for page in (study, practice):
        perms = page.permissions_for_user(raadslid)
        assert perms.can_edit() and perms.can_publish()
    assert not kit.permissions_for_user(raadslid).can_edit()
    assert not tree.home.permissions_for_user(raadslid).can_edit()
    client.force_login(raadslid)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(study.pk,))).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=(kit.pk,))).status_code == 302


def test_partner_edits_only_their_own_audience_page(client, partner, tree):
    own, other = tree.onderwijs, tree.ouders
    study = pages.research(tree.research)
    assert own.permissions_for_user(partner).can_edit()
    assert not own.permissions_for_user(partner).can_publish()
    for page in (other, study, tree.home, tree.toolkits):
        assert not page.permissions_for_user(partner).can_edit(), page.title
    client.force_login(partner)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(own.pk,))).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=(other.pk,))).status_code == 302


def test_partner_group_is_created_with_a_new_audience_page(tree):
    pages.audience_page(tree.home, "jongeren")
    group = Group.objects.get(name=f"{PARTNER_PREFIX}Jongeren")
    page = Page.objects.get(slug="jongeren")
    assert group.page_permissions.filter(page=page, permission__codename="change_page").exists()


# -- an imported, empty summary cannot be approved or published (issue 15) -------------------

EMPTY_IMPORT = b"@techreport{k, author={Pabian, Sara}, title={Pesten in cijfers}, year=2019}"
MISSING = "een korte samenvatting, de belangrijkste bevindingen, de regio, de methode"


def imported_and_submitted(redacteur, tree):
    from editorial.importers import import_references, parse_references
    from editorial.views import submit_for_review

    report = import_references(parse_references("leeg.bib", EMPTY_IMPORT), tree.research)
    page = report.imported[0].page
    assert submit_for_review([page], redacteur) == (1, [])
    page.refresh_from_db()
    return page


def test_board_cannot_approve_an_imported_empty_summary(client, redacteur, raadslid, tree):
    page = imported_and_submitted(redacteur, tree)
    client.force_login(raadslid)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert f"Wijzigingen vragen (ontbreekt: {MISSING}, waar de publicatie te vinden is" in edit
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert not page.live


def test_board_cannot_publish_an_empty_summary_from_the_editor(client, redacteur, raadslid, tree):
    page = imported_and_submitted(redacteur, tree)
    client.force_login(raadslid)
    data = research_form(
        title=page.title,
        slug=page.slug,
        summary="",
        key_findings=rich_text(""),
        region="",
        method="",
        publisher="",
        **{"action-publish": "Publiceren"},
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nog niet klaar om te publiceren. Vul eerst aan: " + MISSING in html
    page.refresh_from_db()
    assert not page.live

    # Complete: now publishing works.
    data = research_form(title=page.title, slug=page.slug, **{"action-publish": "Publiceren"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    page.refresh_from_db()
    assert page.live


def test_bulk_publishing_refuses_an_empty_summary(client, admin_user, redacteur, tree):
    page = imported_and_submitted(redacteur, tree)
    client.force_login(admin_user)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client.post(f"{url}?id={page.pk}&next=/admin/", {}, follow=True)
    page.refresh_from_db()
    assert not page.live
    assert "ontbreekt: " + MISSING in response.content.decode()
