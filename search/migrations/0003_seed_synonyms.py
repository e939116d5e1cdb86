from django.db import migrations

GROUPS = [
    ("pesten, gepest, pest, pesterij, pesterijen, pester, pesters, pestkop, pestkoppen, pestgedrag, gepeste",
     "Vormen van het woord pesten: vervoegingen zoeken elkaar niet vanzelf."),
    ("sexting, sexten, naaktfoto, naaktfoto's, naaktbeelden", ""),
    ("werkvloer, werkplek, arbeidsplaats, werkplaats", "Pesten op het werk."),
    ("kleuter, kleuters, kleuterschool, kleuteronderwijs", ""),
    ("leerling, leerlingen, scholier, scholieren", ""),
    ("jongere, jongeren, tiener, tieners", ""),
    ("school, scholen", ""),
    ("slachtoffer, slachtoffers", ""),
    ("dader, daders", ""),
    ("omstander, omstanders, toeschouwer, toeschouwers", ""),
    ("melden, melding, meldingen, meldpunt, aangifte", ""),
    ("uitsluiting, uitsluiten, buitensluiten", ""),
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for words, note in GROUPS:
        SynonymGroup.objects.get_or_create(words=words, defaults={"note": note})


def unseed(apps, schema_editor):
    apps.get_model("search", "SynonymGroup").objects.filter(words__in=[w for w, _ in GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]

    operations = [migrations.RunPython(seed, unseed)]
