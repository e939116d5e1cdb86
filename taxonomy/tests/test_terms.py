"""The taxonomy terms (`taxonomy.models`, seeded by `taxonomy.seed`): the brief's values, once,
in the editors' order, named as visitors read them."""

import pytest

from django.apps import apps

from taxonomy import seed
from taxonomy.models import Audience, SchoolLevel, SchoolStrategy, Topic, WholeSchoolCell

pytestmark = pytest.mark.django_db


def _seed():
    seed.seed(lambda name: apps.get_model("taxonomy", name))


def _everything():
    return {
        name: sorted(apps.get_model("taxonomy", name).objects.values_list("slug", "name", "sort_order"))
        for name in seed.TAXONOMY
    } | {"cells": sorted(WholeSchoolCell.objects.values_list("strategy__slug", "level__slug"))}


def test_the_migration_seeds_the_brief_values_and_seeding_again_adds_nothing():
    before = _everything()
    for name, values in seed.TAXONOMY.items():
        assert [slug for slug, _, _ in before[name]] == sorted(slug for slug, _ in values), name
    assert len(before["cells"]) == 16  # the 4x4 whole-school matrix
    _seed()
    _seed()
    assert _everything() == before


def test_seeding_again_restores_a_removed_term_and_its_cells():
    SchoolLevel.objects.filter(slug="klas").delete()  # takes its four cells with it
    assert WholeSchoolCell.objects.count() == 12
    _seed()
    assert SchoolLevel.objects.filter(slug="klas", name="Klas").exists()
    assert WholeSchoolCell.objects.count() == 16


def test_terms_come_in_the_editors_order_then_by_name():
    assert [a.slug for a in Audience.objects.all()] == [slug for slug, _ in seed.AUDIENCES]
    Audience.objects.filter(slug="jongeren").update(sort_order=0)  # ties with "Onderwijs"
    assert [a.name for a in Audience.objects.all()[:2]] == ["Jongeren", "Onderwijs"]


def test_terms_and_cells_are_named_as_visitors_read_them():
    assert str(Topic.objects.get(slug="sexting")) == "Sexting en secundaire sexting"
    cells = list(WholeSchoolCell.objects.select_related("strategy", "level"))
    assert str(cells[0]) == "Educatie – Leerling"
    # Row by row of the matrix: each strategy at its four levels, in the editors' order.
    assert [(c.strategy.slug, c.level.slug) for c in cells[:5]] == [
        ("educatie", "leerling"), ("educatie", "klas"), ("educatie", "school"), ("educatie", "omgeving"),
        ("structurele-maatregelen", "leerling"),
    ]
    assert SchoolStrategy.objects.first().cells.count() == 4
