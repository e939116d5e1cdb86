"""The 'Te herzien' report (sortable, CSV export) and the dashboard panel for overdue items."""

import csv
import datetime
import io

import pytest

from django.urls import reverse
from django.utils import timezone

from tests import pages

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def content(tree):
    overdue = pages.research(
        tree.research, "Oude studie", next_review=days(-40), last_reviewed=days(-1135)
    )
    due = pages.practice(tree.practices, "Bijna aan de beurt", next_review=days(20))
    later = pages.toolkit(tree.toolkits, "Pas later", next_review=days(400))
    due_kit = pages.toolkit(tree.toolkits, "Toolkit te herzien", next_review=days(-2))
    return {"overdue": overdue, "due": due, "later": later, "due_kit": due_kit}


def test_default_review_dates():
    from core.models import default_next_review
    from research.models import ResearchPage

    page = ResearchPage(title="x", authors="x", year=2020)
    assert page.next_review == default_next_review()
    assert (page.next_review - timezone.localdate()).days in (1095, 1096, 1094)
    assert page.last_reviewed is None


def test_report_lists_due_and_overdue_sorted_by_date(client, admin_user, content):
    client.force_login(admin_user)
    response = client.get(reverse("editorial_review_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Te herzien" in html
    positions = [html.index(t) for t in ("Oude studie", "Toolkit te herzien", "Bijna aan de beurt")]
    assert positions == sorted(positions)
    assert "Pas later" not in html
    assert "Achterstallig (40 dagen)" in html


def test_report_sorts_by_title_and_filters_overdue_only(client, admin_user, content):
    client.force_login(admin_user)
    html = client.get(reverse("editorial_review_report") + "?ordering=-title").content.decode()
    assert html.index("Toolkit te herzien") < html.index("Oude studie")
    html = client.get(reverse("editorial_review_report") + "?window=0").content.decode()
    assert "Oude studie" in html and "Bijna aan de beurt" not in html
    html = client.get(reverse("editorial_review_report") + "?window=365").content.decode()
    assert "Pas later" not in html
    html = client.get(
        reverse("editorial_review_report") + "?window=0&ordering=title"
    ).content.decode()
    assert "Oude studie" in html


def test_csv_export(client, admin_user, content):
    client.force_login(admin_user)
    response = client.get(reverse("editorial_review_report") + "?export=csv")
    assert response.status_code == 200
    assert "te-herzien-" in response["Content-Disposition"]
    body = b"".join(response.streaming_content if response.streaming else [response.content])
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == [
        "Titel",
        "Soort",
        "Volgende herziening",
        "Laatst nagekeken",
        "Stand van zaken",
        "Publicatiestatus",
        "Bewerken",
    ]
    titles = [row[0] for row in rows[1:]]
    assert titles == ["Oude studie", "Toolkit te herzien", "Bijna aan de beurt"]
    first = rows[1]
    assert first[1] == "Onderzoekssamenvatting"
    assert first[2] == days(-40).isoformat()
    assert first[4] == "Achterstallig (40 dagen)"
    assert first[6].endswith(reverse("wagtailadmin_pages:edit", args=(content["overdue"].pk,)))


def test_xlsx_export(client, admin_user, content):
    client.force_login(admin_user)
    response = client.get(reverse("editorial_review_report") + "?export=xlsx")
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


def test_report_in_the_reports_menu_and_for_editors(client, redacteur, content):
    client.force_login(redacteur)
    response = client.get(reverse("editorial_review_report"))
    assert response.status_code == 200
    assert "Oude studie" in response.content.decode()
    assert (
        reverse("editorial_review_report")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_dashboard_marks_overdue_items(client, admin_user, content):
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Te herzien: achterstallig" in html
    assert (
        "<strong>2</strong> pagina&#x27;s zijn aan herziening toe" in html
        or "<strong>2</strong> pagina's zijn" in html
    )
    assert "Oude studie" in html and "Toolkit te herzien" in html
    assert (
        "Bijna aan de beurt"
        not in html.split("Te herzien: achterstallig")[1].split("</section>")[0]
    )


def test_no_panel_when_nothing_is_overdue(client, admin_user, tree):
    client.force_login(admin_user)
    assert (
        "Te herzien: achterstallig" not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
