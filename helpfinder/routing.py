"""Which help a visitor gets: the three questions and the route for every combination.

The questions and the logic live here (they are tested per combination); the texts, contact
details, opening hours and links of the routes are content (`helpfinder.models`), keyed by slug.
"""

from dataclasses import dataclass, field

WHO = [
    (
        "jongere",
        "Een jongere",
        "Je wordt zelf gepest of lastiggevallen, of je twijfelt of het pesten is.",
    ),
    ("ouder", "Een ouder of opvoeder", "Je maakt je zorgen over je kind."),
    ("school", "Iemand die op school werkt", "Leerkracht, directie, leerlingenbegeleider of CLB."),
    ("werknemer", "Een werknemer", "Je wordt gepest op het werk, of je ziet het bij een collega."),
    (
        "werkgever",
        "Een werkgever of leidinggevende",
        "Ook HR, preventieadviseur of vertrouwenspersoon.",
    ),
    ("vereniging", "Iemand van een club of vereniging", "Trainer, begeleider, bestuurslid of lid."),
    ("omstaander", "Iemand die het ziet gebeuren", "Je bent getuige en wil helpen."),
]
WHERE = [
    ("online", "Online", "Sociale media, chat, berichten of games."),
    ("school", "Op school", "Ook op weg naar school of op schooluitstap."),
    ("werk", "Op het werk", "Ook een studentenjob, stage of vrijwilligerswerk."),
    ("vereniging", "In een club of vereniging", "Sportclub, jeugdbeweging, muziekschool, ..."),
    ("elders", "Ergens anders, of ik weet het niet", ""),
]
DANGER = [
    (
        "ja",
        "Ja, iemand is nu in gevaar",
        "Iemand wordt bedreigd, is gewond of wil zichzelf iets aandoen.",
    ),
    ("nee", "Nee", ""),
    ("twijfel", "Ik weet het niet zeker", ""),
]

WHO_LABELS = {key: label for key, label, _ in WHO}
WHERE_LABELS = {key: label for key, label, _ in WHERE}
DANGER_LABELS = {key: label for key, label, _ in DANGER}

# Route slugs (HelpRoute.slug) that the logic below refers to. The data migration creates them;
# a route an editor deletes is silently left out.
DANGER_ROUTE = "nu-in-gevaar"
EVIDENCE_ROUTE = "bewijs-bewaren"
POLICE_ROUTE = "aangifte-politie"
SEXTORTION_ROUTE = "sextortion"
SAFE_BROWSING_ROUTE = "veilig-surfen"

ALL_ROUTE_SLUGS = [
    DANGER_ROUTE,
    "school-vertrouwenspersoon",
    "school-ouders",
    "school-aanpak",
    "clb",
    "werk-vertrouwenspersoon",
    "werk-formeel-verzoek",
    "werk-externe-dienst",
    "werk-inspectie-rechtbank",
    "werkgever-aanpak",
    "club-aanspreekpunt",
    "club-aanpak",
    "ouders-steun",
    "omstaander",
    SEXTORTION_ROUTE,
    EVIDENCE_ROUTE,
    POLICE_ROUTE,
    SAFE_BROWSING_ROUTE,
]

# Place-specific routes: (where, who) with "*" as the fallback for any other visitor.
PLACE_ROUTES: dict[str, dict[str, list[str]]] = {
    "school": {
        "jongere": ["school-vertrouwenspersoon", "clb"],
        "ouder": ["school-ouders", "clb"],
        "school": ["school-aanpak", "clb"],
        "omstaander": ["omstaander", "school-vertrouwenspersoon"],
        "*": ["school-ouders", "clb"],
    },
    "werk": {
        "werknemer": [
            "werk-vertrouwenspersoon",
            "werk-formeel-verzoek",
            "werk-externe-dienst",
            "werk-inspectie-rechtbank",
        ],
        "werkgever": [
            "werkgever-aanpak",
            "werk-externe-dienst",
            "werk-formeel-verzoek",
            "werk-inspectie-rechtbank",
        ],
        "omstaander": ["omstaander", "werk-vertrouwenspersoon", "werk-externe-dienst"],
        "*": [
            "werk-vertrouwenspersoon",
            "werk-formeel-verzoek",
            "werk-externe-dienst",
            "werk-inspectie-rechtbank",
        ],
    },
    "vereniging": {
        "vereniging": ["club-aanpak", "club-aanspreekpunt"],
        "omstaander": ["omstaander", "club-aanspreekpunt"],
        "*": ["club-aanspreekpunt"],
    },
    "online": {
        "jongere": [SEXTORTION_ROUTE],
        "ouder": [SEXTORTION_ROUTE],
        "school": ["school-aanpak", SEXTORTION_ROUTE],
        "werknemer": ["werk-vertrouwenspersoon", "werk-formeel-verzoek"],
        "werkgever": ["werkgever-aanpak"],
        "vereniging": ["club-aanspreekpunt", SEXTORTION_ROUTE],
        "omstaander": ["omstaander", SEXTORTION_ROUTE],
        "*": [SEXTORTION_ROUTE],
    },
    "elders": {"*": []},
}

# Who gets which helplines to talk to, in this order (HelpService.slug).
HELPLINES: dict[str, list[str]] = {
    "jongere": ["awel", "1712"],
    "omstaander": ["awel", "1712"],
    "ouder": ["1712", "awel"],
    "school": ["1712", "awel"],
    "*": ["1712"],
}
EMERGENCY_SERVICES = ["112", "politie"]
CHILD_FOCUS = "child-focus"
# The lines open day and night. The Zelfmoordlijn is part of the danger route, which every
# route page shows; Tele-Onthaal closes every "Praat erover" list, so it never ends on lines
# that are all closed at night or on Sunday.
ZELFMOORDLIJN = "zelfmoordlijn-1813"
TELE_ONTHAAL = "tele-onthaal"

# Visitors for whom the safe-browsing route is added at the end.
SAFE_BROWSING_FOR = {"jongere", "ouder", "omstaander"}


@dataclass
class RoutePlan:
    """What a route page shows, in order. Slugs only; the view fetches the content."""

    danger_first: bool
    helplines: list[str]
    show_platforms: bool
    routes: list[str] = field(default_factory=list)


def plan_route(who: str, where: str, danger: str) -> RoutePlan:
    danger_first = danger in {"ja", "twijfel"}
    helplines = list(HELPLINES.get(who, HELPLINES["*"]))
    if where == "online" and who in {"jongere", "ouder", "school", "omstaander", "vereniging"}:
        helplines.append(CHILD_FOCUS)
    helplines.append(TELE_ONTHAAL)

    routes: list[str] = []
    if who == "ouder":
        routes.append("ouders-steun")
    place = PLACE_ROUTES[where]
    routes += place.get(who, place["*"])
    if who == "omstaander" and "omstaander" not in routes:
        routes.insert(0, "omstaander")
    routes += [EVIDENCE_ROUTE, POLICE_ROUTE]
    if not danger_first:
        # Emergency numbers always appear, at the end when nobody is in danger now.
        routes.append(DANGER_ROUTE)
    if who in SAFE_BROWSING_FOR:
        routes.append(SAFE_BROWSING_ROUTE)

    seen: set[str] = set()
    unique = [slug for slug in routes if not (slug in seen or seen.add(slug))]
    return RoutePlan(
        danger_first=danger_first,
        helplines=helplines,
        show_platforms=where == "online",
        routes=unique,
    )
