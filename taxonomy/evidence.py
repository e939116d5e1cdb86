"""The evidence scale of practices (and of any content the scientific board rates), low to high.

Values are the stable slugs of the `bewijs` search facet.
"""

from django.db import models


class EvidenceLevel(models.TextChoices):
    NOT_EVALUATED = "niet-geevalueerd", "Niet geëvalueerd"
    THEORY = "theoretisch-onderbouwd", "Theoretisch onderbouwd"
    FIRST = "eerste-aanwijzingen", "Eerste aanwijzingen voor effect"
    GOOD = "goede-aanwijzingen", "Goede aanwijzingen voor effect"
    STRONG = "sterke-aanwijzingen", "Sterke aanwijzingen voor effect (gecontroleerde studies)"

    @classmethod
    def rank(cls, value: str) -> int:
        return list(cls.values).index(value)


# Levels that claim an effect: they need linked research and a justification (editorial).
LEVELS_REQUIRING_EVIDENCE = tuple(EvidenceLevel.values[EvidenceLevel.rank(EvidenceLevel.FIRST) :])

# Short explanation per evidence level, shown next to the full scale on a practice page.
EVIDENCE_HELP = {
    EvidenceLevel.NOT_EVALUATED: (
        "Nog niet onderzocht. Dat zegt niets over het effect: de aanpak kan goed werken."
    ),
    EvidenceLevel.THEORY: (
        "Steunt op theorie en onderzoek over pesten, maar het effect is nog niet gemeten."
    ),
    EvidenceLevel.FIRST: (
        "Eerste metingen wijzen op een effect, bijvoorbeeld een voor- en nameting."
    ),
    EvidenceLevel.GOOD: "Meerdere studies wijzen op een effect.",
    EvidenceLevel.STRONG: "Gecontroleerde studies tonen een effect aan.",
}
