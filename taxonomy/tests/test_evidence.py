"""The evidence scale (`taxonomy.evidence`): its order is what a practice page shows, what the
`bewijs` filter lists and what action plans rank practices by."""

import re

import pytest

from taxonomy.evidence import EVIDENCE_HELP, LEVELS_REQUIRING_EVIDENCE, EvidenceLevel
from tests import pages

pytestmark = pytest.mark.django_db

SCALE = [
    "Niet geëvalueerd",
    "Theoretisch onderbouwd",
    "Eerste aanwijzingen voor effect",
    "Goede aanwijzingen voor effect",
    "Sterke aanwijzingen voor effect (gecontroleerde studies)",
]


def test_the_scale_runs_from_not_evaluated_to_controlled_studies():
    assert list(EvidenceLevel.labels) == SCALE
    assert [EvidenceLevel.rank(v) for v in EvidenceLevel.values] == [0, 1, 2, 3, 4]
    # Only the levels that claim an effect ask the board for research and a justification.
    assert LEVELS_REQUIRING_EVIDENCE == (EvidenceLevel.FIRST, EvidenceLevel.GOOD, EvidenceLevel.STRONG)


def test_a_practice_page_shows_the_whole_scale_low_to_high_with_its_own_step(client):
    tree = pages.sections()
    practice = pages.practice(tree.practices, "Steungroep in de klas", evidence_level=EvidenceLevel.GOOD)
    html = client.get(practice.url).content.decode()
    scale = html[html.index('class="evidence__scale"'):]
    steps = [s.strip() for s in re.findall(r"<span class=\"evidence__step-label\">([^<]+)", scale)]
    assert steps == SCALE
    assert "Goede aanwijzingen voor effect <strong class=\"evidence__here\">(deze aanpak)</strong>" in scale
    assert EVIDENCE_HELP[EvidenceLevel.GOOD] in html  # what the level means, in plain Dutch
    assert "3/4" in html


def test_the_evidence_filter_lists_the_levels_in_scale_order(client):
    tree = pages.sections()
    for title, level in (("Sterk", EvidenceLevel.STRONG), ("Nul", EvidenceLevel.NOT_EVALUATED),
                         ("Goed", EvidenceLevel.GOOD)):
        pages.practice(tree.practices, f"Praktijk {title}", evidence_level=level)
    facet = client.get("/api/zoeken/", {"type": "praktijk"}).json()["facets"]["bewijs"]
    assert facet["label"] == "Bewijskracht"
    assert [v["label"] for v in facet["values"]] == SCALE
    assert [v["count"] for v in facet["values"]] == [1, 0, 0, 1, 1]
