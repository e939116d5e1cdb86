"""Every public page type and every help-finder step, as (name, how to find its path)."""

from tests.browser.site import AUDIENCE_PAGES, CONTENT_PAGES, SECTIONS, Site

HELP_PAGES = {
    "meldpunt-formulier": "/melden/",
    "meldpunt-terugkomen": "/melden/terug/",
    "hulp-stap-1-wie": "/hulp/",
    "hulp-stap-2-waar": "/hulp/?wie=jongere",
    "hulp-stap-3-gevaar": "/hulp/?wie=jongere&waar=online",
    "hulp-stap-1-fout": "/hulp/?wie=",
    "hulp-stap-2-fout": "/hulp/?wie=ouder&waar=maan",
    "hulp-stap-3-fout": "/hulp/route/?wie=werknemer&waar=werk",
    "hulp-vorige-stap": "/hulp/?wie=school&waar=school&stap=2",
    "hulp-route-jongere-online-gevaar": "/hulp/route/?wie=jongere&waar=online&gevaar=ja",
    "hulp-route-ouder-school": "/hulp/route/?wie=ouder&waar=school&gevaar=nee",
    "hulp-route-werknemer-werk": "/hulp/route/?wie=werknemer&waar=werk&gevaar=nee",
    "hulp-route-werkgever-werk": "/hulp/route/?wie=werkgever&waar=werk&gevaar=twijfel",
    "hulp-route-vereniging": "/hulp/route/?wie=vereniging&waar=vereniging&gevaar=nee",
    "hulp-route-omstaander-elders": "/hulp/route/?wie=omstaander&waar=elders&gevaar=nee",
    "hulp-route-school-online": "/hulp/route/?wie=school&waar=online&gevaar=nee",
    "hulp-melden": "/hulp/melden/",
    "hulp-melden-instagram": "/hulp/melden/instagram/",
    "hulp-melden-online-games": "/hulp/melden/online-games/",
    "hulp-bewijs-bewaren": "/hulp/bewijs-bewaren/",
    "hulp-hulplijnen": "/hulp/hulplijnen/",
    "hulp-route-sextortion": "/hulp/route/sextortion/",  # where search results lead
}

PLANNING_PAGES = ["zelfscan", "zelfscan-school", "zelfscan-actieplan", "vergelijk", "mijn-lijst"]

PAGE_NAMES = (
    ["home"]
    + [f"doelgroep{path.rstrip('/')}" for path in AUDIENCE_PAGES]
    + [f"{kind}-{suffix}" for kind in SECTIONS for suffix in ("overzicht", "pagina")]
    + [f"inhoud{path.rstrip('/')}" for path in CONTENT_PAGES]
    + ["zoeken-leeg", "zoeken-vraag", "zoeken-filter", "zoeken-geen-resultaten", "404"]
    + ["materiaal-voorstellen"]
    + list(HELP_PAGES)
    + PLANNING_PAGES
)


def resolve(site: Site, name: str) -> str:
    """The path of a named page on the live server (the first item of a section, ...)."""
    if name == "home":
        return "/"
    if name == "404":
        return "/deze-pagina-bestaat-niet/"
    if name in HELP_PAGES:
        return HELP_PAGES[name]
    if name.startswith(("doelgroep/", "inhoud/")):
        return f"/{name.split('/', 1)[1]}/"
    if name == "materiaal-voorstellen":
        return "/materiaal-voorstellen/"
    if name == "zoeken-leeg":
        return "/zoeken/"
    if name == "zoeken-vraag":
        return "/zoeken/?q=pesten"
    if name == "zoeken-geen-resultaten":
        return "/zoeken/?q=xqzwvy"
    if name == "zoeken-filter":
        parser = site.parse("/zoeken/?q=pesten")
        for field, value in parser.checkboxes:
            if field != "q":
                return f"/zoeken/?q=pesten&{field}={value}"
        raise LookupError("The search page shows no facet to filter on.")
    if name in PLANNING_PAGES:
        return _planning_path(site, name)
    kind, suffix = name.rsplit("-", 1)
    section = SECTIONS[kind]
    return section if suffix == "overzicht" else site.first_child(section)



def _planning_path(site: Site, name: str) -> str:
    """Self-assessment, action plan (every question answered "nee"), comparison, empty list."""
    if name == "zelfscan":
        return "/zelfscan/"
    if name == "zelfscan-school":
        return "/zelfscan/school/"
    if name == "zelfscan-actieplan":
        names = dict.fromkeys(field for field, _ in site.parse("/zelfscan/school/").checkboxes)
        return "/zelfscan/school/actieplan/?" + "&".join(f"{field}=nee" for field in names)
    if name == "vergelijk":
        ids = [value for field, value in site.parse("/goede-praktijken/").checkboxes if field == "id"]
        return "/vergelijk/?" + "&".join(f"id={value}" for value in ids[:3])
    return "/mijn-lijst/"
