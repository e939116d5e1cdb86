"""Someone who writes that they are bullied gets the help lines above the results.

"ik word gepest" found material but no help line: the starting list only knew the words for
asking help ("hulp", "melden"), not a victim's own words. Added as help questions (the results
stay); phrases an editor already has are left as they are, and removing this migration's
phrases on the way back leaves the editors' own untouched.
"""

from django.db import migrations

VICTIM = [
    (
        "ik word gepest",
        "ik wordt gepest\nik ben gepest\nik werd gepest\nik word gecyberpest\nik word uitgescholden\n"
        "ik word uitgelachen\nik word buitengesloten\nik word uitgesloten\nze pesten mij\nze pesten me\n"
        "iedereen pest mij\niedereen pest me\nhij pest mij\nzij pest mij",
    ),
    (
        "mijn kind wordt gepest",
        "mijn kind word gepest\nons kind wordt gepest\nmijn zoon wordt gepest\nmijn dochter wordt gepest\n"
        "mijn kind is gepest\nmijn kind werd gepest",
    ),
]


def seed(apps, schema_editor):
    CrisisPhrase = apps.get_model("helpfinder", "CrisisPhrase")
    for phrase, variants in VICTIM:
        CrisisPhrase.objects.get_or_create(phrase=phrase, defaults={"kind": "hulp", "variants": variants})


def unseed(apps, schema_editor):
    CrisisPhrase = apps.get_model("helpfinder", "CrisisPhrase")
    for phrase, variants in VICTIM:
        CrisisPhrase.objects.filter(phrase=phrase, variants=variants).delete()


class Migration(migrations.Migration):
    dependencies = [("helpfinder", "0008_seed_crisis_phrases")]
    operations = [migrations.RunPython(seed, unseed)]
