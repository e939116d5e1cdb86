"""The benchmark's synthetic corpus: N published items with Dutch text and taxonomy values
(deterministic for a seed), and the queries and filters the benchmark measures on it."""

from __future__ import annotations

import datetime
import random

WORDS = """
pesten gepest pesterijen pester pestkop cyberpesten sexting naaktfoto uitsluiting roddel
bedreiging nepaccount haatpagina online school klas leerling leerkracht directie ouders
jongeren kinderen kleuters werkvloer werkgever werknemer vertrouwenspersoon preventieadviseur
vereniging trainer jeugdwerker sportclub zorg huisarts psycholoog welzijn gezondheid geweld
omstanders slachtoffer dader herstel steungroep melding hulplijn gesprek afspraken regels
preventie sensibilisering aanpak beleid onderzoek bevraging cijfers resultaten effect
evaluatie interventie programma lespakket werkvorm oefening gids checklist affiche sjabloon
beleidsplan schoolteam leerlingbegeleiding veiligheid vertrouwen respect empathie grenzen
sociale media smartphone berichten foto's groepschat game platform privacy wetgeving
""".split()
FILLER = "de het een en van in op met voor dat die over bij als ook door naar om te".split()
TOPICS = [
    "pesten",
    "cyberpesten",
    "sexting",
    "online-haat",
    "uitsluiting-roddel",
    "bedreiging",
    "nepaccounts",
    "pesten-op-het-werk",
]
AUDIENCES = [
    "onderwijs",
    "jeugdwerk-sport-cultuur",
    "werkgevers-werknemers",
    "zorg-welzijn",
    "ouders",
    "jongeren",
    "onderzoek-beleid",
]
APPROACHES = [
    "preventie",
    "sensibilisering",
    "melden",
    "coping",
    "omstanders",
    "daderaanpak",
    "herstelgericht",
    "no-blame",
    "disciplinerend",
    "nazorg",
]
AGES = ["kleuter", "lager", "secundair", "jongvolwassen", "volwassen"]
SETTINGS = ["school", "vereniging", "werkvloer", "thuis", "online", "zorg"]
TYPES = ["toolkit", "document", "praktijk", "onderzoek", "begrip", "nieuws", "vorming"]
EVIDENCE = [
    "niet-geevalueerd",
    "theoretisch-onderbouwd",
    "eerste-aanwijzingen",
    "goede-aanwijzingen",
    "sterke-aanwijzingen",
]
STRATEGIES = ["educatie", "structurele-maatregelen", "afspraken", "zorg-en-begeleiding"]
LEVELS = ["leerling", "klas", "school", "omgeving"]

QUERIES = {
    "selective": "spijbelen",  # about 2% of the items (see RARE)
    "worst": "pesten",  # (with synonyms) nearly every item
}
# The generator's vocabulary is small, so any of its words occurs in a third or more of the
# items; the selective query uses a word added to about 2% of the items instead.
RARE = (0.02, "Ook spijbelen kwam ter sprake.")
FILTERS = {"doelgroep": ("onderwijs", "ouders"), "leeftijd": ("secundair",)}


def sentence(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        out.append(
            rng.choice(FILLER)
            if rng.random() < 0.35
            else WORDS[
                min(int(rng.paretovariate(1.1)) - 1, len(WORDS) - 1)
                if rng.random() < 0.5
                else rng.randrange(len(WORDS))
            ]
        )
    return " ".join(out).capitalize() + "."


def synthetic(n: int, seed: int = 42):
    """N IndexDocuments with Dutch text and taxonomy values (deterministic)."""
    # lazy: the benchmark sets up Django (per database) before the models can be imported
    from search.backends.base import IndexDocument

    rng = random.Random(seed)
    rare = random.Random(seed + 1)  # a separate stream: the other texts stay as they were
    for i in range(n):
        kind = rng.choice(TYPES)
        date = datetime.date(2010, 1, 1) + datetime.timedelta(days=rng.randrange(16 * 365))
        title = sentence(rng, rng.randint(3, 8)).rstrip(".")
        body = " ".join(sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(5, 12)))
        body += " Over pesten."  # the worst case: every item mentions pesten
        if rare.random() < RARE[0]:
            body += " " + RARE[1]
        facets = {
            "type": [kind],
            "doelgroep": rng.sample(AUDIENCES, rng.randint(1, 3)),
            "thema": rng.sample(TOPICS, rng.randint(1, 3)),
            "aanpak": rng.sample(APPROACHES, rng.randint(0, 3)),
            "leeftijd": rng.sample(AGES, rng.randint(1, 2)),
            "omgeving": rng.sample(SETTINGS, rng.randint(1, 2)),
            "jaar": [str(date.year)],
            "taal": ["nl" if rng.random() < 0.9 else "en"],
        }
        if kind == "praktijk":
            facets["bewijs"] = [rng.choice(EVIDENCE)]
        if "onderwijs" in facets["doelgroep"] and rng.random() < 0.5:
            cells = {(rng.choice(STRATEGIES), rng.choice(LEVELS)) for _ in range(rng.randint(1, 3))}
            facets["strategie"] = sorted({s for s, _ in cells})
            facets["niveau"] = sorted({lvl for _, lvl in cells})
            facets["cel"] = sorted(f"{s}.{lvl}" for s, lvl in cells)
        yield IndexDocument(
            key=f"bench:{i}",
            type=kind,
            title=f"{title} {i}",
            url=f"/bench/{i}/",
            summary=sentence(rng, rng.randint(12, 25)),
            body=body,
            date=date,
            language=facets["taal"][0],
            facets={k: v for k, v in facets.items() if v},
        )
