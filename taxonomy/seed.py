"""The taxonomy values of the brief. Used by the seeding migration and by tests."""

AUDIENCES = [
    ("onderwijs", "Onderwijs"),
    ("jeugdwerk-sport-cultuur", "Jeugdwerk, sport en cultuur"),
    ("werkgevers-werknemers", "Werkgevers en werknemers"),
    ("zorg-welzijn", "Zorg en welzijn"),
    ("ouders", "Ouders"),
    ("jongeren", "Jongeren"),
    ("onderzoek-beleid", "Onderzoek en beleid"),
]
TOPICS = [
    ("pesten", "Pesten"),
    ("cyberpesten", "Cyberpesten"),
    ("sexting", "Sexting en secundaire sexting"),
    ("online-haat", "Haatpagina's en online haat"),
    ("uitsluiting-roddel", "Uitsluiting en roddel"),
    ("bedreiging", "Bedreiging"),
    ("nepaccounts", "Anonieme en nepaccounts"),
    ("pesten-op-het-werk", "Pesten op het werk"),
]
APPROACHES = [
    ("preventie", "Preventie"),
    ("sensibilisering", "Sensibilisering"),
    ("melden", "Melden"),
    ("coping", "Coping"),
    ("omstanders", "Omstanders"),
    ("daderaanpak", "Daderaanpak"),
    ("herstelgericht", "Herstelgericht"),
    ("no-blame", "No-blame"),
    ("disciplinerend", "Disciplinerend"),
    ("nazorg", "Nazorg"),
]
AGE_GROUPS = [
    ("kleuter", "Kleuter (2,5–6)"),
    ("lager", "Lager (6–12)"),
    ("secundair", "Secundair (12–18)"),
    ("jongvolwassen", "Jongvolwassen (18–25)"),
    ("volwassen", "Volwassen"),
]
SETTINGS = [
    ("school", "School"),
    ("vereniging", "Vereniging"),
    ("werkvloer", "Werkvloer"),
    ("thuis", "Thuis"),
    ("online", "Online"),
    ("zorg", "Zorg"),
]
SCHOOL_STRATEGIES = [
    ("educatie", "Educatie"),
    ("structurele-maatregelen", "Structurele maatregelen"),
    ("afspraken", "Afspraken"),
    ("zorg-en-begeleiding", "Zorg en begeleiding"),
]
SCHOOL_LEVELS = [
    ("leerling", "Leerling"),
    ("klas", "Klas"),
    ("school", "School"),
    ("omgeving", "Omgeving"),
]

TAXONOMY = {
    "Audience": AUDIENCES,
    "Topic": TOPICS,
    "Approach": APPROACHES,
    "AgeGroup": AGE_GROUPS,
    "Setting": SETTINGS,
    "SchoolStrategy": SCHOOL_STRATEGIES,
    "SchoolLevel": SCHOOL_LEVELS,
}


def seed(get_model):
    """Create the brief's values (idempotent); `get_model` is `apps.get_model` bound to taxonomy."""
    for model_name, values in TAXONOMY.items():
        model = get_model(model_name)
        for order, (slug, name) in enumerate(values):
            model.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    strategy_model, level_model = get_model("SchoolStrategy"), get_model("SchoolLevel")
    cell_model = get_model("WholeSchoolCell")
    for strategy in strategy_model.objects.all():
        for level in level_model.objects.all():
            cell_model.objects.get_or_create(strategy=strategy, level=level)
